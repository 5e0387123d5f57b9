#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/stock/StockStore.h"
#include "models/stock/StocktakeStore.h"

#include <QSqlQuery>
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
        // D: counted twice; the second count replaces the first.
        QVERIFY(takes.count(m_keeper, *id, u"D"_s, 1).ok());
        auto recount = takes.count(m_keeper, *id, u"D"_s, 6);
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
