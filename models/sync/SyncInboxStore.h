#pragma once

#include "TokenStore.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace shopdesk {

// One event a shop pushed from its outbox.
struct IncomingEvent
{
    QString idempotencyKey; // a UUID
    QString type; // product.created, stock.created, stock.changed
    QJsonObject payload;
    QString createdAt; // ISO 8601, when the shop recorded it
};

// What became of an event: applied now, applied before (a resend), or
// refused for its content (it will not succeed by sending it again).
struct EventAck
{
    enum class Status { Applied, Duplicate, Rejected };
    QString idempotencyKey;
    Status status = Status::Rejected;
    QString errorCode; // rejected only: invalid, forbidden, not_found, conflict
    QString errorMessage;
    // The payload field at fault ("payload.plu": the product is unknown;
    // "payload.shop_code": the shop), so a shop can say why in its own
    // words and tell which refusals a later event can cure.
    QString errorField;

    static QString statusName(Status status);
};

// Central's side of the outbox: applies a batch of shop events, each exactly
// once. The event's key is recorded in the same transaction as its effect, so
// a batch resent after a lost acknowledgement changes nothing the second time.
// A shop owns its stock: central mirrors the quantities the shop reported and
// copies the shop's history row.
class SyncInboxStore
{
    Q_DECLARE_TR_FUNCTIONS(SyncInboxStore)
public:
    static constexpr int kMaxBatch = 1000;

    explicit SyncInboxStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // One ack per event, in order. Fails only when the database does (then
    // nothing of the batch is kept and the shop sends it again).
    Result<QList<EventAck>> apply(const TokenOwner &caller, const QList<IncomingEvent> &events);

private:
    // Applies one event inside the batch's transaction; an ack, or the
    // database error that must abort the batch.
    Result<QList<EventAck>> applyBatch(const TokenOwner &caller, const QList<IncomingEvent> &events,
                                       bool savepoints);
    Result<EventAck> applyOne(const TokenOwner &caller, const IncomingEvent &event);
    Result<qint64> shopIdForCode(const QString &code);

    QSqlDatabase m_db;
    QHash<QString, qint64> m_shopIds;
};

} // namespace shopdesk
