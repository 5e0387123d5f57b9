// The arithmetic of an order, with no database: merging lines, prices
// changed at the till, promo codes, weighed lines, payments and refunds.

#include "models/orders/OrderPricing.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

Q_DECLARE_METATYPE(QList<shopdesk::CartLine>)

namespace {

OrderLine catalogLine(qint64 productId, const QString &plu, qint64 price, bool weighed = false)
{
    OrderLine l;
    l.productId = productId;
    l.plu = plu;
    l.name = u"Product %1"_s.arg(plu);
    l.unitPrice = price;
    l.weighed = weighed;
    return l;
}

QHash<QString, OrderLine> catalog()
{
    return {{u"1001"_s, catalogLine(1, u"1001"_s, 9990)},
            {u"1002"_s, catalogLine(2, u"1002"_s, 4550)},
            {u"77001"_s, catalogLine(3, u"77001"_s, 39990, true)}};
}

} // namespace

class TestOrderPricing : public QObject
{
    Q_OBJECT

private slots:
    void mergeLines_data()
    {
        QTest::addColumn<QList<CartLine>>("lines");
        QTest::addColumn<QString>("merged"); // "plu×qty …", empty on an error
        QTest::addColumn<QString>("field"); // the error's field

        const int max = OrderPricing::kMaxLineQuantity;
        QTest::newRow("one line") << QList<CartLine> {{u"1001"_s, 2}} << u"1001×2"_s << QString();
        QTest::newRow("scanned twice: one line, first place kept")
            << QList<CartLine> {{u"1001"_s, 2}, {u"1002"_s, 1}, {u"1001"_s, 1}}
            << u"1001×3 1002×1"_s << QString();
        QTest::newRow("PLUs are trimmed before merging")
            << QList<CartLine> {{u" 1001"_s, 1}, {u"1001 "_s, 1}} << u"1001×2"_s << QString();
        QTest::newRow("up to the limit after merging")
            << QList<CartLine> {{u"1001"_s, max - 1}, {u"1001"_s, 1}} << u"1001×%1"_s.arg(max)
            << QString();
        QTest::newRow("merge overflow")
            << QList<CartLine> {{u"1001"_s, max}, {u"1001"_s, 1}} << QString() << u"qty"_s;
        QTest::newRow("two labels of a weighed product: two lines")
            << QList<CartLine> {{u"77001"_s, 300},
                                {u"1001"_s, 1},
                                {u"77001"_s, 400},
                                {u"1001"_s, 2}}
            << u"77001×300 1001×3 77001×400"_s << QString();
        QTest::newRow("no lines") << QList<CartLine> {} << QString() << u"lines"_s;
        QTest::newRow("no PLU") << QList<CartLine> {{u"  "_s, 1}} << QString() << u"plu"_s;
        QTest::newRow("zero") << QList<CartLine> {{u"1001"_s, 0}} << QString() << u"qty"_s;
        QTest::newRow("negative") << QList<CartLine> {{u"1001"_s, -1}} << QString() << u"qty"_s;
        QTest::newRow("one line above the limit")
            << QList<CartLine> {{u"1001"_s, max + 1}} << QString() << u"qty"_s;
    }
    void mergeLines()
    {
        QFETCH(QList<CartLine>, lines);
        QFETCH(QString, merged);
        QFETCH(QString, field);
        const auto result = OrderPricing::mergeLines(lines, {u"77001"_s}); // sold by weight
        if (!field.isEmpty()) {
            QVERIFY(!result);
            QCOMPARE(result.error().code, StoreError::Code::Invalid);
            QCOMPARE(result.error().field, field);
            return;
        }
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        QStringList got;
        for (const CartLine &l : result.value())
            got << u"%1×%2"_s.arg(l.plu).arg(l.qty);
        QCOMPARE(got.join(u' '), merged);
    }

    void priceChanges_data()
    {
        QTest::addColumn<QString>("plu");
        QTest::addColumn<qint64>("price");
        QTest::addColumn<QString>("field"); // empty: accepted

        QTest::newRow("a line of the order") << u"1001"_s << qint64(5000) << QString();
        QTest::newRow("given away") << u"1001"_s << qint64(0) << QString();
        QTest::newRow("the highest price") << u"1001"_s << OrderPricing::kMaxUnitPrice << QString();
        QTest::newRow("PLU typed with spaces") << u" 1002 "_s << qint64(100) << QString();
        QTest::newRow("a PLU the order lacks") << u"777"_s << qint64(100) << u"price"_s;
        QTest::newRow("negative") << u"1001"_s << qint64(-1) << u"price"_s;
        QTest::newRow("above the highest price")
            << u"1001"_s << OrderPricing::kMaxUnitPrice + 1 << u"price"_s;
    }
    void priceChanges()
    {
        QFETCH(QString, plu);
        QFETCH(qint64, price);
        QFETCH(QString, field);
        const QList<CartLine> merged {{u"1001"_s, 2}, {u"1002"_s, 1}};
        const auto checked = OrderPricing::checkPriceChanges(merged, {{plu, price, 42}});
        if (!field.isEmpty()) {
            QVERIFY(!checked);
            QCOMPARE(checked.error().field, field);
            QVERIFY2(checked.error().message.contains(plu), qPrintable(checked.error().message));
            return;
        }
        QVERIFY(checked);
        QCOMPARE(checked->value(plu.trimmed()).unitPrice, price);
    }

