#pragma once

#include "HistoryStore.h"
#include "models/shops/ShopStore.h"
#include "models/staff/StaffStore.h"

#include <QFuture>

namespace shopdesk {

// What the history filters offer to choose from.
struct HistoryChoices
{
    QList<Shop> shops;
    QList<StaffName> staff;
};

// The History and Reports pages' way to what the history filters need: run
// on a pool thread's own connection, answered through a future (see
// whenReady). The rows themselves come through HistoryModel.
class HistoryService
{
public:
    explicit HistoryService(Actor reader = {}) : m_reader(std::move(reader)) { }

    QFuture<Result<HistoryChoices>> filterChoices() const;
    // The newest `limit` rows the filter matches (a product card's recent
    // movements); the reader needs ViewHistory.
    QFuture<Result<QList<HistoryEntry>>> newest(const HistoryFilter &filter, int limit) const;

private:
    Actor m_reader;
};

} // namespace shopdesk
