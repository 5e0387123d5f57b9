#include "MainWindow.h"

#include "AboutDialog.h"
#include "models/settings/AppSettings.h"
#include "models/shops/ShopTime.h"
#include "ui/checkout/CheckoutPage.h"
#include "ui/common/Icons.h"
#include "ui/common/ShopComboBox.h"
#include "ui/customers/CustomersPage.h"
#include "ui/history/HistoryPage.h"
#include "ui/orders/OrdersPage.h"
#include "ui/reports/ReportsPage.h"
#include "ui/session/LockScreen.h"
#include "ui/settings/SettingsPage.h"
#include "ui/staff/StaffPage.h"
#include "ui/stock/StockFilterPanel.h"
#include "ui/stock/StockPage.h"
#include "ui/sync/SyncPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QResizeEvent>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace shopdesk {

QStringList MainWindow::pageKeys()
{
    return {u"checkout"_s, u"stock"_s, u"history"_s, u"customers"_s, u"orders"_s,
            u"reports"_s,  u"sync"_s,  u"staff"_s,   u"settings"_s};
}

MainWindow::MainWindow(const Session &session, QWidget *parent)
    : QMainWindow(parent),
      m_session(session),
      m_tillShop(session.shop),
      m_navigation(new QListWidget(this)),
      m_pages(new QStackedWidget(this)),
      m_databaseLabel(new QLabel(this)),
      m_shopLabel(new QLabel(this)),
      m_staffLabel(new QLabel(this)),
      m_syncLabel(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(u":/icons/shopdesk.png"_s));

    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setSpacing(2);
    m_navigation->setFixedWidth(190);
    m_navigation->setFrameShape(QFrame::NoFrame);
    // Tall rows: comfortable to click and to touch on a till screen.
    m_navigation->setStyleSheet(u"QListWidget::item { min-height: 44px; padding-left: 6px; }"_s);

    auto *checkoutPage = new CheckoutPage(m_session, this);
    m_checkoutPage = checkoutPage;
    addPage(u"checkout"_s, tr("Checkout"), checkoutPage, Icon::Checkout);
    auto *stockPage = new StockPage(m_session, this);
    addPage(u"stock"_s, tr("Stock"), stockPage, Icon::Stock);
    auto *historyPage = new HistoryPage(m_session, this);
    addPage(u"history"_s, tr("History"), historyPage, Icon::History);
    addPage(u"customers"_s, tr("Customers"), new CustomersPage(m_session, this), Icon::Customers);
    auto *ordersPage = new OrdersPage(m_session, this);
    addPage(u"orders"_s, tr("Orders"), ordersPage, Icon::Orders);
    connect(historyPage, &HistoryPage::showOrderRequested, this,
            [this, ordersPage](qint64 orderId) {
                ordersPage->openOrder(orderId);
                showPage(u"orders"_s);
            });
    connect(checkoutPage, &CheckoutPage::orderPaid, ordersPage, [ordersPage] {
        if (ordersPage->isVisible())
            ordersPage->reload();
    });
    auto *reportsPage = new ReportsPage(m_session, this);
    addPage(u"reports"_s, tr("Reports"), reportsPage, Icon::Reports);
    // The reports follow the history's filters; the history's rows lead to
    // their product's stock and to their order.
    connect(historyPage, &HistoryPage::filterChanged, reportsPage, &ReportsPage::setFilter);
    connect(historyPage, &HistoryPage::showProductRequested, this,
            [this, stockPage](const QString &plu, qint64 shopId) {
                stockPage->filterPanel()->showPlu(plu, shopId);
                showPage(u"stock"_s);
            });

    m_syncPage = new SyncPage(m_session, this);
    addPage(u"sync"_s, tr("Sync"), m_syncPage, Icon::Sync);
    connect(m_syncPage, &SyncPage::centralSettingsChanged, this,
            &MainWindow::centralSettingsChanged);
    addPage(u"staff"_s, tr("Staff"), new StaffPage(m_session, this), Icon::Staff);
    auto *settingsPage = new SettingsPage(m_session, this);
    addPage(u"settings"_s, tr("Settings"), settingsPage, Icon::Settings);
    m_stockPage = stockPage;
    m_ordersPage = ordersPage;
    m_historyPage = historyPage;
    m_reportsPage = reportsPage;
    connect(settingsPage, &SettingsPage::shopChanged, this, &MainWindow::setShop);
    connect(settingsPage, &SettingsPage::lowStockThresholdChanged, stockPage,
            &StockPage::setLowStockThreshold);
    connect(settingsPage, &SettingsPage::lockAfterMinutesChanged, this,
            [this](int minutes) { setIdleLock(minutes * 60 * 1000); });

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_databaseLabel->setObjectName(u"databaseStatus"_s);
    m_shopLabel->setObjectName(u"shopStatus"_s);
    m_staffLabel->setObjectName(u"staffStatus"_s);
    for (QLabel *label : {m_databaseLabel, m_shopLabel, m_staffLabel})
        label->setContentsMargins(10, 0, 10, 0);
    statusBar()->addPermanentWidget(m_databaseLabel);
    statusBar()->addPermanentWidget(m_shopLabel);
    statusBar()->addPermanentWidget(m_staffLabel);
    m_syncLabel->setObjectName(u"syncStatus"_s);
    m_syncLabel->setContentsMargins(10, 0, 10, 0);
    statusBar()->addPermanentWidget(m_syncLabel);
    setSyncMonitor(nullptr);

    if (m_session.actor.role == Role::HeadOffice)
        enterHeadOfficeMode();
    createMenus();
    updateStatusBar();
    restoreSettings();

    m_lockScreen = new LockScreen(this);
    connect(m_lockScreen, &LockScreen::signedIn, this, &MainWindow::onSignedIn);
    m_idleTimer = new QTimer(this);
    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, &MainWindow::lockWhenIdle);
    setIdleLock(AppSettings().lockAfterMinutes() * 60 * 1000);
    // Any key or click anywhere in the application counts as activity.
    qApp->installEventFilter(this);
}

