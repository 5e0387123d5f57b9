#include "CentralSync.h"

#include "app/sync/CentralClient.h"
#include "app/sync/SyncEngine.h"
#include "models/core/DatabaseTask.h"
#include "models/core/TaskRunner.h"
#include "models/settings/AppSettings.h"
#include "models/settings/AppStateStore.h"
#include "ui/MainWindow.h"

#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace shopdesk {

CentralSync::CentralSync(MainWindow *window) : QObject(window), m_window(window)
{
    connect(window, &MainWindow::centralSettingsChanged, this, &CentralSync::reconfigure);
}

void CentralSync::reconfigure()
{
    const QString url = AppSettings().centralUrl();
    // Two saves in quick succession: only the last one's token read counts.
    const quint64 generation = ++m_generation;
    if (url.isEmpty())
        return startWith({}, {});
    runThenCallback(
        this,
        [] {
            return onThreadDatabase([](const QSqlDatabase &db) {
                return AppStateStore(db).value(QString::fromLatin1(AppStateStore::kCentralToken));
            });
        },
        [this, url, generation](const Result<QString> &token) {
            if (generation != m_generation)
                return;
            if (!token)
                qWarning().noquote()
                    << "sync is off: the central token cannot be read:" << token.error().message;
            startWith(url, token ? token.value().toLatin1() : QByteArray());
        });
}

void CentralSync::startWith(const QString &url, const QByteArray &token)
{
    if (m_window)
        m_window->setSyncMonitor(nullptr);
    delete m_engine;
    m_engine = nullptr;
    delete m_client;
    m_client = nullptr;
    delete m_countsTimer;
    m_countsTimer = nullptr;
    if (url.isEmpty() || token.isEmpty() || !m_window)
        return;

    m_client = new CentralClient(QUrl(url), this);
    m_client->setToken(token);
    m_engine = new SyncEngine(m_client, this);
    m_engine->setInterval(AppSettings().syncIntervalSeconds() * 1000);
    // The token speaks for the shop this till serves: only its stock goes
    // with the introduction (the database may hold other shops').
    m_engine->setShopCode(m_window->session().shop.code);
    // The unsent count in the status bar follows the till's sales between
    // syncs (a count on a partial index: cheap).
    m_countsTimer = new QTimer(this);
    m_countsTimer->setInterval(5000);
    connect(m_countsTimer, &QTimer::timeout, m_engine, &SyncEngine::refreshCounts);
    m_countsTimer->start();
    m_window->setSyncMonitor(m_engine);
    m_engine->start();
}

} // namespace shopdesk
