#include "TestDatabase.h"
#include "models/core/Sql.h"
#include "models/demo/DemoDataGenerator.h"
#include "models/stock/StockModel.h"
#include "models/windowed/KeysetRowSource.h"
#include "models/windowed/RowLoader.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The windowed stock model over the demo shop (6,000 stock rows).
class TestStockModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;

    // Waits until the model has nothing on its way.
    static bool settle(StockModel &model)
    {
        if (!model.isLoading())
            return true;
        QSignalSpy idle(&model, &StockModel::idle);
        return idle.wait(20000);
    }
    // The value of `row` once its block has arrived.
    static std::optional<StockRow> loadedRow(StockModel &model, int row)
    {
        if (!model.stockAt(row)) // asks for the block
            settle(model);
        return model.stockAt(row);
    }
    // The ids the SQL query gives for the same filter and order, OFFSET i.
    qint64 sqlIdAt(const StockFilter &filter, const StockOrder &order, qint64 offset)
    {
        QVariantList values;
        const QString sql =
            StockStore::listSql(filter, order, &values) + u" LIMIT 1 OFFSET %1"_s.arg(offset);
        auto id = Sql::scalar(m_tdb->db(), sql, values);
        return id ? id.value().toLongLong() : -1;
    }

private slots:
    void initTestCase()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"stockmodel"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY(m_tdb->migrate());
        DemoOptions options;
        options.customers = 10;
        options.history = 1000;
        QVERIFY(DemoDataGenerator(m_tdb->config(), options).run().ok());
    }
    void cleanupTestCase() { m_tdb.reset(); }

    // Typing fast in a search box leaves filters behind before the loader has
    // prepared them for far jumps; the loader must skip those and go on
    // answering (it once took a left filter's warm-up for an empty count).
    void aFilterLeftBeforeItsWarmUpIsSkipped()
    {
        RowLoader loader(m_tdb->config());
        QSignalSpy counted(&loader, &RowLoader::countReady);
        loader.start();
        const RowSourcePtr source = StockModel::sourceFor({}, {});
        QVERIFY(source->needsWarmUp());
        quint64 generation = 0;
        for (int i = 0; i < 300; ++i) {
            loader.requestCount(++generation, source);
            loader.setGeneration(generation + 1);
        }
        QTest::qWait(300); // the loader finds only the left filter's warm-up
        loader.requestCount(++generation, source, false);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(counted.cbegin(), counted.cend(),
                                             [generation](const QList<QVariant> &args) {
                                                 return args.at(0).toULongLong() == generation;
                                             }),
                                 20000);
        for (const QList<QVariant> &args : counted) {
            QVERIFY2(args.at(0).toULongLong() > 0, "a count answered for no request");
            if (args.at(0).toULongLong() == generation) {
                QCOMPARE(args.at(3).toString(), QString());
                QCOMPARE(args.at(1).toLongLong(),
                         Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM stocks"_s)
                             .value()
                             .toLongLong());
            }
        }
    }

    void passesTheModelTester()
    {
        StockModel model(m_tdb->config());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 6000);
        QCOMPARE(model.columnCount(), int(StockModel::ColumnCount));
        for (int row : {0, 1999, 5999})
            QVERIFY(loadedRow(model, row).has_value());
        StockFilter filter;
        filter.shopId = 2;
        model.setFilter(filter);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 2000);
        model.sort(StockModel::Shelf, Qt::DescendingOrder);
        QVERIFY(settle(model));
        QVERIFY(loadedRow(model, 10).has_value());
        model.refresh();
        QVERIFY(settle(model));
    }

    void rowsMatchTheQuery_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<StockFilter>("filter");
        StockFilter none, shop, low, named, shopLow, shopStocked, everything;
        shop.shopId = 3;
        low.shelfMax = 20;
        named.name = u"мол"_s;
        // One shop and a quantity range: matched first, then sorted (a fence).
        shopLow.shopId = 1;
        shopLow.shelfMax = 20;
        shopStocked.shopId = 2;
        shopStocked.shelfMin = 30;
        // More matches than the quick count's cap: a lower bound comes first.
        everything.shelfMin = 0;
        for (int column = 0; column < StockModel::ColumnCount; ++column)
            for (bool descending : {false, true})
                QTest::newRow(qPrintable(
                    u"column %1 %2"_s.arg(column).arg(descending ? u"desc"_s : u"asc"_s)))
                    << column << descending << none;
        QTest::newRow("shop 3 by shelf") << int(StockModel::Shelf) << false << shop;
        QTest::newRow("shelf <= 20 by name") << int(StockModel::Name) << true << low;
        QTest::newRow("name contains мол") << int(StockModel::Price) << false << named;
        QTest::newRow("name contains мол by name") << int(StockModel::Name) << true << named;
        QTest::newRow("shop 1 shelf <= 20, newest first")
            << int(StockModel::Updated) << true << shopLow;
        QTest::newRow("shop 1 shelf <= 20 by PLU") << int(StockModel::Plu) << false << shopLow;
        QTest::newRow("shop 2 shelf >= 30 by name") << int(StockModel::Name) << true << shopStocked;
        QTest::newRow("shop 3 by price") << int(StockModel::Price) << true << shop;
        QTest::newRow("shelf >= 0 by name") << int(StockModel::Name) << false << everything;
    }
    void rowsMatchTheQuery()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        QFETCH(StockFilter, filter);
        StockModel model(m_tdb->config());
        model.setBlockSize(100);
        model.setFilter(filter);
        model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QVERIFY(settle(model));
        const qint64 expectedCount = StockStore(m_tdb->db()).count(filter).value();
        QCOMPARE(model.totalCount(), expectedCount);
        QVERIFY(expectedCount > 0);
        const StockOrder order {StockModel::sortFor(column), descending};
        // Samples across the range, the last row, then back to the start.
        for (qint64 i :
             {qint64(0), expectedCount / 3, expectedCount / 2 + 7, expectedCount - 1, qint64(1)}) {
            if (i >= expectedCount)
                continue;
            const auto row = loadedRow(model, int(i));
            QVERIFY2(row.has_value(), qPrintable(u"row %1 never arrived"_s.arg(i)));
            QCOMPARE(row->id, sqlIdAt(filter, order, i));
        }
    }

    // Change times differ in microseconds: paging on them must neither repeat
    // nor skip a row at block edges (a QDateTime keeps only milliseconds).
    void microsecondKeysPageExactly()
    {
        QVERIFY(Sql::run(
                    m_tdb->db(),
                    u"UPDATE stocks SET updated_at = now() - (id % 7) * interval '1 microsecond'"_s)
                    .ok());
        StockModel model(m_tdb->config());
        model.setBlockSize(50);
        model.sort(StockModel::Updated, Qt::AscendingOrder);
        QVERIFY(settle(model));
        const StockOrder order {StockSort::Updated, false};
        for (int i = 0; i < 400; ++i) {
            const auto row = loadedRow(model, i);
            QVERIFY(row.has_value());
            QCOMPARE(row->id, sqlIdAt({}, order, i));
        }
    }

    void cacheStaysBounded()
    {
        StockModel model(m_tdb->config());
        model.setBlockSize(50);
        model.setMaxBlocks(5);
        QVERIFY(settle(model));
        for (int row = 0; row < 6000; row += 50)
            loadedRow(model, row);
        QVERIFY(model.cachedBlocks() <= 5);
        // The most recent rows are still there; the first ones were evicted.
        QVERIFY(model.isRowLoaded(5950));
        QVERIFY(!model.isRowLoaded(0));
    }

    void unloadedRowsSayLoading()
    {
        StockModel model(m_tdb->config());
        QVERIFY(settle(model));
        const QModelIndex far = model.index(5500, 0);
        QCOMPARE(model.data(far).toString(), u"Loading…"_s);
        QVERIFY(settle(model));
        QVERIFY(model.data(far).toString() != u"Loading…"_s);
    }

    // A filter with few matches is counted exactly before its first rows; one
    // with many shows its first rows after counting a block's worth, says it
    // is still counting, and then gives the whole count.
    void aLargeFilterDoesNotWaitForItsWholeCount()
    {
        struct Seen
        {
            qint64 count;
            bool counting;
        };
        const auto countsFor = [this](const StockFilter &filter) {
            StockModel model(m_tdb->config());
            // The rows a lower bound inserted, then the rest, by the model's rules.
            QAbstractItemModelTester tester(&model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            QList<Seen> seen;
            connect(&model, &StockModel::totalCountChanged, &model, [&](qint64 n) {
                seen.append({n, model.isCounting()});
            });
            model.setFilter(filter);
            if (!settle(model))
                seen.append({-1, true});
            return seen;
        };
        StockFilter few;
        few.shopId = 1;
        few.shelfMax = 20;
        const qint64 fewCount = StockStore(m_tdb->db()).count(few).value();
        QVERIFY(fewCount > 0 && fewCount < 5000);
        const QList<Seen> exact = countsFor(few);
        QCOMPARE(exact.size(), 1);
        QCOMPARE(exact.first().count, fewCount);
        QVERIFY(!exact.first().counting);

        StockFilter many;
        many.shelfMin = 0; // every one of the 6,000 rows
        const QList<Seen> bounded = countsFor(many);
        QCOMPARE(bounded.size(), 2);
        QCOMPARE(bounded.first().count, 5000); // the quick count's cap: "at least"
        QVERIFY(bounded.first().counting);
        QCOMPARE(bounded.last().count, 6000);
        QVERIFY(!bounded.last().counting);
    }

    // Block after block (each one continuing from the last row of the one
    // before) through one shop's rows, which are sorted with the shop first.
    void oneShopPagesBlockAfterBlock_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        QTest::newRow("newest first") << int(StockModel::Updated) << true;
        QTest::newRow("by price") << int(StockModel::Price) << false;
        QTest::newRow("by name, descending") << int(StockModel::Name) << true;
    }
    void oneShopPagesBlockAfterBlock()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        StockFilter filter;
        filter.shopId = 2;
        const StockOrder order {StockModel::sortFor(column), descending};
        QVariantList values;
        auto q = Sql::run(m_tdb->db(), StockStore::listSql(filter, order, &values), values);
        QVERIFY(q.ok());
        QList<qint64> expected;
        while (q.value().next())
            expected << q.value().value(0).toLongLong();
        QCOMPARE(expected.size(), 2000);

        StockModel model(m_tdb->config());
        model.setBlockSize(100);
        model.setFilter(filter);
        model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), 2000);
        for (int row = 0; row < 2000; ++row) {
            const auto stock = loadedRow(model, row);
            QVERIFY2(stock.has_value(), qPrintable(u"row %1 never arrived"_s.arg(row)));
            QCOMPARE(stock->id, expected.at(row));
        }
    }

    // A fenced source counts and reads its first rows in one pass when the
    // matches fit under the cap; beyond it, it keeps no rows and the first
    // block is read on its own. Either way the rows are the query's.
    void theCountsReadGivesTheFirstRows_data()
    {
        QTest::addColumn<qint64>("fence");
        QTest::addColumn<bool>("exact");
        QTest::newRow("under the cap") << qint64(10000) << true;
        QTest::newRow("over the cap") << qint64(1000) << false;
    }
    void theCountsReadGivesTheFirstRows()
    {
        QFETCH(qint64, fence);
        QFETCH(bool, exact);
        StockFilter filter;
        filter.shelfMin = 0; // all 6,000
        const StockOrder order {StockSort::Name, true};
        KeysetRowSource::Spec spec;
        spec.from = u"stocks s"_s;
        spec.columns = StockStore::listColumns();
        spec.where = filter.whereClause(&spec.values);
        spec.key = order.keyExpression();
        spec.id = u"s.id"_s;
        spec.keyColumn = order.keyColumn();
        spec.descending = true;
        spec.fenceBelow = fence;
        spec.prefetchRows = 50;
        const KeysetRowSource source(spec);
        const auto quick = source.quickCount(m_tdb->db());
        QVERIFY(quick.has_value());
        QCOMPARE(quick->exact, exact);
        QCOMPARE(quick->rows, exact ? qint64(6000) : fence);
        for (qint64 offset : {qint64(0), qint64(40)}) {
            auto rows = source.rows(m_tdb->db(), offset, 40);
            QVERIFY(rows.ok());
            QCOMPARE(rows->size(), 40);
            for (int i = 0; i < 40; i += 13)
                QCOMPARE(rows->at(i).at(0).toLongLong(), sqlIdAt(filter, order, offset + i));
        }
    }

    void lowStockIsHighlighted()
    {
        StockModel model(m_tdb->config());
        StockFilter empty;
        empty.shelfMax = 0;
        model.setFilter(empty);
        QVERIFY(settle(model));
        QVERIFY(model.rowCount() > 0);
        QVERIFY(loadedRow(model, 0).has_value());
        QVERIFY(model.data(model.index(0, StockModel::Name), Qt::BackgroundRole).isValid());
        model.setLowStockThreshold(0);
        QVERIFY(!model.data(model.index(0, StockModel::Name), Qt::BackgroundRole).isValid());
    }
};

QTEST_GUILESS_MAIN(TestStockModel)
#include "tst_stockmodel.moc"
