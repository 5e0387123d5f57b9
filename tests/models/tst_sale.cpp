// The open sale without widgets, over a real PostgreSQL: each state of its
// life and what it promises (nothing stays reserved for a sale that was not
// paid, a refused reservation keeps the lines, no payment while a code is
// being looked up, no edits while it is busy).

#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/checkout/CartModel.h"
#include "models/checkout/Sale.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestSale : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_cashier, m_manager;

    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    QPair<int, int> stockOf(const QString &plu) const
    {
        const StockRow r = StockStore(m_tdb->db()).find(m_shop, plu).value().value();
        return {r.shelfQty, r.orderQty};
    }
    Product product(const QString &plu) const
    {
        return ProductStore(m_tdb->db()).byPlu(plu).value().value();
    }
    std::unique_ptr<Sale> newSale() const
    {
        auto sale = std::make_unique<Sale>(m_cashier, m_shop);
        sale->setTill(u"T1"_s);
        // The card terminal approves whatever it is asked to charge (the
        // cashier's confirmation is the page's; see tst_checkoutpage).
        Sale *s = sale.get();
        QObject::connect(s, &Sale::paymentNeeded, s, [s](const Order &, PaymentMethod method) {
            if (method == PaymentMethod::Card)
                s->takePayment(Payment {PaymentMethod::Card, 0, 0});
        });
        return sale;
    }
    // The notices a sale gave, as text.
    static QStringList texts(const QSignalSpy &notices)
    {
        QStringList all;
        for (const auto &args : notices)
            all << args.at(0).toString();
        return all;
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"sale"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        Database::setDefaultConfig(m_tdb->config()); // the pool threads' connections
        m_shop = m_tdb->addShop(u"TVR"_s, u"Tverskaya"_s);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop);
        QVERIFY(m_tdb->setPassword(m_manager.staffId, u"manager-pass"_s));
        const Actor keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        ProductStore products(m_tdb->db());
        StockStore stock(m_tdb->db());
        QVERIFY(products.create(keeper, NewProduct {u"1001"_s, u"Молоко"_s, 9990, {}}).ok());
        QVERIFY(products.create(keeper, NewProduct {u"1002"_s, u"Хлеб"_s, 4550, {}}).ok());
        QVERIFY(products.create(keeper, NewProduct {u"1003"_s, u"Сыр"_s, 65000, {}}).ok());
        QVERIFY(stock.create(keeper, u"1001"_s, m_shop, 100, 0).ok());
        QVERIFY(stock.create(keeper, u"1002"_s, m_shop, 100, 0).ok());
        QVERIFY(stock.create(keeper, u"1003"_s, m_shop, 1, 0).ok());
        QVERIFY(m_tdb->openShift(m_shop, u"T1"_s)); // no shift, no sale
        QVERIFY(
            Sql::run(m_tdb->db(),
                     u"INSERT INTO promo_codes (code, kind, value) VALUES ('TEN', 'percent', 10)"_s)
                .ok());
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_tdb.reset();
    }

    void scanningAddsLinesAndTellsUnknownCodes()
    {
        auto sale = newSale();
        QSignalSpy added(sale.get(), &Sale::lineAdded);
        QSignalSpy notices(sale.get(), &Sale::notice);
        sale->scan(u"1001"_s, 2);
        QVERIFY(added.wait(10000));
        sale->scan(u"1001"_s, 1); // the same product again: the same line
        QVERIFY(added.wait(10000));
        CartModel *cart = sale->cart();
        QCOMPARE(cart->rowCount(), 1);
        QCOMPARE(cart->quantityAt(0), 3);
        QCOMPARE(added.last().at(0).toInt(), 0);

        sale->scan(u"999999"_s, 1);
        QVERIFY(notices.wait(10000));
        QVERIFY(notices.last().at(0).toString().contains(u"999999"_s));
        QCOMPARE(notices.last().at(1).value<Sale::Tone>(), Sale::Tone::Warning);
        QCOMPARE(cart->rowCount(), 1);
        QCOMPARE(sale->state(), Sale::State::Scanning);
        QVERIFY(!sale->isBusy());
    }

    // A product with two barcodes (issue 17): the second one, scanned, sells
    // that product at its price, and the order's line is that product's.
    void aSecondBarcodeScannedSellsItsProduct()
    {
        ProductStore products(m_tdb->db());
        QVERIFY(products.addBarcode(m_manager, u"1002"_s, u"4600000000015"_s).ok());
        QVERIFY(products.addBarcode(m_manager, u"1002"_s, u"4601234567893"_s).ok());
        QCOMPARE(product(u"1002"_s).barcodes,
                 QStringList({u"4600000000015"_s, u"4601234567893"_s}));
        const auto before = stockOf(u"1002"_s);
        auto sale = newSale();
        QSignalSpy added(sale.get(), &Sale::lineAdded);
        sale->scan(u"4601234567893"_s, 2);
        QVERIFY(added.wait(10000));
        QCOMPARE(sale->cart()->rowCount(), 1);
        QCOMPARE(sale->cart()->quantityAt(0), 2);
        QSignalSpy needed(sale.get(), &Sale::paymentNeeded);
        QSignalSpy paid(sale.get(), &Sale::paid);
        sale->pay(PaymentMethod::Cash);
        QVERIFY(needed.wait(15000));
        const auto order = needed.first().at(0).value<Order>();
        QCOMPARE(order.total, qint64(2 * 4550));
        sale->takePayment({PaymentMethod::Cash, order.total, 0});
        QVERIFY(paid.wait(15000));
        QCOMPARE(
            scalar(u"SELECT count(*) FROM order_lines l JOIN products p ON p.id = l.product_id "
                   "WHERE l.order_id = ? AND p.plu = '1002' AND l.qty = 2"_s,
                   {order.id}),
            1);
        QCOMPARE(stockOf(u"1002"_s).first, before.first - 2);
    }

    void anArchivedProductIsNotAddedToTheSale()
    {
        ProductStore products(m_tdb->db());
        QVERIFY(
            products.create(m_manager, NewProduct {u"1009"_s, u"Старый кефир"_s, 5000, {}}).ok());
        auto archived = products.update(
            m_manager, ProductEdit {u"1009"_s, u"Старый кефир"_s, 5000, {}, false, false, {}});
        QVERIFY2(archived.ok(), archived.ok() ? "" : qPrintable(archived.error().message));
        auto sale = newSale();
        QSignalSpy notices(sale.get(), &Sale::notice);
        sale->scan(u"1009"_s, 1);
        QVERIFY(notices.wait(10000));
        QVERIFY2(notices.last().at(0).toString().contains(u"archived"_s),
                 qPrintable(notices.last().at(0).toString()));
        QCOMPARE(notices.last().at(1).value<Sale::Tone>(), Sale::Tone::Warning);
        QCOMPARE(sale->cart()->rowCount(), 0);
    }

    void aCodeStillBeingLookedUpHoldsThePaymentBack()
    {
        auto sale = newSale();
        sale->add(product(u"1002"_s), 1);
        const qint64 orders = scalar(u"SELECT count(*) FROM orders"_s);
        QSignalSpy notices(sale.get(), &Sale::notice);
        QSignalSpy added(sale.get(), &Sale::lineAdded);
        sale->scan(u"1001"_s, 1);
        QVERIFY(sale->isLookingUp());
        sale->pay(PaymentMethod::Card);
        QCOMPARE(sale->state(), Sale::State::Scanning);
        QVERIFY(texts(notices).join(u'\n').contains(u"still being looked up"_s));
        QVERIFY(added.wait(10000));
        QVERIFY(!sale->isLookingUp());
        QCOMPARE(sale->cart()->rowCount(), 2);
        QCOMPARE(scalar(u"SELECT count(*) FROM orders"_s), orders); // nothing was reserved
    }

    // By card: scanning → reserving → reserved → paying → paid, busy from
    // the moment it is asked to pay until it is paid; the next sale starts
    // empty.
    void aCardSaleGoesThroughEachState()
    {
        auto sale = newSale();
        sale->add(product(u"1001"_s), 2);
        sale->setPromoCode(u"ten"_s);
        sale->setCustomer(std::nullopt);
        const auto before = stockOf(u"1001"_s);
        QSignalSpy states(sale.get(), &Sale::stateChanged);
        QSignalSpy busy(sale.get(), &Sale::busyChanged);
        QSignalSpy paid(sale.get(), &Sale::paid);
        QSignalSpy promo(sale.get(), &Sale::promoCodeChanged);

        sale->pay(PaymentMethod::Card);
        QCOMPARE(sale->state(), Sale::State::Reserving);
        QVERIFY(sale->isBusy());
        QCOMPARE(sale->add(product(u"1002"_s), 1), -1); // no edits while it is busy
        QCOMPARE(sale->cart()->rowCount(), 1);
        QVERIFY(paid.wait(15000));

        QList<Sale::State> seen;
        for (const auto &args : std::as_const(states))
            seen << args.at(0).value<Sale::State>();
        QVERIFY(seen ==
                (QList<Sale::State> {Sale::State::Reserving, Sale::State::Reserved,
                                     Sale::State::Paying, Sale::State::Paid}));
        QCOMPARE(busy.size(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);

        const auto order = paid.first().at(0).value<Order>();
        QCOMPARE(order.status, OrderStatus::Paid);
        QVERIFY(order.paymentMethod == PaymentMethod::Card);
        QCOMPARE(order.till, u"T1"_s);
        QCOMPARE(order.subtotal, qint64(2 * 9990));
        QCOMPARE(order.discount, qint64(1998)); // the promo code went with it
        QCOMPARE(order.paidCard, order.total);
        QCOMPARE(stockOf(u"1001"_s), qMakePair(before.first - 2, 0));
        QVERIFY(sale->cart()->isEmpty());
        QVERIFY(sale->promoCode().isEmpty());
        QCOMPARE(promo.last().at(0).toString(), QString());
        QVERIFY(!sale->order());

        // The next scan starts the next sale.
        QCOMPARE(sale->add(product(u"1002"_s), 1), 0);
        QCOMPARE(sale->state(), Sale::State::Scanning);
    }

    // Cash: reserved, the till asks for the money, and it is paid with change.
    void aCashSaleAsksForTheMoney()
    {
        auto sale = newSale();
        sale->add(product(u"1002"_s), 3);
        const auto before = stockOf(u"1002"_s);
        QSignalSpy needed(sale.get(), &Sale::paymentNeeded);
        QSignalSpy paid(sale.get(), &Sale::paid);
        QSignalSpy notices(sale.get(), &Sale::notice);
        sale->pay(PaymentMethod::Cash);
        QVERIFY(needed.wait(15000));
        QCOMPARE(sale->state(), Sale::State::Reserved);
        QVERIFY(sale->isBusy());
        const auto order = needed.first().at(0).value<Order>();
        QCOMPARE(needed.first().at(1).value<PaymentMethod>(), PaymentMethod::Cash);
        QCOMPARE(order.status, OrderStatus::AwaitingPayment);
        QCOMPARE(order.total, qint64(3 * 4550));
        QCOMPARE(sale->order()->id, order.id);
        // While the money is asked for, the units are held for the order.
        QCOMPARE(stockOf(u"1002"_s), qMakePair(before.first - 3, 3));
        sale->clear(); // F12 does nothing while the sale is busy
        QCOMPARE(sale->cart()->rowCount(), 1);

        sale->takePayment({PaymentMethod::Cash, order.total + 1000, 0});
        QCOMPARE(sale->state(), Sale::State::Paying);
        QVERIFY(paid.wait(15000));
        QCOMPARE(paid.first().at(1).toLongLong(), qint64(1000));
        QCOMPARE(sale->state(), Sale::State::Paid);
        QCOMPARE(paid.first().at(0).value<Order>().id, order.id);
        QVERIFY(texts(notices).join(u'\n').contains(u"Taking payment"_s));
        QCOMPARE(stockOf(u"1002"_s), qMakePair(before.first - 3, 0));
    }

    // The customer did not pay: released, nothing sold, the lines kept.
    void aCancelledPaymentReleasesTheOrderAndKeepsTheLines()
    {
        auto sale = newSale();
        sale->add(product(u"1001"_s), 4);
        const auto before = stockOf(u"1001"_s);
        QSignalSpy needed(sale.get(), &Sale::paymentNeeded);
        QSignalSpy states(sale.get(), &Sale::stateChanged);
        QSignalSpy notices(sale.get(), &Sale::notice);
        sale->pay(PaymentMethod::Split);
        QVERIFY(needed.wait(15000));
        const auto order = needed.first().at(0).value<Order>();
        sale->cancelPayment();
        QCOMPARE(sale->state(), Sale::State::Releasing);
        QVERIFY(sale->isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(sale->state(), Sale::State::Released, 15000);
        QVERIFY(!sale->isBusy());
        QVERIFY(notices.last().at(0).toString().contains(u"nothing was sold"_s));
        QCOMPARE(sale->cart()->rowCount(), 1);
        QCOMPARE(sale->cart()->quantityAt(0), 4);
        QCOMPARE(stockOf(u"1001"_s), before);
        QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE id = ? AND status = 'cancelled'"_s,
                        {order.id}),
                 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE order_id = ? AND action = 'released' "
                        "AND reason LIKE '%payment cancelled at the till%'"_s,
                        {order.id}),
                 1);
        // Corrected and paid again.
        sale->changeQuantity(0, -1);
        QCOMPARE(sale->state(), Sale::State::Scanning);
        QCOMPARE(sale->cart()->quantityAt(0), 3);
    }

    // One line lacks stock: nothing is reserved, the lines stay to be corrected.
    void aRefusedReservationKeepsTheLines()
    {
        auto sale = newSale();
        sale->add(product(u"1001"_s), 1);
        sale->add(product(u"1003"_s), 2); // one on the shelf
        const auto milk = stockOf(u"1001"_s);
        QSignalSpy notices(sale.get(), &Sale::notice);
        QSignalSpy paid(sale.get(), &Sale::paid);
        sale->pay(PaymentMethod::Card);
        QTRY_COMPARE_WITH_TIMEOUT(sale->state(), Sale::State::Released, 15000);
        QVERIFY2(notices.last().at(0).toString().contains(u"Only 1 of PLU 1003"_s),
                 qPrintable(notices.last().at(0).toString()));
        QCOMPARE(notices.last().at(1).value<Sale::Tone>(), Sale::Tone::Warning);
        QVERIFY(paid.isEmpty());
        QCOMPARE(sale->cart()->rowCount(), 2);
        QCOMPARE(stockOf(u"1001"_s), milk);
        QCOMPARE(stockOf(u"1003"_s), qMakePair(1, 0));
        QVERIFY(!sale->order());
    }

    // Too little cash: the payment is refused and its order released at once.
    void aRefusedPaymentLeavesNothingReserved()
    {
        auto sale = newSale();
        sale->add(product(u"1002"_s), 2);
        const auto before = stockOf(u"1002"_s);
        QSignalSpy needed(sale.get(), &Sale::paymentNeeded);
        QSignalSpy notices(sale.get(), &Sale::notice);
        sale->pay(PaymentMethod::Cash);
        QVERIFY(needed.wait(15000));
        const auto order = needed.first().at(0).value<Order>();
        sale->takePayment({PaymentMethod::Cash, 1, 0});
        QTRY_COMPARE_WITH_TIMEOUT(sale->state(), Sale::State::Released, 15000);
        QVERIFY2(notices.last().at(0).toString().contains(u"less than the total"_s),
                 qPrintable(notices.last().at(0).toString()));
        QCOMPARE(stockOf(u"1002"_s), before);
        QCOMPARE(sale->cart()->rowCount(), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE id = ? AND status = 'cancelled'"_s,
                        {order.id}),
                 1);
    }

    // The till's window closed while it asked for the money: the order goes.
    void aSaleDroppedWhileReservedReleasesItsOrder()
    {
        auto sale = newSale();
        sale->add(product(u"1001"_s), 5);
        const auto before = stockOf(u"1001"_s);
        QSignalSpy needed(sale.get(), &Sale::paymentNeeded);
        sale->pay(PaymentMethod::Cash);
        QVERIFY(needed.wait(15000));
        const auto order = needed.first().at(0).value<Order>();
        QCOMPARE(stockOf(u"1001"_s), qMakePair(before.first - 5, 5));
        sale.reset();
        QThreadPool::globalInstance()->waitForDone();
        QCOMPARE(stockOf(u"1001"_s), before);
        QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE id = ? AND status = 'cancelled'"_s,
                        {order.id}),
                 1);
    }

    // A change of cashier: the lines, the prices a manager approved, the
    // customer and the promo code go to the next person's sale.
    void anOpenSaleMovesToTheNextSale()
    {
        auto sale = newSale();
        sale->add(product(u"1001"_s), 2);
        sale->add(product(u"1002"_s), 1);
        const ManagerApproval approval =
            StaffStore(m_tdb->db())
                .approveAsManager(u"manager"_s, u"manager-pass"_s, m_shop)
                .value();
        sale->setPrice(0, 5000, approval);
        sale->setPromoCode(u"TEN"_s);
        Customer customer;
        customer.id = 0;
        customer.firstName = u"Анна"_s;
        sale->setCustomer(customer);

        Sale next(m_manager, m_shop);
        QSignalSpy customerShown(&next, &Sale::customerChanged);
        next.resume(sale->openSale());
        QCOMPARE(next.cart()->rowCount(), 2);
        QCOMPARE(next.cart()->quantityAt(0), 2);
        QCOMPARE(next.cart()->unitPriceAt(0), qint64(5000));
        QCOMPARE(next.cart()->priceOverrideAt(0)->approval.staffId(), m_manager.staffId);
        QCOMPARE(next.cart()->unitPriceAt(1), qint64(4550));
        QCOMPARE(next.promoCode(), u"TEN"_s);
        QCOMPARE(next.customer()->firstName, u"Анна"_s);
        QCOMPARE(customerShown.size(), 1);
        QCOMPARE(next.state(), Sale::State::Scanning);
    }
};

QTEST_GUILESS_MAIN(TestSale)
#include "tst_sale.moc"
