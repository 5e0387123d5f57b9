#include "EmbeddedCluster.h"

#include "Database.h"
#include "SystemUser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCluster, "shopdesk.cluster")

namespace shopdesk {

namespace {

const QString kServerUser = u"postgres"_s;
// pg_ctl hands the data folder and the log file to a shell (/bin/sh -c
// "postgres -D \"...\" >> \"...\""), where a folder named a"b$(id) would break
// out of the quotes. Every PostgreSQL program therefore runs in the base
// folder and is given these names relative to it: the user's path never
// reaches a shell.
const QString kDataDirName = u"data"_s;
const QString kLogFileName = u"postgres.log"_s;
// initdb reads the superuser's password from this file; it is removed as
// soon as initdb is done, so one left behind means the first start was cut short.
const QString kInitdbPwName = u"initdb.pw"_s;
// The first line ShopDesk adds to postgresql.conf.
const QByteArray kConfigMark = "# Added by ShopDesk:";

bool writePrivateFile(const QString &path, const QByteArray &contents)
{
    // Created readable by the owner only: never for a moment open to others.
    QFile::remove(path);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    return f.write(contents) == contents.size() && f.flush();
}

QString randomSecret()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

EmbeddedCluster::EmbeddedCluster(QString baseDir, QString binDir)
    : m_baseDir(QDir(baseDir).absolutePath()), m_binDirOverride(std::move(binDir))
{
}

EmbeddedCluster::~EmbeddedCluster() = default;

QString EmbeddedCluster::defaultBaseDir()
{
    const QString fromEnv = qEnvironmentVariable("SHOPDESK_DATA_DIR");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).filePath(u"cluster"_s);
    // Root's home is closed to other accounts, and the server must run as postgres.
    if (SystemUser::isRoot())
        return u"/var/lib/shopdesk/cluster"_s;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(u"cluster"_s);
}

QString EmbeddedCluster::dataDir() const
{
    return QDir(m_baseDir).filePath(kDataDirName);
}

QString EmbeddedCluster::logFile() const
{
    return QDir(m_baseDir).filePath(kLogFileName);
}

EmbeddedCluster::CommandResult EmbeddedCluster::runPg(const QString &program,
                                                      const QStringList &args, int timeoutMs) const
{
    QStringList command = m_runAs.isEmpty() ? QStringList {program} + args
                                            : SystemUser::commandAs(m_runAs, program, args);
    QProcess process;
    // The server account may not be able to enter our current folder.
    process.setWorkingDirectory(m_baseDir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString executable = command.takeFirst();
    process.start(executable, command);
    CommandResult result;
    if (!process.waitForStarted(10000)) {
        result.output = tr("Cannot run %1: %2").arg(executable, process.errorString());
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        result.output = tr("%1 did not finish in %2 seconds.").arg(program).arg(timeoutMs / 1000);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return result;
}

Result<void> EmbeddedCluster::prepareBaseDir()
{
    m_runAs.clear();
    if (SystemUser::isRoot()) {
        if (!SystemUser::exists(kServerUser))
            return StoreError::notFound(
                tr("ShopDesk runs as root, and PostgreSQL refuses to run as root, so its "
                   "built-in database must run as the \"postgres\" system account, which does "
                   "not exist. Install PostgreSQL (it creates that account) or start ShopDesk "
                   "as an ordinary user."));
        m_runAs = kServerUser;
    }
    if (!QDir().mkpath(m_baseDir))
        return StoreError::database(tr("Cannot create the database folder %1. Check that it is "
                                       "writable.")
                                        .arg(QDir::toNativeSeparators(m_baseDir)));
    QFile::setPermissions(m_baseDir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (!m_runAs.isEmpty()) {
        QString error;
        if (!SystemUser::changeOwner(m_baseDir, m_runAs, &error))
            return StoreError::database(
                tr("Cannot hand the database folder %1 to the %2 account: %3")
                    .arg(m_baseDir, m_runAs, error));
    }
    return {};
}

Result<QString> EmbeddedCluster::readOrCreateSecret(bool creating)
{
    const QString path = QDir(m_baseDir).filePath(u"superuser.secret"_s);
    if (creating) {
        const QString secret = randomSecret();
        if (!writePrivateFile(path, secret.toLatin1()))
            return StoreError::database(tr("Cannot write %1.").arg(path));
        return secret;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return StoreError::database(
            tr("The built-in database in %1 has lost its password file (%2). Restore it, or "
               "move the folder away to let ShopDesk create a new, empty database.")
                .arg(QDir::toNativeSeparators(m_baseDir), path));
    return QString::fromLatin1(f.readAll()).trimmed();
}

Result<void> EmbeddedCluster::initialize(const QString &secret)
{
    const QString pwFile = QDir(m_baseDir).filePath(kInitdbPwName);
    if (!writePrivateFile(pwFile, secret.toLatin1()))
        return StoreError::database(tr("Cannot write %1.").arg(pwFile));
    if (!m_runAs.isEmpty())
        SystemUser::changeOwner(pwFile, m_runAs, nullptr);

    const CommandResult r =
        runPg(m_binaries.initdb(),
              {u"-D"_s, kDataDirName, u"-U"_s, QString::fromLatin1(kSuperuser),
               u"--pwfile="_s + kInitdbPwName, u"--auth=scram-sha-256"_s, u"--encoding=UTF8"_s,
               u"--locale=C.UTF-8"_s, u"--no-instructions"_s},
              180000);
    QFile::remove(pwFile);
    if (r.exitCode != 0) {
        QDir(dataDir()).removeRecursively(); // a half-made cluster would fail every later start
        return StoreError::database(tr("Creating the built-in database failed:\n%1").arg(r.output));
    }

    QFile conf(QDir(dataDir()).filePath(u"postgresql.conf"_s));
    if (!conf.open(QIODevice::Append))
        return StoreError::database(tr("Cannot configure %1.").arg(conf.fileName()));
    const QByteArray settings = "\n" + kConfigMark +
        " a private server reachable from this computer only.\n"
        "listen_addresses = '127.0.0.1'\n"
        "unix_socket_directories = ''\n"
        "max_connections = 60\n"
        "shared_buffers = 128MB\n"
        "log_min_messages = warning\n";
    if (conf.write(settings) != settings.size() || !conf.flush())
        return StoreError::database(tr("Cannot configure %1.").arg(conf.fileName()));
    conf.close();
    // Last: only a cluster made and configured to the end carries the marker.
    if (!markReady())
        return StoreError::database(
            tr("Cannot write %1.")
                .arg(QDir(dataDir()).filePath(QString::fromLatin1(kReadyMarker))));
    return {};
}

bool EmbeddedCluster::markReady()
{
    const QString marker = QDir(dataDir()).filePath(QString::fromLatin1(kReadyMarker));
    if (!writePrivateFile(marker, "ShopDesk made and configured this cluster.\n"))
        return false;
    if (!m_runAs.isEmpty())
        SystemUser::changeOwner(marker, m_runAs, nullptr);
    return true;
}

QString EmbeddedCluster::halfMadeReason() const
{
    const QDir data(dataDir());
    if (!data.exists() || data.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return {}; // nothing yet: made from scratch
    if (data.exists(QString::fromLatin1(kReadyMarker)))
        return {};
    if (!data.exists(u"global/pg_control"_s))
        return tr("its control file global/pg_control is missing");
    if (QFile::exists(QDir(m_baseDir).filePath(kInitdbPwName)))
        return tr("it was never configured, and initdb's password file was left beside it");
    QFile conf(data.filePath(u"postgresql.conf"_s));
    if (!conf.open(QIODevice::ReadOnly) || !conf.readAll().contains(kConfigMark))
        return tr("it lacks ShopDesk's settings");
    // Whole, made before ShopDesk wrote the marker.
    return {};
}

Result<void> EmbeddedCluster::setAsideHalfMade(const QString &reason)
{
    // The old folder is kept, whatever is in it: renamed, never deleted.
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString asideName = kDataDirName + u".broken-"_s + stamp;
    for (int n = 2; QFileInfo::exists(QDir(m_baseDir).filePath(asideName)); ++n)
        asideName = kDataDirName + u".broken-"_s + stamp + u'-' + QString::number(n);
    const QString aside = QDir(m_baseDir).filePath(asideName);
    if (!QDir(m_baseDir).rename(kDataDirName, asideName))
        return StoreError::database(
            tr("The built-in database in %1 was left half-made by an interrupted first start "
               "(%2), and it cannot be moved aside to %3. Move the folder away by hand to let "
               "ShopDesk make it again.")
                .arg(QDir::toNativeSeparators(dataDir()), reason, QDir::toNativeSeparators(aside)));
    // Its superuser password goes with it; initdb's copy goes away.
    const QString secret = QDir(m_baseDir).filePath(u"superuser.secret"_s);
    if (QFile::exists(secret))
        QFile::copy(secret, QDir(aside).filePath(u"shopdesk-superuser.secret"_s));
    QFile::remove(QDir(m_baseDir).filePath(kInitdbPwName));
    m_notice =
        tr("The built-in database in %1 was left half-made by an interrupted first start "
           "(%2). ShopDesk moved it aside to %3 and made a new one.")
            .arg(QDir::toNativeSeparators(m_baseDir), reason, QDir::toNativeSeparators(aside));
    qCWarning(lcCluster).noquote() << m_notice;
    return {};
}

int EmbeddedCluster::runningPort() const
{
    QFile pidFile(QDir(dataDir()).filePath(u"postmaster.pid"_s));
    if (!pidFile.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = pidFile.readAll().split('\n');
    return lines.size() > 3 ? lines.at(3).trimmed().toInt() : 0;
}

qint64 EmbeddedCluster::postmasterPid() const
{
    QFile pidFile(QDir(dataDir()).filePath(u"postmaster.pid"_s));
    if (!pidFile.open(QIODevice::ReadOnly))
        return 0;
    return pidFile.readLine().trimmed().toLongLong();
}

bool EmbeddedCluster::isRunning() const
{
    const qint64 pid = postmasterPid();
    if (!SystemUser::processIsRunning(pid, u"postgres"_s))
        return false;
#ifdef Q_OS_LINUX
    // After a reboot the old id may belong to another PostgreSQL (the system's
    // own cluster, say): only a postmaster started on our data folder counts.
    // The postmaster works in its data folder (it is given it relative to ours).
    const QString cwd = QFileInfo(u"/proc/%1/cwd"_s.arg(pid)).symLinkTarget();
    if (!cwd.isEmpty())
        return cwd == QFileInfo(dataDir()).canonicalFilePath();
#endif
    return true;
}

QString EmbeddedCluster::logTail(int lines) const
{
    QFile f(logFile());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    if (f.size() > 16384)
        f.seek(f.size() - 16384);
    const QStringList all = QString::fromLocal8Bit(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    return all.mid(qMax(0, all.size() - lines)).join(u'\n');
}

Result<int> EmbeddedCluster::startServer()
{
    const QString pidPath = QDir(dataDir()).filePath(u"postmaster.pid"_s);
    const qint64 stalePid = postmasterPid();
    if (SystemUser::processIsRunning(stalePid, {}) &&
        !SystemUser::processIsRunning(stalePid, u"postgres"_s)) {
        // After a crash and a reboot the old server's process id may belong to
        // another program, and PostgreSQL would refuse to start. (A dead id is
        // left alone: PostgreSQL checks such a file itself, including for
        // orphaned server processes still attached to its shared memory.)
        QFile::remove(pidPath + u".stale"_s);
        QFile::rename(pidPath, pidPath + u".stale"_s);
        qCInfo(lcCluster) << "moved aside a stale postmaster.pid of process" << stalePid;
    }

    const QString portFile = QDir(m_baseDir).filePath(u"last.port"_s);
    QFile lastPort(portFile);
    int port = 0;
    if (lastPort.open(QIODevice::ReadOnly))
        port = lastPort.readAll().trimmed().toInt();
    lastPort.close();

    QString lastError;
    for (int attempt = 0; attempt < 8; ++attempt) {
        if (port < 1024 || port > 65535)
            port = 20000 + QRandomGenerator::global()->bounded(40000);
        const CommandResult r =
            runPg(m_binaries.pgCtl(),
                  {u"start"_s, u"-D"_s, kDataDirName, u"-l"_s, kLogFileName, u"-w"_s, u"-t"_s,
                   u"120"_s, u"-s"_s, u"-o"_s, u"-p %1"_s.arg(port)},
                  150000);
        if (r.exitCode == 0) {
            writePrivateFile(portFile, QByteArray::number(port));
            return port;
        }
        const QString log = logTail(12);
        lastError = r.output + u'\n' + log;
        qCWarning(lcCluster).noquote() << "server start failed on port" << port << ":" << lastError;
        if (log.contains(u"could not bind"_s) || log.contains(u"Address already in use"_s)) {
            port = 0; // someone else has that port: try another
        } else if (log.contains(u"still in use"_s) || log.contains(u"already exists"_s)) {
            QThread::msleep(1000); // processes of a killed server are still exiting
        } else {
            break;
        }
    }
    return StoreError::database(tr("The built-in database server did not start. Its log (%1) "
                                   "says:\n%2")
                                    .arg(QDir::toNativeSeparators(logFile()), lastError.trimmed()));
}

Result<void> EmbeddedCluster::createDatabase(const DbConfig &serverConfig)
{
    // A server still recovering after a crash refuses connections for a moment.
    QString error;
    for (int attempt = 0; attempt < 60; ++attempt) {
        ScopedConnection conn(serverConfig, u"cluster-setup"_s);
        if (conn.isOpen()) {
            QSqlQuery q(conn.db());
            q.prepare(u"SELECT 1 FROM pg_database WHERE datname = ?"_s);
            q.addBindValue(QString::fromLatin1(kDatabaseName));
            if (!q.exec())
                return StoreError::database(q.lastError());
            if (q.next())
                return {};
            if (!q.exec(u"CREATE DATABASE %1"_s.arg(QString::fromLatin1(kDatabaseName))))
                return StoreError::database(q.lastError());
            return {};
        }
        error = conn.errorText();
        if (!error.contains(u"starting up"_s) && !error.contains(u"recovery"_s))
            break;
        QThread::msleep(500);
    }
    return StoreError::database(
        tr("The built-in database server in %1 is running but ShopDesk cannot sign in to it: "
           "%2\nIf another program started it, stop that program; otherwise remove the folder "
           "to start afresh.")
            .arg(QDir::toNativeSeparators(m_baseDir), error));
}

Result<DbConfig> EmbeddedCluster::start(const Progress &progress)
{
    auto report = [&progress](const QString &step) {
        qCInfo(lcCluster).noquote() << step;
        if (progress)
            progress(step);
    };
    report(tr("Looking for PostgreSQL…"));
    auto binaries = PgBinaries::locate(m_binDirOverride);
    if (!binaries)
        return binaries.error();
    m_binaries = binaries.value();

    if (auto prepared = prepareBaseDir(); !prepared)
        return prepared.error();

    // One ShopDesk at a time decides whether to create or start the cluster.
    QLockFile lock(QDir(m_baseDir).filePath(u"cluster.lock"_s));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        report(tr("Waiting for another ShopDesk that is starting the same database…"));
    if (!lock.isLocked() && !lock.tryLock(120000))
        return StoreError::locked(tr("Another ShopDesk is still starting the built-in database "
                                     "in %1. Wait for it and try again.")
                                      .arg(QDir::toNativeSeparators(m_baseDir)));

    // A first start cut short (killed during initdb, or before the cluster
    // was configured) leaves a folder that cannot start, or that starts
    // without ShopDesk's settings. It holds no shop data yet: set it aside.
    m_notice.clear();
    if (const QString reason = halfMadeReason(); !reason.isEmpty() && !isRunning()) {
        report(tr("Setting aside a half-made built-in database…"));
        if (auto setAside = setAsideHalfMade(reason); !setAside)
            return setAside.error();
    } else if (reason.isEmpty() && QFile::exists(QDir(dataDir()).filePath(u"PG_VERSION"_s)) &&
               !QFile::exists(QDir(dataDir()).filePath(QString::fromLatin1(kReadyMarker)))) {
        markReady(); // whole, from a ShopDesk that wrote no marker yet
    }
    const bool fresh = !QFile::exists(QDir(dataDir()).filePath(u"PG_VERSION"_s));
    auto secret = readOrCreateSecret(fresh);
    if (!secret)
        return secret.error();
    if (fresh) {
        report(
            tr("Creating the built-in database in %1…").arg(QDir::toNativeSeparators(m_baseDir)));
        if (auto made = initialize(secret.value()); !made)
            return made.error();
    }

    int port = 0;
    m_startedHere = false;
    if (isRunning()) {
        port = runningPort();
        qCInfo(lcCluster) << "joining the server already running on port" << port;
    } else {
        report(tr("Starting the built-in database server…"));
        auto started = startServer();
        if (!started)
            return started.error();
        port = started.value();
        m_startedHere = true;
    }

    DbConfig server;
    server.host = u"127.0.0.1"_s;
    server.port = port;
    server.database = u"postgres"_s;
    server.user = QString::fromLatin1(kSuperuser);
    server.password = secret.value();
    server.embedded = true;
    // Known before the database is made, so that a start cut short (a
    // signal, an error) can still stop the server it started.
    m_config = server;
    if (auto created = createDatabase(server); !created)
        return created.error();
    m_config = server.withDatabase(QString::fromLatin1(kDatabaseName));
    registerInstance();
    return m_config;
}

QString EmbeddedCluster::instancesDir() const
{
    return QDir(m_baseDir).filePath(u"instances"_s);
}

void EmbeddedCluster::registerInstance()
{
    // Held for as long as this object lives: other ShopDesks see that this one
    // uses the server even before it has opened its first connection.
    QDir().mkpath(instancesDir());
    m_instanceLock = std::make_unique<QLockFile>(
        QDir(instancesDir()).filePath(u"%1.lock"_s.arg(QCoreApplication::applicationPid())));
    m_instanceLock->setStaleLockTime(0);
    if (!m_instanceLock->tryLock(1000))
        qCWarning(lcCluster) << "cannot register this instance in" << instancesDir();
}

int EmbeddedCluster::otherInstances() const
{
    int others = 0;
    const QString own = u"%1.lock"_s.arg(QCoreApplication::applicationPid());
    const QDir dir(instancesDir());
    for (const QString &name : dir.entryList({u"*.lock"_s}, QDir::Files)) {
        if (name == own)
            continue;
        // A lock whose process is gone is stale: tryLock removes it and succeeds.
        QLockFile other(dir.filePath(name));
        other.setStaleLockTime(0);
        if (other.tryLock(0))
            other.unlock();
        else
            ++others;
    }
    return others;
}

bool EmbeddedCluster::stopIfUnused()
{
    if (!isRunning())
        return false;
    QLockFile lock(QDir(m_baseDir).filePath(u"cluster.lock"_s));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(30000))
        return false;
    if (const int others = otherInstances(); others > 0) {
        qCInfo(lcCluster) << "leaving the server running for" << others << "other ShopDesk(s)";
        return false;
    }
    // Other programs (psql, a report tool) count too. When that cannot be
    // checked the server is left running: stopping it under someone would be
    // worse than leaving it up.
    if (!m_config.isValid())
        return false;
    {
        ScopedConnection conn(m_config.withDatabase(u"postgres"_s), u"cluster-stop"_s);
        if (!conn.isOpen())
            return false;
        QSqlQuery q(conn.db());
        q.prepare(u"SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                  "AND pid <> pg_backend_pid() AND coalesce(application_name, '') <> ?"_s);
        q.addBindValue(Database::applicationName());
        if (!q.exec() || !q.next())
            return false;
        if (q.value(0).toInt() > 0) {
            qCInfo(lcCluster) << "leaving the server running:" << q.value(0).toInt()
                              << "connection(s) of other programs are open";
            return false;
        }
    }
    auto stopped = stop();
    if (!stopped)
        qCWarning(lcCluster).noquote() << stopped.error().message;
    return stopped.ok();
}

Result<void> EmbeddedCluster::stop()
{
    if (m_binaries.binDir.isEmpty()) {
        auto binaries = PgBinaries::locate(m_binDirOverride);
        if (!binaries)
            return binaries.error();
        m_binaries = binaries.value();
        if (SystemUser::isRoot())
            m_runAs = kServerUser;
    }
    const CommandResult r = runPg(
        m_binaries.pgCtl(),
        {u"stop"_s, u"-D"_s, kDataDirName, u"-m"_s, u"fast"_s, u"-w"_s, u"-t"_s, u"60"_s, u"-s"_s},
        70000);
    if (r.exitCode != 0 && isRunning())
        return StoreError::database(tr("Stopping the built-in database failed: %1").arg(r.output));
    qCInfo(lcCluster) << "server stopped";
    return {};
}

} // namespace shopdesk
