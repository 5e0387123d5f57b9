#include "DeskApp.h"

#include "CentralSync.h"
#include "models/catalog/DuePriceSweep.h"
#include "models/core/SignalWatcher.h"
#include "models/db/Database.h"
#include "models/demo/DemoDataGenerator.h"
#include "models/orders/OrderExpirySweep.h"
#include "models/settings/AppSettings.h"
#include "models/settings/AppStateStore.h"
#include "models/staff/StaffStore.h"
#include "ui/MainWindow.h"
#include "ui/session/FirstRunDialog.h"
#include "ui/session/LoginDialog.h"
#include "ui/settings/ConnectionDialog.h"

#include <QApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QThreadPool>
#include <QtConcurrent>

#include <functional>

using namespace Qt::StringLiterals;

namespace shopdesk {

DeskApp::DeskApp(DeskOptions options)
    : m_options(std::move(options)), m_signals(std::make_unique<SignalWatcher>())
{
    // Without this, kill or a closed terminal ended the process on the spot
    // and left the built-in database server running.
    QObject::connect(m_signals.get(), &SignalWatcher::terminationRequested, m_signals.get(),
                     [this](int signalNumber) { terminate(signalNumber); });
}

DeskApp::~DeskApp()
{
    shutDown();
}

Result<DatabaseStartup::Outcome> DeskApp::startOnce(const std::optional<DbConfig> &server)
{
    DatabaseStartup::Options options;
    options.server = server;
    options.clusterDir =
        m_options.dataDir.isEmpty() ? QString() : m_options.dataDir + u"/cluster"_s;
    options.demo = m_options.demo;
    options.demoOptions = m_options.demoOptions;
    // A cluster started by an earlier attempt is not needed any more.
    if (m_startup && m_startup->cluster())
        m_startup->cluster()->stopIfUnused();
    m_startup = std::make_unique<DatabaseStartup>(options);

    QProgressDialog progress(tr("Starting ShopDesk…"), tr("Cancel"), 0, 0);
    progress.setWindowTitle(tr("ShopDesk"));
    progress.setWindowIcon(QIcon(u":/icons/shopdesk.png"_s));
    progress.setMinimumWidth(420);
    progress.setMinimumDuration(300);
    progress.setAutoClose(false);
    progress.setAutoReset(false);
    DatabaseStartup *startup = m_startup.get();
    QObject::connect(&progress, &QProgressDialog::canceled, &progress, [startup, &progress] {
        progress.setLabelText(tr("Cancelling…"));
        // Cancelling opens a connection of its own: not on the GUI thread.
        (void)QtConcurrent::run([startup] { startup->cancel(); });
    });

    QProgressDialog *dialog = &progress;
    auto report = [dialog](int percent, const QString &step) {
        // From the worker thread: hand the update to the GUI thread.
        QMetaObject::invokeMethod(dialog, [dialog, percent, step] {
            if (percent > 0 && dialog->maximum() == 0)
                dialog->setRange(0, 100);
            if (percent > 0)
                dialog->setValue(percent);
            dialog->setLabelText(step);
        });
    };
    QFutureWatcher<Result<DatabaseStartup::Outcome>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([startup, report] { return startup->run(report); }));
    m_starting = true;
    // A signal meanwhile cancels the start and lets it finish: the loop ends with it.
    while (!watcher.isFinished())
        loop.exec();
    m_starting = false;
    return watcher.result();
}

std::optional<DatabaseStartup::Outcome> DeskApp::prepareDatabase()
{
    std::optional<DbConfig> server =
        m_options.server ? m_options.server : AppSettings().configuredServer();
    for (;;) {
        auto outcome = startOnce(server);
        if (outcome)
            return outcome.value();
        if (outcome.error().code == StoreError::Code::Cancelled || m_terminating)
            return std::nullopt;

        QMessageBox box(QMessageBox::Critical, tr("ShopDesk cannot start"),
                        tr("ShopDesk could not open its database."), QMessageBox::NoButton);
        box.setInformativeText(outcome.error().message);
        QPushButton *retry = box.addButton(tr("&Try again"), QMessageBox::AcceptRole);
        QPushButton *other = box.addButton(tr("&Use another database…"), QMessageBox::ActionRole);
        box.addButton(tr("&Quit"), QMessageBox::RejectRole);
        box.setDefaultButton(retry);
        box.exec();
        if (box.clickedButton() == retry)
            continue;
        if (box.clickedButton() != other)
            return std::nullopt;
        ConnectionDialog dialog;
        dialog.setConfig(server);
        dialog.setMessage(outcome.error().message);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        server = dialog.config();
    }
}

