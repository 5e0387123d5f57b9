#include "TestDatabase.h"
#include "models/core/Sql.h"
#include "models/customers/CustomerModel.h"
#include "models/customers/CustomerStore.h"
#include "models/db/Database.h"
#include "models/demo/DemoDataGenerator.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The customer base: the store, reset problems, and the keyset-paged model.
class TestCustomers : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    Actor m_manager, m_cashier;
    static constexpr int kCustomers = 20000;

    qint64 count(const QString &sql) const
    {
        return Sql::scalar(m_tdb->db(), sql).value().toLongLong();
    }
    static bool settle(CustomerModel &model)
    {
        for (int i = 0; i < 3 && model.isLoading(); ++i) {
            QSignalSpy idle(&model, &CustomerModel::idle);
            if (!idle.wait(20000))
                return false;
        }
        return !model.isLoading();
    }
    static std::optional<Customer> loaded(CustomerModel &model, int row)
    {
        if (!model.customerAt(row))
            settle(model);
        return model.customerAt(row);
    }
    qint64 sqlIdAt(const CustomerFilter &filter, CustomerSort sort, bool descending, qint64 offset)
    {
        QVariantList values;
        const QString sql = CustomerStore::orderedSql(filter, sort, descending, &values) +
            u" LIMIT 1 OFFSET %1"_s.arg(offset);
        return Sql::scalar(m_tdb->db(), sql, values).value().toLongLong();
    }

