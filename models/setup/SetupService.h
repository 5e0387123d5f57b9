#pragma once

#include "SetupStore.h"
#include "models/db/DbConfig.h"

#include <QFuture>

namespace shopdesk {

// Choosing a database and setting up an empty one, for the first-run and
// connection dialogs: off the GUI thread, answered through a future (see
// whenReady).
class SetupService
{
public:
    // Creates the shop and its administrator in an empty database.
    QFuture<Result<SetupStore::Created>>
    initialize(const QString &shopCode, const QString &shopName, const NewStaff &admin) const;
    // Opens (and closes) a connection to `target`: the error says why it failed.
    QFuture<Result<void>> tryConnect(const DbConfig &target) const;
};

} // namespace shopdesk
