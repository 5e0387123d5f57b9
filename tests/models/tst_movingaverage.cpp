#include "models/documents/MovingAverage.h"

#include <QTest>

using namespace shopdesk;

// A product's cost in a shop after receipts, worked by hand (issue 18).
class TestMovingAverage : public QObject
{
    Q_OBJECT

private slots:
    void theFirstReceiptSetsTheCost()
    {
        QCOMPARE(MovingAverage::afterReceipt(0, {}, 10, 5000), 5000);
    }

    void stockOnHandIsValuedAtTheOldCost()
    {
        // 10 at 50.00, then 20 at 56.00: (500.00 + 1,120.00) / 30 = 54.00.
        QCOMPARE(MovingAverage::afterReceipt(10, 5000, 20, 5600), 5400);
        // 5 of them sold, then 25 at 60.10: (25 × 54.00 + 25 × 60.10) / 50 = 57.05.
        QCOMPARE(MovingAverage::afterReceipt(25, 5400, 25, 6010), 5705);
        // Stock counted before any receipt had no cost: it counts at the new price.
        QCOMPARE(MovingAverage::afterReceipt(7, {}, 3, 1234), 1234);
    }

    void halvesRoundUpToTheKopeck()
    {
        QCOMPARE(MovingAverage::afterReceipt(1, 100, 1, 101), 101); // 100.5
        QCOMPARE(MovingAverage::afterReceipt(1, 100, 2, 101), 101); // 100.67
        QCOMPARE(MovingAverage::afterReceipt(2, 100, 1, 101), 100); // 100.33
    }

    void weighedGoodsAverageByTheGram()
    {
        // 1.5 kg at 120.00/kg, then 0.5 kg at 140.00/kg: 125.00/kg.
        QCOMPARE(MovingAverage::afterReceipt(1500, 12000, 500, 14000), 12500);
    }

    void stockBelowZeroCountsAsNone()
    {
        QCOMPARE(MovingAverage::afterReceipt(-4, 9000, 10, 5000), 5000);
    }

    void hugeQuantitiesAndPricesDoNotOverflow()
    {
        const qint64 price = 10'000'000'000; // the largest price, 100 million
        QCOMPARE(MovingAverage::afterReceipt(2'000'000'000, price, 1'000'000, price), price);
    }

    void aReversalTakesTheReceiptOutAtItsPrice()
    {
        // 30 at 54.00 of which 20 came at 56.00: the other 10 cost 50.00.
        QCOMPARE(MovingAverage::afterReversal(30, 5400, 20, 5600), std::optional<qint64>(5000));
        // Nothing would remain: the cost stays.
        QCOMPARE(MovingAverage::afterReversal(20, 5600, 20, 5600), std::optional<qint64>(5600));
        // A rest valued below zero (sold and received again at other prices):
        // the cost stays rather than turning negative.
        QCOMPARE(MovingAverage::afterReversal(11, 100, 10, 5000), std::optional<qint64>(100));
        QCOMPARE(MovingAverage::afterReversal(5, {}, 2, 100), std::optional<qint64>());
    }
};

QTEST_APPLESS_MAIN(TestMovingAverage)
#include "tst_movingaverage.moc"
