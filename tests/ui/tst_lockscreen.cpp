// Locking the till and changing the person at it, as staff would: the open
// sale survives both.

#include "CardApproval.h"
#include "DemoSession.h"
#include "TestDatabase.h"
#include "models/checkout/CartModel.h"
#include "models/checkout/ReceiptPrintQueue.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "models/staff/StaffStore.h"
#include "ui/MainWindow.h"
#include "ui/checkout/CheckoutPage.h"
#include "ui/session/LockScreen.h"

#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestLockScreen : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::TestDatabase> m_tdb;
    QString m_plu;

    Session session(const QString &login, const QString &password)
    {
        return test::demoSession(*m_tdb, login, password);
    }

    // A window with one line rung up on its till.
    static bool ringUp(MainWindow &window, const QString &plu)
    {
        window.showPage(u"checkout"_s);
        auto *page = window.findChild<CheckoutPage *>();
        QTest::keyClicks(page->scanField(), plu);
        QTest::keyClick(page->scanField(), Qt::Key_Return);
        return QTest::qWaitFor([page] { return page->cart()->rowCount() == 1; }, 10000);
    }

    static void typeAndSubmit(MainWindow &window, const QString &login, const QString &secret)
    {
        auto *loginEdit = window.findChild<QLineEdit *>(u"lockLogin"_s);
        auto *secretEdit = window.findChild<QLineEdit *>(u"lockSecret"_s);
        loginEdit->clear();
        QTest::keyClicks(loginEdit, login);
        QTest::keyClicks(secretEdit, secret);
        QTest::keyClick(secretEdit, Qt::Key_Return);
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        AppSettings().setLockAfterMinutes(0); // each test sets its own idle time
        m_tdb = std::make_unique<test::TestDatabase>(u"lockscreen"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 100;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        QVERIFY(m_tdb->openShift(1)); // no shift, no sale
        m_plu = Sql::scalar(m_tdb->db(),
                            u"SELECT s.plu FROM stocks s JOIN products p ON p.id = s.product_id "
                            "WHERE s.shop_id = 1 AND s.shelf_qty > 5 AND NOT p.sold_by_weight "
                            "ORDER BY s.plu LIMIT 1"_s)
                    .value()
                    .toString();
        QVERIFY(!m_plu.isEmpty());
    }

    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    void lockKeepsTheSaleAndOnlyItsOwnerUnlocks()
    {
        MainWindow window(session(u"cashier"_s, u"cashier123"_s));
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(ringUp(window, m_plu));
        auto *cart = window.findChild<CheckoutPage *>()->cart();

        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(window.isLocked());
        auto *lockScreen = window.findChild<LockScreen *>();
        QVERIFY(lockScreen->isVisible());
        QCOMPARE(lockScreen->geometry(), window.rect());
        QVERIFY(!window.centralWidget()->isEnabled());
        QCOMPARE(window.findChild<QLineEdit *>(u"lockLogin"_s)->text(), u"cashier"_s);

        // Nothing on the till answers while it is locked: no payment, no change.
        QTest::keyClick(&window, Qt::Key_F9);
        QTest::keyClick(&window, Qt::Key_Delete);
        QTest::qWait(200);
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(cart->rowCount(), 1);

        typeAndSubmit(window, u"cashier"_s, u"wrong-password"_s);
        auto *message = window.findChild<QLabel *>(u"lockMessage"_s);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(u"password"_s, Qt::CaseInsensitive),
                                 10000);
        QVERIFY(window.isLocked());

        typeAndSubmit(window, u"cashier"_s, u"cashier123"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLocked(), 10000);
        QVERIFY(window.centralWidget()->isEnabled());
        // Back at the scan field: the next scan goes into the sale.
        QTRY_VERIFY(window.findChild<CheckoutPage *>()->scanField()->hasFocus());
        QCOMPARE(cart->rowCount(), 1);
        QCOMPARE(cart->productAt(0).plu, m_plu);

        // With a PIN from the administrator, the PIN unlocks too.
        const Session admin = session(u"admin"_s, u"admin123"_s);
        QVERIFY(
            StaffStore(m_tdb->db()).setPin(admin.actor, window.session().actor.staffId, u"4826"_s));
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(window.isLocked());
        typeAndSubmit(window, u"cashier"_s, u"4826"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLocked(), 10000);
        QCOMPARE(cart->rowCount(), 1);
    }

    void anotherPersonTakesOverTheOpenSale()
    {
        auto *window = new MainWindow(session(u"cashier"_s, u"cashier123"_s));
        window->resize(1200, 760);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(ringUp(*window, m_plu));
        QPointer<MainWindow> previous(window);

        QSignalSpy switched(window, &MainWindow::userSwitchRequested);
        QTest::keyClick(window, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(window->isLocked());
        QVERIFY(window->findChild<QLineEdit *>(u"lockLogin"_s)->text().isEmpty());
        typeAndSubmit(*window, u"manager"_s, u"manager123"_s);
        QVERIFY(switched.wait(10000));
        const Session next = switched.first().at(0).value<Session>();
        QCOMPARE(next.actor.login, u"manager"_s);
        QCOMPARE(next.shop.id, window->session().shop.id);

        std::unique_ptr<MainWindow> taken(MainWindow::takeOver(window, next));
        QTRY_VERIFY(previous.isNull()); // the cashier's window is gone
        QCOMPARE(taken->session().actor.login, u"manager"_s);
        QVERIFY(!taken->isLocked());
        auto *cart = taken->findChild<CheckoutPage *>()->cart();
        QCOMPARE(cart->rowCount(), 1);
        QCOMPARE(cart->productAt(0).plu, m_plu);
        QCOMPARE(taken->currentPageKey(), u"checkout"_s);
    }

    // A receipt that failed to print is not lost with the cashier's window:
    // after the change of user, F7 prints it on the next person's till.
    void aFailedReceiptPrintsAfterAChangeOfUser()
    {
        // A port with no printer on it yet (the printer is "switched off"):
        // held by a socket that is bound but does not listen, so connections
        // are refused and nothing else can take the port meanwhile.
        QTcpSocket holder;
        QVERIFY(holder.bind(QHostAddress::LocalHost, 0));
        const quint16 port = holder.localPort();
        AppSettings().setReceiptPrinter(u"127.0.0.1:%1"_s.arg(port));
        auto forget = qScopeGuard([] { AppSettings().setReceiptPrinter({}); });

        auto *window = new MainWindow(session(u"cashier"_s, u"cashier123"_s));
        window->resize(1200, 760);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(ringUp(*window, m_plu));
        auto *till = window->findChild<CheckoutPage *>();
        QSignalSpy paid(till, &CheckoutPage::orderPaid);
        QSignalSpy failed(till->printQueue(), &ReceiptPrintQueue::failed);
        auto approveCard = test::approveCardPayments();
        QTest::keyClick(till->scanField(), Qt::Key_F10); // card
        QVERIFY(paid.wait(15000));
        const QString number = paid.first().at(0).value<Order>().number;
        QVERIFY(failed.wait(30000));

        QSignalSpy switched(window, &MainWindow::userSwitchRequested);
        QTest::keyClick(window, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        typeAndSubmit(*window, u"manager"_s, u"manager123"_s);
        QVERIFY(switched.wait(10000));
        std::unique_ptr<MainWindow> taken(
            MainWindow::takeOver(window, switched.first().at(0).value<Session>()));
        QVERIFY(QTest::qWaitForWindowExposed(taken.get()));
        taken->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(taken.get()));
        auto *next = taken->findChild<CheckoutPage *>();
        QCOMPARE(next->printQueue()->failedJobs().size(), 1);

        // The printer is on again: F7 on the manager's till prints that receipt.
        holder.close();
        QTcpServer printer;
        QVERIFY(printer.listen(QHostAddress::LocalHost, port));
        QSignalSpy printed(next->printQueue(), &ReceiptPrintQueue::printed);
        QByteArray received;
        connect(&printer, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = printer.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, this,
                    [&received, socket] { received += socket->readAll(); });
        });
        QTest::keyClick(next->scanField(), Qt::Key_F7);
        QTRY_VERIFY_WITH_TIMEOUT(received.contains(number.toLatin1()), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(printed.size(), 1, 15000);
        QCOMPARE(printed.first().at(1).toString(), number);
        QVERIFY(next->printQueue()->failedJobs().isEmpty());
    }

    // Someone else signs in while a payment is still on its way: the payment
    // finishes on the cashier's till first (the sale is closed there, not
    // carried over to be sold twice), then the till changes hands.
    void aPaymentUnderWayFinishesBeforeTheChangeOfUser()
    {
        auto *window = new MainWindow(session(u"cashier"_s, u"cashier123"_s));
        window->resize(1200, 760);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(ringUp(*window, m_plu));
        auto *till = window->findChild<CheckoutPage *>();

        // The product's stock row is held by another session: the payment waits on it.
        ScopedConnection holder(m_tdb->config(), u"holder"_s);
        QVERIFY(holder.isOpen());
        QVERIFY(holder.db().transaction());
        QVERIFY(Sql::run(holder.db(),
                         u"SELECT id FROM stocks WHERE plu = ? AND shop_id = 1 FOR UPDATE"_s,
                         {m_plu})
                    .ok());
        QSignalSpy paid(till, &CheckoutPage::orderPaid);
        auto approveCard = test::approveCardPayments();
        QTest::keyClick(till->scanField(), Qt::Key_F10); // card
        QVERIFY(till->isBusy());

        // Handed over the way the application does it: at once, on the signal.
        std::unique_ptr<MainWindow> taken;
        QSignalSpy switched(window, &MainWindow::userSwitchRequested);
        connect(window, &MainWindow::userSwitchRequested, this,
                [&](const Session &next) { taken.reset(MainWindow::takeOver(window, next)); });
        QTest::keyClick(window, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        typeAndSubmit(*window, u"manager"_s, u"manager123"_s);
        // Signed in, but the till is not handed over while the payment waits,
        // and the lock screen says why.
        auto *message = window->findChild<QLabel *>(u"lockMessage"_s);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(u"payment"_s), 10000);
        const bool heldBack = switched.isEmpty() && paid.isEmpty();
        QVERIFY(holder.db().commit());
        QVERIFY(heldBack);

        QTRY_VERIFY_WITH_TIMEOUT(taken != nullptr, 15000);
        QCOMPARE(paid.size(), 1); // paid on the cashier's till, before the handover
        auto *next = taken->findChild<CheckoutPage *>();
        QCOMPARE(next->cart()->rowCount(), 0); // nothing left to sell twice
        QVERIFY(!next->isBusy());
    }

    void idleTillLocksItself()
    {
        MainWindow window(session(u"cashier"_s, u"cashier123"_s));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Wide margins: a key every 300 ms against 3 s of idle time, so a busy
        // machine cannot make the activity look like a pause.
        window.setIdleLock(3000);
        // Someone working at the till keeps it open...
        for (int i = 0; i < 15; ++i) {
            QTest::qWait(300);
            QTest::keyClick(window.findChild<CheckoutPage *>()->scanField(), Qt::Key_Shift);
        }
        QVERIFY(!window.isLocked());
        // ...and it locks once they walk away.
        QTRY_VERIFY_WITH_TIMEOUT(window.isLocked(), 15000);
    }

    // A dialog left open does not keep the till unlocked, nor sit above the lock.
    void idleLockClosesADialogLeftOpen()
    {
        MainWindow window(session(u"cashier"_s, u"cashier123"_s));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // (The dialog's exec() runs inside the test's own waiting: the idle
        // time is set first, so the lock is what ends it.)
        window.setIdleLock(500);
        bool opened = false, returned = false;
        QTimer::singleShot(0, &window, [&] {
            QDialog dialog(window.findChild<CheckoutPage *>());
            opened = true;
            dialog.exec();
            returned = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(window.isLocked(), 5000);
        QVERIFY(opened);
        QVERIFY(returned);
        QVERIFY(!QApplication::activeModalWidget());
        // And a locked window does not close.
        window.close();
        QVERIFY(window.isVisible());
        typeAndSubmit(window, u"cashier"_s, u"cashier123"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLocked(), 10000);
    }
};

QTEST_MAIN(TestLockScreen)
#include "tst_lockscreen.moc"
