// Promo codes driven as people use them: a manager makes one from the
// Orders page with the keyboard (refused while wrong, naming the field).
#include "DemoSession.h"
#include "TestDatabase.h"
#include "WhenModal.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "ui/common/MessageBanner.h"
#include "ui/orders/OrdersPage.h"
#include "ui/promotions/PromoCodesDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestPromoCodes : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    static void type(QWidget *field, const QString &text) { QTest::keyClicks(field, text); }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"promocodes"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 100;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 50 WHERE shop_id = 1"_s).ok());
        QVERIFY(m_tdb->openShift(1));
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    // Ctrl+Shift+M on the Orders page; the code typed, each mistake named
    // under the form with Save off, then saved with Enter; a duplicate is
    // refused by the database, naming the code.
    void managerMakesACodeByKeyboard()
    {
        const Session session = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        OrdersPage page(session);
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        bool driven = false;
        auto driver = test::whenModal<PromoCodesDialog>([&](PromoCodesDialog *dialog) {
            auto *table = dialog->findChild<QTableWidget *>(u"codes"_s);
            auto *code = dialog->findChild<QLineEdit *>(u"code"_s);
            auto *value = dialog->findChild<QLineEdit *>(u"value"_s);
            auto *maxUses = dialog->findChild<QLineEdit *>(u"maxUses"_s);
            auto *products = dialog->findChild<QLineEdit *>(u"products"_s);
            auto *problem = dialog->findChild<QLabel *>(u"problem"_s);
            auto *save = dialog->findChild<QPushButton *>(u"save"_s);
            auto *banner = dialog->findChild<MessageBanner *>();
            QTRY_VERIFY_WITH_TIMEOUT(dialog->hasLoaded(), 20000);
            QCOMPARE(table->rowCount(), 0);

            QTRY_VERIFY(code->hasFocus());
            type(code, u"spring10"_s);
            QCOMPARE(code->text(), u"SPRING10"_s); // kept in capitals
            QVERIFY(!save->isEnabled()); // no discount yet
            QVERIFY(problem->text().contains(u"percentage"_s));
            QTest::keyClick(code, Qt::Key_Tab); // the kind: percent
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Tab);
            QCOMPARE(dialog->focusWidget(), value);
            type(value, u"150"_s);
            QVERIFY(!save->isEnabled());
            QVERIFY2(problem->text().contains(u"1 to 100"_s), qPrintable(problem->text()));
            QTest::keyClick(value, Qt::Key_Backspace);
            QTest::keyClick(value, Qt::Key_Backspace);
            QTest::keyClick(value, Qt::Key_Backspace);
            type(value, u"10"_s);
            QVERIFY(save->isEnabled());
            type(maxUses, u"0"_s);
            QVERIFY(!save->isEnabled());
            QVERIFY2(problem->text().contains(u"uses"_s), qPrintable(problem->text()));
            QTest::keyClick(maxUses, Qt::Key_Backspace);
            type(maxUses, u"5"_s);
            type(products, u"10042"_s);
            QVERIFY2(save->isEnabled(), qPrintable(problem->text()));
            QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), 0); // nothing written yet
            QTest::keyClick(products, Qt::Key_Return); // Enter saves
            QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, 20000);
            QCOMPARE(table->item(0, 0)->text(), u"SPRING10"_s);
            QCOMPARE(scalar(u"SELECT value FROM promo_codes WHERE code = 'SPRING10' "
                            "AND kind = 'percent' AND max_uses = 5 AND active"_s),
                     10);
            QCOMPARE(scalar(u"SELECT count(*) FROM promo_code_products x JOIN products p ON "
                            "p.id = x.product_id WHERE p.plu = '10042'"_s),
                     1);
            QVERIFY(code->isReadOnly()); // the saved code's text is fixed

            // Ctrl+N: a new one with the same text is refused by the database.
            QTest::keyClick(dialog, Qt::Key_N, Qt::ControlModifier);
            QTRY_VERIFY(code->hasFocus());
            QVERIFY(code->text().isEmpty());
            type(code, u"Spring10"_s);
            type(value, u"5"_s);
            QTest::keyClick(value, Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"already"_s), 20000);
            QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), 1);
            QTRY_VERIFY(code->hasFocus()); // the field at fault

            // A window that ends before it starts.
            QTest::keyClick(dialog, Qt::Key_N, Qt::ControlModifier);
            type(code, u"WINDOW"_s);
            type(value, u"5"_s);
            dialog->findChild<QCheckBox *>(u"hasFrom"_s)->setChecked(true);
            dialog->findChild<QCheckBox *>(u"hasUntil"_s)->setChecked(true);
            auto *from = dialog->findChild<QDateTimeEdit *>(u"validFrom"_s);
            auto *until = dialog->findChild<QDateTimeEdit *>(u"validUntil"_s);
            until->setDateTime(from->dateTime().addDays(-1));
            QVERIFY(!save->isEnabled());
            QVERIFY(problem->text().contains(u"end after it starts"_s));
            until->setDateTime(from->dateTime().addDays(1));
            QVERIFY(save->isEnabled());
            driven = true;
            dialog->reject();
        });
        QTest::keyClick(page.table(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(driven, 30000);
        QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), 1);
    }

    void aCashierHasNoPromoCodes()
    {
        const Session session = test::demoSession(*m_tdb, u"cashier"_s, u"cashier123"_s);
        OrdersPage page(session);
        auto *action = page.findChild<QAction *>(u"promoCodes"_s);
        QVERIFY(action && !action->isVisible());
    }
};

QTEST_MAIN(TestPromoCodes)
#include "tst_promocodes.moc"
