#include "TestDatabase.h"
#include "models/catalog/CategoryStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Quantity.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/export/CsvExport.h"
#include "models/history/HistoryModel.h"
#include "models/history/HistoryStore.h"
#include "models/reports/ReportStore.h"
#include "models/stock/StockStore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLocale>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimeZone>

#include <algorithm>
#include <numeric>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The history store, its model and the reports over a real PostgreSQL with
// a small fixture whose every number is known.
class TestHistory : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_moscow = 0, m_london = 0;
    Actor m_keeper, m_cashier, m_manager;
    qint64 m_milk = 0, m_bread = 0, m_order = 0;
    QTemporaryDir m_dir;

    HistoryStore store() const { return HistoryStore(m_tdb->db(), m_manager); }
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    // A history row at an instant given in UTC ("2026-03-10 20:30").
    qint64 addRow(const QString &utc, qint64 shop, qint64 product, const QString &plu,
                  const QString &action, int shelfDelta, int orderDelta, qint64 staff,
                  qint64 order = 0)
    {
        return Sql::scalar(m_tdb->db(),
                           u"INSERT INTO history (at, shop_id, product_id, plu, action, "
                           "shelf_delta, order_delta, shelf_after, order_after, staff_id, "
                           "order_id, reason) VALUES ((?::timestamp) AT TIME ZONE 'UTC', ?, ?, ?, "
                           "?, ?, ?, 100, 10, ?, nullif(?::bigint, 0), 'fixture') RETURNING id"_s,
                           {utc, shop, product, plu, action, shelfDelta, orderDelta, staff, order})
            .value()
            .toLongLong();
    }
    QList<qint64> ids(const HistoryFilter &filter)
    {
        QList<qint64> found;
        auto page = store().page(filter, std::nullopt, 1000);
        if (!page) // an error must not pass for "no rows"
            return {-1};
        for (const HistoryEntry &e : page->entries)
            found << e.id;
        return found;
    }

    static constexpr qint64 kMoscow = 1, kKeeper = 1, kCashier = 2, kOrder = 1;
    // The fixture: two shops in different zones, two products, 8 rows.
    QList<qint64> m_rows;

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"history"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_moscow = m_tdb->addShop(u"MSK"_s, u"Moscow"_s); // Europe/Moscow, UTC+3
        m_london = m_tdb->addShop(u"LON"_s, u"London"_s);
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE shops SET time_zone = 'Europe/London' WHERE id = ?"_s, {m_london})
                    .ok());
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_moscow);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_moscow);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_moscow);
        ProductStore products(m_tdb->db());
        m_milk = products.create(m_keeper, NewProduct {u"1001"_s, u"Молоко"_s, 9990, {}})->id;
        m_bread = products.create(m_keeper, NewProduct {u"1002"_s, u"Хлеб"_s, 5000, {}})->id;
        m_order = Sql::scalar(m_tdb->db(),
                              u"INSERT INTO orders (shop_id, number, status, staff_id) "
                              "VALUES (?, 'MSK-1-000042', 'paid', ?) RETURNING id"_s,
                              {m_moscow, m_cashier.staffId})
                      .value()
                      .toLongLong();
        // A fresh database numbers from 1: the filter table below relies on it.
        QCOMPARE(m_moscow, kMoscow);
        QCOMPARE(m_keeper.staffId, kKeeper);
        QCOMPARE(m_cashier.staffId, kCashier);
        QCOMPARE(m_order, kOrder);
        QVERIFY(Sql::run(m_tdb->db(), u"DELETE FROM history"_s).ok());
        m_rows = {
            // 2026-03-10, Moscow: 09:00 local = 06:00 UTC
            addRow(u"2026-03-10 06:00"_s, m_moscow, m_milk, u"1001"_s, u"stock_increased"_s, 50, 0,
                   m_keeper.staffId),
            // 13:15 local: three units sold
            addRow(u"2026-03-10 10:15"_s, m_moscow, m_milk, u"1001"_s, u"sold"_s, -3, 0,
                   m_cashier.staffId, m_order),
            // 13:40 local: two bread sold
            addRow(u"2026-03-10 10:40"_s, m_moscow, m_bread, u"1002"_s, u"sold"_s, -2, 0,
                   m_cashier.staffId, m_order),
            // 23:30 local on the 10th = 20:30 UTC: still the 10th in Moscow
            addRow(u"2026-03-10 20:30"_s, m_moscow, m_milk, u"1001"_s, u"sold"_s, 0, -1,
                   m_cashier.staffId),
            // 00:30 local on the 11th = 21:30 UTC on the 10th: the 11th in Moscow
            addRow(u"2026-03-10 21:30"_s, m_moscow, m_milk, u"1001"_s, u"stocktake"_s, -4, 0,
                   m_keeper.staffId),
            // a reservation moves units, it neither adds nor removes any
            addRow(u"2026-03-11 08:00"_s, m_moscow, m_bread, u"1002"_s, u"reserved"_s, -5, 5,
                   m_cashier.staffId),
            // London, 2026-03-10 12:00 UTC = 12:00 local
            addRow(u"2026-03-10 12:00"_s, m_london, m_milk, u"1001"_s, u"sold"_s, -7, 0,
                   m_cashier.staffId),
            addRow(u"2026-03-12 09:00"_s, m_london, m_bread, u"1002"_s, u"returned"_s, 1, 0,
                   m_keeper.staffId),
        };
    }
    void cleanup()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_tdb.reset();
    }

    void filters_data()
    {
        QTest::addColumn<HistoryFilter>("filter");
        QTest::addColumn<QList<int>>("expected"); // fixture rows, newest first
        HistoryFilter f;
        QTest::newRow("everything") << f << QList<int> {7, 5, 4, 3, 6, 2, 1, 0};
        f = {};
        f.shopId = kMoscow;
        QTest::newRow("shop") << f << QList<int> {5, 4, 3, 2, 1, 0};
        f = {};
        f.plu = u"1002"_s;
        QTest::newRow("plu") << f << QList<int> {7, 5, 2};
        f = {};
        f.actions = {u"sold"_s};
        QTest::newRow("one action") << f << QList<int> {3, 6, 2, 1};
        f.actions = {u"sold"_s, u"returned"_s};
        QTest::newRow("two actions") << f << QList<int> {7, 3, 6, 2, 1};
        f = {};
        f.staffId = kKeeper;
        QTest::newRow("staff") << f << QList<int> {7, 4, 0};
        f = {};
        f.orderId = kOrder;
        QTest::newRow("order") << f << QList<int> {2, 1};
        f = {};
        f.shopId = kMoscow;
        f.timeZone = u"Europe/Moscow"_s;
        f.dateMin = f.dateMax = QDate(2026, 3, 10);
        QTest::newRow("one Moscow day, up to 23:59") << f << QList<int> {3, 2, 1, 0};
        f.dateMin = f.dateMax = QDate(2026, 3, 11);
        QTest::newRow("the next Moscow day from 00:00") << f << QList<int> {5, 4};
        f = {};
        f.timeZone = u"UTC"_s;
        f.dateMin = QDate(2026, 3, 11);
        QTest::newRow("date_min alone") << f << QList<int> {7, 5};
        f = {};
        f.timeZone = u"UTC"_s;
        f.dateMax = QDate(2026, 3, 9);
        QTest::newRow("nothing before") << f << QList<int> {};
        f = {};
        f.shopId = kMoscow;
        f.plu = u"1001"_s;
        f.actions = {u"sold"_s};
        f.staffId = kCashier;
        f.timeZone = u"Europe/Moscow"_s;
        f.dateMin = f.dateMax = QDate(2026, 3, 10);
        QTest::newRow("all at once") << f << QList<int> {3, 1};
        f = {};
        f.plu = u"'; DROP TABLE history; --"_s;
        QTest::newRow("injection is a literal PLU") << f << QList<int> {};
        f.plu = u"100%"_s;
        QTest::newRow("a wildcard is a literal PLU") << f << QList<int> {};
    }
    void filters()
    {
        QFETCH(HistoryFilter, filter);
        QFETCH(QList<int>, expected);
        QList<qint64> expectedIds;
        for (int i : expected)
            expectedIds << m_rows.at(i);
        QCOMPARE(ids(filter), expectedIds);
        auto counted = store().countUpTo(filter, 1000);
        QVERIFY(counted.ok());
        QCOMPARE(counted.value(), qint64(expected.size()));
        QCOMPARE(scalar(u"SELECT count(*) FROM history"_s), qint64(8)); // nothing was dropped
    }

    void badFiltersAreRefused()
    {
        HistoryFilter f;
        f.actions = {u"sold"_s, u"stolen"_s};
        auto action = store().page(f, std::nullopt, 10);
        QCOMPARE(action.error().field, u"action"_s);
        QVERIFY(action.error().message.contains(u"stolen"_s));
        f = {};
        f.dateMin = QDate(2026, 3, 12);
        f.dateMax = QDate(2026, 3, 10);
        QCOMPARE(store().page(f, std::nullopt, 10).error().field, u"date_min"_s);
        f = {};
        f.timeZone = u"Mars/Olympus"_s;
        f.dateMin = QDate(2026, 3, 10);
        QCOMPARE(store().countUpTo(f, 10).error().field, u"time_zone"_s);
        f.timeZone = u"UTC+03:00"_s; // PostgreSQL would read it as UTC-3
        QCOMPARE(store().countUpTo(f, 10).error().field, u"time_zone"_s);
        QCOMPARE(store().page({}, std::nullopt, 0).error().field, u"limit"_s);
        QCOMPARE(store().page({}, std::nullopt, HistoryStore::kMaxPageSize + 1).error().field,
                 u"limit"_s);
        QCOMPARE(store().pageAt({}, -1, 10).error().field, u"page"_s);
    }

    void cursorTokens()
    {
        const HistoryCursor c {1773136800123456, 42};
        QCOMPARE(HistoryCursor::fromToken(c.toToken()), std::optional<HistoryCursor>(c));
        for (const QString &bad : {u""_s, u"%%%"_s, u"MTIz"_s /* "123" */, QString(100, u'A')})
            QVERIFY2(!HistoryCursor::fromToken(bad), qPrintable(bad));
    }

    // Page by page through 500 rows while new ones are written between the
    // pages: every row that was there at the start comes exactly once.
    void keysetPagesNeitherRepeatNorSkipWhileRowsAreWritten()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO history (at, shop_id, product_id, plu, action, staff_id) "
                         "SELECT timestamptz '2026-01-01' + (g % 97) * interval '1 minute', ?, ?, "
                         "'1001', 'sold', ? FROM generate_series(1, 492) g"_s,
                         {m_moscow, m_milk, m_cashier.staffId})
                    .ok()); // many rows share a time: the id breaks the tie
        QSet<qint64> before;
        auto all = Sql::run(m_tdb->db(), u"SELECT id FROM history"_s);
        while (all.value().next())
            before.insert(all.value().value(0).toLongLong());
        QCOMPARE(before.size(), 500);

        QVERIFY(StockStore(m_tdb->db()).create(m_keeper, u"1001"_s, m_moscow, 10, 0).ok());
        QList<qint64> seen;
        std::optional<HistoryCursor> cursor;
        int pages = 0;
        do {
            auto page = store().page({}, cursor, 37);
            QVERIFY(page.ok());
            for (const HistoryEntry &e : page->entries)
                seen << e.id;
            cursor = page->next;
            // Someone adjusts stock between the pages.
            QVERIFY(
                StockStore(m_tdb->db())
                    .increase(m_keeper,
                              StockAdjustment {m_moscow, u"1001"_s, StockQuantity::Shelf, 1, {}})
                    .ok());
            ++pages;
        } while (cursor && pages < 100);
        const QSet<qint64> seenSet(seen.begin(), seen.end());
        QCOMPARE(seenSet.size(), seen.size()); // no row twice
        QVERIFY(seenSet.contains(before)); // no row skipped
        // The first page also had the stock's creation row; nothing newer came in later pages.
        QCOMPARE(seen.size(), 501);
    }

    // Rows a microsecond apart, a page of one row at a time: a cursor cut to
    // milliseconds (as QDateTime keeps them) would skip or repeat rows.
    void cursorsKeepMicroseconds()
    {
        QVERIFY(Sql::run(m_tdb->db(), u"DELETE FROM history"_s).ok());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO history (at, shop_id, product_id, plu, action, staff_id) "
                         "SELECT timestamptz '2026-05-01 10:00:00.123400+00' + g * interval "
                         "'1 microsecond', ?, ?, '1001', 'sold', ? FROM generate_series(1, 7) g"_s,
                         {m_moscow, m_milk, m_cashier.staffId})
                    .ok());
        QList<qint64> seen;
        std::optional<HistoryCursor> cursor;
        do {
            auto page = store().page({}, cursor, 1);
            QVERIFY(page.ok());
            for (const HistoryEntry &e : page->entries)
                seen << e.id;
            cursor = page->next;
        } while (cursor && seen.size() < 20);
        QCOMPARE(seen.size(), 7);
        QCOMPARE(QSet<qint64>(seen.begin(), seen.end()).size(), 7);
        QVERIFY(std::is_sorted(seen.rbegin(), seen.rend())); // newest (largest id) first
    }

    void offsetAndKeysetPagesAgree()
    {
        HistoryFilter f;
        f.shopId = m_moscow;
        auto first = store().page(f, std::nullopt, 4);
        QVERIFY(first.ok() && first->next);
        auto second = store().page(f, first->next, 4);
        auto byOffset = store().pageAt(f, 4, 4);
        QVERIFY(second.ok() && byOffset.ok());
        QCOMPARE(second->entries.size(), 2);
        QCOMPARE(byOffset->entries.size(), 2);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(second->entries.at(i).id, byOffset->entries.at(i).id);
        QVERIFY(!second->next); // the last page says so
    }

    void countStopsAtTheCap()
    {
        QCOMPARE(store().countUpTo({}, 5).value(), qint64(6)); // "more than 5"
        QCOMPARE(store().countUpTo({}, 8).value(), qint64(8));
    }

    void entryCarriesNamesAndBefore()
    {
        auto e = store().byId(m_rows.at(1));
        QVERIFY(e.ok() && e.value());
        QCOMPARE(e.value()->shopName, u"Moscow"_s);
        QCOMPARE(e.value()->productName, u"Молоко"_s);
        QCOMPARE(e.value()->staffName, u"Staff cashier"_s);
        QCOMPARE(e.value()->orderNumber, u"MSK-1-000042"_s);
        QCOMPARE(e.value()->shelfAfter, 100);
        QCOMPARE(e.value()->shelfBefore(), 103);
        QCOMPARE(e.value()->at, QDateTime(QDate(2026, 3, 10), QTime(10, 15), QTimeZone::utc()));
        QVERIFY(!store().byId(999999).value());
    }

    void csvExportEqualsTheQuery()
    {
        HistoryFilter f;
        f.actions = {u"sold"_s};
        CsvExport::Job job;
        job.database = m_tdb->config();
        job.sql = store().exportSql(f, &job.values).value();
        job.headers = {u"id"_s, u"plu"_s, u"shelf_delta"_s};
        job.format = [](const QSqlQuery &q, const CsvFormat &) {
            const HistoryEntry e = HistoryStore::entryFromQuery(q);
            return QStringList {QString::number(e.id), e.plu, QString::number(e.shelfDelta)};
        };
        job.path = m_dir.filePath(u"history.csv"_s);
        auto written = CsvExport::run(job);
        QVERIFY(written.ok());
        QCOMPARE(written.value(), qint64(4));
        QFile file(job.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.at(0).trimmed(),
                 QByteArray("\xEF\xBB\xBFid,plu,shelf_delta")); // BOM for Excel
        QCOMPARE(lines.at(1).trimmed(), QByteArray::number(m_rows.at(3)) + ",1001,0");
        QCOMPARE(lines.at(4).trimmed(), QByteArray::number(m_rows.at(1)) + ",1001,-3");
    }

    // Issue 16: the history's CSV for a Russian spreadsheet: `;`, decimal
    // commas, the action's code beside its name, kilograms for goods sold by
    // weight, times in the shop's zone with its offset.
    void exportJobWritesForASpreadsheet()
    {
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE products SET sold_by_weight = true WHERE id = ?"_s,
                         {m_milk})
                    .ok());
        auto restore = qScopeGuard([&] {
            std::ignore =
                Sql::run(m_tdb->db(), u"UPDATE products SET sold_by_weight = false WHERE id = ?"_s,
                         {m_milk});
        });
        HistoryFilter f;
        f.shopId = m_moscow;
        f.plu = u"1001"_s;
        f.actions = {u"sold"_s};
        auto made = HistoryStore::exportJob(m_manager, f);
        QVERIFY(made.ok());
        CsvExport::Job job = made.value();
        job.database = m_tdb->config();
        job.path = m_dir.filePath(u"history-ru.csv"_s);
        job.csv = CsvFormat(CsvFormat::Style::Spreadsheet, QLocale(u"ru_RU"_s),
                            QTimeZone("Europe/Moscow"));
        auto written = CsvExport::run(job);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
        QCOMPARE(written.value(), qint64(2));

        QFile file(job.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QStringList lines =
            QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        const QStringList header = lines.at(0).split(u';');
        // The older sale (13:15 in Moscow) is the last line: newest first.
        const QStringList row = lines.at(2).split(u';');
        QCOMPARE(row.size(), header.size());
        const auto field = [&](const QString &name) -> QString {
            const qsizetype i = header.indexOf(name);
            return i < 0 ? u"(no column %1)"_s.arg(name) : row.at(i);
        };
        QCOMPARE(field(u"Time"_s), u"2026-03-10T13:15:00.000+03:00"_s);
        QCOMPARE(field(u"Action code"_s), u"sold"_s);
        QCOMPARE(field(u"Action"_s), HistoryModel::actionText(u"sold"_s));
        QCOMPARE(field(u"Shelf change"_s), u"-0,003"_s); // 3 g
        QCOMPARE(field(u"Unit"_s), u"kg"_s);
        QCOMPARE(field(u"Product"_s), u"Молоко"_s);
    }

    // The report numbers, worked out by hand from the fixture above.
    void reportsAddUp()
    {
        ReportStore reports(m_tdb->db(), m_manager);
        HistoryFilter f;
        f.shopId = m_moscow;
        f.timeZone = u"Europe/Moscow"_s;
        f.dateMin = QDate(2026, 3, 9);
        f.dateMax = QDate(2026, 3, 11);
        auto days = reports.movementsPerDay(f);
        QVERIFY(days.ok());
        QCOMPARE(days->size(), 3); // the quiet 9th is a zero
        QCOMPARE(days->at(0).day, QDate(2026, 3, 9));
        QCOMPARE(days->at(0).in + days->at(0).out, qint64(0));
        QCOMPARE(days->at(1).in, qint64(50)); // the delivery
        QCOMPARE(days->at(1).out, qint64(3 + 2 + 1)); // three sales, local time
        QCOMPARE(days->at(2).in, qint64(0)); // the reservation moves nothing in
        QCOMPARE(days->at(2).out, qint64(4)); // the stocktake shortfall after midnight

        auto hours = reports.salesByHour(f);
        QVERIFY(hours.ok());
        QCOMPARE(hours->size(), 24);
        QCOMPARE(hours->at(13), qint64(5)); // 13:15 and 13:40 local
        QCOMPARE(hours->at(23), qint64(1));
        QCOMPARE(std::accumulate(hours->begin(), hours->end(), qint64(0)), qint64(6));

        HistoryFilter everywhere;
        auto top = reports.topProducts(everywhere, 10);
        QVERIFY(top.ok());
        QCOMPARE(top->size(), 2);
        QCOMPARE(top->at(0).plu, u"1001"_s); // 3 + 1 + 7 milk
        QCOMPARE(top->at(0).units, qint64(11));
        QCOMPARE(top->at(0).name, u"Молоко"_s);
        QCOMPARE(top->at(1).units, qint64(2));

        StockStore stock(m_tdb->db());
        QVERIFY(stock.create(m_keeper, u"1001"_s, m_moscow, 10, 2).ok()); // 12 × 99.90
        QVERIFY(stock.create(m_keeper, u"1002"_s, m_moscow, 3, 0).ok()); // 3 × 50.00
        QVERIFY(stock.create(m_keeper, u"1002"_s, m_london, 1, 0).ok());
        auto value = reports.stockValueByShop(everywhere);
        QVERIFY(value.ok());
        QCOMPARE(value->size(), 2);
        QCOMPARE(value->at(0).shopName, u"London"_s);
        HistoryFilter milk;
        milk.plu = u"1001"_s; // London has no milk: there, but at zero
        auto milkValue = reports.stockValueByShop(milk);
        QVERIFY(milkValue.ok());
        QCOMPARE(milkValue->size(), 2);
        QCOMPARE(milkValue->at(0).value, qint64(0));
        QCOMPARE(milkValue->at(1).value, qint64(12 * 9990));
        QCOMPARE(value->at(0).value, qint64(5000));
        QCOMPARE(value->at(1).units, qint64(15));
        QCOMPARE(value->at(1).value, qint64(12 * 9990 + 3 * 5000));
    }

    // Cheese sold by weight at 650.00 a kilogram: 9.3 kg in stock is worth
    // 6,045.00 (not 9,300 × 650.00), 0.7 kg sold is 0.7 kg worth 455.00, and
    // grams never add up with pieces.
    void weighedGoodsReportInKilograms()
    {
        NewProduct cheese {u"20001"_s, u"Сыр Российский"_s, 65000, {}};
        cheese.soldByWeight = true;
        auto made = ProductStore(m_tdb->db()).create(m_keeper, cheese);
        QVERIFY(made.ok());
        QVERIFY(StockStore(m_tdb->db()).create(m_keeper, u"20001"_s, m_moscow, 9300, 0).ok());
        QVERIFY(StockStore(m_tdb->db()).create(m_keeper, u"1001"_s, m_moscow, 10, 0).ok());
        addRow(u"2026-03-10 10:20"_s, m_moscow, made->id, u"20001"_s, u"sold"_s, -300, 0,
               m_cashier.staffId);
        addRow(u"2026-03-10 10:50"_s, m_moscow, made->id, u"20001"_s, u"sold"_s, -400, 0,
               m_cashier.staffId);
        ReportStore reports(m_tdb->db(), m_manager);

        HistoryFilter cheeseOnly;
        cheeseOnly.plu = u"20001"_s;
        cheeseOnly.shopId = m_moscow;
        auto value = reports.stockValueByShop(cheeseOnly);
        QVERIFY(value.ok());
        QCOMPARE(value->size(), 1);
        QCOMPARE(value->at(0).grams, qint64(9300));
        QCOMPARE(value->at(0).units, qint64(0));
        QCOMPARE(value->at(0).value, qint64(604500)); // 6,045.00
        HistoryFilter moscow;
        moscow.shopId = m_moscow;
        auto both = reports.stockValueByShop(moscow);
        QVERIFY(both.ok());
        QCOMPARE(both->at(0).units, qint64(10)); // the milk, in pieces
        QCOMPARE(both->at(0).grams, qint64(9300));
        QCOMPARE(both->at(0).value, qint64(10 * 9990 + 604500));
        // Nothing came through a goods receipt: no cost is known yet.
        QCOMPARE(both->at(0).costValue, qint64(0));
        QCOMPARE(both->at(0).uncosted, qint64(2));
        QCOMPARE(both->at(0).margin(), qint64(0));
        // The cheese's cost becomes known (480.00 a kilogram): 9.3 kg at cost
        // is 4,464.00, and it would bring 1,581.00 over it; the milk stays
        // without a cost and out of the margin.
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE stocks SET cost = 48000 WHERE plu = '20001' AND shop_id = ?"_s,
                         {m_moscow})
                    .ok());
        auto costed = reports.stockValueByShop(moscow);
        QVERIFY(costed.ok());
        QCOMPARE(costed->at(0).costValue, qint64(446400));
        QCOMPARE(costed->at(0).uncosted, qint64(1));
        QCOMPARE(costed->at(0).uncostedValue, qint64(10 * 9990));
        QCOMPARE(costed->at(0).margin(), qint64(604500 - 446400));
        // By category: the cheese in Dairy / Cheese counts under Dairy; the
        // milk, in no category, apart and last.
        CategoryStore categories(m_tdb->db());
        auto dairy = categories.create(m_manager, 0, u"Dairy"_s);
        QVERIFY(dairy.ok());
        auto cheeses = categories.create(m_manager, dairy->id, u"Cheese"_s);
        QVERIFY(cheeses.ok());
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE products SET category_id = ? WHERE plu = '20001'"_s,
                         {cheeses->id})
                    .ok());
        auto byCategory = reports.stockValueByCategory(moscow);
        QVERIFY2(byCategory.ok(), byCategory.ok() ? "" : qPrintable(byCategory.error().message));
        QCOMPARE(byCategory->size(), 2);
        QCOMPARE(byCategory->at(0).name, u"Dairy"_s);
        QCOMPARE(byCategory->at(0).grams, qint64(9300));
        QCOMPARE(byCategory->at(0).value, qint64(604500));
        QCOMPARE(byCategory->at(0).costValue, qint64(446400));
        QCOMPARE(byCategory->at(1).categoryId, qint64(0));
        QCOMPARE(byCategory->at(1).units, qint64(10));
        QCOMPARE(byCategory->at(1).uncosted, qint64(1));

        auto top = reports.topProducts(HistoryFilter(), 10);
        QVERIFY(top.ok());
        QCOMPARE(top->size(), 3);
        // By what the sales are worth: 11 milk (1,098.90), cheese (455.00), 2 bread.
        QCOMPARE(top->at(0).plu, u"1001"_s);
        QCOMPARE(top->at(0).value, qint64(11 * 9990));
        QVERIFY(!top->at(0).soldByWeight);
        QCOMPARE(top->at(1).plu, u"20001"_s);
        QVERIFY(top->at(1).soldByWeight);
        QCOMPARE(top->at(1).units, qint64(700));
        QCOMPARE(top->at(1).value, qint64(45500));
        QCOMPARE(Quantity::format(top->at(1).units, top->at(1).soldByWeight),
                 Quantity::format(700, true)); // "0.700 kg"
        QCOMPARE(top->at(2).plu, u"1002"_s);
        QCOMPARE(top->at(2).value, qint64(2 * 5000));

        HistoryFilter day = moscow;
        day.timeZone = u"Europe/Moscow"_s;
        day.dateMin = QDate(2026, 3, 10);
        day.dateMax = QDate(2026, 3, 10);
        auto days = reports.movementsPerDay(day);
        QVERIFY(days.ok());
        QCOMPARE(days->size(), 1);
        QCOMPARE(days->at(0).out, qint64(3 + 2 + 1)); // pieces only, as before
        QCOMPARE(days->at(0).outGrams, qint64(700));
        auto hours = reports.salesByHour(day);
        QVERIFY(hours.ok());
        QCOMPARE(hours->at(13), qint64(5)); // pieces
        auto grams = reports.weighedSalesByHour(day);
        QVERIFY(grams.ok());
        QCOMPARE(grams->at(13), qint64(700)); // 13:20 and 13:50 local
        QCOMPARE(std::accumulate(grams->begin(), grams->end(), qint64(0)), qint64(700));
    }

    void modelPagesOnAndCounts()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO history (at, shop_id, product_id, plu, action, staff_id) "
                         "SELECT timestamptz '2026-01-01' + g * interval '1 second', ?, ?, "
                         "'1001', 'sold', ? FROM generate_series(1, 292) g"_s,
                         {m_moscow, m_milk, m_cashier.staffId})
                    .ok());
        Database::setDefaultConfig(m_tdb->config());
        HistoryModel model;
        model.setReader(m_manager);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(120);
        QSignalSpy pages(&model, &HistoryModel::pageLoaded);
        model.setFilter({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 120, 10000);
        QTRY_VERIFY(model.totalKnown());
        QCOMPARE(model.total(), qint64(300));
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 240, 10000);
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 300, 10000);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.entryAt(0)->id, m_rows.at(7)); // newest first
        QCOMPARE(model.data(model.index(0, HistoryModel::Action)).toString(), u"Returned"_s);
        QCOMPARE(model.data(model.index(0, HistoryModel::ShelfChange)).toString(), u"+1"_s);

        HistoryFilter sold;
        sold.actions = {u"sold"_s};
        sold.plu = u"1002"_s;
        model.setFilter(sold);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 10000);
        QTRY_VERIFY(model.totalKnown());
        QCOMPARE(model.total(), qint64(1));
        QVERIFY(!model.totalIsMore());
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
