#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/db/EmbeddedCluster.h"
#include "models/db/PgBinaries.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The built-in PostgreSQL cluster, for real: initdb, pg_ctl, a server process.
class TestEmbeddedCluster : public QObject
{
    Q_OBJECT

    // As root the cluster runs as "postgres", which must be able to enter the folder.
    static std::unique_ptr<QTemporaryDir> makeDir()
    {
        auto dir =
            std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/shopdesk-cluster-XXXXXX"_s);
        QFile::setPermissions(dir->path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                  QFileDevice::ExeOther | QFileDevice::ExeGroup |
                                  QFileDevice::ReadGroup);
        return dir;
    }

    static QVariant queryOne(const DbConfig &config, const QString &sql)
    {
        ScopedConnection conn(config, u"cluster-test"_s);
        if (!conn.isOpen())
            return {};
        auto v = Sql::scalar(conn.db(), sql);
        return v ? v.value() : QVariant();
    }

    static bool exec(const DbConfig &config, const QStringList &statements)
    {
        ScopedConnection conn(config, u"cluster-test"_s);
        for (const QString &sql : statements) {
            if (!conn.isOpen() || !Sql::run(conn.db(), sql).ok())
                return false;
        }
        return true;
    }

    static bool waitUntilDead(qint64 pid)
    {
        for (int i = 0; i < 100; ++i) {
            if (::kill(pid_t(pid), 0) != 0)
                return true;
            QTest::qWait(100);
        }
        return false;
    }

private slots:
    // pg_ctl passes its paths through a shell: a folder named with quotes
    // and $(...) must neither break the start nor run anything (issue 16).
    void aFolderNamedLikeShellCodeIsJustAName()
    {
        auto dir = makeDir();
        // Where the server's account (postgres, as root) could write: /tmp.
        const QString marker = dir->path() + u"-ran"_s;
        QFile::remove(marker);
        const QString base = dir->filePath(u"shop a\"b$(touch '%1')`touch '%1'`c"_s.arg(marker));
        EmbeddedCluster cluster(base);
        auto config = cluster.start();
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        QVERIFY(cluster.isRunning());
        QCOMPARE(queryOne(*config, u"SELECT 40 + 2"_s).toInt(), 42);
        QVERIFY2(!QFile::exists(marker), "a command in the folder's name was run");
        QVERIFY(QFile::exists(QDir(base).filePath(u"data/PG_VERSION"_s)));
        QVERIFY(cluster.stop().ok());
        QVERIFY(!cluster.isRunning());
        QVERIFY2(!QFile::exists(marker), "a command in the folder's name was run");
    }

