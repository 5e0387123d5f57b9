#pragma once

#include "Session.h"
#include "sync/SyncMonitor.h"

#include <QMainWindow>
#include <QStyle>

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

signals:
    // The central URL, shop code or token changed on the Sync page.
    void centralSettingsChanged();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(const QString &key, const QString &title, QWidget *page,
                 QStyle::StandardPixmap icon);
    void createMenus();
    void updateStatusBar();
    void showSyncStatus(const SyncStatus &status);
    void restoreSettings();

    Session m_session;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QLabel *m_databaseLabel;
    QLabel *m_shopLabel;
    QLabel *m_staffLabel;
    QLabel *m_syncLabel;
    class SyncPage *m_syncPage = nullptr;
};

} // namespace shopdesk