    // A changed price is charged; the catalog's is kept beside it with the
    // manager who approved it. Lines are numbered in order from 1.
    void linesArePricedAtTheCatalogOrAManagersPrice()
    {
        const QList<CartLine> merged {{u"1001"_s, 2}, {u"1002"_s, 1}};
        auto changes = OrderPricing::checkPriceChanges(merged, {{u"1001"_s, 5000, 7}});
        QVERIFY(changes);
        const auto lines = OrderPricing::priceLines(merged, catalog(), changes.value());
        QVERIFY(lines);
        QCOMPARE(lines->size(), 2);
        const OrderLine &milk = lines->at(0);
        QCOMPARE(milk.lineNo, 1);
        QCOMPARE(milk.productId, qint64(1));
        QCOMPARE(milk.qty, 2);
        QCOMPARE(milk.unitPrice, qint64(5000));
        QCOMPARE(milk.catalogPrice, qint64(9990));
        QCOMPARE(milk.priceApprovedBy, qint64(7));
        const OrderLine &bread = lines->at(1);
        QCOMPARE(bread.lineNo, 2);
        QCOMPARE(bread.unitPrice, qint64(4550));
        QCOMPARE(bread.catalogPrice, qint64(0));
        QCOMPARE(bread.priceApprovedBy, qint64(0));
        const PricedOrder priced = OrderPricing::withPromo(lines.value(), std::nullopt);
        QCOMPARE(priced.subtotal, qint64(2 * 5000 + 4550));
        QCOMPARE(priced.discount, qint64(0));
        QCOMPARE(priced.total(), priced.subtotal);
    }

    void anUnknownPluIsNotFound()
    {
        const auto lines = OrderPricing::priceLines({{u"1001"_s, 1}, {u"777"_s, 1}}, catalog(), {});
        QVERIFY(!lines);
        QCOMPARE(lines.error().code, StoreError::Code::NotFound);
        QVERIFY(lines.error().message.contains(u"777"_s));
    }

    void weighedLinesRound_data()
    {
        QTest::addColumn<qint64>("grams");
        QTest::addColumn<qint64>("pricePerKg");
        QTest::addColumn<qint64>("amount");

        QTest::newRow("456 g at 399.90") << qint64(456) << qint64(39990) << qint64(18235);
        QTest::newRow("a whole kilogram") << qint64(1000) << qint64(39990) << qint64(39990);
        // 1 g at 5.00/kg is half a kopeck: rounded up.
        QTest::newRow(".5 kopeck rounds up") << qint64(1) << qint64(500) << qint64(1);
        QTest::newRow("just below .5 rounds down") << qint64(1) << qint64(499) << qint64(0);
        QTest::newRow("3 g at 1.50/kg is 0.45 kopeck") << qint64(3) << qint64(150) << qint64(0);
        QTest::newRow("7 g at 2.50/kg is 1.75 kopecks") << qint64(7) << qint64(250) << qint64(2);
        QTest::newRow("the heaviest label at the highest price")
            << qint64(99'999) << OrderPricing::kMaxUnitPrice << qint64(999'990'000'000);
        QTest::newRow("nothing") << qint64(0) << qint64(39990) << qint64(0);
    }
    void weighedLinesRound()
    {
        QFETCH(qint64, grams);
        QFETCH(qint64, pricePerKg);
        QFETCH(qint64, amount);
        QCOMPARE(OrderPricing::weighedAmount(grams, pricePerKg), amount);
        QCOMPARE(OrderPricing::lineAmount(pricePerKg, grams, true), amount);
        OrderLine line = catalogLine(3, u"77001"_s, pricePerKg, true);
        line.qty = int(grams);
        QCOMPARE(line.amount(), amount);
    }

    void countedLinesMultiply()
    {
        QCOMPARE(OrderPricing::lineAmount(9990, 3, false), qint64(29970));
        QCOMPARE(OrderPricing::lineAmount(OrderPricing::kMaxUnitPrice,
                                          OrderPricing::kMaxLineQuantity, false),
                 OrderPricing::kMaxUnitPrice * OrderPricing::kMaxLineQuantity);
    }

