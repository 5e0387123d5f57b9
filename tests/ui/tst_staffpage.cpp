#include "DemoSession.h"
#include "TestDatabase.h"
#include "WhenModal.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/orders/OrderStore.h"
#include "models/settings/AppSettings.h"
#include "models/staff/StaffStore.h"
#include "ui/common/MessageBanner.h"
#include "ui/orders/ReturnDialog.h"
#include "ui/session/LoginDialog.h"
#include "ui/staff/StaffDialog.h"
#include "ui/staff/StaffPage.h"
#include "ui/staff/StaffRoleDialog.h"
#include "ui/staff/StaffSecretDialog.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The Staff page driven from the keyboard by the demo administrator, over a
// real database; and what the other roles see.
class TestStaffPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    // The text shown in `column` of the row of `login` ("" when not listed).
    static QString cell(StaffPage &page, const QString &login, int column)
    {
        const QAbstractItemModel *model = page.table()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, StaffPage::Login).data().toString() == login)
                return model->index(row, column).data().toString();
        return QString();
    }
    QVariant staffColumn(const QString &column, const QString &login)
    {
        return Sql::scalar(m_tdb->db(), u"SELECT %1 FROM staff WHERE login = ?"_s.arg(column),
                           {login})
            .value();
    }
    static QAction *action(StaffPage &page, const QString &name)
    {
        return page.findChild<QAction *>(name);
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"staffpage"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 100;
        options.products = 100;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 50 WHERE shop_id = 1"_s).ok());
        QVERIFY(m_tdb->openShift(1)); // no shift, no sale
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    // The administrator creates a cashier, gives them a PIN, a role and a new
    // password, and deactivates them; each change shows in the table and is
    // in the database; then the cashier cannot sign in.
    void administratorManagesACashier()
    {
        const Session session = test::demoSession(*m_tdb, u"admin"_s, u"admin123"_s);
        StaffPage page(session);
        QSignalSpy loaded(&page, &StaffPage::loaded);
        page.resize(1000, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        QCOMPARE(page.table()->model()->rowCount(), 6); // the demo staff
        QVERIFY(!page.findChild<QLabel *>(u"staffNotice"_s)->isVisible());
        auto *banner = page.findChild<MessageBanner *>();
        QTableView *table = page.table();
        table->setFocus();
        // The offscreen platform leaves no window active when a dialog closes
        // (a window manager would give the page back its activation), so the
        // test hands it back before each shortcut.

        // One's own account cannot be deactivated or demoted.
        QVERIFY(page.select(u"admin"_s));
        QVERIFY(!action(page, u"deactivateStaff"_s)->isEnabled());
        QVERIFY(!action(page, u"changeRole"_s)->isEnabled());
        QVERIFY(action(page, u"resetPassword"_s)->isEnabled());

        // Ctrl+N: the new account, from the keyboard.
        bool mismatchShown = false;
        auto creating = test::whenModal<StaffDialog>([&](StaffDialog *dialog) {
            auto *login = dialog->findChild<QLineEdit *>(u"login"_s);
            QTRY_VERIFY(login->hasFocus());
            QTest::keyClicks(login, u"Olga.K"_s); // lowered when sent
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QTest::keyClicks(QApplication::focusWidget(), u"Olga Kassova"_s);
            QCOMPARE(dialog->findChild<QComboBox *>(u"role"_s)->currentData().value<Role>(),
                     Role::Cashier);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"password"_s), u"olga-secret-1"_s);
            auto *confirm = dialog->findChild<QLineEdit *>(u"confirm"_s);
            QTest::keyClicks(confirm, u"olga-secret-2"_s);
            QTest::keyClick(confirm, Qt::Key_Return);
            auto *dialogBanner = dialog->findChild<MessageBanner *>();
            mismatchShown = dialogBanner->isVisible() && dialogBanner->text().contains(u"differ"_s);
            QVERIFY(dialog->isVisible());
            confirm->clear();
            QTest::keyClicks(confirm, u"olga-secret-1"_s);
            QTest::keyClick(confirm, Qt::Key_Return);
        });
        loaded.clear();
        QTest::keyClick(table, Qt::Key_N, Qt::ControlModifier);
        QVERIFY(mismatchShown);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        QCOMPARE(cell(page, u"olga.k"_s, StaffPage::Name), u"Olga Kassova"_s);
        QCOMPARE(cell(page, u"olga.k"_s, StaffPage::RoleColumn), roleDisplayName(Role::Cashier));
        QCOMPARE(cell(page, u"olga.k"_s, StaffPage::Pin), QString());
        QCOMPARE(page.selected()->login, u"olga.k"_s); // the new row is selected
        QVERIFY2(banner->text().contains(u"Olga Kassova"_s), qPrintable(banner->text()));
        QCOMPARE(staffColumn(u"role"_s, u"olga.k"_s).toString(), u"cashier"_s);
        QVERIFY(StaffStore(m_tdb->db()).authenticate(u"olga.k"_s, u"olga-secret-1"_s, 1).ok());

        // Ctrl+Shift+I: a PIN; only digits get into the field.
        auto pinning = test::whenModal<StaffSecretDialog>([&](StaffSecretDialog *dialog) {
            QVERIFY(!dialog->findChild<QPushButton *>(u"removePin"_s)->isEnabled());
            auto *pin = dialog->findChild<QLineEdit *>(u"secret"_s);
            QCOMPARE(pin->echoMode(), QLineEdit::Password);
            QTest::keyClicks(pin, u"4a8b27"_s);
            QCOMPARE(pin->text(), u"4827"_s);
            auto *confirm = dialog->findChild<QLineEdit *>(u"confirm"_s);
            QTest::keyClicks(confirm, u"4827"_s);
            QTest::keyClick(confirm, Qt::Key_Return);
        });
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        loaded.clear();
        QTest::keyClick(table, Qt::Key_I, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        QVERIFY2(banner->text().contains(u"new PIN"_s), qPrintable(banner->text()));
        QCOMPARE(cell(page, u"olga.k"_s, StaffPage::Pin), u"set"_s);
        const QString pinHash = staffColumn(u"pin_hash"_s, u"olga.k"_s).toString();
        QVERIFY(pinHash.startsWith(u"pbkdf2-sha256$"_s));
        QVERIFY(!pinHash.contains(u"4827"_s));
        QVERIFY(StaffStore(m_tdb->db()).authenticate(u"olga.k"_s, u"4827"_s, 1).ok());

        // Ctrl+E: another role.
        auto promoting = test::whenModal<StaffRoleDialog>([&](StaffRoleDialog *dialog) {
            auto *role = dialog->findChild<QComboBox *>(u"role"_s);
            QCOMPARE(role->currentData().value<Role>(), Role::Cashier);
            role->setCurrentIndex(role->findData(QVariant::fromValue(Role::StockKeeper)));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        loaded.clear();
        QTest::keyClick(table, Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        QCOMPARE(cell(page, u"olga.k"_s, StaffPage::RoleColumn),
                 roleDisplayName(Role::StockKeeper));
        QCOMPARE(staffColumn(u"role"_s, u"olga.k"_s).toString(), u"stock_keeper"_s);

        // Ctrl+Shift+P: a new password; a short one is refused in the dialog.
        auto resetting = test::whenModal<StaffSecretDialog>([&](StaffSecretDialog *dialog) {
            auto *password = dialog->findChild<QLineEdit *>(u"secret"_s);
            auto *confirm = dialog->findChild<QLineEdit *>(u"confirm"_s);
            QTest::keyClicks(password, u"short"_s);
            QTest::keyClicks(confirm, u"short"_s);
            QTest::keyClick(confirm, Qt::Key_Return);
            QVERIFY(dialog->isVisible());
            QVERIFY(dialog->findChild<MessageBanner *>()->text().contains(u"at least"_s));
            password->clear();
            confirm->clear();
            QTest::keyClicks(password, u"olga-secret-new"_s);
            QTest::keyClicks(confirm, u"olga-secret-new"_s);
            QTest::keyClick(confirm, Qt::Key_Return);
        });
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        loaded.clear();
        QTest::keyClick(table, Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        QVERIFY2(banner->text().contains(u"new password"_s), qPrintable(banner->text()));
        QVERIFY(!StaffStore(m_tdb->db()).authenticate(u"olga.k"_s, u"olga-secret-1"_s, 1).ok());
        QVERIFY(StaffStore(m_tdb->db()).authenticate(u"olga.k"_s, u"olga-secret-new"_s, 1).ok());

        // Delete: deactivated.
        QCOMPARE(page.selected()->login, u"olga.k"_s);
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        loaded.clear();
        QTest::keyClick(table, Qt::Key_Delete);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        QVERIFY2(banner->text().contains(u"deactivated"_s), qPrintable(banner->text()));
        QVERIFY(cell(page, u"olga.k"_s, StaffPage::Active).startsWith(u"no"_s));
        QVERIFY(!staffColumn(u"active"_s, u"olga.k"_s).toBool());
        QVERIFY(!action(page, u"deactivateStaff"_s)->isEnabled());
        QVERIFY(action(page, u"activateStaff"_s)->isEnabled());

        // Now the cashier cannot sign in, with the PIN or the password.
        LoginDialog login(session.shop, u"olga.k"_s);
        login.show();
        QVERIFY(QTest::qWaitForWindowExposed(&login));
        auto *secret = login.findChild<QLineEdit *>(u"password"_s);
        QTest::keyClicks(secret, u"4827"_s);
        QTest::keyClick(secret, Qt::Key_Return);
        auto *loginBanner = login.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(loginBanner->isVisible(), 15000);
        QVERIFY2(loginBanner->text().contains(u"deactivated"_s), qPrintable(loginBanner->text()));
        QVERIFY(!login.actor().isValid());
        login.close();
        QCOMPARE(
            StaffStore(m_tdb->db()).authenticate(u"olga.k"_s, u"olga-secret-new"_s, 1).error().code,
            StoreError::Code::Permission);

        // And back: Ctrl+Shift+A.
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        loaded.clear();
        QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        QCOMPARE(cell(page, u"olga.k"_s, StaffPage::Active), u"yes"_s);
        QVERIFY(staffColumn(u"active"_s, u"olga.k"_s).toBool());
    }

    // The store's refusal reaches the banner: the page does not hide it.
    void refusalsShowInTheBanner()
    {
        const Session session = test::demoSession(*m_tdb, u"admin"_s, u"admin123"_s);
        StaffPage page(session);
        QSignalSpy loaded(&page, &StaffPage::loaded);
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        // Another administrator removed the account meanwhile.
        const qint64 id =
            StaffStore(m_tdb->db())
                .create(session.actor,
                        NewStaff {u"temp"_s, u"Temp"_s, Role::Cashier, u"temp-password"_s})
                .value();
        loaded.clear();
        page.reload();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        QVERIFY(page.select(u"temp"_s));
        QVERIFY(Sql::run(m_tdb->db(), u"DELETE FROM staff WHERE id = ?"_s, {id}).ok());
        loaded.clear();
        page.deactivateSelected();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 15000);
        auto *banner = page.findChild<MessageBanner *>();
        QVERIFY2(banner->text().contains(u"no such staff account"_s), qPrintable(banner->text()));
        QCOMPARE(cell(page, u"temp"_s, StaffPage::Login), QString());
    }

    void otherRolesSeeTheControlsDisabled_data()
    {
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("password");
        QTest::newRow("manager") << u"manager"_s << u"manager123"_s;
        QTest::newRow("stock keeper") << u"keeper"_s << u"keeper123"_s;
        QTest::newRow("cashier") << u"cashier"_s << u"cashier123"_s;
    }
    void otherRolesSeeTheControlsDisabled()
    {
        QFETCH(QString, login);
        QFETCH(QString, password);
        StaffPage page(test::demoSession(*m_tdb, login, password));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *notice = page.findChild<QLabel *>(u"staffNotice"_s);
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(u"Only an administrator"_s), qPrintable(notice->text()));
        for (const QString &name :
             {u"newStaff"_s, u"deactivateStaff"_s, u"activateStaff"_s, u"changeRole"_s,
              u"resetPassword"_s, u"setPin"_s, u"refreshStaff"_s})
            QVERIFY2(!action(page, name)->isEnabled(), qPrintable(name));
        QVERIFY(!page.table()->isEnabled());
        // The shortcut opens nothing, and nothing was loaded.
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        QTest::keyClick(&page, Qt::Key_N, Qt::ControlModifier);
        QTest::qWait(100);
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(page.table()->model()->rowCount(), 0);
    }

    // On the till the manager approves a return with their PIN instead of the
    // password; both people are in the history.
    void managerApprovesAReturnWithAPin()
    {
        const Actor admin = test::demoSession(*m_tdb, u"admin"_s, u"admin123"_s).actor;
        const Actor cashier = test::demoSession(*m_tdb, u"cashier"_s, u"cashier123"_s).actor;
        const qint64 managerId = staffColumn(u"id"_s, u"manager"_s).toLongLong();
        QVERIFY(StaffStore(m_tdb->db()).setPin(admin, managerId, u"2580"_s).ok());

        const QString plu = Sql::scalar(m_tdb->db(),
                                        u"SELECT p.plu FROM stocks s JOIN products p "
                                        "ON p.id = s.product_id WHERE s.shop_id = 1 "
                                        "AND NOT p.sold_by_weight ORDER BY p.plu LIMIT 1"_s)
                                .value()
                                .toString();
        OrderStore orders(m_tdb->db());
        NewOrder o;
        o.shopId = 1;
        o.lines = {{plu, 2}};
        auto created = orders.create(cashier, o);
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        QVERIFY(orders.pay(cashier, created->id, {PaymentMethod::Card, 0, 0}).ok());
        const Order sold = orders.byId(created->id).value().value();

        ReturnDialog dialog(cashier, sold, 1);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *secret = dialog.findChild<QLineEdit *>(u"managerPassword"_s);
        bool labelled = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            labelled |= label->buddy() == secret && label->text().contains(u"PIN"_s);
        QVERIFY(labelled);
        dialog.findChild<QSpinBox *>(u"returnQty1"_s)->setValue(1);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"managerLogin"_s), u"manager"_s);

        // A wrong PIN: refused like a wrong password, and the dialog stays.
        QTest::keyClicks(secret, u"2581"_s);
        QTest::keyClick(secret, Qt::Key_Return);
        auto *banner = dialog.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
        QVERIFY2(banner->text().contains(u"Wrong login or password"_s), qPrintable(banner->text()));
        QTRY_VERIFY(
            dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(dialog.isVisible());

        QTest::keyClicks(secret, u"2580"_s);
        QTest::keyClick(secret, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.result().has_value(), 15000); // the items came back
        QVERIFY(!dialog.isVisible());
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM history WHERE action = 'returned' AND "
                             "order_id = ? AND staff_id = ? AND approved_by = ?"_s,
                             {sold.id, cashier.staffId, managerId})
                     .value()
                     .toInt(),
                 1);
    }
};

QTEST_MAIN(TestStaffPage)
#include "tst_staffpage.moc"
