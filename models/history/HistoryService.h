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
    QFuture<Result<HistoryChoices>> filterChoices() const;
};

} // namespace shopdesk
