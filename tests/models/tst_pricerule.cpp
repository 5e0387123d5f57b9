#include "models/documents/PriceRule.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

Q_DECLARE_METATYPE(shopdesk::PriceRule)

// The arithmetic of a price-change document's rule, worked by hand.
class TestPriceRule : public QObject
{
    Q_OBJECT

    using Direction = PriceRounding::Direction;

private slots:
    void aSetPriceIsThePriceWhateverTheOldOne()
    {
        const PriceRule rule = PriceRule::setPrice(12345);
        QCOMPARE(rule.apply(0).value(), qint64(12345));
        QCOMPARE(rule.apply(99999).value(), qint64(12345));
    }

    void percentagesRoundAsAsked_data()
    {
        QTest::addColumn<qint64>("oldPrice");
        QTest::addColumn<int>("percent"); // hundredths
        QTest::addColumn<qint64>("step");
        QTest::addColumn<int>("direction");
        QTest::addColumn<bool>("endIn99");
        QTest::addColumn<qint64>("expected");

        const int nearest = int(Direction::Nearest), up = int(Direction::Up),
                  down = int(Direction::Down);
        // 99.90 + 5 % = 104.895
        QTest::newRow("+5 % to the kopeck, half up")
            << 9990LL << 500 << 1LL << nearest << false << 10490LL;
        QTest::newRow("+5 % down to the kopeck")
            << 9990LL << 500 << 1LL << down << false << 10489LL;
        QTest::newRow("+5 % to 10 kopecks") << 9990LL << 500 << 10LL << nearest << false << 10490LL;
        QTest::newRow("+5 % to the ruble") << 9990LL << 500 << 100LL << nearest << false << 10500LL;
        QTest::newRow("+5 % down to the ruble, .99")
            << 9990LL << 500 << 100LL << down << true << 10399LL;
        QTest::newRow("+5 % up to 10 rubles, .99")
            << 9990LL << 500 << 1000LL << up << true << 10999LL;
        // 1,234.50 − 12.5 % = 1,080.1875
        QTest::newRow("−12.5 % to the kopeck")
            << 123450LL << -1250 << 1LL << nearest << false << 108019LL;
        QTest::newRow("−12.5 % up to the ruble")
            << 123450LL << -1250 << 100LL << up << false << 108100LL;
        QTest::newRow("an exact multiple stays")
            << 10000LL << 1000 << 100LL << up << false << 11000LL;
        QTest::newRow("a free product stays free") << 0LL << 5000 << 100LL << up << true << 0LL;
        QTest::newRow("−99.99 % of a kopeck") << 1LL << -9999 << 1LL << nearest << false << 0LL;
    }
    void percentagesRoundAsAsked()
    {
        QFETCH(qint64, oldPrice);
        QFETCH(int, percent);
        QFETCH(qint64, step);
        QFETCH(int, direction);
        QFETCH(bool, endIn99);
        QFETCH(qint64, expected);
        const PriceRule rule =
            PriceRule::changeByPercent(percent, {step, Direction(direction), endIn99});
        const auto price = rule.apply(oldPrice);
        QVERIFY2(price.ok(), price.ok() ? "" : qPrintable(price.error().message));
        QCOMPARE(price.value(), expected);
    }

    void aRuleThatCannotApplyNamesItsField_data()
    {
        QTest::addColumn<PriceRule>("rule");
        QTest::addColumn<QString>("field");
        QTest::newRow("negative price") << PriceRule::setPrice(-1) << u"price"_s;
        QTest::newRow("huge price") << PriceRule::setPrice(PriceRule::kMaxPrice + 1) << u"price"_s;
        QTest::newRow("0 %") << PriceRule::changeByPercent(0) << u"percent"_s;
        QTest::newRow("−100 %") << PriceRule::changeByPercent(-10000) << u"percent"_s;
        QTest::newRow("over +1000 %") << PriceRule::changeByPercent(100001) << u"percent"_s;
        QTest::newRow("a step of 5") << PriceRule::changeByPercent(500, {5}) << u"rounding"_s;
        QTest::newRow(".99 to the kopeck")
            << PriceRule::changeByPercent(500, {1, Direction::Nearest, true}) << u"rounding"_s;
    }
    void aRuleThatCannotApplyNamesItsField()
    {
        QFETCH(PriceRule, rule);
        QFETCH(QString, field);
        const auto refusal = rule.check();
        QVERIFY(refusal.has_value());
        QCOMPARE(refusal->field, field);
        QVERIFY(!refusal->message.isEmpty());
        QVERIFY(!rule.apply(1000).ok());
    }

    void aRaiseThatWouldPassTheMaximumIsRefused()
    {
        const auto price = PriceRule::changeByPercent(100000).apply(PriceRule::kMaxPrice / 2);
        QVERIFY(!price.ok());
        QCOMPARE(price.error().field, u"price"_s);
    }
};

QTEST_APPLESS_MAIN(TestPriceRule)
#include "tst_pricerule.moc"
