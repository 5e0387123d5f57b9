#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/core/Sql.h"
#include "models/stock/StockStore.h"
#include "models/stock/StocktakeStore.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// A stocktake while the shop stays open: sales during the count are kept.
class TestStocktake : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_keeper, m_cashier;

    int shelf(const QString &plu)
    {
        return StockStore(m_tdb->db()).find(m_shop, plu).value()->shelfQty;
    }
    void sell(const QString &plu, int n)
    {
        QVERIFY(StockStore(m_tdb->db())
                    .decrease(m_keeper,
                              StockAdjustment {m_shop, plu, StockQuantity::Shelf, n, u"sale"_s})
                    .ok());
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"stocktake"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"S1"_s, u"Shop"_s);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        for (const auto &[plu, qty] :
             QList<QPair<QString, int>> {{u"A"_s, 20}, {u"B"_s, 10}, {u"C"_s, 3}, {u"D"_s, 8}}) {
            QVERIFY(ProductStore(m_tdb->db())
                        .create(m_keeper, NewProduct {plu, u"Product "_s + plu, 100, {}})
                        .ok());
            QVERIFY(StockStore(m_tdb->db()).create(m_keeper, plu, m_shop, qty, 0).ok());
        }
    }
    void cleanup() { m_tdb.reset(); }

    void salesDuringTheCountAreKept()
    {
        StocktakeStore takes(m_tdb->db());
        auto id = takes.start(m_keeper, m_shop);
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));

        // A: 20 in the system, 18 on the shelf when counted, then 5 sold: 13 remain.
        auto a = takes.count(m_keeper, *id, u"A"_s, 18);
        QVERIFY(a.ok());
        QCOMPARE(a->expectedQty, 20);
        sell(u"A"_s, 5);
        // B: 2 sold before the count (system 8), counted 8: nothing to correct.
        sell(u"B"_s, 2);
        QVERIFY(takes.count(m_keeper, *id, u"B"_s, 8).ok());
        sell(u"B"_s, 1);
        // C: counted 5 (the system said 3: found two), then 1 sold: 4 remain.
        QVERIFY(takes.count(m_keeper, *id, u"C"_s, 5).ok());
        sell(u"C"_s, 1);
        // D: counted, then corrected: Replace puts the second count instead.
        QVERIFY(takes.count(m_keeper, *id, u"D"_s, 1).ok());
        auto recount = takes.count(m_keeper, *id, u"D"_s, 6, StocktakeStore::CountMode::Replace);
        QCOMPARE(recount->countedQty, 6);
        QCOMPARE(takes.lines(*id)->size(), 4);

        auto summary = takes.commit(m_keeper, *id);
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
        QCOMPARE(summary->lines, 4);
        QCOMPARE(summary->corrected, 3); // A, C, D
        QCOMPARE(shelf(u"A"_s), 13);
        QCOMPARE(shelf(u"B"_s), 7);
        QCOMPARE(shelf(u"C"_s), 4);
        QCOMPARE(shelf(u"D"_s), 6);

        QSqlQuery q(m_tdb->db());
        QVERIFY(q.exec(u"SELECT plu, shelf_delta, shelf_after, staff_id FROM history "
                       "WHERE action = 'stocktake' ORDER BY plu"_s));
        const QList<QVariantList> expected {{u"A"_s, -2, 13, m_keeper.staffId},
                                            {u"C"_s, 2, 4, m_keeper.staffId},
                                            {u"D"_s, -2, 6, m_keeper.staffId}};
        for (const QVariantList &row : expected) {
            QVERIFY(q.next());
            for (int c = 0; c < row.size(); ++c)
                QCOMPARE(q.value(c).toString(), row[c].toString());
        }
        QVERIFY(!q.next());
        // Closed: no more counting or committing.
        QCOMPARE(takes.count(m_keeper, *id, u"A"_s, 1).error().code, StoreError::Code::Conflict);
        QCOMPARE(takes.commit(m_keeper, *id).error().code, StoreError::Code::Conflict);
    }

    // The same product scanned again adds to its line (20 counted on one
    // shelf, 1 more found on another: 21), it never replaces it.
    void rescansAddToTheLine()
    {
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 36 WHERE plu = 'A'"_s).ok());
        StocktakeStore takes(m_tdb->db());
        const qint64 id = takes.start(m_keeper, m_shop).value();
        QCOMPARE(takes.count(m_keeper, id, u"A"_s, 20)->countedQty, 20);
        sell(u"A"_s, 2); // the line keeps the system's 36 from its first count
        auto again = takes.count(m_keeper, id, u"A"_s, 1);
        QVERIFY(again.ok());
        QCOMPARE(again->countedQty, 21);
        QCOMPARE(again->expectedQty, 36);
        QCOMPARE(takes.lines(id)->size(), 1);
        QCOMPARE(takes.lines(id)->at(0).countedQty, 21);
        // Adding past the largest quantity is refused and changes nothing.
        const auto tooMany = takes.count(m_keeper, id, u"A"_s, StockStore::kMaxQuantity);
        QVERIFY(!tooMany.ok());
        QCOMPARE(tooMany.error().field, u"counted_qty"_s);
        QCOMPARE(takes.lines(id)->at(0).countedQty, 21);

        auto summary = takes.commit(m_keeper, id);
        QVERIFY(summary.ok());
        // 21 counted against 36: 15 short, applied to the 34 left after the sale.
        QCOMPARE(shelf(u"A"_s), 34 - 15);
    }

    // Before the commit: expected, counted, difference and what the
    // difference is worth, pieces and kilograms alike, and the same sheet
    // as CSV.
    void varianceSheetAndItsCsv()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE products SET sold_by_weight = true, price = 65000 "
                         "WHERE plu = 'D'"_s)
                    .ok());
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 9300 WHERE plu = 'D'"_s).ok());
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE products SET price = 4550 WHERE plu = 'B'"_s).ok());
        StocktakeStore takes(m_tdb->db());
        const qint64 id = takes.start(m_keeper, m_shop).value();
        QVERIFY(takes.count(m_keeper, id, u"D"_s, 8000).ok()); // 9.300 kg expected, 8.655 found
        QVERIFY(takes.count(m_keeper, id, u"D"_s, 655).ok());
        QVERIFY(takes.count(m_keeper, id, u"B"_s, 12).ok()); // 10 expected: two found
        QVERIFY(takes.count(m_keeper, id, u"A"_s, 20).ok()); // as expected

        const auto sheet = takes.variance(id);
        QVERIFY(sheet.ok());
        QCOMPARE(sheet->size(), 3);
        const StocktakeVarianceLine &a = sheet->at(0), &b = sheet->at(1), &d = sheet->at(2);
        QCOMPARE(a.plu, u"A"_s);
        QCOMPARE(a.difference(), 0);
        QCOMPARE(a.value(), qint64(0));
        QCOMPARE(b.plu, u"B"_s);
        QCOMPARE(b.expectedQty, 10);
        QCOMPARE(b.countedQty, 12);
        QCOMPARE(b.difference(), 2);
        QCOMPARE(b.value(), qint64(2 * 4550));
        QCOMPARE(d.plu, u"D"_s);
        QVERIFY(d.soldByWeight);
        QCOMPARE(d.expectedQty, 9300);
        QCOMPARE(d.countedQty, 8655);
        QCOMPARE(d.difference(), -645);
        QCOMPARE(d.value(), qint64(-41925)); // 0.645 kg at 650.00/kg = 419.25 short
        QCOMPARE(StocktakeVariance::totalValue(sheet.value()), qint64(9100 - 41925));
        const QStringList row = StocktakeVariance::row(d);
        QCOMPARE(row.at(2), Quantity::format(9300, true));
        QVERIFY2(row.at(2).contains(u"kg"_s), qPrintable(row.at(2)));
        QCOMPARE(row.at(4), Quantity::format(-645, true));
        QCOMPARE(row.at(5), Money::format(-41925));

        QTemporaryDir dir;
        const QString path = dir.filePath(u"variance.csv"_s);
        auto written = StocktakeVariance::writeCsv(path, sheet.value());
        QVERIFY(written.ok());
        QCOMPARE(written.value(), qint64(3));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s);
        QCOMPARE(lines.size(), 6); // headers, three lines, the total, the final line end
        QCOMPARE(lines.at(0),
                 u"PLU,Product,Unit,Expected,Counted,Difference,Price,"
                 "Value of difference"_s);
        QCOMPARE(lines.at(1), u"A,Product A,pcs,20,20,0,1.00,0.00"_s);
        QCOMPARE(lines.at(2), u"B,Product B,pcs,10,12,2,45.50,91.00"_s);
        QCOMPARE(lines.at(3), u"D,Product D,kg,9.300,8.655,-0.645,650.00,-419.25"_s);
        QCOMPARE(lines.at(4), u"Total,,,,,,,-328.25"_s);
        QCOMPARE(lines.at(5), QString());
    }

    void oneOpenCountPerShopAndCancelChangesNothing()
    {
        StocktakeStore takes(m_tdb->db());
        const qint64 id = takes.start(m_keeper, m_shop).value();
        QCOMPARE(takes.start(m_keeper, m_shop).error().code, StoreError::Code::Conflict);
        QCOMPARE(takes.openFor(m_shop).value().value(), id);
        QVERIFY(takes.count(m_keeper, id, u"A"_s, 0).ok());
        QCOMPARE(takes.count(m_keeper, id, u"ZZZ"_s, 1).error().code, StoreError::Code::NotFound);
        QCOMPARE(takes.count(m_keeper, id, u"B"_s, -1).error().field, u"counted_qty"_s);
        QVERIFY(takes.cancel(m_keeper, id).ok());
        QCOMPARE(shelf(u"A"_s), 20);
        QVERIFY(!takes.openFor(m_shop).value().has_value());
        QVERIFY(takes.start(m_keeper, m_shop).ok());
    }

    // A weighed product's lines say so: the dialog shows them in kilograms.
    void weighedLinesSaySo()
    {
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET sold_by_weight = true WHERE plu = 'D'"_s)
                .ok());
        StocktakeStore takes(m_tdb->db());
        const qint64 id = takes.start(m_keeper, m_shop).value();
        auto weighed = takes.count(m_keeper, id, u"D"_s, 1250);
        QVERIFY(weighed.ok());
        QVERIFY(weighed->soldByWeight);
        auto pieces = takes.count(m_keeper, id, u"A"_s, 19);
        QVERIFY(pieces.ok());
        QVERIFY(!pieces->soldByWeight);
        const auto lines = takes.lines(id).value();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1).plu, u"D"_s);
        QVERIFY(lines.at(1).soldByWeight);
        QVERIFY(!lines.at(0).soldByWeight);
    }

    void cashiersDoNotCount()
    {
        StocktakeStore takes(m_tdb->db());
        QCOMPARE(takes.start(m_cashier, m_shop).error().code, StoreError::Code::Permission);
        const qint64 id = takes.start(m_keeper, m_shop).value();
        QCOMPARE(takes.count(m_cashier, id, u"A"_s, 1).error().code, StoreError::Code::Permission);
        QCOMPARE(takes.commit(m_cashier, id).error().code, StoreError::Code::Permission);
    }

    void moreSoldThanCountedNeverGoesNegative()
    {
        StocktakeStore takes(m_tdb->db());
        const qint64 id = takes.start(m_keeper, m_shop).value();
        QVERIFY(takes.count(m_keeper, id, u"C"_s, 0).ok()); // counted none; system had 3
        sell(u"C"_s, 1); // yet one was sold after
        QVERIFY(takes.commit(m_keeper, id).ok());
        QCOMPARE(shelf(u"C"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestStocktake)
#include "tst_stocktake.moc"
