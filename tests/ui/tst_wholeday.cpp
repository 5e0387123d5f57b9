// A whole day at one till, driven through the real widgets as a cashier
// does it from the keyboard: the till refuses to take money before the
// shift is open; the shift opens with a float; sales by scan, "3*", name
// search, two weighed labels, a promo code, cash with quick cash, card
// with the terminal's approval, split by keyboard; a parked sale recalled;
// cash in and out; a return; X; Z with the counted cash short; and the next
// sale refused until a new shift. Every figure on the Z report is then
// checked against SQL over the day's rows.
#include "CardApproval.h"
#include "DemoSession.h"
#include "TestDatabase.h"
#include "WhenModal.h"
#include "models/catalog/Ean13.h"
#include "models/catalog/ProductStore.h"
#include "models/checkout/CartModel.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/orders/OrderStore.h"
#include "models/settings/AppSettings.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockStore.h"
#include "ui/checkout/CheckoutPage.h"
#include "ui/checkout/ParkedSalesDialog.h"
#include "ui/checkout/PaymentDialog.h"
#include "ui/common/MessageBanner.h"
#include "ui/shifts/CashMovementDialog.h"
#include "ui/shifts/CloseShiftDialog.h"
#include "ui/shifts/OpenShiftDialog.h"
#include "ui/shifts/ShiftPanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestWholeDay : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    qint64 sql(const QString &statement, const QVariantList &values = {})
    {
        return Sql::scalar(m_tdb->db(), statement, values).value().toLongLong();
    }
    static void type(QLineEdit *field, const QString &text)
    {
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Return);
    }
    // Any text, Cyrillic included (QTest::keyClicks takes Latin-1 only), a
    // key event per character as a keyboard sends them.
    static void typeText(QWidget *widget, const QString &text)
    {
        for (const QChar c : text)
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
    static void click(QWidget *page, const QString &name)
    {
        auto *button = page->findChild<QAbstractButton *>(name);
        QVERIFY2(button, qPrintable(name));
        QVERIFY2(button->isEnabled(), qPrintable(name + u" is disabled"_s));
        button->click();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        AppSettings().setTillName(u"1"_s);
        m_tdb = std::make_unique<test::TestDatabase>(u"wholeday"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 10;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 50 WHERE shop_id = 1"_s));
        // Cheese sold by weight at 650.00 a kilogram, 5 kg of it; and a promo code.
        const Actor keeper =
            StaffStore(m_tdb->db()).authenticate(u"keeper"_s, u"keeper123"_s, 1).value();
        NewProduct cheese {u"77002"_s, u"Сыр Гауда весовой"_s, 65000, {}};
        cheese.soldByWeight = true;
        QVERIFY(ProductStore(m_tdb->db()).create(keeper, cheese).ok());
        QVERIFY(StockStore(m_tdb->db()).create(keeper, u"77002"_s, 1, 5000, 0).ok());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO promo_codes (code, kind, value) "
                         "VALUES ('DAY10', 'percent', 10)"_s));
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_tdb.reset();
    }

    void aWholeDayAtOneTill()
    {
        const Session cashier = test::demoSession(*m_tdb, u"cashier"_s, u"cashier123"_s);
        CheckoutPage page(cashier);
        page.resize(1280, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        ShiftPanel *shift = page.shiftPanel();
        auto *banner = page.findChild<MessageBanner *>();
        auto *shiftBanner = page.findChild<MessageBanner *>(u"shiftBanner"_s);
        QLineEdit *field = page.scanField();
        CartModel *cart = page.cart();
        QSignalSpy paid(&page, &CheckoutPage::orderPaid);

        // Morning: no shift yet. The till says so and takes no money.
        QTRY_VERIFY_WITH_TIMEOUT(shiftBanner->isVisible(), 10000);
        QVERIFY(shiftBanner->text().contains(u"No shift is open"_s));
        type(field, u"10042"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        QVERIFY(!page.findChild<QPushButton *>(u"payCash"_s)->isEnabled());
        const qint64 ordersAtStart = sql(u"SELECT count(*) FROM orders"_s);
        QTest::keyClick(field, Qt::Key_F9);
        QVERIFY(banner->text().contains(u"no open shift"_s));
        QCOMPARE(sql(u"SELECT count(*) FROM orders"_s), ordersAtStart);

        // Open the shift with a 5 000.00 float.
        {
            auto driver = test::whenModal<OpenShiftDialog>([](OpenShiftDialog *dialog) {
                auto *amount = dialog->findChild<QLineEdit *>(u"openingCash"_s);
                amount->selectAll();
                QTest::keyClicks(amount, u"5000"_s);
                QTest::keyClick(amount, Qt::Key_Return);
            });
            click(&page, u"openShift"_s);
        }
        QTRY_VERIFY_WITH_TIMEOUT(shift->isOpen(), 10000);
        QVERIFY(!shiftBanner->isVisible());
        QTRY_VERIFY(page.isActiveWindow() && field->hasFocus()); // back to the scanner
        const qint64 shiftId = shift->openShift()->shiftId;

        // Sale 1: the line already scanned, "3*" another, one found by name,
        // two labels of the weighed cheese, the promo code; cash, quick cash.
        type(field, u"3*10007"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 2, 10000);
        const QString name =
            Sql::scalar(m_tdb->db(), u"SELECT name FROM products WHERE plu = '10050'"_s)
                .value()
                .toString();
        typeText(field, name.section(u' ', 0, 1));
        auto *matches = page.findChild<QListWidget *>(u"nameMatches"_s);
        QTRY_VERIFY_WITH_TIMEOUT(matches->isVisible() && matches->count() > 0, 10000);
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 3, 10000);
        type(field, Ean13::complete(u"207700200300"_s)); // 300 g
        type(field, Ean13::complete(u"207700200450"_s)); // 450 g
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 5, 10000);
        auto *promo = page.findChild<QLineEdit *>(u"promoCode"_s);
        type(promo, u"day10"_s);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"DAY10"_s), 10000);
        qint64 quickCash = 0;
        {
            auto driver = test::whenModal<PaymentDialog>([&](PaymentDialog *dialog) {
                QTRY_VERIFY(dialog->findChildren<QPushButton *>().size() > 3);
                // The next round note above the total.
                QPushButton *note = nullptr;
                for (QPushButton *b : dialog->findChildren<QPushButton *>())
                    if (b->objectName().startsWith(u"quickCash"_s) &&
                        b->objectName() != u"quickCashExact"_s && !note)
                        note = b;
                QVERIFY(note);
                quickCash = note->objectName().mid(9).toLongLong();
                note->click();
                QTest::keyClick(dialog->findChild<QLineEdit *>(u"cashTendered"_s), Qt::Key_Return);
            });
            QTest::keyClick(field, Qt::Key_F9);
            QVERIFY2(paid.wait(15000), qPrintable(banner->text()));
        }
        const Order first = paid.last().at(0).value<Order>();
        QCOMPARE(first.lines.size(), 5); // the two labels are two lines
        QVERIFY(first.discount > 0);
        QCOMPARE(paid.last().at(1).toLongLong(), quickCash - first.total);

        // Sale 2: card, confirmed when the terminal approves.
        type(field, u"10060"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        {
            auto approve = test::approveCardPayments();
            QTest::keyClick(field, Qt::Key_F10);
            QVERIFY(paid.wait(15000));
        }
        const Order second = paid.last().at(0).value<Order>();
        QCOMPARE(second.paidCard, second.total);

        // Sale 3: split, by keyboard only: F11, the card part, Tab, the cash, Enter.
        type(field, u"2*10061"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        {
            auto driver = test::whenModal<PaymentDialog>([](PaymentDialog *dialog) {
                auto *card = dialog->findChild<QLineEdit *>(u"cardPart"_s);
                QTRY_VERIFY(card->hasFocus());
                QTest::keyClicks(card, u"10"_s);
                QTest::keyClick(card, Qt::Key_Tab);
                auto *cash = dialog->findChild<QLineEdit *>(u"cashTendered"_s);
                QTRY_VERIFY(cash->hasFocus());
                QTRY_COMPARE(cash->selectedText(), cash->text());
                QTest::keyClicks(cash, u"5000"_s);
                QTest::keyClick(cash, Qt::Key_Return);
            });
            QTest::keyClick(field, Qt::Key_F11);
            QVERIFY(paid.wait(15000));
        }
        const Order third = paid.last().at(0).value<Order>();
        QCOMPARE(third.paidCard, qint64(1000));
        QCOMPARE(third.paidCash, third.total - 1000);

        // A customer forgot their wallet: the sale is parked (F4), the next
        // customer pays cash (exact), and the parked sale is recalled (F5).
        type(field, u"10062"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        QTest::keyClick(field, Qt::Key_F4);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(sql(u"SELECT count(*) FROM parked_sales"_s), qint64(1), 10000);
        type(field, u"10063"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        {
            auto driver = test::whenModal<PaymentDialog>([](PaymentDialog *dialog) {
                QTest::keyClick(dialog->findChild<QLineEdit *>(u"cashTendered"_s), Qt::Key_Return);
            });
            QTest::keyClick(field, Qt::Key_F9);
            QVERIFY(paid.wait(15000));
        }
        QTRY_VERIFY(page.isActiveWindow());
        {
            auto driver = test::whenModal<ParkedSalesDialog>([](ParkedSalesDialog *dialog) {
                QTest::keyClick(dialog->findChild<QListWidget *>(u"parkedSales"_s), Qt::Key_Return);
            });
            QTest::keyClick(field, Qt::Key_F5);
            QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        }
        QCOMPARE(cart->productAt(0).plu, u"10062"_s);
        QCOMPARE(sql(u"SELECT count(*) FROM parked_sales"_s), qint64(0));
        {
            auto approve = test::approveCardPayments();
            QTest::keyClick(field, Qt::Key_F10);
            QVERIFY(paid.wait(15000));
        }

        // Cash in (a float top-up) and out (a collection), with reasons.
        QSignalSpy reported(shift, &ShiftPanel::reported);
        const auto moveCash = [&](bool in, const QString &amount, const QString &reason) {
            auto driver = test::whenModal<CashMovementDialog>([=](CashMovementDialog *dialog) {
                dialog->findChild<QRadioButton *>(in ? u"cashIn"_s : u"cashOut"_s)->click();
                QTest::keyClicks(dialog->findChild<QLineEdit *>(u"cashAmount"_s), amount);
                auto *why = dialog->findChild<QComboBox *>(u"cashReason"_s);
                why->setCurrentText(QString());
                QTest::keyClicks(why->lineEdit(), reason);
                QTest::keyClick(why->lineEdit(), Qt::Key_Return);
            });
            reported.clear();
            click(&page, u"cashInOut"_s);
            QVERIFY(reported.wait(10000));
        };
        moveCash(true, u"1000"_s, u"Float top-up"_s);
        moveCash(false, u"2500"_s, u"Collection"_s);

        // A return of one item of the first sale, approved by the manager.
        auto approval = StaffStore(m_tdb->db()).approveAsManager(u"manager"_s, u"manager123"_s, 1);
        QVERIFY(approval.ok());
        auto back = OrderStore(m_tdb->db())
                        .returnItems(cashier.actor, first.id, {{2, 1}}, approval.value(), u"1"_s,
                                     u"dented"_s);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));

        // X: the running totals.
        reported.clear();
        click(&page, u"xReport"_s);
        QVERIFY(reported.wait(10000));
        QVERIFY(shift->reportText().contains(u"X REPORT"_s));

        // Z: the drawer counted 100.00 short of what it should hold.
        const ShiftReport x = reported.last().at(0).value<ShiftReport>();
        const qint64 counted = x.expectedCash() - 10000;
        {
            auto driver = test::whenModal<CloseShiftDialog>([=](CloseShiftDialog *dialog) {
                auto *total = dialog->findChild<QLineEdit *>(u"countedCash"_s);
                QTest::keyClicks(total, Money::formatPlain(counted));
                QTest::keyClick(total, Qt::Key_Return);
            });
            reported.clear();
            click(&page, u"zReport"_s);
            QVERIFY(reported.wait(10000));
        }
        const ShiftReport z = reported.last().at(0).value<ShiftReport>();
        QVERIFY(z.isClosed());
        QVERIFY(shift->reportText().contains(u"Z REPORT"_s));
        QVERIFY(shift->reportText().contains(u"SHORT"_s));
        QVERIFY(banner->text().contains(Money::format(10000)));

        // Every figure on the Z report is what the day's rows say.
        const QVariantList id {shiftId};
        QCOMPARE(z.shiftId, shiftId);
        QCOMPARE(qint64(z.sales), sql(u"SELECT count(*) FROM orders WHERE shift_id = ?"_s, id));
        QCOMPARE(z.sales, 5);
        QCOMPARE(z.cash, sql(u"SELECT sum(paid_cash) FROM orders WHERE shift_id = ?"_s, id));
        QCOMPARE(z.card, sql(u"SELECT sum(paid_card) FROM orders WHERE shift_id = ?"_s, id));
        QCOMPARE(z.refundedCash,
                 sql(u"SELECT coalesce(sum(amount), 0) FROM order_returns "
                     "WHERE shift_id = ? AND method = 'cash'"_s,
                     id));
        QVERIFY(z.refundedCash > 0);
        QCOMPARE(z.cashIn,
                 sql(u"SELECT sum(amount) FROM cash_movements "
                     "WHERE shift_id = ? AND direction = 'in'"_s,
                     id));
        QCOMPARE(z.cashIn, qint64(100000));
        QCOMPARE(z.cashOut, qint64(250000));
        QCOMPARE(z.openingCash, qint64(500000));
        QCOMPARE(z.expectedCash(),
                 sql(u"SELECT opening_cash "
                     "+ (SELECT sum(paid_cash) FROM orders WHERE shift_id = s.id) "
                     "- (SELECT coalesce(sum(amount), 0) FROM order_returns "
                     "   WHERE shift_id = s.id AND method = 'cash') "
                     "+ (SELECT coalesce(sum(CASE direction WHEN 'in' THEN amount "
                     "   ELSE -amount END), 0) FROM cash_movements WHERE shift_id = s.id) "
                     "FROM shifts s WHERE id = ?"_s,
                     id));
        QCOMPARE(z.expectedCash(), sql(u"SELECT expected_cash FROM shifts WHERE id = ?"_s, id));
        QCOMPARE(*z.countedCash, sql(u"SELECT counted_cash FROM shifts WHERE id = ?"_s, id));
        QCOMPARE(*z.overShort(), qint64(-10000));
        for (const qint64 figure : {z.cash, z.card, z.expectedCash(), counted})
            QVERIFY2(shift->reportText().contains(Money::format(figure)),
                     qPrintable(Money::format(figure)));

        // After the Z the till sells nothing until a new shift is opened.
        QTRY_VERIFY_WITH_TIMEOUT(shiftBanner->isVisible(), 10000);
        type(field, u"10042"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        const qint64 ordersAfterZ = sql(u"SELECT count(*) FROM orders"_s);
        QVERIFY(!page.findChild<QPushButton *>(u"payCard"_s)->isEnabled());
        QTest::keyClick(field, Qt::Key_F10);
        QVERIFY(banner->text().contains(u"no open shift"_s));
        QCOMPARE(sql(u"SELECT count(*) FROM orders"_s), ordersAfterZ);
        QCOMPARE(sql(u"SELECT count(*) FROM orders WHERE shift_id IS NULL AND paid_at > "
                     "(SELECT opened_at FROM shifts WHERE id = ?)"_s,
                     id),
                 qint64(0));
    }
};

QTEST_MAIN(TestWholeDay)
#include "tst_wholeday.moc"
