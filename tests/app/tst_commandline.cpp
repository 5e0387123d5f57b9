#include "TestDatabase.h"
#include "app/desk/CommandLine.h"
#include "models/core/Sql.h"
#include "models/db/EmbeddedCluster.h"
#include "models/demo/DemoDataGenerator.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The command line as parsed, and the real `shopdesk` binary run with it.
class TestCommandLine : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run shopdesk(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk"), args);
        if (!p.waitForFinished(300000))
            return {};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromLocal8Bit(p.readAllStandardOutput()),
                QString::fromLocal8Bit(p.readAllStandardError())};
    }

    // A folder for --data-dir that the server's account (postgres, when the
    // tests run as root) can enter.
    static std::unique_ptr<QTemporaryDir> makeDataDir()
    {
        auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/shopdesk-cli-XXXXXX"_s);
        QFile::setPermissions(dir->path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                  QFileDevice::ExeOther);
        return dir;
    }

    static bool processIsAlive(qint64 pid) { return pid > 0 && ::kill(pid_t(pid), 0) == 0; }

    // The postmaster of the built-in database in dataDir (0 when none), once
    // `shopdesk` has registered itself as using it.
    static qint64 runningPostmaster(const QString &dataDir, qint64 shopdeskPid)
    {
        const QString instance = u"%1/cluster/instances/%2.lock"_s.arg(dataDir).arg(shopdeskPid);
        QFile pidFile(dataDir + u"/cluster/data/postmaster.pid"_s);
        if (!QFile::exists(instance) || !pidFile.open(QIODevice::ReadOnly))
            return 0;
        const qint64 pid = pidFile.readLine().trimmed().toLongLong();
        return processIsAlive(pid) ? pid : 0;
    }

    std::unique_ptr<QTemporaryDir> m_signalDir;