std::optional<Session> DeskApp::signIn(const DbConfig &config)
{
    Database::setDefaultConfig(config);
    QString error;
    // The staff and shop tables are small: these reads do not hold the window up.
    QSqlDatabase db = Database::threadConnection(&error);
    auto fail = [](const QString &message) -> std::optional<Session> {
        QMessageBox::critical(nullptr, tr("ShopDesk cannot start"), message);
        return std::nullopt;
    };
    if (!db.isOpen())
        return fail(error);

    AppSettings settings;
    Session session;
    session.database = config;
    auto staffCount = StaffStore(db).count();
    if (!staffCount)
        return fail(staffCount.error().message);

    if (staffCount.value() == 0) {
        FirstRunDialog firstRun;
        if (firstRun.exec() != QDialog::Accepted)
            return std::nullopt;
        session.actor = firstRun.actor();
        auto shop = ShopStore(db).byId(session.actor.shopId);
        if (!shop)
            return fail(shop.error().message);
        session.shop = shop.value();
    } else {
        auto shop = ShopStore(db).byIdOrFirst(settings.shopId());
        if (!shop)
            return fail(shop.error().message);
        session.shop = shop.value();
        LoginDialog login(session.shop, settings.lastLogin());
        login.setWindowIcon(QIcon(u":/icons/shopdesk.png"_s));
        auto demoFlag = AppStateStore(db).value(QString::fromLatin1(AppStateStore::kDemoData));
        if (demoFlag && demoFlag.value() == u"true"_s) {
            QStringList rows;
            for (const DemoAccount &a : DemoDataGenerator::accounts())
                rows << u"<tr><td>%1</td><td>%2</td><td>%3</td></tr>"_s.arg(
                    a.login, a.password, roleDisplayName(a.role));
            login.setHint(tr("<small>Demo accounts:</small><table cellspacing=4>%1</table>")
                              .arg(rows.join(QString())));
        }
        if (login.exec() != QDialog::Accepted)
            return std::nullopt;
        session.actor = login.actor();
    }
    settings.setShopId(session.shop.id);
    settings.setLastLogin(session.actor.login);
    return session;
}

int DeskApp::run()
{
    const auto outcome = prepareDatabase();
    if (m_terminating)
        return 0;
    if (!outcome)
        return 1;
    if (!outcome->notice.isEmpty())
        QMessageBox::information(nullptr, tr("ShopDesk"), outcome->notice);
    if (!outcome->demoRefused.isEmpty())
        QMessageBox::warning(nullptr, tr("Demo data not loaded"), outcome->demoRefused);
    if (m_options.demo && outcome->demoLoaded)
        qInfo().noquote() << "demo data loaded:" << outcome->demoSummary.customers << "customers,"
                          << outcome->demoSummary.history << "history rows";

    const auto session = signIn(outcome->config);
    if (!session || m_terminating)
        return 0;
    m_expirySweep = std::make_unique<OrderExpirySweep>();
    m_expirySweep->start();
    m_duePrices = std::make_unique<DuePriceSweep>();
    m_duePrices->start();

    // Heap windows: a change of user at the till replaces the window (the
    // open sale moves over), so the first one does not live on the stack.
    std::function<void(MainWindow *)> adopt = [&adopt](MainWindow *window) {
        (new CentralSync(window))->reconfigure(); // owned by the window
        QObject::connect(window, &MainWindow::userSwitchRequested, window,
                         [window, &adopt](const Session &next) {
                             AppSettings().setLastLogin(next.actor.login);
                             adopt(MainWindow::takeOver(window, next));
                         });
    };
    auto *window = new MainWindow(*session);
    window->setAttribute(Qt::WA_DeleteOnClose);
    adopt(window);
    window->show();
    return qApp->exec();
}

void DeskApp::terminate(int signalNumber)
{
    qInfo() << "stopping on signal" << signalNumber;
    m_terminating = true;
    if (m_starting) {
        // Cancelling opens a connection of its own: not on the GUI thread.
        DatabaseStartup *startup = m_startup.get();
        (void)QtConcurrent::run([startup] { startup->cancel(); });
        return;
    }
    // As Quit does (windows save their state), and a locked till or an open
    // dialog does not keep the process from ending: the system asked for it.
    QApplication::closeAllWindows();
    QCoreApplication::exit(0);
}

void DeskApp::shutDown()
{
    m_expirySweep.reset();
    m_duePrices.reset();
    // Worker threads hold their own connections; let them finish and close.
    QThreadPool::globalInstance()->waitForDone();
    Database::closeThreadConnection();
    if (m_startup && m_startup->cluster())
        m_startup->cluster()->stopIfUnused();
}

} // namespace shopdesk
