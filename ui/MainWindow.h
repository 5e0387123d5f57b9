#pragma once

#include "Session.h"
#include "models/sync/SyncMonitor.h"
#include "ui/common/Icons.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace shopdesk {

// The shell around the pages: navigation on the left, the page, and a status
// bar that says which database, shop and staff member this till is using.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Page keys, in navigation order; also what the settings remember.
    static QStringList pageKeys();

    explicit MainWindow(const Session &session, QWidget *parent = nullptr);

    // Shows the page with that key (see pageKeys()); false if there is none.
    bool showPage(const QString &key);
    QString currentPageKey() const;
    const Session &session() const { return m_session; }
    // The running sync with central (nullptr: this shop does not sync), for
    // the status bar and the Sync page.
    void setSyncMonitor(SyncMonitor *monitor);

    // Locks the till (Ctrl+L, or after the idle time in Settings): the
    // window is covered until someone signs in with a password or PIN.
    // `switchUser` asks for the next person rather than the same one.
    void lock(bool switchUser = false);
    bool isLocked() const;
    // Idle time before the till locks itself; 0: never. From the settings
    // unless set here.
    void setIdleLock(int milliseconds);

    // A window for `next` that takes over this one's open sale, place and
    // sync; this one closes. For a change of user at the till.
    static MainWindow *takeOver(MainWindow *previous, const Session &next);

signals:
    // The central URL, shop code or token changed on the Sync page.
    void centralSettingsChanged();
    // Someone else signed in on the lock screen: the owner of the window
    // (DeskApp) replaces it with takeOver().
    void userSwitchRequested(const shopdesk::Session &next);

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addPage(const QString &key, const QString &title, QWidget *page, Icon icon);
    void createMenus();
    void updateStatusBar();
    void showSyncStatus(const SyncStatus &status);
    void onSignedIn(const Actor &actor);
    // The pages show `shop` (the till's shop, or the head office's choice).
    void setShop(const Shop &shop);
    // A head-office member signed in: no till, and a shop selector.
    void enterHeadOfficeMode();
    void lockWhenIdle();
    void setLockedState(bool locked);
    void restoreSettings();

    Session m_session;
    Shop m_tillShop; // the shop the window opened with: this computer's own
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QLabel *m_databaseLabel;
    QLabel *m_shopLabel;
    QLabel *m_staffLabel;
    QLabel *m_syncLabel;
    class SyncPage *m_syncPage = nullptr;
    class CheckoutPage *m_checkoutPage = nullptr;
    class StockPage *m_stockPage = nullptr;
    class OrdersPage *m_ordersPage = nullptr;
    class HistoryPage *m_historyPage = nullptr;
    class ReportsPage *m_reportsPage = nullptr;
    class LockScreen *m_lockScreen = nullptr;
    class QTimer *m_idleTimer = nullptr;
    QList<class QAction *> m_lockableActions;
    QPointer<QWidget> m_focusBeforeLock; // where the person was typing
    QPointer<QObject> m_pendingSwitch; // a change of user waiting for a payment under way
};

} // namespace shopdesk