private slots:
    void parsesGoodOptions()
    {
        const DeskOptions o = parseCommandLine({u"shopdesk"_s, u"--demo"_s, u"--customers"_s,
                                                u"250000"_s, u"--history"_s, u"10000000"_s,
                                                u"--db"_s, u"postgresql://u:p@h:1/d"_s});
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        QVERIFY(o.demo);
        QCOMPARE(o.demoOptions.customers, 250000);
        QCOMPARE(o.demoOptions.history, 10000000);
        QVERIFY(o.server.has_value());
        QCOMPARE(o.server->host, u"h"_s);
        QCOMPARE(o.server->password, u"p"_s);
    }

    void explainsBadOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("customers not a number")
            << QStringList {u"--demo"_s, u"--customers"_s, u"lots"_s} << u"--customers"_s;
        QTest::newRow("too many customers")
            << QStringList {u"--demo"_s, u"--customers"_s, u"1000001"_s} << u"1000000"_s;
        QTest::newRow("negative history")
            << QStringList {u"--demo"_s, u"--history"_s, u"-5"_s} << u"--history"_s;
        QTest::newRow("customers without demo")
            << QStringList {u"--customers"_s, u"10"_s} << u"--demo"_s;
        QTest::newRow("force without demo") << QStringList {u"--force"_s} << u"--demo"_s;
        QTest::newRow("bad db url") << QStringList {u"--db"_s, u"mysql://h/d"_s} << u"--db"_s;
        // Empty is not "the built-in database": that is --db left out.
        QTest::newRow("empty db url") << QStringList {u"--db"_s, QString()} << u"--db"_s;
        QTest::newRow("blank db url") << QStringList {u"--db"_s, u" "_s} << u"--db"_s;
        QTest::newRow("unknown option") << QStringList {u"--frobnicate"_s} << u"frobnicate"_s;
        QTest::newRow("stray argument") << QStringList {u"oops"_s} << u"oops"_s;
    }
    void explainsBadOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const DeskOptions o = parseCommandLine(QStringList {u"shopdesk"_s} + args);
        QVERIFY(!o.error.isEmpty());
        QVERIFY2(o.error.contains(mentions), qPrintable(o.error));

        // The real program says the same and exits with 2, without opening a window.
        const Run run = shopdesk(args + QStringList {u"--setup-only"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    }

    void aPasswordOnTheCommandLineIsWarnedAbout()
    {
        const DeskOptions withPassword =
            parseCommandLine({u"shopdesk"_s, u"--db"_s, u"postgresql://u:secret@h/d"_s});
        QVERIFY2(withPassword.error.isEmpty(), qPrintable(withPassword.error));
        QCOMPARE(withPassword.warnings.size(), 1);
        QVERIFY(withPassword.warnings.first().contains(u"--db"_s));
        QVERIFY(withPassword.warnings.first().contains(u"PGPASSWORD"_s));
        QVERIFY(!withPassword.warnings.first().contains(u"secret"_s));
        // Without one (a password file or PGPASSWORD supplies it) nothing to say.
        QVERIFY(parseCommandLine({u"shopdesk"_s, u"--db"_s, u"postgresql://u@h/d"_s})
                    .warnings.isEmpty());
        // The real program says it on stderr, and goes on.
        const Run run = shopdesk({u"--db"_s, u"postgresql://u:secret@h/d"_s, u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains(u"process list"_s), qPrintable(run.err));
    }

    void environmentNamesTheServer()
    {
        const QByteArray saved = qgetenv("SHOPDESK_DB");
        const bool wasSet = qEnvironmentVariableIsSet("SHOPDESK_DB");
        auto restore = qScopeGuard([&] {
            if (wasSet)
                qputenv("SHOPDESK_DB", saved);
            else
                qunsetenv("SHOPDESK_DB");
        });
        qputenv("SHOPDESK_DB", "postgresql://env@envhost:5433/envdb");
        const DeskOptions fromEnv = parseCommandLine({u"shopdesk"_s});
        const DeskOptions overridden =
            parseCommandLine({u"shopdesk"_s, u"--db"_s, u"postgresql://h/d"_s});
        qunsetenv("SHOPDESK_DB");
        QVERIFY(fromEnv.server.has_value());
        QCOMPARE(fromEnv.server->host, u"envhost"_s);
        QCOMPARE(overridden.server->host, u"h"_s);
        QVERIFY(!parseCommandLine({u"shopdesk"_s}).server.has_value());
    }

    void versionAndHelp()
    {
        const Run version = shopdesk({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith(u"ShopDesk "_s), qPrintable(version.out));
        QVERIFY(version.out.contains(QStringLiteral(SHOPDESK_VERSION)));
        const Run help = shopdesk({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        for (const QString &option : {u"--demo"_s, u"--db"_s, u"--customers"_s, u"--history"_s,
                                      u"--force"_s, u"--version"_s})
            QVERIFY2(help.out.contains(option), qPrintable(option));
    }

    void setupOnlyFillsDemoDataOnceAndRefusesOtherData()
    {
        test::TestDatabase tdb(u"cli_demo"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        const QString url = tdb.config().toUrl();
        const QStringList small {u"--customers"_s, u"2000"_s, u"--history"_s, u"3000"_s};

        const Run first =
            shopdesk(QStringList {u"--setup-only"_s, u"--db"_s, url, u"--demo"_s} + small);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err + first.out));
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM customers"_s).value().toInt(), 2000);

        // Again with --demo: the demo database is used as it is.
        const Run again = shopdesk({u"--setup-only"_s, u"--db"_s, url, u"--demo"_s});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(u"already"_s), qPrintable(again.out));
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM customers"_s).value().toInt(), 2000);

        // A shop's real data is never overwritten by --demo...
        QVERIFY(Sql::run(tdb.db(), u"DELETE FROM app_state"_s).ok());
        const Run refused =
            shopdesk(QStringList {u"--setup-only"_s, u"--db"_s, url, u"--demo"_s} + small);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"--force"_s), qPrintable(refused.err));
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM customers"_s).value().toInt(), 2000);

        // ...unless asked to with --force.
        const Run forced = shopdesk({u"--setup-only"_s, u"--db"_s, url, u"--demo"_s, u"--force"_s,
                                     u"--customers"_s, u"700"_s, u"--history"_s, u"100"_s});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM customers"_s).value().toInt(), 700);
    }

    // Two data folders are two whole instances: each has its own settings and
    // password file (they used to share the user's ~/.config ones).
    void dataFoldersDoNotShareSettingsOrPasswords()
    {
        test::TestDatabase tdb(u"cli_datadir"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        auto dir = makeDataDir();
        const QString shopA = dir->filePath(u"a"_s);
        const QString shopB = dir->filePath(u"b"_s);
        QVERIFY(QDir().mkpath(shopA) && QDir().mkpath(shopB));

        // Shop A: Russian, on the test server, its password in its own file.
        DbConfig server = tdb.config();
        const QString password = server.password;
        server.password.clear();
        {
            QSettings a(shopA + u"/shopdesk.ini"_s, QSettings::IniFormat);
            a.setValue(u"ui/language"_s, u"ru"_s);
            a.setValue(u"database/url"_s, server.toUrl());
        }
        if (!password.isEmpty()) {
            QFile pgpass(shopA + u"/pgpass"_s);
            QVERIFY(pgpass.open(QIODevice::WriteOnly));
            pgpass.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            pgpass.write(u"*:*:*:*:%1\n"_s.arg(password).toUtf8());
        }

        // Nothing of the user's: an empty config folder, no password elsewhere.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : {u"SHOPDESK_DB"_s, u"SHOPDESK_DATA_DIR"_s, u"PGPASSWORD"_s,
                                    u"PGPASSFILE"_s, u"LANG"_s, u"LANGUAGE"_s, u"LC_ALL"_s})
            env.remove(name);
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, dir->filePath(u"config"_s));
        env.insert(u"HOME"_s, dir->filePath(u"home"_s));
        auto run = [&env](const QStringList &args) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk"), args);
            p.waitForFinished(300000);
            return Run {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                        QString::fromLocal8Bit(p.readAllStandardOutput()),
                        QString::fromLocal8Bit(p.readAllStandardError())};
        };

        // A's settings: its language and its server, reached with its password file.
        const Run helpA = run({u"--data-dir"_s, shopA, u"--help"_s});
        QVERIFY2(helpA.out.contains(u"Показать эту справку"_s), qPrintable(helpA.out));
        const Run setupA = run({u"--data-dir"_s, shopA, u"--setup-only"_s});
        QVERIFY2(setupA.exitCode == 0, qPrintable(setupA.err + setupA.out));
        QVERIFY2(setupA.out.contains(server.database), qPrintable(setupA.out));
        QVERIFY(!QDir(shopA + u"/cluster"_s).exists());

        // B sees none of it: English, and no server named.
        const Run helpB = run({u"--data-dir"_s, shopB, u"--help"_s});
        QVERIFY2(helpB.out.contains(u"Show this help"_s), qPrintable(helpB.out));
        // --settings still names a file of its own, whatever --data-dir says.
        const Run helpOwn =
            run({u"--data-dir"_s, shopA, u"--settings"_s, shopB + u"/own.ini"_s, u"--help"_s});
        QVERIFY2(helpOwn.out.contains(u"Show this help"_s), qPrintable(helpOwn.out));
        // And nothing went to the user's config folder.
        QVERIFY(!QDir(dir->filePath(u"config/ShopDesk"_s)).exists());
    }

    // kill, Ctrl+C or a closed terminal stop the built-in database as Quit
    // does; they used to end shopdesk on the spot with its server left running.
    void signalsStopTheBuiltInDatabase_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }
    void signalsStopTheBuiltInDatabase()
    {
        QFETCH(int, signalNumber);
        if (!m_signalDir)
            m_signalDir = makeDataDir(); // one cluster for the three: initdb once
        QVERIFY(m_signalDir->isValid());
        const QString dataDir = m_signalDir->filePath(u"shop"_s);
        // Whatever happens, no server of this test is left behind.
        auto cleanup = qScopeGuard([&] {
            EmbeddedCluster cluster(dataDir + u"/cluster"_s);
            if (cluster.isRunning())
                (void)cluster.stop();
        });

        QProcess desk;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.remove(u"SHOPDESK_DB"_s);
        desk.setProcessEnvironment(env);
        desk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        // The window phase: it waits at the first-run dialog once the database is up.
        desk.start(
            QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk"),
            {u"--data-dir"_s, dataDir, u"--settings"_s, m_signalDir->filePath(u"shopdesk.ini"_s)});
        QVERIFY(desk.waitForStarted());
        qint64 postmaster = 0;
        for (int i = 0; i < 1800 && postmaster == 0 && desk.state() == QProcess::Running; ++i) {
            QTest::qWait(100);
            postmaster = runningPostmaster(dataDir, desk.processId());
        }
        QVERIFY2(postmaster > 0, "shopdesk did not start its built-in database");

        QCOMPARE(::kill(pid_t(desk.processId()), signalNumber), 0);
        QVERIFY2(desk.waitForFinished(120000), "shopdesk did not exit on the signal");
        QCOMPARE(desk.exitStatus(), QProcess::NormalExit);
        QCOMPARE(desk.exitCode(), 0);
        // Its server is stopped, as after Quit.
        QTRY_VERIFY_WITH_TIMEOUT(!processIsAlive(postmaster), 30000);
        QVERIFY(!QFile::exists(dataDir + u"/cluster/data/postmaster.pid"_s));
    }

    // Two tills started at once with --demo on one database: the second waits
    // for the first and uses its demo data. It used to fail with "deadlock
    // detected (40P01)" or "already holds data".
    void twoDemoStartsAtOnceLoadTheDataOnce()
    {
        test::TestDatabase tdb(u"cli_demo_twice"_s);
        QVERIFY2(tdb.isReady(), qPrintable(tdb.errorText()));
        const QStringList args {u"--setup-only"_s, u"--db"_s, tdb.config().toUrl(), u"--demo"_s,
                                u"--customers"_s,  u"3000"_s, u"--history"_s,       u"5000"_s};
        QProcess first, second;
        for (QProcess *p : {&first, &second})
            p->start(QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk"), args);
        for (QProcess *p : {&first, &second}) {
            QVERIFY(p->waitForFinished(300000));
            const QString output =
                QString::fromLocal8Bit(p->readAllStandardError() + p->readAllStandardOutput());
            QCOMPARE(p->exitStatus(), QProcess::NormalExit);
            QVERIFY2(p->exitCode() == 0, qPrintable(output));
            QVERIFY2(!output.contains(u"deadlock"_s), qPrintable(output));
        }
        // Loaded once: one set of shops, staff and customers.
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM customers"_s).value().toInt(), 3000);
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM shops"_s).value().toInt(), 3);
        QCOMPARE(Sql::scalar(tdb.db(), u"SELECT count(*) FROM staff"_s).value().toInt(),
                 int(DemoDataGenerator::accounts().size()));
    }

    void unreachableServerIsExplained()
    {
        const Run run = shopdesk(
            {u"--setup-only"_s, u"--db"_s, u"postgresql://nobody:secret@127.0.0.1:1/none"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"cannot connect"_s), qPrintable(run.err));
        QVERIFY2(!run.err.contains(u"secret"_s), "the password was printed");
        QVERIFY2(!run.out.contains(u"secret"_s), "the password was printed");
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