private slots:
    void initTestCase()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"customers"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY(m_tdb->migrate());
        DemoOptions options;
        options.customers = kCustomers;
        options.history = 10;
        options.products = 50;
        QVERIFY(DemoDataGenerator(m_tdb->config(), options).run().ok());
        m_manager = m_tdb->addStaff(u"boss"_s, Role::Manager, 1);
        m_cashier = m_tdb->addStaff(u"till"_s, Role::Cashier, 1);
    }
    void cleanupTestCase() { m_tdb.reset(); }

    void validationRefusalsChangeNothing()
    {
        CustomerStore store(m_tdb->db());
        Customer good {0, u"Анна"_s, u"Иванова"_s, 30, u"female"_s, false, {}, {}, {}};
        const struct
        {
            Customer c;
            QString field;
        } bad[] = {
            {{0, u"  "_s, u"Иванова"_s, 30, u"female"_s, false, {}, {}, {}}, u"first_name"_s},
            {{0, u"Анна"_s, QString(101, u'я'), 30, u"female"_s, false, {}, {}, {}},
             u"last_name"_s},
            {{0, u"Анна"_s, u"Иванова"_s, 151, u"female"_s, false, {}, {}, {}}, u"age"_s},
            {{0, u"Анна"_s, u"Иванова"_s, -1, u"female"_s, false, {}, {}, {}}, u"age"_s},
            {{0, u"Анна"_s, u"Иванова"_s, 30, u"robot"_s, false, {}, {}, {}}, u"gender"_s},
            {{0, u"Анна"_s, u"Иванова"_s, 30, u"female"_s, false, {}, u"not-an-email"_s, {}},
             u"email"_s},
        };
        const qint64 before = count(u"SELECT count(*) FROM customers"_s);
        for (const auto &b : bad) {
            auto r = store.create(m_cashier, b.c);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().field, b.field);
        }
        QCOMPARE(count(u"SELECT count(*) FROM customers"_s), before);

        auto made = store.create(m_cashier, good);
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
        Customer edited = made.value();
        edited.age = 200;
        QCOMPARE(store.update(m_cashier, edited).error().field, u"age"_s);
        QCOMPARE(store.byId(made->id).value()->age, 30);
        edited.age = 31;
        edited.lastName = u"Петрова"_s;
        QCOMPARE(store.update(m_cashier, edited)->lastName, u"Петрова"_s);
        QCOMPARE(store.remove(m_cashier, made->id).error().code, StoreError::Code::Permission);
        QVERIFY(store.remove(m_manager, made->id).ok());
        QVERIFY(!store.byId(made->id).value().has_value());
    }

    void modelPassesTheTester()
    {
        CustomerModel model(m_tdb->config());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(settle(model));
        QCOMPARE(model.totalCount(), count(u"SELECT count(*) FROM customers"_s));
        QVERIFY(loaded(model, 0).has_value());
        QVERIFY(loaded(model, model.rowCount() - 1).has_value());
        CustomerFilter f;
        f.gender = u"female"_s;
        model.setFilter(f);
        QVERIFY(settle(model));
        model.sort(CustomerModel::Age, Qt::DescendingOrder);
        QVERIFY(settle(model));
        QVERIFY(loaded(model, 100).has_value());
    }

    void rowsMatchTheQuery_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<CustomerFilter>("filter");
        CustomerFilter none, name, ages, women, problems, combined;
        name.name = u"ива"_s; // a word that starts so (Иван, Иванова)
        ages.ageMin = 30;
        ages.ageMax = 40;
        women.gender = u"female"_s;
        problems.problems = true;
        combined.name = u"ан"_s;
        combined.ageMin = 18;
        combined.gender = u"female"_s;
        combined.problems = false;
        for (int column = 0; column < CustomerModel::ColumnCount; ++column)
            for (bool descending : {false, true})
                QTest::newRow(
                    qPrintable(u"sort %1 %2"_s.arg(column).arg(descending ? u"desc"_s : u"asc"_s)))
                    << column << descending << none;
        QTest::newRow("name word start") << int(CustomerModel::LastName) << false << name;
        QTest::newRow("age 30-40 by age") << int(CustomerModel::Age) << true << ages;
        QTest::newRow("women by first name") << int(CustomerModel::FirstName) << false << women;
        QTest::newRow("problems by gender") << int(CustomerModel::Gender) << false << problems;
        QTest::newRow("combined") << int(CustomerModel::Problems) << true << combined;
    }
    void rowsMatchTheQuery()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        QFETCH(CustomerFilter, filter);
        CustomerModel model(m_tdb->config());
        model.setBlockSize(100);
        model.setFilter(filter);
        model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        QVERIFY(settle(model));
        const qint64 total = CustomerStore(m_tdb->db()).count(filter).value();
        QCOMPARE(model.totalCount(), total);
        QVERIFY(total > 0);
        const CustomerSort sort = CustomerModel::sortFor(column);
        // From the start, then the next block, a jump to the end, back to the
        // middle (the sparse index by then), and back to the start.
        const QList<qint64> samples {0, 150, total - 1, total - 150, total / 2, total / 3 + 11, 1};
        for (qint64 i : samples) {
            if (i < 0 || i >= total)
                continue;
            const auto row = loaded(model, int(i));
            QVERIFY2(row.has_value(), qPrintable(u"row %1 never arrived"_s.arg(i)));
            QCOMPARE(row->id, sqlIdAt(filter, sort, descending, i));
        }
    }

    // The search box: words of the name in any order, each the start of a
    // word (so "Анна" is not "Жанна"), a phone by its digits, an e-mail.
    void searchFindsWordsInAnyOrderPhonesAndEmails()
    {
        CustomerStore store(m_tdb->db());
        auto make = [&](const QString &first, const QString &last, const QString &phone,
                        const QString &email) -> qint64 {
            Customer c;
            c.firstName = first;
            c.lastName = last;
            c.age = 30;
            c.gender = u"female"_s;
            c.phone = phone;
            c.email = email;
            auto made = store.create(m_cashier, c);
            return made ? made->id : -1;
        };
        const qint64 anna =
            make(u"Анна"_s, u"Шестипалова"_s, u"+7 (999) 555-01-23"_s, u"anna.shest@example.org"_s);
        const qint64 zhanna =
            make(u"Жанна"_s, u"Шестипалова"_s, u"8 999 555 77 00"_s, u"zh.shest@example.org"_s);
        const qint64 annaMaria = make(u"Анна-Мария"_s, u"Шестипалова-Кругль"_s, {}, {});
        QVERIFY(anna > 0 && zhanna > 0 && annaMaria > 0);
        auto found = [&](const QString &text) {
            CustomerFilter f;
            f.name = text;
            QVariantList values;
            auto q =
                Sql::run(m_tdb->db(),
                         CustomerStore::orderedSql(f, CustomerSort::Id, false, &values), values);
            QList<qint64> ids;
            if (!q)
                return QList<qint64> {-1};
            while (q.value().next())
                ids << q.value().value(0).toLongLong();
            // The count the grid shows says the same.
            if (store.count(f).value() != ids.size())
                return QList<qint64> {-2};
            return ids;
        };
        using Ids = QList<qint64>;
        QCOMPARE(found(u"Шестипалова Анна"_s), (Ids {anna, annaMaria}));
        QCOMPARE(found(u"анна шестипалова"_s), (Ids {anna, annaMaria}));
        QCOMPARE(found(u"  Анна   Шестип "_s), (Ids {anna, annaMaria}));
        QCOMPARE(found(u"Шестипалова Жанна"_s), (Ids {zhanna}));
        QCOMPARE(found(u"мария кругль"_s), (Ids {annaMaria})); // after a hyphen
        QCOMPARE(found(u"Шестипалова нна"_s), Ids {}); // inside a word: no
        // A phone by its digits, typed with any formatting.
        QCOMPARE(found(u"+7 999 555 01 23"_s), (Ids {anna}));
        QCOMPARE(found(u"(999) 5550123"_s), (Ids {anna}));
        QCOMPARE(found(u"8-999-555-77-00"_s), (Ids {zhanna}));
        // An e-mail, any part of it with its @.
        QCOMPARE(found(u"ANNA.SHEST@"_s), (Ids {anna}));
        QCOMPARE(found(u"@example.org"_s), (Ids {anna, zhanna}));
        QVERIFY(store.remove(m_manager, anna).ok());
        QVERIFY(store.remove(m_manager, zhanna).ok());
        QVERIFY(store.remove(m_manager, annaMaria).ok());
    }

    void jumpToTheEndLoadsOnlyTheEnd()
    {
        CustomerModel model(m_tdb->config());
        model.setBlockSize(100);
        QVERIFY(settle(model));
        const int last = model.rowCount() - 1;
        QVERIFY(loaded(model, last).has_value());
        // Nothing in between was fetched: just the first block (if the view asked) and the last.
        QVERIFY(model.cachedBlocks() <= 2);
        QVERIFY(!model.isRowLoaded(last / 2));
    }

    // After the data changes under it, a refresh must not reuse what the old
    // data taught it (anchors, the sparse index, the count).
    void refreshAfterChangesStaysExact()
    {
        CustomerModel model(m_tdb->config());
        model.setBlockSize(100);
        QVERIFY(settle(model));
        const int rows = model.rowCount();
        for (int i : {0, 100, rows / 2, rows - 1})
            QVERIFY(loaded(model, i).has_value());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO customers (first_name, last_name, age, gender) "
                         "SELECT 'Aa', 'Aaa' || g, 30, 'female' FROM generate_series(1, 250) g"_s)
                    .ok());
        model.refresh();
        QVERIFY(settle(model));
        QCOMPARE(model.rowCount(), rows + 250);
        for (qint64 i : {qint64(0), qint64(150), qint64(rows / 2), qint64(rows + 249), qint64(1)}) {
            const auto row = loaded(model, int(i));
            QVERIFY(row.has_value());
            QCOMPARE(row->id, sqlIdAt({}, CustomerSort::LastName, false, i));
        }
        QVERIFY(Sql::run(m_tdb->db(), u"DELETE FROM customers WHERE last_name LIKE 'Aaa%'"_s).ok());
    }

    void resetProblemsCountsExactlyThenZero()
    {
        const qint64 flagged = count(u"SELECT count(*) FROM customers WHERE problems"_s);
        QVERIFY(flagged > kCustomers / 5);
        CustomerStore store(m_tdb->db());
        QCOMPARE(store.resetProblems(m_cashier).error().code, StoreError::Code::Permission);
        QCOMPARE(count(u"SELECT count(*) FROM customers WHERE problems"_s), flagged);

        // Staff flag more customers while the reset runs: every flag is
        // cleared by exactly one reset, none is counted twice or lost.
        const DbConfig config = m_tdb->config();
        std::atomic<int> flaggedMeanwhile {0};
        std::thread editor([&] {
            ScopedConnection conn(config, u"editor"_s);
            for (int i = 0; i < 200; ++i) {
                auto r = Sql::run(
                    conn.db(),
                    u"UPDATE customers SET problems = true WHERE id = ? AND NOT problems RETURNING id"_s,
                    {1 + (i * 97) % kCustomers});
                if (r && r.value().next())
                    ++flaggedMeanwhile;
            }
        });
        const qint64 first = store.resetProblems(m_manager).value();
        editor.join();
        const qint64 second = store.resetProblems(m_manager).value();
        QCOMPARE(first + second, flagged + flaggedMeanwhile.load());
        QCOMPARE(count(u"SELECT count(*) FROM customers WHERE problems"_s), 0);
        QCOMPARE(store.resetProblems(m_manager).value(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCustomers)
#include "tst_customers.moc"