    void promoDiscount_data()
    {
        QTest::addColumn<int>("kind"); // PromoKind
        QTest::addColumn<qint64>("value");
        QTest::addColumn<qint64>("subtotal");
        QTest::addColumn<qint64>("discount");

        const int percent = int(PromoKind::Percent), amount = int(PromoKind::Amount);
        QTest::newRow("10% of 145.40") << percent << qint64(10) << qint64(14540) << qint64(1454);
        // 10% of 0.05 is half a kopeck: rounded up; of 0.04, down.
        QTest::newRow("10% of an odd total, .5 up")
            << percent << qint64(10) << qint64(5) << qint64(1);
        QTest::newRow("10% of an odd total, .4 down")
            << percent << qint64(10) << qint64(4) << qint64(0);
        QTest::newRow("15% of 333.33 (4999.95 kopecks)")
            << percent << qint64(15) << qint64(33333) << qint64(5000);
        QTest::newRow("33% of 0.99 (32.67 kopecks)")
            << percent << qint64(33) << qint64(99) << qint64(33);
        QTest::newRow("50% of 199.80") << percent << qint64(50) << qint64(19980) << qint64(9990);
        QTest::newRow("100%") << percent << qint64(100) << qint64(12345) << qint64(12345);
        QTest::newRow("100 off 145.40")
            << amount << qint64(10000) << qint64(14540) << qint64(10000);
        QTest::newRow("a fixed amount larger than the subtotal")
            << amount << qint64(10000) << qint64(4550) << qint64(4550);
        QTest::newRow("exactly the subtotal")
            << amount << qint64(4550) << qint64(4550) << qint64(4550);
        QTest::newRow("nothing to discount") << percent << qint64(10) << qint64(0) << qint64(0);
    }
    void promoDiscount()
    {
        QFETCH(int, kind);
        QFETCH(qint64, value);
        QFETCH(qint64, subtotal);
        QFETCH(qint64, discount);
        const Promo promo {PromoKind(kind), value};
        QCOMPARE(OrderPricing::discount(promo, subtotal), discount);
        // Never below zero, whatever the promo.
        QVERIFY(subtotal - OrderPricing::discount(promo, subtotal) >= 0);
    }

    void aPromoIsTakenOffTheLinesSubtotal()
    {
        OrderLine milk = catalogLine(1, u"1001"_s, 9990);
        milk.qty = 1;
        OrderLine bread = catalogLine(2, u"1002"_s, 4550);
        bread.qty = 1;
        const PricedOrder priced =
            OrderPricing::withPromo({milk, bread}, Promo {PromoKind::Percent, 10});
        QCOMPARE(priced.subtotal, qint64(14540));
        QCOMPARE(priced.discount, qint64(1454));
        QCOMPARE(priced.total(), qint64(14540 - 1454));
        QCOMPARE(priced.lines.size(), 2);
    }

    void promoKindsAreReadFromTheDatabaseText()
    {
        QVERIFY(promoKindFromKey(u"percent"_s) == PromoKind::Percent);
        QVERIFY(promoKindFromKey(u"amount"_s) == PromoKind::Amount);
        QVERIFY(!promoKindFromKey(u"PERCENT"_s));
    }

    // The statuses and payment methods as the database spells them, and back.
    void statusesAndMethodsRoundTrip()
    {
        const QStringList keys {u"new"_s,  u"awaiting_payment"_s, u"failed"_s,
                                u"paid"_s, u"cancelled"_s,        u"returned"_s};
        QCOMPARE(orderStatuses().size(), keys.size());
        for (OrderStatus status : orderStatuses()) {
            QVERIFY(keys.contains(orderStatusKey(status)));
            QVERIFY(orderStatusFromKey(orderStatusKey(status)) == status);
            QVERIFY(!orderStatusText(status).isEmpty());
        }
        QCOMPARE(orderStatusKey(OrderStatus::AwaitingPayment), u"awaiting_payment"_s);
        QCOMPARE(orderStatusText(OrderStatus::AwaitingPayment), u"awaiting payment"_s);
        QVERIFY(!orderStatusFromKey(u"lost"_s));
        for (PaymentMethod method :
             {PaymentMethod::Cash, PaymentMethod::Card, PaymentMethod::Split})
            QVERIFY(paymentMethodFromKey(paymentMethodKey(method)) == method);
        QCOMPARE(paymentMethodKey(PaymentMethod::Split), u"split"_s);
        QCOMPARE(paymentMethodText(PaymentMethod::Split), u"card and cash"_s);
        QVERIFY(!paymentMethodFromKey(QString())); // an unpaid order
    }

