#pragma once

#include "ui/checkout/CardPaymentDialog.h"

#include <QApplication>
#include <QTest>
#include <QTimer>

#include <memory>

namespace shopdesk::test {

// The cashier at a standalone card terminal: every card payment dialog that
// comes up while the returned timer lives is confirmed with Enter, as the
// cashier does once the terminal shows the payment approved.
inline std::unique_ptr<QTimer> approveCardPayments()
{
    auto timer = std::make_unique<QTimer>();
    timer->setInterval(20);
    QObject::connect(timer.get(), &QTimer::timeout, timer.get(), [] {
        if (auto *dialog = qobject_cast<CardPaymentDialog *>(QApplication::activeModalWidget()))
            QTest::keyClick(dialog, Qt::Key_Return);
    });
    timer->start();
    return timer;
}

} // namespace shopdesk::test
