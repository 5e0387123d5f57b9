#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

#include <type_traits>
#include <utility>

namespace shopdesk {

// Calls `callback(result)` on the context's thread (the GUI thread for a
// widget) once `future` has its result. The watcher is a child of `context`:
// if the context (a dialog, a page) is destroyed first, the callback never
// runs on it. Pages hand it the futures of their feature's service:
//   whenReady(this, StockService(actor).adjust(change), [this](const Result<StockRow> &r) {…});
template<typename T, typename Callback>
void whenReady(QObject *context, QFuture<T> future, Callback callback)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, callback = std::move(callback)]() mutable {
                         callback(watcher->future().result());
                         watcher->deleteLater();
                     });
    watcher->setFuture(std::move(future));
}

// Runs `task` on the global thread pool and `callback(result)` on the
// context's thread when it is done (see whenReady).
template<typename Task, typename Callback>
void runThenCallback(QObject *context, Task task, Callback callback)
{
    whenReady(context, QtConcurrent::run(std::move(task)), std::move(callback));
}

} // namespace shopdesk
