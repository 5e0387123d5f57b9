#include "DatabaseStartup.h"

#include "models/db/Database.h"
#include "models/db/MigrationRunner.h"
#include "models/settings/AppStateStore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace shopdesk {

DatabaseStartup::DatabaseStartup(Options options) : m_options(std::move(options)) { }

DatabaseStartup::~DatabaseStartup() = default;

void DatabaseStartup::cancel()
{
    QMutexLocker locker(&m_generatorMutex);
    m_cancelled = true;
    if (m_generator)
        m_generator->cancel();
}

Result<DatabaseStartup::Outcome> DatabaseStartup::run(const Progress &progress)
{
    auto report = [&progress](int percent, const QString &step) {
        if (progress)
            progress(percent, step);
    };
    Outcome outcome;
    if (m_options.server) {
        outcome.config = *m_options.server;
    } else {
        const QString dir = m_options.clusterDir.isEmpty() ? EmbeddedCluster::defaultBaseDir()
                                                           : m_options.clusterDir;
        m_cluster = std::make_unique<EmbeddedCluster>(dir);
        auto started = m_cluster->start([&report](const QString &step) { report(0, step); });
        if (!started)
            return started.error();
        outcome.config = started.value();
        outcome.notice = m_cluster->notice();
    }

    report(0, tr("Connecting to the database…"));
    {
        ScopedConnection conn(outcome.config, u"startup"_s);
        if (!conn.isOpen())
            return StoreError::database(
                tr("ShopDesk cannot connect to the database %1:\n%2\n\nCheck that the server "
                   "is running and reachable, and that the address, user and password are "
                   "right.")
                    .arg(outcome.config.toRedactedUrl(), conn.errorText()));

        report(0, tr("Updating the database schema…"));
        auto applied = MigrationRunner(conn.db()).run();
        if (!applied)
            return applied.error();
        outcome.migrationsApplied = applied.value();

        if (m_options.demo && !m_options.demoOptions.force) {
            auto flag =
                AppStateStore(conn.db()).value(QString::fromLatin1(AppStateStore::kDemoData));
            if (!flag)
                return flag.error();
            outcome.demoAlreadyPresent = flag.value() == u"true"_s;
        }
    }

    if (m_options.demo && !outcome.demoAlreadyPresent) {
        DemoDataGenerator generator(outcome.config, m_options.demoOptions);
        {
            QMutexLocker locker(&m_generatorMutex);
            if (m_cancelled)
                return StoreError::cancelled(tr("Start-up was cancelled."));
            m_generator = &generator;
        }
        auto summary = generator.run(progress);
        {
            QMutexLocker locker(&m_generatorMutex);
            m_generator = nullptr;
        }
        if (!summary && summary.error().code == StoreError::Code::Conflict) {
            outcome.demoRefused = summary.error().message;
            return outcome;
        }
        if (!summary)
            return summary.error();
        if (generator.foundLoaded()) {
            // Another start loaded it meanwhile (it was waited for).
            outcome.demoAlreadyPresent = true;
            return outcome;
        }
        outcome.demoLoaded = true;
        outcome.demoSummary = summary.value();
    }
    return outcome;
}

} // namespace shopdesk
