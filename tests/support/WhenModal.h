#pragma once

#include <QApplication>
#include <QScopeGuard>
#include <QTest>
#include <QTimer>

#include <memory>

namespace shopdesk::test {

// Calls `drive` with the modal dialog of type T once it is up. Pages open
// their dialogs with exec(), often from a database callback, so a polling
// timer reaches into the dialog's own event loop (a zero timer could fire
// before the dialog is shown). Keep the returned timer alive until then.
template<typename T, typename Drive>
std::unique_ptr<QTimer> whenModal(Drive drive)
{
    auto timer = std::make_unique<QTimer>();
    timer->setInterval(20);
    QTimer *t = timer.get();
    QObject::connect(t, &QTimer::timeout, t, [t, drive] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            t->stop();
            // A failed check must not leave the page's exec() waiting.
            auto closeOnFailure = qScopeGuard([dialog] {
                if (QTest::currentTestFailed() && dialog->isVisible())
                    dialog->reject();
            });
            drive(dialog);
        }
    });
    t->start();
    return timer;
}

} // namespace shopdesk::test
