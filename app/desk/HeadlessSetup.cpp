#include "HeadlessSetup.h"

#include "models/core/SignalWatcher.h"
#include "models/settings/AppSettings.h"
#include "models/setup/DatabaseStartup.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QTextStream>
#include <QThreadPool>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace shopdesk {

int runHeadlessSetup(const DeskOptions &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    DatabaseStartup::Options startupOptions;
    startupOptions.server = options.server ? options.server : AppSettings().configuredServer();
    startupOptions.clusterDir =
        options.dataDir.isEmpty() ? QString() : options.dataDir + u"/cluster"_s;
    startupOptions.demo = options.demo;
    startupOptions.demoOptions = options.demoOptions;

    DatabaseStartup startup(startupOptions);
    QElapsedTimer timer;
    timer.start();
    // The start runs on a worker so that SIGTERM, SIGINT or SIGHUP can
    // cancel it; the built-in database is stopped below either way.
    QMutex outMutex;
    QString lastStep;
    auto report = [&out, &outMutex, &lastStep](int percent, const QString &step) {
        QMutexLocker locker(&outMutex);
        if (step == lastStep)
            return;
        lastStep = step;
        if (percent > 0)
            out << u"[%1%] "_s.arg(percent, 3);
        out << step << Qt::endl;
    };
    QFutureWatcher<Result<DatabaseStartup::Outcome>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    SignalWatcher signalWatcher;
    int stoppedBy = 0;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &loop,
                     [&startup, &stoppedBy](int signalNumber) {
                         stoppedBy = signalNumber;
                         (void)QtConcurrent::run([&startup] { startup.cancel(); });
                     });
    watcher.setFuture(QtConcurrent::run([&startup, &report] { return startup.run(report); }));
    while (!watcher.isFinished())
        loop.exec();
    const Result<DatabaseStartup::Outcome> outcome = watcher.result();
    int code = 0;
    if (!outcome) {
        err << QCoreApplication::translate("HeadlessSetup", "shopdesk: %1")
                   .arg(outcome.error().message)
            << Qt::endl;
        code = 1;
    } else {
        const auto &o = outcome.value();
        if (!o.notice.isEmpty())
            err << QCoreApplication::translate("HeadlessSetup", "shopdesk: %1").arg(o.notice)
                << Qt::endl;
        out << QCoreApplication::translate("HeadlessSetup",
                                           "Database %1 is ready (%Ln migration(s) "
                                           "applied).",
                                           nullptr, o.migrationsApplied)
                   .arg(o.config.toRedactedUrl())
            << Qt::endl;
        if (!o.demoRefused.isEmpty()) {
            err << QCoreApplication::translate("HeadlessSetup", "shopdesk: %1").arg(o.demoRefused)
                << Qt::endl;
            code = 1;
        }
        if (o.demoAlreadyPresent)
            out << QCoreApplication::translate("HeadlessSetup",
                                               "Demo data was already loaded; left as it is.")
                << Qt::endl;
        if (o.demoLoaded)
            out << QCoreApplication::translate("HeadlessSetup",
                                               "Demo data: %1 shops, %2 staff, %3 products, %4 "
                                               "stocks, %5 history rows, %6 customers in %7 s.")
                       .arg(o.demoSummary.shops)
                       .arg(o.demoSummary.staff)
                       .arg(o.demoSummary.products)
                       .arg(o.demoSummary.stocks)
                       .arg(o.demoSummary.history)
                       .arg(o.demoSummary.customers)
                       .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                << Qt::endl;
    }
    if (stoppedBy != 0 && code == 0) {
        err << QCoreApplication::translate("HeadlessSetup", "shopdesk: stopped by signal %1.")
                   .arg(stoppedBy)
            << Qt::endl;
        code = 1;
    }
    QThreadPool::globalInstance()->waitForDone(); // a cancel() still running
    if (startup.cluster())
        startup.cluster()->stopIfUnused();
    return code;
}

} // namespace shopdesk
