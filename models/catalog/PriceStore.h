#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace shopdesk {

// One price of a product from the moment it holds (product_prices, 0018).
struct PriceEntry
{
    qint64 id = 0;
    qint64 price = 0; // minor units; per kilogram when sold by weight
    std::optional<qint64> previous; // the price before it; none for the first
    QDateTime validFrom;
    bool scheduled = false; // its moment is still to come
    QString staffName; // who set it; empty when unknown (the feed, old rows)
    QString reason;
    QDateTime createdAt;
};

struct ScheduledPrice
{
    QString plu;
    qint64 price = 0;
    QDateTime validFrom; // must be later than now
    QString reason;
};

// A product's prices: the ones it had and the ones scheduled, and the price
// that holds at a moment. The till charges price_at(product, now()) (see
// OrderPlacement, ProductStore), so a scheduled price counts from its moment
// whether or not applyDue has copied it into products yet.
class PriceStore
{
    Q_DECLARE_TR_FUNCTIONS(PriceStore)
public:
    explicit PriceStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Schedules a price from a later moment. Refused, writing nothing: a
    // price out of range ("price"), a moment not after now or one at which
    // the product already has a price ("valid_from"), an unknown product
    // ("plu"), a reason over 500 characters ("reason"). The product's
    // updated_at moves, so the catalog feed sends it again with the schedule.
    Result<PriceEntry> schedule(const Actor &actor, const ScheduledPrice &price);
    // Cancels the price scheduled from `validFrom`, before it starts: the
    // price goes from the list, its waiting "from" tag from the label
    // queue, and the cancellation is kept in the product's changes and
    // history. Refused, writing nothing: an unknown product ("plu"), no
    // price scheduled at that moment or one that has started ("valid_from"),
    // a price a price-change document set (Conflict: the document is the
    // record; "valid_from"), a reason over 500 characters ("reason"). The
    // product's updated_at moves, so the feed tells the shops.
    Result<PriceEntry> cancelScheduled(const Actor &actor, const QString &plu,
                                       const QDateTime &validFrom, const QString &reason);
    // Every price of the product, the latest moment first: the scheduled ones,
    // then the current one, then the history.
    Result<QList<PriceEntry>> list(const QString &plu) const;
    // The price of the product at `at` (what a sale at that moment charges).
    Result<qint64> priceAt(const QString &plu, const QDateTime &at) const;
    // Copies the scheduled prices that are due into products (for lists,
    // exports and the feed); returns how many products changed.
    Result<int> applyDue();

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::PriceEntry)
