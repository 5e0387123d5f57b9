// VAT with no database: the VAT in a price, a promo's discount spread over
// lines at several rates, totals by rate and the VAT a return takes back,
// all against numbers worked by hand.

#include "models/orders/OrderPricing.h"
#include "models/orders/OrderVat.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

OrderLine line(const QString &code, std::optional<int> rateBp, int qty, qint64 unitPrice)
{
    OrderLine l;
    l.plu = code + u"-plu"_s;
    l.vatCode = code;
    l.vatRate = rateBp;
    l.qty = qty;
    l.unitPrice = unitPrice;
    return l;
}

} // namespace

class TestOrderVat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void vatIncludedInAPrice_data()
    {
        QTest::addColumn<qint64>("gross");
        QTest::addColumn<int>("rateBp"); // -1: no VAT
        QTest::addColumn<qint64>("vat");
        QTest::newRow("120.00 at 20 %") << qint64(12000) << 2000 << qint64(2000);
        QTest::newRow("1.00 at 20 %: 16.67 up to 17") << qint64(100) << 2000 << qint64(17);
        QTest::newRow("0.03 at 20 %: half a kopeck up") << qint64(3) << 2000 << qint64(1);
        QTest::newRow("0.02 at 20 %: a third down") << qint64(2) << 2000 << qint64(0);
        QTest::newRow("110.00 at 10 %") << qint64(11000) << 1000 << qint64(1000);
        QTest::newRow("1.05 at 10 %: 9.55 up to 10") << qint64(105) << 1000 << qint64(10);
        QTest::newRow("0 %") << qint64(12000) << 0 << qint64(0);
        QTest::newRow("no VAT") << qint64(12000) << -1 << qint64(0);
        QTest::newRow("100 %: half of it") << qint64(12001) << 10000 << qint64(6001);
    }
    void vatIncludedInAPrice()
    {
        QFETCH(qint64, gross);
        QFETCH(int, rateBp);
        QFETCH(qint64, vat);
        QCOMPARE(OrderVat::included(gross, rateBp < 0 ? std::nullopt : std::optional(rateBp)), vat);
    }

    void discountIsSharedByTheLargestRemainder_data()
    {
        QTest::addColumn<QList<qint64>>("amounts");
        QTest::addColumn<qint64>("discount");
        QTest::addColumn<QList<qint64>>("shares");
        // 16.67, 33.33, 50: 16 + 33 + 50 = 99, the kopeck left to the largest remainder.
        QTest::newRow("thirds") << QList<qint64> {1000, 2000, 3000} << qint64(100)
                                << QList<qint64> {17, 33, 50};
        QTest::newRow("a tie goes to the earlier line")
            << QList<qint64> {100, 100, 100} << qint64(100) << QList<qint64> {34, 33, 33};
        QTest::newRow("no discount")
            << QList<qint64> {100, 200} << qint64(0) << QList<qint64> {0, 0};
        QTest::newRow("never more than the lines")
            << QList<qint64> {50, 50} << qint64(500) << QList<qint64> {50, 50};
        QTest::newRow("a free line takes none")
            << QList<qint64> {0, 999} << qint64(10) << QList<qint64> {0, 10};
    }
    void discountIsSharedByTheLargestRemainder()
    {
        QFETCH(QList<qint64>, amounts);
        QFETCH(qint64, discount);
        QFETCH(QList<qint64>, shares);
        QCOMPARE(OrderVat::spreadDiscount(amounts, discount), shares);
    }

    // A code limited to products 1 and 3: 10 % of their 300.00 + 33.33 =
    // 333.33 is 33.33, shared 30.00 and 3.33; product 2 keeps its price.
    void aPromoForSomeProductsDiscountsOnlyTheirLines()
    {
        QList<OrderLine> lines {line(u"vat20"_s, 2000, 3, 10000), line(u"vat20"_s, 2000, 1, 55000),
                                line(u"vat10"_s, 1000, 1, 3333)};
        for (int i = 0; i < lines.size(); ++i)
            lines[i].productId = i + 1;
        Promo promo {PromoKind::Percent, 10, {1, 3}};
        QCOMPARE(OrderPricing::eligibleSubtotal(lines, promo), qint64(33333));
        const PricedOrder priced = OrderPricing::withPromo(lines, promo);
        QCOMPARE(priced.subtotal, qint64(88333));
        QCOMPARE(priced.discount, qint64(3333));
        QCOMPARE(priced.lines.at(0).discount, qint64(3000));
        QCOMPARE(priced.lines.at(1).discount, qint64(0));
        QCOMPARE(priced.lines.at(1).netAmount, qint64(55000));
        QCOMPARE(priced.lines.at(2).discount, qint64(333));
        QCOMPARE(priced.lines.at(2).netAmount, qint64(3000));
        QCOMPARE(priced.lines.at(0).discount + priced.lines.at(2).discount, priced.discount);
    }

    void aPromoIsSpreadOverThreeRates()
    {
        // 2 × 600.00 at 20 %, 550.00 at 10 %, 300.00 without VAT; 100.00 off.
        // Shares of 100.00 over 2,050.00: 58.5366, 26.8293, 14.6341: 58.53 +
        // 26.82 + 14.63 = 99.98, the two kopecks left to 10 % (.93), then 20 % (.66).
        QList<OrderLine> lines {line(u"vat20"_s, 2000, 2, 60000), line(u"vat10"_s, 1000, 1, 55000),
                                line(u"novat"_s, std::nullopt, 1, 30000)};
        const PricedOrder priced = OrderPricing::withPromo(lines, Promo {PromoKind::Amount, 10000});
        QCOMPARE(priced.total(), qint64(195000));
        QCOMPARE(priced.lines.at(0).netAmount, qint64(114146)); // 1,200.00 - 58.54
        QCOMPARE(priced.lines.at(1).netAmount, qint64(52317)); // 550.00 - 26.83
        QCOMPARE(priced.lines.at(2).netAmount, qint64(28537)); // 300.00 - 14.63
        QCOMPARE(priced.lines.at(0).vatAmount, qint64(19024)); // 1,141.46 / 6 = 190.243
        QCOMPARE(priced.lines.at(1).vatAmount, qint64(4756)); // 523.17 / 11 = 47.561
        QCOMPARE(priced.lines.at(2).vatAmount, qint64(0));

        const QList<VatTotal> totals = OrderVat::totals(priced.lines);
        QCOMPARE(totals.size(), 3);
        QCOMPARE(totals.at(0).code, u"vat20"_s);
        QCOMPARE(totals.at(0).amount, qint64(114146));
        QCOMPARE(totals.at(0).vat, qint64(19024));
        QCOMPARE(totals.at(1).code, u"vat10"_s);
        QCOMPARE(totals.at(1).vat, qint64(4756));
        QCOMPARE(totals.at(2).code, u"novat"_s); // no VAT comes last
        QCOMPARE(totals.at(2).amount, qint64(28537));
        qint64 sum = 0;
        for (const VatTotal &t : totals)
            sum += t.amount;
        QCOMPARE(sum, priced.total());
    }

    void totalsAddUpLinesOfOneRate()
    {
        QList<OrderLine> lines {line(u"vat10"_s, 1000, 1, 11000), line(u"vat20"_s, 2000, 1, 100),
                                line(u"vat10"_s, 1000, 3, 105)};
        OrderVat::apply(lines, 0);
        const QList<VatTotal> totals = OrderVat::totals(lines);
        QCOMPARE(totals.size(), 2);
        QCOMPARE(totals.at(0).code, u"vat20"_s); // the highest rate first
        QCOMPARE(totals.at(0).vat, qint64(17));
        QCOMPARE(totals.at(1).amount, qint64(11315)); // 110.00 + 3 × 1.05
        QCOMPARE(totals.at(1).vat, qint64(1000 + 29)); // 3.15 / 11 = 0.286, per line
    }

    void returnsGiveBackTheLineBitByBit()
    {
        // 47.57 of VAT on two units: 23.79 with the first, the rest with the second.
        QCOMPARE(OrderVat::returnedShare(4757, 2, 0, 1), qint64(2379));
        QCOMPARE(OrderVat::returnedShare(4757, 2, 1, 1), qint64(2378));
        QCOMPARE(OrderVat::returnedShare(4757, 2, 0, 2), qint64(4757));
        // Three units back one by one add up to the line's VAT exactly.
        const qint64 parts = OrderVat::returnedShare(1000, 3, 0, 1) +
            OrderVat::returnedShare(1000, 3, 1, 1) + OrderVat::returnedShare(1000, 3, 2, 1);
        QCOMPARE(parts, qint64(1000));
    }

    void ratesAreWrittenAsPercents()
    {
        QCOMPARE(OrderVat::rateText(2000), u"20 %"_s);
        QCOMPARE(OrderVat::rateText(1250), u"12.5 %"_s);
        QCOMPARE(OrderVat::rateText(1667), u"16.67 %"_s);
        QCOMPARE(OrderVat::rateText(0), u"0 %"_s);
        QCOMPARE(OrderVat::rateText(std::nullopt), u"No VAT"_s);
    }

    void ratesAreReadAsTyped()
    {
        QCOMPARE(OrderVat::parseRate(u"20"_s), std::optional<int>(2000));
        QCOMPARE(OrderVat::parseRate(u" 12.5 "_s), std::optional<int>(1250));
        QCOMPARE(OrderVat::parseRate(u"16,67%"_s), std::optional<int>(1667));
        QCOMPARE(OrderVat::parseRate(u"150"_s), std::optional<int>(15000)); // the store refuses it
        QCOMPARE(OrderVat::parseRate(u"-5"_s), std::nullopt);
        QCOMPARE(OrderVat::parseRate(u"1.234"_s), std::nullopt);
        QCOMPARE(OrderVat::parseRate(u"twenty"_s), std::nullopt);
        QCOMPARE(OrderVat::parseRate(QString()), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestOrderVat)
#include "tst_ordervat.moc"
