#include "TestDatabase.h"
#include "models/catalog/Ean13.h"
#include "models/core/Sql.h"
#include "models/demo/DemoDataGenerator.h"
#include "models/demo/WordLists.h"
#include "models/settings/AppStateStore.h"

#include <QSet>
#include <QSqlQuery>
#include <QTest>

#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestDemoData : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    DemoOptions m_options;

    qint64 count(const QString &sql) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql);
        return v ? v.value().toLongLong() : -1;
    }

private slots:
    // One filled database for the read-only checks.
    void initTestCase()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"demo"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_options.customers = 30000;
        m_options.history = 40000;
        QList<int> progress;
        auto summary =
            DemoDataGenerator(m_tdb->config(), m_options).run([&](int percent, const QString &) {
                progress << percent;
            });
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last(), 100);
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
    }
    void cleanupTestCase() { m_tdb.reset(); }

    void countsMatchTheOptions()
    {
        QCOMPARE(count(u"SELECT count(*) FROM shops"_s), 3);
        QCOMPARE(count(u"SELECT count(*) FROM products"_s), m_options.products);
        QCOMPARE(count(u"SELECT count(*) FROM stocks"_s), 3 * m_options.products);
        QCOMPARE(count(u"SELECT count(*) FROM customers"_s), m_options.customers);
        // The movements, plus one product_created per product and one stock_created per stock.
        QCOMPARE(count(u"SELECT count(*) FROM history"_s),
                 m_options.history + m_options.products + 3 * m_options.products);
        QCOMPARE(count(u"SELECT count(*) FROM staff"_s), DemoDataGenerator::accounts().size());
        // Every product is in a category of a small tree (issue 17).
        QCOMPARE(count(u"SELECT count(*) FROM products WHERE category_id IS NULL"_s), 0);
        QVERIFY(count(u"SELECT count(*) FROM categories WHERE parent_id IS NOT NULL"_s) > 5);
        QCOMPARE(AppStateStore(m_tdb->db()).value(u"demo_data"_s).value(), u"true"_s);
    }

    void customersLookReal()
    {
        QCOMPARE(count(u"SELECT count(*) FROM customers WHERE age < 16 OR age > 90"_s), 0);
        QVERIFY(count(u"SELECT count(DISTINCT age) FROM customers"_s) > 60);
        const double problems = double(count(u"SELECT count(*) FROM customers WHERE problems"_s)) /
            double(m_options.customers);
        QVERIFY2(problems > 0.25 && problems < 0.35, qPrintable(QString::number(problems)));
        const qint64 women = count(u"SELECT count(*) FROM customers WHERE gender = 'female'"_s);
        QVERIFY(women > m_options.customers * 4 / 10 && women < m_options.customers * 6 / 10);
        QCOMPARE(count(u"SELECT count(*) FROM customers WHERE email NOT LIKE '%_@_%.__%'"_s), 0);
        QCOMPARE(
            count(
                u"SELECT count(*) FROM customers WHERE phone !~ '^\\+7 9\\d\\d \\d{3}-\\d\\d-\\d\\d$'"_s),
            0);
    }

    void firstNamesMatchGender()
    {
        QSet<QString> male, female;
        for (const QString &list : {u"first_names_ru_male"_s, u"first_names_en_male"_s})
            for (const QString &name : WordList::load(list, 2).value().column(0))
                male.insert(name);
        for (const QString &list : {u"first_names_ru_female"_s, u"first_names_en_female"_s})
            for (const QString &name : WordList::load(list, 2).value().column(0))
                female.insert(name);
        QSqlQuery q(m_tdb->db());
        QVERIFY(q.exec(u"SELECT DISTINCT first_name, gender FROM customers"_s));
        int pairs = 0;
        while (q.next()) {
            ++pairs;
            const QString name = q.value(0).toString();
            const bool isMale = q.value(1).toString() == u"male"_s;
            QVERIFY2((isMale ? male : female).contains(name),
                     qPrintable(u"%1 is not a %2 first name"_s.arg(name, q.value(1).toString())));
        }
        QVERIFY(pairs > 100); // the lists are really used, not one name
        // Russian surnames agree with gender too: no "Иванова" for a man, no "Иванов" for a woman.
        QSet<QString> maleOnly, femaleOnly;
        const WordList ruLast = WordList::load(u"last_names_ru"_s, 3).value();
        for (qsizetype i = 0; i < ruLast.size(); ++i) {
            if (ruLast.row(i).at(0) != ruLast.row(i).at(1)) {
                maleOnly.insert(ruLast.row(i).at(0));
                femaleOnly.insert(ruLast.row(i).at(1));
            }
        }
        QVERIFY(maleOnly.size() > 100);
        for (const auto &[gender, forbidden] :
             {std::pair {u"male"_s, femaleOnly}, std::pair {u"female"_s, maleOnly}}) {
            QVERIFY(q.exec(
                u"SELECT DISTINCT last_name FROM customers WHERE gender = '%1'"_s.arg(gender)));
            int surnames = 0;
            while (q.next()) {
                ++surnames;
                QVERIFY2(!forbidden.contains(q.value(0).toString()),
                         qPrintable(gender + u": "_s + q.value(0).toString()));
            }
            QVERIFY(surnames > 100);
        }
    }

    void productsHaveValidUniqueBarcodes()
    {
        QSqlQuery q(m_tdb->db());
        QVERIFY(q.exec(u"SELECT barcode, name, price FROM products"_s));
        QSet<QString> seen;
        while (q.next()) {
            const QString barcode = q.value(0).toString();
            QVERIFY2(Ean13::isValid(barcode), qPrintable(barcode));
            QVERIFY(!seen.contains(barcode));
            seen.insert(barcode);
            QVERIFY(!q.value(1).toString().trimmed().isEmpty());
            QVERIFY(q.value(2).toLongLong() > 0);
        }
        QCOMPARE(seen.size(), m_options.products);
        // Both languages are on the shelves.
        QVERIFY(count(u"SELECT count(*) FROM products WHERE name ~ '[А-Яа-я]'"_s) >
                m_options.products / 2);
        QVERIFY(count(u"SELECT count(*) FROM products WHERE name !~ '[А-Яа-я]'"_s) >
                m_options.products / 10);
    }

    void historyIsConsistentWithStock()
    {
        // Each row's "after" equals the previous row's "after" plus its delta...
        QCOMPARE(
            count(
                u"SELECT count(*) FROM (SELECT shelf_after, shelf_delta, "
                "lag(shelf_after) OVER (PARTITION BY shop_id, product_id ORDER BY at, id) AS prev "
                "FROM history WHERE shop_id IS NOT NULL) h "
                "WHERE prev IS NOT NULL AND prev + shelf_delta <> shelf_after"_s),
            0);
        // ...never goes below zero...
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE shelf_after < 0"_s), 0);
        // ...and the last one is today's stock.
        QCOMPARE(
            count(u"SELECT count(*) FROM stocks s JOIN LATERAL (SELECT shelf_after FROM history h "
                  "WHERE h.shop_id = s.shop_id AND h.product_id = s.product_id "
                  "ORDER BY at DESC, id DESC LIMIT 1) last ON true "
                  "WHERE last.shelf_after <> s.shelf_qty"_s),
            0);
        QVERIFY(count(u"SELECT count(DISTINCT action) FROM history"_s) >= 6);
        // Each movement goes the way its action says: sales and write-offs take, deliveries
        // and returns give.
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE "
                       "(action IN ('sold', 'stock_decreased') AND shelf_delta >= 0) OR "
                       "(action IN ('stock_increased', 'returned') AND shelf_delta <= 0)"_s),
                 0);
        QVERIFY(count(u"SELECT count(*) FROM stocks WHERE shelf_qty < 5"_s) > 0);
    }

    // Every stock has what the shop paid for it, below what it sells for,
    // so the reports' margins have figures; deliveries have suppliers.
    void stocksHaveACostBelowThePrice()
    {
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM stocks WHERE cost IS NULL"_s)
                     .value()
                     .toLongLong(),
                 0);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM stocks s JOIN products p ON p.id = "
                             "s.product_id WHERE s.cost > p.price OR s.cost < p.price / 2"_s)
                     .value()
                     .toLongLong(),
                 0);
        QVERIFY(Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM suppliers"_s).value().toLongLong() >
                0);
    }

    void refusesANonEmptyDatabase()
    {
        const qint64 customers = count(u"SELECT count(*) FROM customers"_s);
        DemoOptions options;
        options.customers = 10;
        options.history = 10;
        auto refused = DemoDataGenerator(m_tdb->config(), options).run();
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, StoreError::Code::Conflict);
        QVERIFY(refused.error().message.contains(u"--force"_s));
        QCOMPARE(count(u"SELECT count(*) FROM customers"_s), customers);
    }

    void rejectsSizesOutOfRange()
    {
        DemoOptions options;
        options.customers = DemoOptions::kMaxCustomers + 1;
        QCOMPARE(DemoDataGenerator::validate(options)->field, u"customers"_s);
        options = {};
        options.history = -1;
        QCOMPARE(DemoDataGenerator::validate(options)->field, u"history"_s);
        QVERIFY(!DemoDataGenerator::validate(DemoOptions {}).has_value());
    }

    void forceReplacesEverything()
    {
        test::TestDatabase tdb(u"demo_force"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        QVERIFY(tdb.migrate());
        QVERIFY(Sql::run(tdb.db(), u"INSERT INTO shops (code, name) VALUES ('OLD', 'Old shop')"_s)
                    .ok());
        DemoOptions options;
        options.customers = 500;
        options.history = 500;
        options.products = 100;
        options.force = true;
        auto summary = DemoDataGenerator(tdb.config(), options).run();
        QVERIFY2(summary.ok(), summary.ok() ? "" : qPrintable(summary.error().message));
        QCOMPARE(summary->customers, 500);
        QCOMPARE(summary->products, 100);
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM shops WHERE code = 'OLD'"_s)
                     .value()
                     .toInt(),
                 0);
        // Ids start again at 1: the old rows are gone, not hidden.
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT min(id) FROM customers"_s).value().toInt(), 1);
    }

    void cancelLeavesNothingBehind()
    {
        test::TestDatabase tdb(u"demo_cancel"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        QVERIFY(tdb.migrate());
        DemoOptions options;
        options.customers = 1000000;
        options.history = 10000;
        DemoDataGenerator generator(tdb.config(), options);
        std::atomic<bool> customersStarted {false};
        std::thread canceller([&] {
            while (!customersStarted)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            // Lands in the middle of the 1M-row INSERT ... SELECT (or just before it).
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            generator.cancel();
        });
        auto result = generator.run([&](int, const QString &step) {
            if (step.contains(u"customer"_s))
                customersStarted = true;
        });
        canceller.join();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, StoreError::Code::Cancelled);
        for (const QString &table : {u"shops"_s, u"staff"_s, u"products"_s, u"stocks"_s,
                                     u"history"_s, u"customers"_s, u"app_state"_s})
            QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM %1"_s.arg(table)).value().toInt(),
                     0);
    }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
