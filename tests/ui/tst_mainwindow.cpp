#include "TestDatabase.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "models/setup/SetupStore.h"
#include "models/staff/StaffStore.h"
#include "ui/MainWindow.h"
#include "ui/common/MessageBanner.h"
#include "ui/session/FirstRunDialog.h"
#include "ui/session/LoginDialog.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Real widgets, offscreen, over a real database: what a member of staff sees.
class TestMainWindow : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_settingsDir;
    Shop m_shop;

    Session adminSession()
    {
        Session s;
        s.database = m_tdb->config();
        s.shop = m_shop;
        s.actor =
            StaffStore(m_tdb->db()).authenticate(u"boss"_s, u"boss-password"_s, m_shop.id).value();
        return s;
    }

private slots:
    void initTestCase()
    {
        // Every test run gets its own settings file.
        AppSettings::setFilePath(m_settingsDir.filePath(u"shopdesk.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"gui"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY(m_tdb->migrate());
        auto created =
            SetupStore(m_tdb->db())
                .initialize(u"MSK-01"_s, u"ShopDesk Тверская"_s,
                            NewStaff {u"boss"_s, u"Anna Boss"_s, Role::Admin, u"boss-password"_s});
        QVERIFY(created.ok());
        m_shop = ShopStore(m_tdb->db()).byId(created->shopId).value();
        Database::setDefaultConfig(m_tdb->config());
    }

    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    void loginFromTheKeyboardAlone()
    {
        LoginDialog dialog(m_shop, QString());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *login = dialog.findChild<QLineEdit *>(u"login"_s);
        QTRY_COMPARE(QApplication::focusWidget(), login);
        QTest::keyClicks(login, u"boss"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), u"boss-password"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 15000);
        QCOMPARE(dialog.actor().login, u"boss"_s);
        QCOMPARE(dialog.actor().role, Role::Admin);
        QCOMPARE(dialog.actor().shopId, m_shop.id);
    }

    void wrongPasswordStaysOnTheDialog()
    {
        LoginDialog dialog(m_shop, u"boss"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *password = dialog.findChild<QLineEdit *>(u"password"_s);
        QTRY_COMPARE(QApplication::focusWidget(), password); // the login is remembered
        QTest::keyClicks(password, u"guess"_s);
        QTest::keyClick(password, Qt::Key_Return);
        auto *banner = dialog.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
        QVERIFY2(banner->text().contains(u"Wrong login or password"_s), qPrintable(banner->text()));
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.actor().isValid()); // nobody signed in
        QTRY_VERIFY(password->isEnabled());
    }

    void everyPageIsReachableFromTheNavigation()
    {
        MainWindow window(adminSession());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *navigation = window.findChild<QListWidget *>(u"navigation"_s);
        auto *pages = window.findChild<QStackedWidget *>();
        QCOMPARE(navigation->count(), MainWindow::pageKeys().size());
        const QStringList titles {u"Checkout"_s,  u"Stock"_s,  u"History"_s,
                                  u"Customers"_s, u"Orders"_s, u"Reports"_s,
                                  u"Sync"_s,      u"Staff"_s,  u"Settings"_s};
        for (int i = navigation->count() - 1; i >= 0; --i) {
            QListWidgetItem *item = navigation->item(i);
            QCOMPARE(item->text(), titles.at(i));
            QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {},
                              navigation->visualItemRect(item).center());
            QCOMPARE(pages->currentWidget()->objectName(),
                     MainWindow::pageKeys().at(i) + u"Page"_s);
            auto *title = pages->currentWidget()->findChild<QLabel *>(u"pageTitle"_s);
            QVERIFY(title);
            QCOMPARE(title->text(), titles.at(i));
        }
        // And from the keyboard: Ctrl+3 is History.
        QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(window.currentPageKey(), u"history"_s);
    }

    void everyPageHasItsOwnIcon()
    {
        MainWindow window(adminSession());
        auto *navigation = window.findChild<QListWidget *>(u"navigation"_s);
        QSet<QByteArray> pictures;
        for (int i = 0; i < navigation->count(); ++i) {
            const QIcon icon = navigation->item(i)->icon();
            QVERIFY(!icon.isNull());
            const QImage image = icon.pixmap(24, 24).toImage();
            pictures.insert(
                QByteArray(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes()));
        }
        QCOMPARE(pictures.size(), navigation->count());
        // The Go menu shows each page with its icon; the File menu's actions have theirs.
        for (const QString &name : {u"lockAction"_s, u"switchUserAction"_s})
            QVERIFY(!window.findChild<QAction *>(name)->icon().isNull());
    }

    void statusBarNamesDatabaseShopAndStaff()
    {
        MainWindow window(adminSession());
        window.show();
        QCOMPARE(window.findChild<QLabel *>(u"shopStatus"_s)->text(), u"Shop: ShopDesk Тверская"_s);
        QVERIFY(window.findChild<QLabel *>(u"staffStatus"_s)->text().contains(u"Anna Boss"_s));
        QVERIFY(window.findChild<QLabel *>(u"databaseStatus"_s)
                    ->text()
                    .contains(m_tdb->config().database));
        QVERIFY(window.windowTitle().contains(u"ShopDesk Тверская"_s));
    }

    // Head-office mode: a head-office member signs in to the chain's
    // database. There is no till (no Checkout page, Ctrl+1 is Stock), a
    // toolbar offers every shop, and choosing one from the keyboard moves the
    // pages to it and is remembered for head-office mode alone: a till on
    // the same computer still sells for its own shop.
    void theHeadOfficeChoosesAShopAndHasNoTill()
    {
        const qint64 north = m_tdb->addShop(u"NRT-01"_s, u"ShopDesk Северная"_s);
        AppSettings().setShopId(m_shop.id); // this computer's till
        AppSettings().setHeadOfficeShopId(0);
        Session session;
        session.database = m_tdb->config();
        session.shop = m_shop;
        session.actor = m_tdb->addStaff(u"office"_s, Role::HeadOffice, m_shop.id);
        QVERIFY2(session.actor.staffId > 0, qPrintable(m_tdb->errorText()));
        MainWindow window(session);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        auto *navigation = window.findChild<QListWidget *>(u"navigation"_s);
        QVERIFY(navigation->item(0)->isHidden());
        QVERIFY(!window.showPage(u"checkout"_s));
        QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(window.currentPageKey(), u"stock"_s);
        QCOMPARE(window.findChild<QLabel *>(u"shopStatus"_s)->text(), u"Head office"_s);

        auto *selector = window.findChild<QComboBox *>(u"shopSelector"_s);
        QVERIFY(selector);
        const int shops = Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM shops"_s).value().toInt();
        QTRY_COMPARE_WITH_TIMEOUT(selector->count(), shops, 20000);
        QCOMPARE(selector->currentData().toLongLong(), m_shop.id);
        // Ctrl+Shift+O opens the shop list; the arrow keys and Enter choose.
        QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
        QAbstractItemView *list = selector->view();
        QTRY_VERIFY(list->isVisible());
        const int target = selector->findData(north);
        while (list->currentIndex().row() != target)
            QTest::keyClick(list, list->currentIndex().row() < target ? Qt::Key_Down : Qt::Key_Up);
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_VERIFY(!list->isVisible());
        // The keyboard is back on the page, so its shortcuts work at once.
        QTRY_VERIFY(!selector->hasFocus());
        const QWidget *focused = QApplication::focusWidget();
        while (focused && !focused->inherits("shopdesk::StockPage"))
            focused = focused->parentWidget();
        QVERIFY(focused);
        QCOMPARE(window.session().shop.id, north);
        QVERIFY(window.windowTitle().contains(u"ShopDesk Северная"_s));
        QCOMPARE(AppSettings().headOfficeShopId(), north);
        QCOMPARE(AppSettings().shopId(), m_shop.id); // the till's shop is untouched
        // No till, so the Orders page offers no shift to open or close.
        QVERIFY(window.showPage(u"orders"_s));
        const QStringList shiftActions {u"openShift"_s, u"cashInOut"_s, u"xReport"_s, u"zReport"_s};
        for (const QString &name : shiftActions) {
            auto *action = window.findChild<QAction *>(name);
            QVERIFY2(action && !action->isVisible(), qPrintable(name));
        }

        // Head-office mode opens again on the shop chosen last.
        {
            MainWindow again(session);
            again.show();
            QVERIFY(QTest::qWaitForWindowExposed(&again));
            auto *againSelector = again.findChild<QComboBox *>(u"shopSelector"_s);
            QTRY_COMPARE_WITH_TIMEOUT(againSelector->count(), shops, 20000);
            QTRY_COMPARE(again.session().shop.id, north);
            QCOMPARE(againSelector->currentData().toLongLong(), north);
            QVERIFY(again.windowTitle().contains(u"ShopDesk Северная"_s));
        }

        // Someone else signing in at this window starts from the till's own
        // shop, not from the head office's choice.
        QSignalSpy switched(&window, &MainWindow::userSwitchRequested);
        window.lock(true); // Switch user…
        QVERIFY(window.isLocked());
        auto *login = window.findChild<QLineEdit *>(u"lockLogin"_s);
        auto *secret = window.findChild<QLineEdit *>(u"lockSecret"_s);
        login->clear();
        QTest::keyClicks(login, u"boss"_s);
        QTest::keyClicks(secret, u"boss-password"_s);
        QTest::keyClick(secret, Qt::Key_Return);
        QVERIFY(switched.wait(15000));
        const Session next = switched.first().at(0).value<Session>();
        QCOMPARE(next.actor.login, u"boss"_s);
        QCOMPARE(next.shop.id, m_shop.id);
        QCOMPARE(next.actor.shopId, m_shop.id);
        QCOMPARE(AppSettings().shopId(), m_shop.id);
    }

    void lastPageAndGeometryAreRestored()
    {
        {
            MainWindow window(adminSession());
            window.show();
            window.resize(1150, 700);
            QVERIFY(window.showPage(u"customers"_s));
            window.close();
        }
        MainWindow again(adminSession());
        QCOMPARE(again.currentPageKey(), u"customers"_s);
        QCOMPARE(again.size(), QSize(1150, 700));
    }

    void firstRunDialogCreatesTheAdministrator()
    {
        test::TestDatabase empty(u"gui_firstrun"_s);
        QVERIFY2(empty.isReady(), qPrintable(empty.errorText()));
        QVERIFY(empty.migrate());
        Database::setDefaultConfig(empty.config());

        FirstRunDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"shopName"_s), u"Corner shop"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"displayName"_s), u"Olga Owner"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"password"_s), u"long-password"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"confirm"_s), u"long-passwork"_s);
        QTest::keyClick(dialog.findChild<QLineEdit *>(u"confirm"_s), Qt::Key_Return);
        auto *banner = dialog.findChild<MessageBanner *>();
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(u"differ"_s));
        QCOMPARE(StaffStore(empty.db()).count().value(), 0);

        auto *confirm = dialog.findChild<QLineEdit *>(u"confirm"_s);
        confirm->clear();
        QTest::keyClicks(confirm, u"long-password"_s);
        QTest::keyClick(confirm, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 15000);
        QCOMPARE(dialog.actor().role, Role::Admin);
        QCOMPARE(StaffStore(empty.db()).count().value(), 1);
        QVERIFY(StaffStore(empty.db())
                    .authenticate(u"admin"_s, u"long-password"_s, dialog.actor().shopId)
                    .ok());

        QThreadPool::globalInstance()->waitForDone();
        Database::setDefaultConfig(m_tdb->config());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
