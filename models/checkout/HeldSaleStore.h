#pragma once

#include "OpenSale.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

namespace shopdesk {

// A sale parked at a till: put on hold to serve the next customer, kept in
// the database so that it survives a restart, recalled later.
struct ParkedSale
{
    qint64 id = 0;
    QString till;
    QString cashier;
    QDateTime parkedAt;
    qint64 total = 0;
    int units = 0;
    OpenSale sale;
};

// A line of a voided sale, at the price the till showed.
struct VoidedLine
{
    QString plu;
    QString name;
    qint64 quantity = 0; // pieces, or grams when weighed
    bool soldByWeight = false;
    qint64 unitPrice = 0; // per piece or per kg
};

// A sale dropped at the till with lines in it (F12), for the manager.
struct VoidedSale
{
    qint64 id = 0;
    QString till;
    QString cashier;
    QDateTime at;
    qint64 total = 0;
    QList<VoidedLine> lines;
};

// What the till keeps of sales that were not paid: the ones parked to be
// recalled, and the ones voided (F12 with lines in the cart) for the
// manager to see who dropped what.
class HeldSaleStore
{
    Q_DECLARE_TR_FUNCTIONS(HeldSaleStore)
public:
    explicit HeldSaleStore(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<qint64> park(const Actor &actor, qint64 shopId, const QString &till,
                        const OpenSale &sale, qint64 total, int units);
    // The till's parked sales, oldest first.
    Result<QList<ParkedSale>> parked(qint64 shopId, const QString &till) const;
    // Takes a parked sale off the list and gives it back (once: a second
    // recall of the same one is NotFound).
    Result<ParkedSale> recall(const Actor &actor, qint64 parkedId);
    // A sale dropped with lines in it: who, when, which lines, the total.
    Result<qint64> recordVoid(const Actor &actor, qint64 shopId, const QString &till,
                              const OpenSale &sale, qint64 total);
    // The shop's voided sales from `since` on, newest first, at most
    // `limit` of them; for those who manage orders.
    Result<QList<VoidedSale>> voided(const Actor &actor, qint64 shopId, const QDateTime &since,
                                     int limit = kMaxVoidedListed) const;
    static constexpr int kMaxVoidedListed = 1000;

    // The open sale as JSON and back (the prices a manager approved are not
    // kept: an approval belongs to the moment it was given).
    static QJsonObject toJson(const OpenSale &sale);
    static OpenSale fromJson(const QJsonObject &json);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
