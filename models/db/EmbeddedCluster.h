#pragma once

#include "DbConfig.h"
#include "PgBinaries.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QLockFile;

namespace shopdesk {

// ShopDesk's private PostgreSQL cluster, kept in the user's data folder and
// reachable on 127.0.0.1 only. start() creates it on first use, starts it (or
// joins it when another ShopDesk on this machine already started it), and
// creates the database; stop() shuts it down unless another ShopDesk still
// uses it. A cluster left running or killed by a crash is picked up again; one
// whose first start was cut short (a half-made cluster) is moved aside, never
// deleted, and made again.
class EmbeddedCluster
{
    Q_DECLARE_TR_FUNCTIONS(EmbeddedCluster)
public:
    static constexpr auto kDatabaseName = "shopdesk";
    static constexpr auto kSuperuser = "shopdesk";

    // `baseDir` holds the cluster (baseDir/data), its log and its password;
    // `binDir` forces a PostgreSQL bin folder (otherwise PgBinaries::locate()).
    explicit EmbeddedCluster(QString baseDir, QString binDir = {});
    ~EmbeddedCluster();

    // The user's data folder; as root a folder the postgres account can reach.
    static QString defaultBaseDir();

    using Progress = std::function<void(const QString &step)>;
    Result<DbConfig> start(const Progress &progress = {});
    // Stops the cluster unless connections of another process are open.
    // Returns true when it was stopped.
    bool stopIfUnused();
    // Stops the cluster whoever uses it.
    Result<void> stop();

    bool isRunning() const;
    // The postmaster's process id from postmaster.pid (0 when none).
    qint64 postmasterPid() const;
    QString dataDir() const;
    QString logFile() const;
    QString baseDir() const { return m_baseDir; }
    // True when this object started the server (rather than joining one).
    bool startedHere() const { return m_startedHere; }
    // What start() had to repair and the user should know (a half-made
    // cluster moved aside); empty when nothing.
    QString notice() const { return m_notice; }

    // Written into the data folder once the cluster is fully made and
    // configured: a data folder without it is half-made.
    static constexpr auto kReadyMarker = "shopdesk.ready";

private:
    struct CommandResult
    {
        int exitCode = -1;
        QString output;
    };
    CommandResult runPg(const QString &program, const QStringList &args, int timeoutMs) const;
    Result<void> prepareBaseDir();
    Result<QString> readOrCreateSecret(bool creating);
    Result<void> initialize(const QString &secret);
    // Why the data folder is half-made ("" when it is whole or absent).
    QString halfMadeReason() const;
    Result<void> setAsideHalfMade(const QString &reason);
    bool markReady();
    Result<int> startServer();
    Result<void> createDatabase(const DbConfig &serverConfig);
    int runningPort() const;
    QString logTail(int lines) const;
    QString instancesDir() const;
    void registerInstance();
    // Other live ShopDesk processes that started or joined this cluster.
    int otherInstances() const;

    QString m_baseDir;
    QString m_binDirOverride;
    PgBinaries m_binaries;
    QString m_runAs; // system user the server runs as; empty = ourselves
    DbConfig m_config;
    bool m_startedHere = false;
    QString m_notice;
    std::unique_ptr<QLockFile> m_instanceLock;
};

} // namespace shopdesk