void MainWindow::setShop(const Shop &shop)
{
    m_session.shop = shop;
    m_session.actor.shopId = shop.id;
    if (m_session.actor.role != Role::HeadOffice)
        m_tillShop = shop; // the Settings page moved the till
    m_stockPage->setShop(shop);
    m_checkoutPage->setShop(shop);
    m_ordersPage->setShop(shop);
    // At the head office the history and the reports are the chosen shop's
    // too; a till's keep the filters its staff chose (all shops at first).
    if (m_session.actor.role == Role::HeadOffice) {
        m_historyPage->setShop(shop);
        m_reportsPage->setShop(shop);
    }
    updateStatusBar();
}

void MainWindow::enterHeadOfficeMode()
{
    // The history and the reports start on the session's shop, as the other
    // pages do.
    m_historyPage->setShop(m_session.shop);
    m_reportsPage->setShop(m_session.shop);
    // The head office has no till: the Checkout page is not offered.
    for (int i = 0; i < m_navigation->count(); ++i)
        if (m_navigation->item(i)->data(Qt::UserRole).toString() == u"checkout"_s)
            m_navigation->item(i)->setHidden(true);
    // Every shop is a choice away; the pages follow it.
    auto *bar = addToolBar(tr("Head office"));
    bar->setObjectName(u"headOfficeBar"_s);
    bar->setMovable(false);
    auto *selector = new ShopComboBox(ShopComboBox::Choice::OneShop, bar);
    selector->setObjectName(u"shopSelector"_s);
    // The shop chosen here last time (kept apart from the till's own shop),
    // once the list says it is still there; until then the session's.
    const qint64 remembered = AppSettings().headOfficeShopId();
    selector->setCurrentShopId(remembered > 0 ? remembered : m_session.shop.id);
    if (remembered > 0 && remembered != m_session.shop.id)
        connect(
            selector, &ShopComboBox::shopsLoaded, this,
            [this, selector, remembered] {
                const auto shop = selector->currentShop();
                if (shop && shop->id == remembered)
                    setShop(*shop);
                else
                    selector->setCurrentShopId(m_session.shop.id); // that shop is gone
            },
            Qt::SingleShotConnection);
    auto *label = new QLabel(tr("Shop:"), bar);
    label->setContentsMargins(8, 0, 4, 0);
    bar->addWidget(label);
    bar->addWidget(selector);
    // A shortcut rather than a mnemonic: the pages' own labels take the letters.
    auto *choose = new QAction(tr("Choose the shop"), this);
    choose->setObjectName(u"chooseShopAction"_s);
    choose->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(choose, &QAction::triggered, selector, [selector] {
        selector->setFocus(Qt::ShortcutFocusReason);
        selector->showPopup();
    });
    addAction(choose);
    m_lockableActions << choose;
    selector->setToolTip(
        tr("The shop whose stock, orders and figures the pages show first (%1). The catalog "
           "and promotions are the whole chain's.")
            .arg(choose->shortcut().toString(QKeySequence::NativeText)));
    connect(selector, &QComboBox::activated, this, [this, selector] {
        // The keyboard goes back to the page, whose shortcuts work only
        // within it.
        if (QWidget *page = m_pages->currentWidget())
            page->setFocus(Qt::OtherFocusReason);
        const auto shop = selector->currentShop();
        if (!shop || shop->id == m_session.shop.id)
            return;
        setShop(*shop);
        AppSettings().setHeadOfficeShopId(shop->id);
    });
    connect(selector, &ShopComboBox::loadFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
}

void MainWindow::lockWhenIdle()
{
    if (isLocked())
        return;
    // Dialogs left open (a payment, a stocktake and its question) would stay
    // above the lock and take the keys from it: they are closed, innermost
    // first (hidden at once; their exec() returns after this). One that will
    // not close yet (busy saving) is asked again shortly: the lock never goes
    // under a dialog.
    while (QWidget *modal = QApplication::activeModalWidget()) {
        if (auto *dialog = qobject_cast<QDialog *>(modal))
            dialog->reject();
        else
            modal->close();
        if (QApplication::activeModalWidget() == modal) {
            QTimer::singleShot(2000, this, &MainWindow::lockWhenIdle);
            return;
        }
    }
    // After the closed dialogs' callers have run on.
    QTimer::singleShot(0, this, [this] {
        if (!isLocked())
            lock();
    });
}

void MainWindow::setIdleLock(int milliseconds)
{
    m_idleTimer->stop();
    m_idleTimer->setInterval(qMax(0, milliseconds));
    if (milliseconds > 0 && !isLocked())
        m_idleTimer->start();
}

bool MainWindow::isLocked() const
{
    return m_lockScreen->isVisible();
}

void MainWindow::lock(bool switchUser)
{
    m_idleTimer->stop();
    if (!isLocked())
        m_focusBeforeLock = QApplication::focusWidget();
    setLockedState(true);
    m_lockScreen->lock(m_session.actor, m_session.shop.id, switchUser);
}

void MainWindow::setLockedState(bool locked)
{
    // Disabled widgets take no keys and fire no shortcuts: nothing on the
    // pages (F9 pay, Delete…) can be reached past the lock.
    centralWidget()->setEnabled(!locked);
    for (QAction *action : std::as_const(m_lockableActions))
        action->setEnabled(!locked);
}

void MainWindow::onSignedIn(const Actor &actor)
{
    // The same person with the same role unlocks in place; a changed role
    // (an administrator demoted meanwhile) gets a window of its new rights.
    if (actor.staffId == m_session.actor.staffId && actor.role == m_session.actor.role) {
        setLockedState(false);
        if (m_idleTimer->interval() > 0)
            m_idleTimer->start();
        window()->activateWindow();
        // Back where they were: at the till, the scan field.
        if (m_focusBeforeLock)
            m_focusBeforeLock->setFocus();
        return;
    }
    Session next = m_session;
    next.actor = actor;
    // The shop a head-office window shows is its toolbar's choice: the next
    // person starts from this computer's own shop (a head-office member gets
    // the choice back from the settings).
    if (m_session.actor.role == Role::HeadOffice) {
        next.shop = m_tillShop;
        next.actor.shopId = m_tillShop.id;
    }
    // A payment still on its way finishes on this till first: its result (the
    // sale closed, its receipt) must not land on a window that is going away.
    // Queued: the handover runs once the payment's callback has done all of it.
    if (m_checkoutPage->isBusy()) {
        delete m_pendingSwitch; // an earlier sign-in still waiting: the latest one wins
        auto *waiting = new QObject(this); // the connection's context, gone once used
        m_pendingSwitch = waiting;
        m_lockScreen->hold(tr("Finishing the payment under way…"));
        connect(
            m_checkoutPage, &CheckoutPage::busyChanged, waiting,
            [this, waiting, next](bool busy) {
                if (busy)
                    return;
                // Copies first: disconnecting may free this lambda and what it holds.
                MainWindow *self = this;
                const Session session = next;
                disconnect(m_checkoutPage, nullptr, waiting, nullptr);
                waiting->deleteLater();
                emit self->userSwitchRequested(session);
            },
            Qt::QueuedConnection);
        return;
    }
    emit userSwitchRequested(next);
}

MainWindow *MainWindow::takeOver(MainWindow *previous, const Session &next)
{
    auto *window = new MainWindow(next);
    window->setAttribute(Qt::WA_DeleteOnClose);
    previous->m_checkoutPage->handOverTo(window->m_checkoutPage);
    window->restoreGeometry(previous->saveGeometry());
    window->showPage(previous->currentPageKey());
    window->setIdleLock(previous->m_idleTimer->interval());
    window->show();
    // Closed without its close event: the new window keeps the settings.
    previous->hide();
    previous->deleteLater();
    return window;
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_lockScreen && m_lockScreen->isVisible())
        m_lockScreen->setGeometry(rect());
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (m_idleTimer && m_idleTimer->interval() > 0 && !isLocked())
            m_idleTimer->start(); // restart: the idle time counts from now
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::setSyncMonitor(SyncMonitor *monitor)
{
    m_syncPage->setSyncMonitor(monitor);
    if (monitor) {
        connect(monitor, &SyncMonitor::statusChanged, this, &MainWindow::showSyncStatus);
        showSyncStatus(monitor->status());
    } else {
        showSyncStatus(SyncStatus());
    }
}

void MainWindow::showSyncStatus(const SyncStatus &status)
{
    if (!status.configured) {
        m_syncLabel->setText(tr("Central: not set up"));
        m_syncLabel->setToolTip(tr("This shop does not sync; set central up on the Sync page."));
        return;
    }
    const QString state = status.running ? tr("syncing")
        : status.online                  ? tr("online")
                                         : tr("offline");
    QString text = tr("Central: %1 · %Ln unsent", nullptr, int(status.unsent)).arg(state);
    if (status.rejected > 0)
        text += tr(" · %Ln refused", nullptr, int(status.rejected));
    if (status.lastSync.isValid())
        text +=
            tr(" · synced %1").arg(ShopTime::formatTime(status.lastSync, m_session.shop.timeZone));
    m_syncLabel->setText(text);
    m_syncLabel->setToolTip(status.lastError.isEmpty()
                                ? tr("The last sync went well.")
                                : tr("Last error: %1").arg(status.lastError));
}

void MainWindow::addPage(const QString &key, const QString &title, QWidget *page, Icon icon)
{
    page->setObjectName(key + u"Page"_s);
    m_pages->addWidget(page);
    auto *item = new QListWidgetItem(Icons::icon(icon), title, m_navigation);
    item->setData(Qt::UserRole, key);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit =
        file->addAction(Icons::icon(Icon::Quit), tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    m_lockableActions << quit; // a locked till is not closed (with its sale) by anyone
    file->addSeparator();
    QAction *lockAction = file->addAction(Icons::icon(Icon::Lock), tr("&Lock the till"), this,
                                          [this] { lock(false); });
    lockAction->setObjectName(u"lockAction"_s);
    lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction *switchAction = file->addAction(Icons::icon(Icon::SwitchUser), tr("&Switch user…"),
                                            this, [this] { lock(true); });
    switchAction->setObjectName(u"switchUserAction"_s);
    switchAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_lockableActions << lockAction << switchAction;

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    int shown = 0;
    for (int i = 0; i < m_navigation->count(); ++i) {
        QListWidgetItem *item = m_navigation->item(i);
        if (item->isHidden())
            continue;
        QAction *action = go->addAction(item->icon(), item->text());
        // Ctrl+1 ... Ctrl+9: straight to a page from the keyboard.
        if (shown < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + shown)));
        ++shown;
        const QString key = item->data(Qt::UserRole).toString();
        connect(action, &QAction::triggered, this, [this, key] { showPage(key); });
        m_lockableActions << action;
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(Icons::icon(Icon::About), tr("&About ShopDesk"), this,
                                     [this] { showAboutDialog(this, m_databaseLabel->text()); });
    about->setMenuRole(QAction::AboutRole);
    m_lockableActions << about;
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

bool MainWindow::showPage(const QString &key)
{
    for (int i = 0; i < m_navigation->count(); ++i) {
        if (!m_navigation->item(i)->isHidden() &&
            m_navigation->item(i)->data(Qt::UserRole).toString() == key) {
            m_navigation->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

QString MainWindow::currentPageKey() const
{
    const QListWidgetItem *item = m_navigation->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void MainWindow::updateStatusBar()
{
    const DbConfig &db = m_session.database;
    m_databaseLabel->setText(db.embedded ? tr("Database: built-in")
                                         : tr("Database: %1").arg(db.displayName()));
    m_databaseLabel->setToolTip(db.toRedactedUrl());
    const bool headOffice = m_session.actor.role == Role::HeadOffice;
    // At the head office the toolbar names the shop; the status bar says where the window is.
    m_shopLabel->setText(headOffice ? tr("Head office") : tr("Shop: %1").arg(m_session.shop.name));
    m_staffLabel->setText(
        tr("Signed in: %1 (%2)")
            .arg(m_session.actor.displayName, roleDisplayName(m_session.actor.role)));
    setWindowTitle(headOffice ? tr("ShopDesk — head office — %1").arg(m_session.shop.name)
                              : tr("ShopDesk — %1").arg(m_session.shop.name));
}

void MainWindow::restoreSettings()
{
    const AppSettings settings;
    if (!restoreGeometry(settings.mainWindowGeometry()))
        resize(1200, 760);
    restoreState(settings.mainWindowState());
    if (!showPage(settings.lastPage())) {
        for (const QString &key : pageKeys())
            if (showPage(key))
                break;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A locked till is not closed (and its sale lost) by whoever walks by.
    if (isLocked()) {
        event->ignore();
        return;
    }
    AppSettings settings;
    settings.setMainWindowGeometry(saveGeometry());
    settings.setMainWindowState(saveState());
    settings.setLastPage(currentPageKey());
    event->accept();
}

} // namespace shopdesk
