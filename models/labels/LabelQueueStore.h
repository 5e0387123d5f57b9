#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace shopdesk {

// Why a product waits for a new shelf label.
enum class LabelReason {
    PriceChanged, // its price changed now
    PriceScheduled, // a price takes effect later: print the "from" tag ahead
    Requested, // someone asked for it
};

// One label waiting in the queue, with what the tag will say.
struct QueuedLabel
{
    qint64 id = 0;
    qint64 productId = 0;
    QString plu;
    QString name;
    QString barcode;
    qint64 price = 0; // the queued price, or the product's price now
    bool soldByWeight = false;
    LabelReason reason = LabelReason::Requested;
    QDateTime validFrom; // invalid: the price now
    QDateTime queuedAt;
    int revision = 1; // counts the times it was queued again while waiting
};

// The label queue (label_queue, migration 0019): filled whenever a price
// changes, listed for the Stock page's "Label queue…", marked printed.
class LabelQueueStore
{
    Q_DECLARE_TR_FUNCTIONS(LabelQueueStore)
public:
    static constexpr int kMaxList = 5000;

    explicit LabelQueueStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // For the price-change code: queues `productId`'s label inside the
    // caller's open transaction (no transaction and no permission check of
    // its own: the price change checked and holds them). `validFrom` set:
    // a scheduled price, its tag says "from" that day; `price` is the price
    // the tag shows (nothing: the product's price when printed). A label
    // already waiting for the same product and moment is refreshed, not
    // doubled.
    static Result<void> enqueue(const QSqlDatabase &db, qint64 productId,
                                const std::optional<QDateTime> &validFrom, LabelReason reason,
                                std::optional<qint64> price = std::nullopt, qint64 queuedBy = 0);

    // The same for many products in one statement (a price-change
    // document): `prices` empty, or one price per product.
    static Result<void> enqueueMany(const QSqlDatabase &db, const QList<qint64> &productIds,
                                    const std::optional<QDateTime> &validFrom, LabelReason reason,
                                    const QList<qint64> &prices = {}, qint64 queuedBy = 0);

    // Scheduled prices' "from" tags for many products in one statement,
    // each with its own moment and price (a catalog page from central).
    static Result<void> enqueueScheduled(const QSqlDatabase &db, const QList<qint64> &productIds,
                                         const QList<QDateTime> &validFroms,
                                         const QList<qint64> &prices);

    // Takes back the waiting "from" tag of a scheduled price that was
    // cancelled, in the caller's transaction (a printed one stays printed).
    static Result<void> withdraw(const QSqlDatabase &db, qint64 productId,
                                 const QDateTime &validFrom);

    // Queues labels for these products at today's prices (Requested).
    Result<int> request(const Actor &actor, const QList<qint64> &productIds);
    // The labels waiting for `shopId` (each shop prints its own: label_prints,
    // 0030), oldest first, at most `limit`.
    Result<QList<QueuedLabel>> waiting(qint64 shopId, int limit = kMaxList) const;
    Result<qint64> waitingCount(qint64 shopId) const;
    // Marks these listed labels printed for the actor's shop (by the actor,
    // now); the count marked. A label queued again since it was listed (a
    // newer price) is not what was printed: it stays on the queue. Other
    // shops still have them to print.
    Result<int> markPrinted(const Actor &actor, const QList<QueuedLabel> &printed);

    static QString reasonKey(LabelReason reason);
    static LabelReason reasonFromKey(const QString &key);
    static QString reasonText(LabelReason reason);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
