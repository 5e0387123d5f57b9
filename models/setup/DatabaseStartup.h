#pragma once

#include "models/core/Result.h"
#include "models/db/DbConfig.h"
#include "models/db/EmbeddedCluster.h"
#include "models/demo/DemoDataGenerator.h"
#include "models/demo/DemoOptions.h"

#include <QCoreApplication>
#include <QMutex>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace shopdesk {

// What the application needs before its first window: a database (the
// built-in one or a configured server) with an up-to-date schema and, when
// asked, demo data. Runs on a worker thread; reports progress; no UI.
class DatabaseStartup
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseStartup)
public:
    struct Options
    {
        // A configured server; without one the built-in cluster is used.
        std::optional<DbConfig> server;
        // Where the built-in cluster lives (EmbeddedCluster::defaultBaseDir() if empty).
        QString clusterDir;
        bool demo = false;
        DemoOptions demoOptions;
    };

    struct Outcome
    {
        DbConfig config;
        int migrationsApplied = 0;
        bool demoLoaded = false;
        // Set when --demo found demo data already there and left it alone.
        bool demoAlreadyPresent = false;
        // Set when --demo found other data and (without --force) refused to
        // touch it: why, for the user. The database is usable as it is.
        QString demoRefused;
        DemoSummary demoSummary;
        // What the start repaired and the user should be told (a half-made
        // built-in database moved aside and made again); empty when nothing.
        QString notice;
    };

    explicit DatabaseStartup(Options options);
    ~DatabaseStartup();

    using Progress = std::function<void(int percent, const QString &step)>;
    Result<Outcome> run(const Progress &progress = {});
    // From any thread: stops a running demo fill (which then leaves nothing behind).
    void cancel();

    // The built-in cluster when one was started or joined (for stopping it at exit).
    EmbeddedCluster *cluster() const { return m_cluster.get(); }

private:
    Options m_options;
    std::unique_ptr<EmbeddedCluster> m_cluster;
    QMutex m_generatorMutex; // guards m_generator against cancel() from another thread
    DemoDataGenerator *m_generator = nullptr;
    bool m_cancelled = false;
};

} // namespace shopdesk
