#pragma once

#include "Result.h"
#include "models/db/Database.h"

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

#include <type_traits>
#include <utility>

namespace shopdesk {

// Runs `task` on the global thread pool and `callback(result)` on the GUI
// thread when it is done. The watcher is a child of `context`: if the context
// (a dialog, a page) is destroyed first, the callback never runs on it.
// Database work inside `task` uses Database::threadConnection(), the pool
// thread's own connection.
template<typename Task, typename Callback>
void runThenCallback(QObject *context, Task task, Callback callback)
{
    using ResultType = std::invoke_result_t<Task>;
    auto *watcher = new QFutureWatcher<ResultType>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, callback = std::move(callback)]() mutable {
                         callback(watcher->future().result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(QtConcurrent::run(std::move(task)));
}

// Runs `call(db)` on the calling pool thread's own connection (opened on
// first use); a connection that cannot be opened becomes the call's error.
// For the `task` of runThenCallback.
template<typename Call>
auto onThreadDatabase(Call call) -> decltype(call(std::declval<const QSqlDatabase &>()))
{
    QString error;
    const QSqlDatabase db = Database::threadConnection(&error);
    if (!db.isOpen())
        return StoreError::database(error);
    return call(db);
}

} // namespace shopdesk