    void payments_data()
    {
        QTest::addColumn<int>("method"); // PaymentMethod
        QTest::addColumn<qint64>("tendered");
        QTest::addColumn<qint64>("cardPart");
        QTest::addColumn<qint64>("cash"); // kept
        QTest::addColumn<qint64>("card");
        QTest::addColumn<qint64>("change");
        QTest::addColumn<QString>("field"); // empty: accepted

        const int cash = int(PaymentMethod::Cash), card = int(PaymentMethod::Card),
                  split = int(PaymentMethod::Split);
        const qint64 total = 34520;
        QTest::newRow("exact cash")
            << cash << total << qint64(0) << total << qint64(0) << qint64(0) << QString();
        QTest::newRow("cash with change") << cash << qint64(50000) << qint64(0) << total
                                          << qint64(0) << qint64(50000 - total) << QString();
        QTest::newRow("too little cash") << cash << total - 1 << qint64(0) << qint64(0) << qint64(0)
                                         << qint64(0) << u"cash_tendered"_s;
        QTest::newRow("card") << card << qint64(0) << qint64(0) << qint64(0) << total << qint64(0)
                              << QString();
        QTest::newRow("split with change")
            << split << qint64(20000) << qint64(20000) << total - 20000 << qint64(20000)
            << 20000 - (total - 20000) << QString();
        QTest::newRow("split: all on the card")
            << split << qint64(0) << total << qint64(0) << qint64(0) << qint64(0) << u"card"_s;
        QTest::newRow("split: nothing on the card")
            << split << total << qint64(0) << qint64(0) << qint64(0) << qint64(0) << u"card"_s;
        QTest::newRow("split: too little cash")
            << split << qint64(100) << qint64(20000) << qint64(0) << qint64(0) << qint64(0)
            << u"cash_tendered"_s;
    }
    void payments()
    {
        QFETCH(int, method);
        QFETCH(qint64, tendered);
        QFETCH(qint64, cardPart);
        QFETCH(qint64, cash);
        QFETCH(qint64, card);
        QFETCH(qint64, change);
        QFETCH(QString, field);
        const qint64 total = 34520;
        const auto settled =
            OrderPricing::settle(total, Payment {PaymentMethod(method), tendered, cardPart});
        if (!field.isEmpty()) {
            QVERIFY(!settled);
            QCOMPARE(settled.error().field, field);
            return;
        }
        QVERIFY2(settled, settled ? "" : qPrintable(settled.error().message));
        QCOMPARE(settled->method, PaymentMethod(method));
        QCOMPARE(settled->cash, cash);
        QCOMPARE(settled->card, card);
        QCOMPARE(settled->change, change);
        QCOMPARE(settled->cash + settled->card, total);
    }

    // What a return pays back: the order's discount shared out over the
    // items, (gross × total + subtotal / 2) / subtotal.
    // Quick cash for 1 234.50: exact, then the next 100, 500, 1 000, 5 000.
    void quickCashOffersTheNextRoundNotes()
    {
        QCOMPARE(OrderPricing::quickCash(123450),
                 (QList<qint64> {123450, 130000, 150000, 200000, 500000}));
        // A round amount is offered once.
        QCOMPARE(OrderPricing::quickCash(50000), (QList<qint64> {50000, 100000, 500000}));
        QCOMPARE(OrderPricing::quickCash(4550),
                 (QList<qint64> {4550, 10000, 50000, 100000, 500000}));
    }

    void refundShare_data()
    {
        QTest::addColumn<qint64>("gross");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<qint64>("subtotal");
        QTest::addColumn<qint64>("refund");

        QTest::newRow("no discount")
            << qint64(9990) << qint64(29970) << qint64(29970) << qint64(9990);
        QTest::newRow("half off: one of two bottles")
            << qint64(9990) << qint64(9990) << qint64(19980) << qint64(4995);
        // 1 × 2 / 3 = 0.67: rounded to 1; 1 × 1 / 3 = 0.33: to 0.
        QTest::newRow("a third off, rounded up")
            << qint64(1) << qint64(2) << qint64(3) << qint64(1);
        QTest::newRow("two thirds off, rounded down")
            << qint64(1) << qint64(1) << qint64(3) << qint64(0);
        QTest::newRow("exactly half a kopeck rounds up")
            << qint64(1) << qint64(1) << qint64(2) << qint64(1);
        QTest::newRow("everything back after a fixed discount")
            << qint64(14540) << qint64(4540) << qint64(14540) << qint64(4540);
        QTest::newRow("all of it given away")
            << qint64(4550) << qint64(0) << qint64(4550) << qint64(0);
        QTest::newRow("an order of nothing") << qint64(0) << qint64(0) << qint64(0) << qint64(0);
    }
    void refundShare()
    {
        QFETCH(qint64, gross);
        QFETCH(qint64, total);
        QFETCH(qint64, subtotal);
        QFETCH(qint64, refund);
        QCOMPARE(OrderPricing::refundShare(gross, total, subtotal), refund);
    }
};

QTEST_GUILESS_MAIN(TestOrderPricing)
#include "tst_orderpricing.moc"