    void startQueryStopAndStartAgain()
    {
        auto dir = makeDir();
        EmbeddedCluster cluster(dir->filePath(u"cluster"_s));
        auto config = cluster.start();
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        QVERIFY(cluster.startedHere());
        QVERIFY(cluster.isRunning());
        QCOMPARE(config->host, u"127.0.0.1"_s);
        QCOMPARE(config->database, u"shopdesk"_s);
        QVERIFY(!config->password.isEmpty());

        QCOMPARE(queryOne(*config, u"SELECT 40 + 2"_s).toInt(), 42);
        // Private to this computer: TCP on loopback only, no Unix socket.
        QCOMPARE(queryOne(*config, u"SHOW listen_addresses"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(queryOne(*config, u"SHOW unix_socket_directories"_s).toString(), QString());
        // A wrong password is refused (the cluster is not open to everyone on the machine).
        DbConfig wrong = *config;
        wrong.password = u"guess"_s;
        ScopedConnection intruder(wrong, u"intruder"_s);
        QVERIFY(!intruder.isOpen());

        QVERIFY(exec(*config, {u"CREATE TABLE kept (v int)"_s, u"INSERT INTO kept VALUES (7)"_s}));
        QVERIFY(cluster.stopIfUnused());
        QVERIFY(!cluster.isRunning());

        EmbeddedCluster again(dir->filePath(u"cluster"_s));
        auto config2 = again.start();
        QVERIFY2(config2.ok(), config2.ok() ? "" : qPrintable(config2.error().message));
        QCOMPARE(queryOne(*config2, u"SELECT v FROM kept"_s).toInt(), 7);
        QVERIFY(again.stop().ok());
    }

    void recoversAfterTheServerWasKilled()
    {
        auto dir = makeDir();
        EmbeddedCluster cluster(dir->filePath(u"cluster"_s));
        auto config = cluster.start();
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        QVERIFY(exec(*config, {u"CREATE TABLE t (v int)"_s, u"INSERT INTO t VALUES (1)"_s}));

        const qint64 pid = cluster.postmasterPid();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QVERIFY(waitUntilDead(pid));
        QVERIFY(!cluster.isRunning());
        QVERIFY(QFile::exists(QDir(cluster.dataDir()).filePath(u"postmaster.pid"_s)));

        EmbeddedCluster restarted(dir->filePath(u"cluster"_s));
        auto config2 = restarted.start();
        QVERIFY2(config2.ok(), config2.ok() ? "" : qPrintable(config2.error().message));
        QVERIFY(restarted.startedHere());
        QCOMPARE(queryOne(*config2, u"SELECT v FROM t"_s).toInt(), 1);
        QVERIFY(restarted.stop().ok());
    }

    void stalePidFileOfAnotherProgramIsSetAside()
    {
        auto dir = makeDir();
        {
            EmbeddedCluster cluster(dir->filePath(u"cluster"_s));
            QVERIFY(cluster.start().ok());
            QVERIFY(cluster.stop().ok());
        }
        // After a reboot the old postmaster's id may belong to any program: here, this test.
        const QString pidPath = dir->filePath(u"cluster/data/postmaster.pid"_s);
        QFile pidFile(pidPath);
        QVERIFY(pidFile.open(QIODevice::WriteOnly));
        pidFile.write(QByteArray::number(QCoreApplication::applicationPid()) +
                      "\n/x\n1\n5432\n\n\n");
        pidFile.close();

        EmbeddedCluster cluster(dir->filePath(u"cluster"_s));
        auto config = cluster.start();
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        QCOMPARE(queryOne(*config, u"SELECT 1"_s).toInt(), 1);
        QVERIFY(cluster.stop().ok());
    }

    void secondInstanceJoinsAndTheLastOneStops()
    {
        auto dir = makeDir();
        EmbeddedCluster first(dir->filePath(u"cluster"_s));
        auto config = first.start();
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));

        EmbeddedCluster second(dir->filePath(u"cluster"_s));
        auto joined = second.start();
        QVERIFY2(joined.ok(), joined.ok() ? "" : qPrintable(joined.error().message));
        QVERIFY(!second.startedHere());
        QCOMPARE(joined->port, config->port);

        // Another program (another ShopDesk) is connected: the cluster must stay up.
        const QString name = u"other-instance"_s;
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            other.setHostName(config->host);
            other.setPort(config->port);
            other.setDatabaseName(config->database);
            other.setUserName(config->user);
            other.setPassword(config->password);
            other.setConnectOptions(u"application_name=shopdesk-other"_s);
            QVERIFY2(other.open(), qPrintable(other.lastError().text()));
            QVERIFY(!first.stopIfUnused());
            QVERIFY(first.isRunning());
            other.close();
        }
        QSqlDatabase::removeDatabase(name);
        // The server notices the closed connection a moment later.
        bool stopped = false;
        for (int i = 0; i < 100 && !stopped; ++i) {
            stopped = second.stopIfUnused();
            if (!stopped)
                QTest::qWait(100);
        }
        QVERIFY(stopped);
        QVERIFY(!first.isRunning());
    }

    void missingPostgresIsExplained()
    {
        auto dir = makeDir();
        EmbeddedCluster cluster(dir->filePath(u"cluster"_s), dir->filePath(u"no-postgres-here"_s));
        auto config = cluster.start();
        QVERIFY(!config.ok());
        QCOMPARE(config.error().code, StoreError::Code::NotFound);
        QVERIFY2(config.error().message.contains(u"initdb"_s), qPrintable(config.error().message));
    }

    void missingPostgresSaysWhatToInstall()
    {
        QTemporaryDir empty;
        auto found = PgBinaries::locateIn({empty.path(), QString(), u"/nonexistent"_s});
        QVERIFY(!found.ok());
        QCOMPARE(found.error().code, StoreError::Code::NotFound);
        QVERIFY2(found.error().message.contains(u"apt install postgresql"_s),
                 qPrintable(found.error().message));
        QVERIFY(found.error().message.contains(u"existing PostgreSQL server"_s));
        // And a real installation is found where Debian puts it.
        QVERIFY(PgBinaries::locate().ok());
    }

    // Issue 16: a first start killed while initdb ran left a folder that never
    // started again ("could not find the database system … global/pg_control");
    // one killed after initdb, a cluster without ShopDesk's settings (and
    // initdb.pw with the superuser's password beside it). The next start moves
    // such a folder aside, makes a new one and says so.
    void aHalfMadeClusterIsSetAsideAndMadeAgain_data()
    {
        QTest::addColumn<bool>("withoutControlFile");
        QTest::addColumn<bool>("unconfigured");
        QTest::newRow("killed during initdb") << true << false;
        QTest::newRow("killed after initdb") << false << true;
    }
    void aHalfMadeClusterIsSetAsideAndMadeAgain()
    {
        QFETCH(bool, withoutControlFile);
        QFETCH(bool, unconfigured);
        auto dir = makeDir();
        const QString base = dir->filePath(u"cluster"_s);
        {
            EmbeddedCluster cluster(base);
            QVERIFY(cluster.start().ok());
            QVERIFY(cluster.stop().ok());
        }
        // Back to what the interrupted first start left.
        const QDir data(base + u"/data"_s);
        QVERIFY(data.exists(QString::fromLatin1(EmbeddedCluster::kReadyMarker)));
        QVERIFY(QFile::remove(data.filePath(QString::fromLatin1(EmbeddedCluster::kReadyMarker))));
        if (withoutControlFile)
            QVERIFY(QFile::remove(data.filePath(u"global/pg_control"_s)));
        if (unconfigured) {
            QFile conf(data.filePath(u"postgresql.conf"_s));
            QVERIFY(conf.open(QIODevice::ReadWrite));
            const QByteArray text = conf.readAll();
            const qsizetype ours = text.indexOf("# Added by ShopDesk");
            QVERIFY(ours > 0);
            QVERIFY(conf.resize(ours));
            conf.close();
            QFile pw(base + u"/initdb.pw"_s);
            QVERIFY(pw.open(QIODevice::WriteOnly));
            pw.write("the-old-superuser-password");
        }

        EmbeddedCluster cluster(base);
        auto config = cluster.start();
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        auto stop = qScopeGuard([&] { (void)cluster.stop(); });
        // Made again, whole and configured: loopback only, no Unix socket.
        QCOMPARE(queryOne(*config, u"SELECT 40 + 2"_s).toInt(), 42);
        QCOMPARE(queryOne(*config, u"SHOW unix_socket_directories"_s).toString(), QString());
        QVERIFY(data.exists(QString::fromLatin1(EmbeddedCluster::kReadyMarker)));
        QVERIFY2(!QFile::exists(base + u"/initdb.pw"_s), "the superuser's password was left");
        // The old folder was moved aside, not deleted, and the user is told.
        const QStringList aside =
            QDir(base).entryList({u"data.broken-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(aside.size(), 1);
        QVERIFY(QFile::exists(base + u"/"_s + aside.first() + u"/PG_VERSION"_s));
        QVERIFY2(cluster.notice().contains(aside.first()), qPrintable(cluster.notice()));
        QVERIFY2(cluster.notice().contains(u"half-made"_s), qPrintable(cluster.notice()));
    }

    // A whole cluster made before ShopDesk wrote the marker is used as it is.
    void aWholeClusterWithoutTheMarkerIsKept()
    {
        auto dir = makeDir();
        const QString base = dir->filePath(u"cluster"_s);
        {
            EmbeddedCluster cluster(base);
            auto config = cluster.start();
            QVERIFY(config.ok());
            QVERIFY(
                exec(*config, {u"CREATE TABLE kept (v int)"_s, u"INSERT INTO kept VALUES (7)"_s}));
            QVERIFY(cluster.stop().ok());
        }
        const QString marker =
            base + u"/data/"_s + QString::fromLatin1(EmbeddedCluster::kReadyMarker);
        QVERIFY(QFile::remove(marker));
        EmbeddedCluster cluster(base);
        auto config = cluster.start();
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().message));
        auto stop = qScopeGuard([&] { (void)cluster.stop(); });
        QCOMPARE(queryOne(*config, u"SELECT v FROM kept"_s).toInt(), 7);
        QVERIFY(cluster.notice().isEmpty());
        QVERIFY(QDir(base).entryList({u"data.broken-*"_s}, QDir::Dirs).isEmpty());
        QVERIFY(QFile::exists(marker));
    }

    void lostPasswordFileIsExplained()
    {
        auto dir = makeDir();
        {
            EmbeddedCluster cluster(dir->filePath(u"cluster"_s));
            QVERIFY(cluster.start().ok());
            QVERIFY(cluster.stop().ok());
        }
        QVERIFY(QFile::remove(dir->filePath(u"cluster/superuser.secret"_s)));
        EmbeddedCluster cluster(dir->filePath(u"cluster"_s));
        auto config = cluster.start();
        QVERIFY(!config.ok());
        QVERIFY2(config.error().message.contains(u"password file"_s),
                 qPrintable(config.error().message));
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedCluster)
#include "tst_embeddedcluster.moc"
