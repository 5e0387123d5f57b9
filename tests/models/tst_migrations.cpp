#include "TestDatabase.h"
#include "models/core/Sql.h"
#include "models/db/MigrationRunner.h"

#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestMigrations : public QObject
{
    Q_OBJECT

    static qint64 count(const QSqlDatabase &db, const QString &sql)
    {
        auto v = Sql::scalar(db, sql);
        return v ? v.value().toLongLong() : -1;
    }

private slots:
    void appliesEverythingOnAnEmptyDatabase()
    {
        test::TestDatabase tdb(u"mig_empty"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        MigrationRunner runner(tdb.db());
        const auto available = runner.available();
        QVERIFY(available.ok());
        QCOMPARE(runner.currentVersion().value(), 0);

        const auto applied = runner.run();
        QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().message));
        QCOMPARE(applied.value(), available->size());
        QCOMPARE(runner.currentVersion().value(), available->last().version);
        QCOMPARE(count(tdb.db(), u"SELECT count(*) FROM schema_migrations"_s), available->size());
        for (const QString &table :
             {u"shops"_s, u"products"_s, u"stocks"_s, u"history"_s, u"customers"_s, u"staff"_s,
              u"orders"_s, u"order_lines"_s, u"promo_codes"_s, u"outbox"_s, u"sync_state"_s,
              u"vat_rates"_s, u"order_return_lines"_s}) {
            QCOMPARE(count(tdb.db(),
                           u"SELECT count(*) FROM information_schema.tables WHERE "
                           "table_schema = 'public' AND table_name = '%1'"_s.arg(table)),
                     1);
        }
    }

    void runningAgainChangesNothing()
    {
        test::TestDatabase tdb(u"mig_twice"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        QVERIFY(tdb.migrate());
        const qint64 objects = count(tdb.db(), u"SELECT count(*) FROM pg_class"_s);
        const auto again = MigrationRunner(tdb.db()).run();
        QVERIFY(again.ok());
        QCOMPARE(again.value(), 0);
        QCOMPARE(count(tdb.db(), u"SELECT count(*) FROM pg_class"_s), objects);
    }

    void twoProcessesAtOnceDoNotCollide()
    {
        test::TestDatabase tdb(u"mig_parallel"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        // Real processes, started together, all migrating the same empty database.
        QList<QProcess *> processes;
        for (int i = 0; i < 4; ++i) {
            auto *p = new QProcess(this);
            p->setProcessChannelMode(QProcess::MergedChannels);
            p->start(QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk"),
                     {u"--setup-only"_s, u"--db"_s, tdb.config().toUrl()});
            processes << p;
        }
        for (QProcess *p : processes) {
            QVERIFY(p->waitForFinished(120000));
            const QString output = QString::fromLocal8Bit(p->readAll());
            QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                     qPrintable(output));
        }
        const auto available = MigrationRunner(tdb.db()).available();
        QCOMPARE(count(tdb.db(), u"SELECT count(*) FROM schema_migrations"_s), available->size());
        QCOMPARE(MigrationRunner(tdb.db()).run().value(), 0);
        qDeleteAll(processes);
    }

    void constraintsHoldTheInvariants_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::newRow("negative shelf quantity") << u"UPDATE stocks SET shelf_qty = -1"_s;
        QTest::newRow("negative order quantity") << u"UPDATE stocks SET order_qty = -1"_s;
        QTest::newRow("duplicate PLU")
            << u"INSERT INTO products (plu, name, price) VALUES ('100', 'Other', 1)"_s;
        QTest::newRow("duplicate barcode") << u"INSERT INTO products (plu, barcode, name, price) "
                                              "VALUES ('101', '4006381333931', 'Other', 1)"_s;
        QTest::newRow("negative price")
            << u"INSERT INTO products (plu, name, price) VALUES ('102', 'Cheap', -5)"_s;
        QTest::newRow("same product twice in a shop")
            << u"INSERT INTO stocks (product_id, shop_id) SELECT product_id, shop_id FROM stocks"_s;
        QTest::newRow("customer age 151") << u"INSERT INTO customers (first_name, last_name, age, "
                                             "gender) VALUES ('A', 'B', 151, 'male')"_s;
        QTest::newRow("plain-text password")
            << u"INSERT INTO staff (login, display_name, role, "
               "password_hash) VALUES ('x', 'X', 'admin', 'secret')"_s;
        QTest::newRow("unknown role")
            << u"INSERT INTO staff (login, display_name, role, "
               "password_hash) VALUES ('y', 'Y', 'boss', 'pbkdf2-sha256$1$a$b')"_s;
    }
    void constraintsHoldTheInvariants()
    {
        QFETCH(QString, statement);
        test::TestDatabase tdb(u"mig_constraints"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        QVERIFY(tdb.migrate());
        for (
            const QString &setup :
            {u"INSERT INTO shops (code, name) VALUES ('S1', 'Shop')"_s,
             u"INSERT INTO products (plu, barcode, name, price) VALUES ('100', '4006381333931', 'Milk', 8990)"_s,
             u"INSERT INTO stocks (product_id, shop_id, shelf_qty) SELECT p.id, s.id, 3 FROM products p, shops s"_s}) {
            QVERIFY(Sql::run(tdb.db(), setup).ok());
        }
        QSqlQuery q(tdb.db());
        QVERIFY2(!q.exec(statement), "the database accepted a row that breaks an invariant");
        QCOMPARE(count(tdb.db(), u"SELECT shelf_qty FROM stocks"_s), 3);
        QCOMPARE(count(tdb.db(), u"SELECT count(*) FROM products"_s), 1);
    }

    void productsWithoutBarcodeMayCoexist()
    {
        test::TestDatabase tdb(u"mig_nullbarcode"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        QVERIFY(tdb.migrate());
        QVERIFY(
            Sql::run(tdb.db(), u"INSERT INTO products (plu, name) VALUES ('1', 'A'), ('2', 'B')"_s)
                .ok());
    }

    void editedMigrationIsDetected()
    {
        test::TestDatabase tdb(u"mig_edited"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        QVERIFY(tdb.migrate());
        QVERIFY(
            Sql::run(tdb.db(), u"UPDATE schema_migrations SET checksum = 'x' WHERE version = 1"_s)
                .ok());
        const auto result = MigrationRunner(tdb.db()).run();
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, StoreError::Code::Conflict);
        QVERIFY(result.error().message.contains(u"changed"_s));
    }

    void newerSchemaIsRefused()
    {
        test::TestDatabase tdb(u"mig_newer"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        QVERIFY(tdb.migrate());
        QVERIFY(
            Sql::run(
                tdb.db(),
                u"INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')"_s)
                .ok());
        const auto result = MigrationRunner(tdb.db()).run();
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(u"9999"_s));
    }

    void failedMigrationLeavesNothingBehind()
    {
        test::TestDatabase tdb(u"mig_failed"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        QTemporaryDir dir;
        QFile good(dir.filePath(u"0001_good.sql"_s));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write("CREATE TABLE a (id int);");
        good.close();
        QFile bad(dir.filePath(u"0002_bad.sql"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("CREATE TABLE b (id int); SELECT no_such_function();");
        bad.close();
        const auto result = MigrationRunner(tdb.db(), dir.path()).run();
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"0002"_s) ||
                     result.error().message.contains(u"bad"_s),
                 qPrintable(result.error().message));
        QCOMPARE(count(tdb.db(), u"SELECT count(*) FROM schema_migrations"_s), 1);
        QCOMPARE(count(tdb.db(), u"SELECT count(*) FROM pg_class WHERE relname = 'a'"_s), 1);
        QCOMPARE(count(tdb.db(), u"SELECT count(*) FROM pg_class WHERE relname = 'b'"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
