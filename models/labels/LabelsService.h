#pragma once

#include "LabelQueueStore.h"
#include "models/stock/StockFilter.h"
#include "models/stock/StockStore.h"

#include <QFuture>

namespace shopdesk {

// Shelf labels for the pages and dialogs: each call runs on a pool thread's
// own connection and answers through its future (see whenReady).
class LabelsService
{
public:
    // The most stock rows one print run takes from a filtered list.
    static constexpr int kMaxFilteredLabels = 2000;

    explicit LabelsService(Actor actor = {}) : m_actor(std::move(actor)) { }

    // The labels waiting to be printed in the actor's shop.
    QFuture<Result<QList<QueuedLabel>>> waiting(int limit = LabelQueueStore::kMaxList) const;
    QFuture<Result<int>> request(const QList<qint64> &productIds) const;
    QFuture<Result<int>> markPrinted(const QList<QueuedLabel> &printed) const;
    // The first `limit` rows of the Stock page's filter, in its order.
    QFuture<Result<QList<StockRow>>> stockRows(const StockFilter &filter, const StockOrder &order,
                                               int limit = kMaxFilteredLabels) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
