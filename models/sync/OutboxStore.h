#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace shopdesk {

// An event of the shop's transactional outbox, waiting for central.
struct OutboxEvent
{
    qint64 id = 0;
    QString idempotencyKey;
    QString type;
    QJsonObject payload;
    QDateTime createdAt;
    QString createdAtIso; // exact to the microsecond, UTC, for central
    int attempts = 0;
    QString lastError;
    bool rejected = false; // central refused it; waits for its cause to go
    QString rejectedCode; // central's machine code: invalid, forbidden, not_found, conflict
    QString rejectedField; // the payload field at fault ("payload.plu"), when central named one
};

struct OutboxCounts
{
    qint64 unsent = 0; // still to push (refused ones not included)
    qint64 rejected = 0; // refused by central, set aside
};

// The shop's side of the outbox: events are written by the stores with the
// change they describe; the sync engine pushes them in id order and marks
// what central acknowledged.
class OutboxStore
{
    Q_DECLARE_TR_FUNCTIONS(OutboxStore)
public:
    static constexpr char kIntroducedName[] = "central_introduced";

    explicit OutboxStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // The oldest events still to push (not sent, not rejected): products
    // first, so central knows a product before the stock events that name it.
    Result<QList<OutboxEvent>> nextBatch(int limit) const;
    // Events not yet sent, rejected ones first, for the Sync page.
    Result<QList<OutboxEvent>> pending(int limit) const;
    Result<OutboxCounts> counts() const;

    // Central applied these (now or before): done with them. Gives the PLUs
    // of the products among them (central has those now).
    Result<QStringList> markSent(const QStringList &keys);
    // Central refused this one for its content: keep it, with central's code,
    // the field at fault and its message, out of the pushes until its cause
    // is gone (requeueCured) or someone retries it.
    Result<void> markRejected(const QString &key, const QString &code, const QString &field,
                              const QString &message);
    // The push failed (network, central's database): try again later.
    Result<void> recordFailure(const QList<qint64> &ids, const QString &error);
    // Puts rejected events back in the queue (all of them when `ids` is
    // empty); a manager's decision (ConfigureTill).
    Result<qint64> retryRejected(const Actor &actor, const QList<qint64> &ids = {});
    // Puts back in the queue the refused events whose cause is gone: stock
    // events refused for an unknown product once central has it (`centralHas`:
    // PLUs central acknowledged or sent in its catalog), and products refused
    // for a barcode central gives another product once the barcode changed
    // here (they go as the product now is). Returns how many.
    Result<qint64> requeueCured(const QStringList &centralHas);

    // The first sync with a head office (`centralId`: a fingerprint of its
    // token) introduces the shop to it: queues the products this database
    // has and the stock of the shop `shopCode` (every shop when empty) that
    // no unsent event will bring there anyway, because they were made before
    // the shop was enrolled, or sent to another head office. Once per
    // head office; nothing is queued when already done.
    struct Introduction
    {
        bool queued = false; // false: this head office already knows the shop
        qint64 products = 0;
        qint64 stocks = 0;
    };
    Result<Introduction> introduceTo(const QString &centralId, const QString &shopCode);

private:
    Result<QList<OutboxEvent>> select(const QString &where, int limit) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk
