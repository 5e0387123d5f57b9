#include "CardApproval.h"
#include "DemoSession.h"
#include "TestDatabase.h"
#include "WhenModal.h"
#include "models/catalog/Ean13.h"
#include "models/catalog/ProductStore.h"
#include "models/checkout/CartModel.h"
#include "models/checkout/HeldSaleStore.h"
#include "models/checkout/Receipt.h"
#include "models/checkout/ScanInput.h"
#include "models/checkout/WeightBarcode.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/customers/CustomerModel.h"
#include "models/orders/OrderStore.h"
#include "models/settings/AppSettings.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockStore.h"
#include "ui/checkout/CheckoutPage.h"
#include "ui/checkout/PaymentDialog.h"
#include "ui/checkout/PriceOverrideDialog.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"
#include "ui/customers/CustomerPickerDialog.h"
#include "ui/orders/OrdersPage.h"
#include "ui/orders/ReturnDialog.h"
#include "ui/orders/VoidedSalesDialog.h"
#include "ui/shifts/ShiftPanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The till driven as a cashier would: a scanner types codes and Enter.
class TestCheckoutPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    Session cashierSession() { return test::demoSession(*m_tdb, u"cashier"_s, u"cashier123"_s); }
    int shelfOf(const QString &plu)
    {
        return Sql::scalar(m_tdb->db(),
                           u"SELECT shelf_qty FROM stocks WHERE plu = ? AND shop_id = 1"_s, {plu})
            .value()
            .toInt();
    }
    static void scan(QLineEdit *field, const QString &code)
    {
        QTest::keyClicks(field, code);
        QTest::keyClick(field, Qt::Key_Return);
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"checkout"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 100;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        // Plenty on the shelf for the products the test sells.
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 50 WHERE shop_id = 1"_s).ok());
        QVERIFY(m_tdb->openShift(1)); // no shift, no sale
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_tdb.reset();
    }

    void scanInputAndMoney()
    {
        auto three = ScanInput::parse(u"3*10042"_s);
        QVERIFY(three);
        QCOMPARE(three->quantity, 3);
        QCOMPARE(three->text, u"10042"_s);
        QCOMPARE(ScanInput::parse(u"2 х 4600000000015"_s)->quantity, 2); // Cyrillic х
        QCOMPARE(ScanInput::parse(u"молоко"_s)->kind, ScanInput::Kind::Name);
        QCOMPARE(ScanInput::parse(u"4600000000015"_s)->kind, ScanInput::Kind::Code);
        QVERIFY(!ScanInput::parse(u"0*10042"_s));
        QVERIFY(!ScanInput::parse(u"   "_s));
        QCOMPARE(Money::parse(u"1 234,5"_s), std::optional<qint64>(123450));
        QCOMPARE(Money::parse(u"99.99"_s), std::optional<qint64>(9999));
        QCOMPARE(Money::parse(u"1000"_s), std::optional<qint64>(100000));
        QVERIFY(!Money::parse(u"1.234"_s));
        QVERIFY(!Money::parse(u"-5"_s));
        QVERIFY(!Money::parse(u"abc"_s));
    }

    void scanChangeCountsAndPayCashWithChange()
    {
        CheckoutPage page(cashierSession());
        page.resize(1300, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QAbstractItemModelTester tester(page.cart(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QLineEdit *field = page.scanField();
        QTRY_VERIFY(field->hasFocus());
        CartModel *cart = page.cart();

        const QString barcode =
            Sql::scalar(m_tdb->db(), u"SELECT barcode FROM products WHERE plu = '10042'"_s)
                .value()
                .toString();
        QVERIFY(!barcode.isEmpty());
        scan(field, barcode);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        scan(field, barcode); // the same product again: one line, two of it
        QTRY_COMPARE_WITH_TIMEOUT(cart->quantityAt(0), 2, 10000);
        QCOMPARE(cart->rowCount(), 1);
        scan(field, u"3*10007"_s); // by PLU, three at once
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 2, 10000);
        QCOMPARE(cart->quantityAt(1), 3);
        QCOMPARE(page.table()->currentIndex().row(), 1); // the line just added

        // An unknown code: a notice in the banner, no box in the way.
        scan(field, u"999999"_s);
        auto *banner = page.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && banner->text().contains(u"999999"_s),
                                 10000);
        QVERIFY(!QApplication::activeModalWidget());
        QCOMPARE(cart->rowCount(), 2);
        QVERIFY(field->hasFocus());

        // − on the selected line, then ↑ and + on the first, Delete removes.
        QTest::keyClick(field, Qt::Key_Minus);
        QCOMPARE(cart->quantityAt(1), 2);
        QTest::keyClick(field, Qt::Key_Up);
        QTest::keyClick(field, Qt::Key_Plus);
        QCOMPARE(cart->quantityAt(0), 3);
        scan(field, u"10031"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 3, 10000);
        QTest::keyClick(field, Qt::Key_Delete);
        QCOMPARE(cart->rowCount(), 2);
        QVERIFY(field->text().isEmpty());

        const qint64 price42 = cart->productAt(0).price, price07 = cart->productAt(1).price;
        const qint64 total = 3 * price42 + 2 * price07;
        QCOMPARE(cart->total(), total);
        QCOMPARE(page.findChild<QLabel *>(u"cartTotal"_s)->text(), Money::format(total));
        const int shelf42 = shelfOf(u"10042"_s), shelf07 = shelfOf(u"10007"_s);

        // F9: cash. The customer hands over a round sum; the change shows as typed.
        const qint64 tendered = (total / 100000 + 1) * 100000;
        QString changeShown;
        auto driver = test::whenModal<PaymentDialog>([&](PaymentDialog *dialog) {
            auto closeOnExit = qScopeGuard([dialog] {
                if (dialog->isVisible())
                    dialog->reject();
            });
            auto *cash = dialog->findChild<QLineEdit *>(u"cashTendered"_s);
            QTRY_VERIFY(cash->hasFocus());
            cash->selectAll();
            QTest::keyClicks(cash, QString::number(tendered / 100));
            changeShown = dialog->findChild<QLabel *>(u"change"_s)->text();
            QTest::keyClick(cash, Qt::Key_Return);
        });
        QSignalSpy paid(&page, &CheckoutPage::orderPaid);
        QTest::keyClick(field, Qt::Key_F9);
        QVERIFY(paid.wait(15000));
        QCOMPARE(changeShown, Money::format(tendered - total));
        const auto order = paid.first().at(0).value<Order>();
        QCOMPARE(order.status, OrderStatus::Paid);
        QCOMPARE(order.total, total);
        QCOMPARE(paid.first().at(1).toLongLong(), tendered - total);
        QCOMPARE(shelfOf(u"10042"_s), shelf42 - 3);
        QCOMPARE(shelfOf(u"10007"_s), shelf07 - 2);
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT status FROM orders WHERE id = ?"_s, {order.id})
                     .value()
                     .toString(),
                 u"paid"_s);
        QVERIFY(banner->text().contains(Money::format(tendered - total)));
        QCOMPARE(cart->rowCount(), 0); // ready for the next customer
        QTRY_VERIFY(field->hasFocus()); // the window is active again after the dialog
    }

    void theReceiptGoesToTheReceiptPrinter()
    {
        QTcpServer printer;
        QVERIFY(printer.listen(QHostAddress::LocalHost));
        QByteArray received;
        connect(&printer, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = printer.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, this, [&received, s] { received += s->readAll(); });
        });
        AppSettings().setReceiptPrinter(u"127.0.0.1:%1"_s.arg(printer.serverPort()));
        auto forget = qScopeGuard([] { AppSettings().setReceiptPrinter({}); });
        CheckoutPage page(cashierSession());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        scan(page.scanField(), u"10042"_s);
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 1, 10000);
        QSignalSpy paid(&page, &CheckoutPage::orderPaid);
        auto approveCard = test::approveCardPayments();
        QTest::keyClick(page.scanField(), Qt::Key_F10); // card
        QVERIFY(paid.wait(15000));
        const auto order = paid.first().at(0).value<Order>();
        QTRY_VERIFY_WITH_TIMEOUT(received.endsWith("\x1d\x56\x42\x00"_ba), 10000); // cut
        QVERIFY(received.contains(order.number.toLatin1()));
        QVERIFY(received.contains(Receipt::toCp866(Money::format(order.total))));
        // F7 prints it again.
        received.clear();
        QTest::keyClick(page.scanField(), Qt::Key_F7);
        QTRY_VERIFY_WITH_TIMEOUT(received.contains(order.number.toLatin1()), 10000);
    }

    // The Orders page as a manager: filter, cancel one order, take items of a
    // paid one back with a manager's sign-in, and the shift's X and Z reports.
    void ordersPageCancelsReturnsAndReportsTheShift()
    {
        const Session manager = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        const Actor cashier = cashierSession().actor;
        OrderStore store(m_tdb->db());
        NewOrder o;
        o.shopId = 1;
        o.lines = {{u"10060"_s, 2}};
        auto waiting = store.create(cashier, o);
        QVERIFY(waiting.ok() && waiting->status == OrderStatus::AwaitingPayment);
        o.lines = {{u"10061"_s, 3}};
        auto sold = store.create(cashier, o);
        QVERIFY(store.pay(cashier, sold->id, {PaymentMethod::Card, 0, 0}).ok());
        const int shelf60 = shelfOf(u"10060"_s), shelf61 = shelfOf(u"10061"_s);

        OrdersPage page(manager);
        page.resize(1300, 900);
        QSignalSpy loaded(&page, &OrdersPage::ordersLoaded);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(loaded.wait(15000));
        auto *status = page.findChild<QComboBox *>(u"orderStatus"_s);
        loaded.clear();
        status->setCurrentIndex(status->findData(u"awaiting_payment"_s));
        QVERIFY(loaded.wait(15000));
        const qint64 awaiting = Sql::scalar(m_tdb->db(),
                                            u"SELECT count(*) FROM orders WHERE "
                                            "status = 'awaiting_payment'"_s)
                                    .value()
                                    .toLongLong();
        QCOMPARE(page.table()->rowCount(), int(awaiting));
        QCOMPARE(page.table()->item(0, 0)->text(), waiting->number); // newest first

        // Cancel it: the two units go back on the shelf.
        page.table()->setCurrentCell(0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(page.selectedOrder() && page.selectedOrder()->id == waiting->id,
                                 10000);
        Confirm::setAnswerForTests(true);
        auto answered = qScopeGuard([] { Confirm::setAnswerForTests(std::nullopt); });
        QSignalSpy changed(&page, &OrdersPage::orderChanged);
        page.findChild<QAbstractButton *>(u"cancelOrder"_s)->click();
        QVERIFY(changed.wait(15000));
        QCOMPARE(changed.first().first().value<Order>().status, OrderStatus::Cancelled);
        QCOMPARE(shelfOf(u"10060"_s), shelf60 + 2);

        // Take one of the paid order's three back, the manager signing in:
        // the order found by scanning its receipt (the barcode reads as its
        // number, then Enter), the return receipt on the receipt printer.
        QTcpServer printer;
        QVERIFY(printer.listen(QHostAddress::LocalHost));
        QByteArray printed;
        connect(&printer, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *socket = printer.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, this,
                    [&printed, socket] { printed += socket->readAll(); });
        });
        AppSettings().setReceiptPrinter(u"127.0.0.1:%1"_s.arg(printer.serverPort()));
        auto noPrinter = qScopeGuard([] { AppSettings().setReceiptPrinter({}); });
        auto *find = page.findChild<QLineEdit *>(u"findOrder"_s);
        QTest::keyClicks(find, u"nosuch-1"_s);
        QTest::keyClick(find, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            page.findChild<MessageBanner *>()->text().contains(u"NOSUCH-1"_s, Qt::CaseInsensitive),
            10000);
        find->clear();
        QTest::keyClicks(find, sold->number.toLower());
        QTest::keyClick(find, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(page.selectedOrder() && page.selectedOrder()->id == sold->id,
                                 10000);
        changed.clear();
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ReturnDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto closeOnExit = qScopeGuard([dialog] {
                if (dialog->isVisible())
                    dialog->reject();
            });
            dialog->findChild<QSpinBox *>(u"returnQty1"_s)->setValue(1);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"returnReason"_s), u"dented"_s);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"managerLogin"_s), u"manager"_s);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"managerPassword"_s), u"manager123"_s);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), 10000);
        });
        page.findChild<QAbstractButton *>(u"returnItems"_s)->click();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().value<Order>().lines.at(0).returnedQty, 1);
        QVERIFY(page.findChild<MessageBanner *>()->text().contains(u"pay back"_s) ||
                page.findChild<MessageBanner *>()->text().contains(u"refund"_s));
        QCOMPARE(shelfOf(u"10061"_s), shelf61 + 1);
        QTRY_VERIFY_WITH_TIMEOUT(printed.endsWith("\x1d\x56\x42\x00"_ba), 10000); // cut
        QVERIFY(printed.contains("RETURN"));
        QVERIFY(printed.contains("\x1d\x6b\x49"_ba + char(2 + sold->number.size()) + "{B" +
                                 sold->number.toLatin1())); // its number as Code 128
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM history WHERE action = 'returned' AND "
                             "order_id = ? AND approved_by = ? AND reason LIKE '%dented%'"_s,
                             {sold->id, manager.actor.staffId})
                     .value()
                     .toInt(),
                 1);

        // The shift: the one open since the start is closed, a new one opens
        // with a float, a sale, cash out, X, then Z with the drawer 10.00 short.
        ShiftPanel *shift = page.shiftPanel();
        QSignalSpy reported(shift, &ShiftPanel::reported);
        QTRY_VERIFY_WITH_TIMEOUT(shift->isOpen(), 10000);
        shift->close(CashCount::ofTotal(0));
        QVERIFY(reported.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!shift->isOpen(), 10000);
        reported.clear();
        shift->open(100000);
        QVERIFY(reported.wait(10000));
        o.lines = {{u"10062"_s, 1}};
        auto shiftSale = store.create(cashier, o);
        QVERIFY(store.pay(cashier, shiftSale->id, {PaymentMethod::Cash, shiftSale->total, 0}).ok());
        reported.clear();
        shift->moveCash(CashMovement::Direction::Out, 20000, u"Collection"_s);
        QVERIFY(reported.wait(10000));
        reported.clear();
        shift->showXReport();
        QVERIFY(reported.wait(10000));
        const auto x = reported.first().first().value<ShiftReport>();
        QCOMPARE(x.sales, 1);
        QCOMPARE(x.cash, shiftSale->total);
        QCOMPARE(x.cashOut, qint64(20000));
        QCOMPARE(x.expectedCash(), 100000 + shiftSale->total - 20000);
        QVERIFY(shift->reportText().contains(u"X REPORT"_s));
        QVERIFY(shift->reportText().contains(u"Collection"_s));
        reported.clear();
        shift->close(CashCount::ofTotal(x.expectedCash() - 1000));
        QVERIFY(reported.wait(10000));
        const auto z = reported.first().first().value<ShiftReport>();
        QCOMPARE(z.overShort(), std::optional<qint64>(-1000));
        QVERIFY(shift->reportText().contains(u"Z REPORT"_s));
        QVERIFY(shift->reportText().contains(u"SHORT"_s));
        QVERIFY(shift->reportText().contains(Money::format(x.expectedCash())));
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT counted_cash - expected_cash FROM shifts WHERE id = ?"_s,
                             {z.shiftId})
                     .value()
                     .toLongLong(),
                 qint64(-1000));
        // The next tests sell: a shift is open again.
        QVERIFY(m_tdb->openShift(1));
    }

    void aCustomerFoundInTheCrmIsOnTheOrder()
    {
        auto someone = Sql::run(m_tdb->db(),
                                u"SELECT id, first_name, last_name FROM "
                                "customers ORDER BY id LIMIT 1"_s);
        QVERIFY(someone.ok());
        QSqlQuery &q = someone.value();
        QVERIFY(q.next());
        const qint64 id = q.value(0).toLongLong();
        const QString name = q.value(1).toString() + u' ' + q.value(2).toString();
        CheckoutPage page(cashierSession());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        scan(page.scanField(), u"10042"_s);
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 1, 10000);
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<CustomerPickerDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto closeOnExit = qScopeGuard([dialog] {
                if (dialog->isVisible())
                    dialog->reject();
            });
            auto *search = dialog->findChild<QLineEdit *>(u"customerSearch"_s);
            auto *table = dialog->findChild<QTableView *>(u"customerTable"_s);
            auto *customers = qobject_cast<CustomerModel *>(table->model());
            QVERIFY(customers);
            // Nobody of that name: the dialog says so, and Enter takes no one.
            auto *status = dialog->findChild<QLabel *>(u"pickerStatus"_s);
            QTest::keyClicks(search, u"Zzqxw Nobodyhere"_s);
            QTRY_VERIFY_WITH_TIMEOUT(status->isVisible(), 15000);
            QVERIFY2(status->text().contains(u"No customer matches"_s) &&
                         status->text().contains(u"Zzqxw Nobodyhere"_s),
                     qPrintable(status->text()));
            QTest::keyClick(search, Qt::Key_Return);
            QVERIFY(dialog->isVisible());
            QVERIFY(status->isVisible());
            // The name typed last name first finds the customer too.
            const QString reversed = name.section(u' ', 1) + u' ' + name.section(u' ', 0, 0);
            search->setText(reversed); // keyClicks types ASCII only; names may be Cyrillic
            emit search->textEdited(reversed);
            // Once the filter has applied, the first row is a customer of that name.
            QTRY_VERIFY_WITH_TIMEOUT(customers->customerAt(0) &&
                                         customers->customerAt(0)->firstName + u' ' +
                                                 customers->customerAt(0)->lastName ==
                                             name,
                                     15000);
            QVERIFY(!status->isVisible());
            QTest::keyClick(search, Qt::Key_Return);
        });
        QTest::keyClick(page.scanField(), Qt::Key_F8);
        const auto *button = page.findChild<QPushButton *>(u"chooseCustomer"_s);
        QVERIFY2(button->text().contains(name), qPrintable(button->text()));
        QSignalSpy paid(&page, &CheckoutPage::orderPaid);
        QTRY_VERIFY(page.scanField()->hasFocus()); // back from the dialog
        auto approveCard = test::approveCardPayments();
        QTest::keyClick(page.scanField(), Qt::Key_F10);
        QVERIFY2(paid.wait(15000), qPrintable(page.findChild<MessageBanner *>()->text()));
        QCOMPARE(paid.first().first().value<Order>().customerId, id);
        QVERIFY(!button->text().contains(name)); // the next sale starts without one
    }

    // A promo code and a split payment: the dialog asks for the order's own
    // (discounted) total, and the change is what the cash part leaves over.
    void promoCodeAndSplitPayment()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO promo_codes (code, kind, value) VALUES "
                         "('TENOFF', 'percent', 10) ON CONFLICT DO NOTHING"_s)
                    .ok());
        CheckoutPage page(cashierSession());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        scan(page.scanField(), u"4*10070"_s);
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 1, 10000);
        const qint64 gross = page.cart()->total();
        const qint64 discounted = gross - (gross * 10 + 50) / 100;
        auto *promo = page.findChild<QLineEdit *>(u"promoCode"_s);
        QTest::keyClicks(promo, u"tenoff"_s);
        QTest::keyClick(promo, Qt::Key_Return);
        QTRY_VERIFY(page.scanField()->hasFocus()); // back to the scanner
        QTRY_VERIFY_WITH_TIMEOUT(page.findChild<MessageBanner *>()->text().contains(u"TENOFF"_s),
                                 10000); // checked as typed
        const qint64 card = discounted / 2;
        const qint64 cashPart = discounted - card;
        const qint64 tendered = (cashPart / 10000 + 1) * 10000;
        QString totalShown, changeShown;
        auto driver = test::whenModal<PaymentDialog>([&](PaymentDialog *dialog) {
            auto closeOnExit = qScopeGuard([dialog] {
                if (dialog->isVisible())
                    dialog->reject();
            });
            totalShown = dialog->findChild<QLabel *>(u"paymentTotal"_s)->text();
            auto *cardPart = dialog->findChild<QLineEdit *>(u"cardPart"_s);
            QTest::keyClicks(cardPart, Money::formatPlain(card));
            // Tab goes on to the cash, which already shows the rest of the total.
            auto *cash = dialog->findChild<QLineEdit *>(u"cashTendered"_s);
            QTest::keyClick(cardPart, Qt::Key_Tab);
            QTRY_VERIFY(cash->hasFocus());
            QCOMPARE(cash->text(), Money::formatPlain(cashPart));
            QTRY_COMPARE(cash->selectedText(), cash->text()); // typing replaces it
            QTest::keyClicks(cash, Money::formatPlain(tendered));
            changeShown = dialog->findChild<QLabel *>(u"change"_s)->text();
            // Tab again reaches Paid, never Back: Enter there pays.
            QTest::keyClick(cash, Qt::Key_Tab);
            QTRY_VERIFY(dialog->focusWidget() &&
                        dialog->focusWidget()->objectName() != u"cashTendered"_s);
            QVERIFY2(qobject_cast<QPushButton *>(dialog->focusWidget()),
                     qPrintable(dialog->focusWidget()->objectName() + u" / "_s + cash->text() +
                                u" / "_s + changeShown));
            QVERIFY(qobject_cast<QPushButton *>(dialog->focusWidget())->text().contains(u"Paid"_s));
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Return);
        });
        QSignalSpy paid(&page, &CheckoutPage::orderPaid);
        QTest::keyClick(page.scanField(), Qt::Key_F11);
        QVERIFY2(paid.wait(15000), qPrintable(page.findChild<MessageBanner *>()->text()));
        QCOMPARE(totalShown, Money::format(discounted));
        QCOMPARE(changeShown, Money::format(tendered - cashPart));
        const auto order = paid.first().at(0).value<Order>();
        QCOMPARE(order.total, discounted);
        QCOMPARE(order.paidCard, card);
        QCOMPARE(order.paidCash, cashPart);
        QCOMPARE(paid.first().at(1).toLongLong(), tendered - cashPart);
    }

    void cancellingThePaymentKeepsTheCartAndReleasesTheStock()
    {
        CheckoutPage page(cashierSession());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const int before = shelfOf(u"10080"_s);
        int held = -1;
        scan(page.scanField(), u"2*10080"_s);
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 1, 10000);
        auto driver = test::whenModal<PaymentDialog>([&](PaymentDialog *dialog) {
            // While the dialog is up the two units are held for the order.
            held = shelfOf(u"10080"_s);
            dialog->reject();
        });
        QTest::keyClick(page.scanField(), Qt::Key_F9);
        auto *banner = page.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"nothing was sold"_s), 10000);
        QCOMPARE(held, before - 2);
        QCOMPARE(shelfOf(u"10080"_s), before);
        QCOMPARE(page.cart()->rowCount(), 1);
    }

    // A price scheduled to start between the scan and the payment: the order
    // charges it, and the till says so before the money is taken.
    void aPriceThatStartedAfterTheScanIsToldBeforePayment()
    {
        CheckoutPage page(cashierSession());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        scan(page.scanField(), u"10081"_s);
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 1, 10000);
        const qint64 scanned = page.cart()->unitPriceAt(0);
        const qint64 newPrice = scanned + 1000;
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO product_prices (product_id, price, valid_from) "
                         "SELECT id, ?, clock_timestamp() FROM products WHERE plu = '10081'"_s,
                         {newPrice})
                    .ok());
        auto restore = qScopeGuard([&] {
            std::ignore = Sql::run(m_tdb->db(),
                                   u"DELETE FROM product_prices WHERE price = ? AND product_id = "
                                   "(SELECT id FROM products WHERE plu = '10081')"_s,
                                   {newPrice});
        });
        QString told;
        auto driver = test::whenModal<PaymentDialog>([&](PaymentDialog *dialog) {
            told = page.findChild<MessageBanner *>()->text();
            dialog->reject();
        });
        QTest::keyClick(page.scanField(), Qt::Key_F9);
        QTRY_VERIFY_WITH_TIMEOUT(!told.isEmpty(), 10000);
        QVERIFY2(told.contains(u"%1 → %2"_s.arg(Money::format(scanned), Money::format(newPrice))),
                 qPrintable(told));
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT l.unit_price FROM order_lines l JOIN orders o "
                             "ON o.id = l.order_id WHERE l.plu = '10081' "
                             "ORDER BY o.id DESC LIMIT 1"_s)
                     .value()
                     .toLongLong(),
                 newPrice);
    }

    // A scale's label: EAN-13 "2 P CCCCC VVVVV K" with the PLU and the weight
    // (P 0–4) or the price (P 5–9); the product is sold by the kilogram.
    void weightBarcodesAreUnderstood()
    {
        const auto byWeight = WeightBarcode::decode(Ean13::complete(u"201234500456"_s));
        QVERIFY(byWeight);
        QCOMPARE(byWeight->plu, u"12345"_s);
        QCOMPARE(byWeight->grams, 456);
        const auto byPrice = WeightBarcode::decode(Ean13::complete(u"271234519995"_s));
        QVERIFY(byPrice);
        QCOMPARE(byPrice->price, qint64(19995));
        QCOMPARE(WeightBarcode::gramsForPrice(19995, 39990), 500); // 199.95 at 399.90/kg
        QCOMPARE(WeightBarcode::amount(456, 39990), qint64(18235)); // 182.35
        QVERIFY(!WeightBarcode::decode(u"2012345004560"_s)); // a wrong check digit
        QVERIFY(!WeightBarcode::decode(Ean13::complete(u"460000000001"_s))); // not in-store

        // Cheese at 399.90 a kilogram, 5 kg in stock (counted in grams).
        const Actor keeper =
            StaffStore(m_tdb->db()).authenticate(u"keeper"_s, u"keeper123"_s, 1).value();
        NewProduct cheese {u"77001"_s, u"Сыр Российский весовой"_s, 39990, {}};
        cheese.soldByWeight = true;
        QVERIFY(ProductStore(m_tdb->db()).create(keeper, cheese).ok());
        QVERIFY(StockStore(m_tdb->db()).create(keeper, u"77001"_s, 1, 5000, 0).ok());

        CheckoutPage page(cashierSession());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        scan(page.scanField(), Ean13::complete(u"207700100456"_s)); // 456 g
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 1, 10000);
        QCOMPARE(page.cart()->quantityAt(0), 456);
        QCOMPARE(page.cart()->total(), qint64(18235));
        // A second label of the same cheese, a 199.95 pack (500 g): a line of
        // its own with its own weight and amount, not one merged 0.956 kg line.
        scan(page.scanField(), Ean13::complete(u"277700119995"_s));
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 2, 10000);
        QCOMPARE(page.cart()->quantityAt(0), 456);
        QCOMPARE(page.cart()->quantityAt(1), 500);
        QCOMPARE(page.cart()->total(), qint64(18235 + 19995));
        QCOMPARE(page.cart()->units(), 2);
        QVERIFY(!page.cart()->changeQuantity(0, 1)); // the scale decides, not the + key

        QSignalSpy paid(&page, &CheckoutPage::orderPaid);
        auto approveCard = test::approveCardPayments();
        QTest::keyClick(page.scanField(), Qt::Key_F10);
        QVERIFY2(paid.wait(15000), qPrintable(page.findChild<MessageBanner *>()->text()));
        const auto order = paid.first().at(0).value<Order>();
        QCOMPARE(order.lines.size(), 2);
        QCOMPARE(order.lines.at(0).qty, 456);
        QCOMPARE(order.lines.at(1).qty, 500);
        QVERIFY(order.lines.at(0).weighed);
        QVERIFY(order.lines.at(1).weighed);
        QCOMPARE(order.lines.at(0).amount(), qint64(18235));
        QCOMPARE(order.lines.at(1).amount(), qint64(19995));
        QCOMPARE(order.total, qint64(18235 + 19995));
        QCOMPARE(shelfOf(u"77001"_s), 5000 - 956);
        const Receipt receipt = Receipt::forOrder(order, cashierSession().shop, u"x"_s, 0);
        QVERIFY2(receipt.text().contains(u"0.456 kg"_s), qPrintable(receipt.text()));
        QVERIFY2(receipt.text().contains(u"0.500 kg"_s), qPrintable(receipt.text()));
    }

    // A weighed product's PLU typed without a scale label: the till asks for
    // the weight in kilograms (not only "scan the scale's label").
    void aWeighedPluAsksForTheWeight()
    {
        CheckoutPage page(cashierSession());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QString asked;
        auto driver = test::whenModal<QInputDialog>([&](QInputDialog *dialog) {
            asked = dialog->labelText();
            dialog->setDoubleValue(0.45);
            dialog->accept();
        });
        scan(page.scanField(), u"77001"_s); // the cheese of the test above
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 1, 10000);
        QVERIFY2(asked.contains(u"kg"_s), qPrintable(asked));
        QCOMPARE(page.cart()->quantityAt(0), 450); // grams
        QCOMPARE(page.cart()->total(), qint64(17996)); // 0.450 kg at 399.90, half up
        page.sale()->clear();
    }

    // F6: a manager approves a new price on the till; a wrong password
    // keeps the old one.
    void aManagerChangesALinesPrice()
    {
        CheckoutPage page(cashierSession());
        page.resize(1300, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        CartModel *cart = page.cart();
        scan(page.scanField(), u"2*10007"_s);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        const qint64 catalogPrice = cart->unitPriceAt(0);

        auto fill = [](PriceOverrideDialog *dialog, const QString &price, const QString &secret) {
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"newPrice"_s), price);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"managerLogin"_s), u"manager"_s);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"managerSecret"_s), secret);
            QTest::keyClick(dialog->findChild<QLineEdit *>(u"managerSecret"_s), Qt::Key_Return);
        };
        bool refusedShown = false;
        auto driver = test::whenModal<PriceOverrideDialog>([&](PriceOverrideDialog *dialog) {
            fill(dialog, u"10.00"_s, u"not-the-password"_s);
            auto *banner = dialog->findChild<MessageBanner *>();
            QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
            refusedShown = dialog->isVisible();
            dialog->findChild<QLineEdit *>(u"newPrice"_s)->clear();
            dialog->findChild<QLineEdit *>(u"managerLogin"_s)->clear();
            fill(dialog, u"10.00"_s, u"manager123"_s);
        });
        QTest::keyClick(page.scanField(), Qt::Key_F6);
        QVERIFY(refusedShown);
        QCOMPARE(cart->unitPriceAt(0), 1000);
        QCOMPARE(cart->total(), 2000);
        QVERIFY(catalogPrice != 1000);
        QVERIFY(cart->data(cart->index(0, CartModel::Price)).toString().startsWith(u"✱"_s));
        QVERIFY(cart->data(cart->index(0, CartModel::Price), Qt::ToolTipRole)
                    .toString()
                    .contains(u"approved by"_s));
        const auto overrides = cart->priceOverrides();
        QCOMPARE(int(overrides.size()), 1);
        QCOMPARE(overrides.front().plu, u"10007"_s);
        // The manager approved that price for two: a third is at the shelf price.
        QTest::keyClick(page.scanField(), Qt::Key_Plus);
        QTRY_COMPARE(cart->quantityAt(0), 3);
        QCOMPARE(cart->unitPriceAt(0), catalogPrice);
        QVERIFY(cart->priceOverrides().empty());

        // F12 with lines on the till asks first; Enter keeps the sale (No is
        // the default), Yes drops it and records the void for the manager.
        const int voidsBefore =
            Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM voided_sales"_s).value().toInt();
        {
            auto keep = test::whenModal<QMessageBox>(
                [](QMessageBox *box) { QTest::keyClick(box, Qt::Key_Return); });
            QTest::keyClick(page.scanField(), Qt::Key_F12);
        }
        QCOMPARE(cart->rowCount(), 1);
        QTRY_VERIFY(page.isActiveWindow()); // the till has the keyboard again
        {
            auto drop = test::whenModal<QMessageBox>(
                [](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
            QTest::keyClick(page.scanField(), Qt::Key_F12);
        }
        QCOMPARE(cart->rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM voided_sales"_s).value().toInt(),
            voidsBefore + 1, 10000);
        auto voided =
            Sql::run(m_tdb->db(),
                     u"SELECT staff_id, total, lines->0->>'plu', "
                     "(lines->0->>'qty')::int FROM voided_sales ORDER BY id DESC LIMIT 1"_s);
        QVERIFY(voided.ok() && voided.value().next());
        QCOMPARE(voided.value().value(0).toLongLong(), cashierSession().actor.staffId);
        QCOMPARE(voided.value().value(1).toLongLong(), 3 * catalogPrice);
        QCOMPARE(voided.value().value(2).toString(), u"10007"_s);
        QCOMPARE(voided.value().value(3).toInt(), 3);

        // The manager sees who dropped what, from the Orders page.
        const Session manager = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        OrdersPage orders(manager);
        orders.show();
        QVERIFY(QTest::qWaitForWindowExposed(&orders));
        auto *voidedAction = orders.findChild<QAction *>(u"voidedSales"_s);
        QVERIFY(voidedAction && voidedAction->isVisible());
        QString cashierShown, totalShown, lineShown;
        {
            auto look = test::whenModal<VoidedSalesDialog>([&](VoidedSalesDialog *dialog) {
                auto *tree = dialog->findChild<QTreeWidget *>(u"voidedSales"_s);
                QTRY_VERIFY_WITH_TIMEOUT(tree->topLevelItemCount() > 0, 10000);
                QTreeWidgetItem *newest = tree->topLevelItem(0);
                cashierShown = newest->text(2);
                totalShown = newest->text(4);
                lineShown = newest->childCount() == 1 ? newest->child(0)->text(3) : QString();
                dialog->reject();
            });
            voidedAction->trigger();
        }
        QCOMPARE(cashierShown, cashierSession().actor.displayName);
        QCOMPARE(totalShown, Money::format(3 * catalogPrice));
        QVERIFY2(lineShown.startsWith(u"10007 "_s) &&
                     lineShown.contains(u"× 3 at %1"_s.arg(Money::format(catalogPrice))),
                 qPrintable(lineShown));
        // A cashier neither sees the list nor may read it.
        OrdersPage cashierOrders(cashierSession());
        QVERIFY(!cashierOrders.findChild<QAction *>(u"voidedSales"_s)->isVisible());
        QCOMPARE(HeldSaleStore(m_tdb->db())
                     .voided(cashierSession().actor, 1, QDateTime::currentDateTimeUtc().addDays(-1))
                     .error()
                     .code,
                 StoreError::Code::Permission);
    }

    void missingStockIsToldAndTheCartKept()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE stocks SET shelf_qty = 1 WHERE plu = '10050' "
                         "AND shop_id = 1"_s)
                    .ok());
        CheckoutPage page(cashierSession());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        scan(page.scanField(), u"2*10050"_s);
        QTRY_COMPARE_WITH_TIMEOUT(page.cart()->rowCount(), 1, 10000);
        auto approveCard = test::approveCardPayments();
        QTest::keyClick(page.scanField(), Qt::Key_F10); // card
        auto *banner = page.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"Only 1 of PLU 10050"_s), 15000);
        QCOMPARE(page.cart()->rowCount(), 1); // to be corrected, not lost
        QCOMPARE(shelfOf(u"10050"_s), 1);
    }
};

QTEST_MAIN(TestCheckoutPage)
#include "tst_checkoutpage.moc"
