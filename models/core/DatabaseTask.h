#pragma once

#include "models/core/Result.h"
#include "models/db/Database.h"

#include <QFuture>
#include <QtConcurrent>

#include <utility>

namespace shopdesk {

// Runs `call(db)` on the calling pool thread's own connection (opened on
// first use); a connection that cannot be opened becomes the call's error.
template<typename Call>
auto onThreadDatabase(Call call) -> decltype(call(std::declval<const QSqlDatabase &>()))
{
    QString error;
    const QSqlDatabase db = Database::threadConnection(&error);
    if (!db.isOpen())
        return StoreError::database(error);
    return call(db);
}

// Runs `call(db)` on a pool thread, on that thread's own connection, and
// gives its Result through a future: what every feature's service is made
// of, so no page ever holds a connection or waits for one.
template<typename Call>
auto onDatabase(Call call) -> QFuture<decltype(call(std::declval<const QSqlDatabase &>()))>
{
    return QtConcurrent::run(
        [call = std::move(call)]() mutable { return onThreadDatabase(std::move(call)); });
}

} // namespace shopdesk
