#pragma once

#include "models/sync/SyncMonitor.h"
#include "ui/Session.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTableView;

namespace shopdesk {

class MessageBanner;

// Sync with shopdesk-central: where central is (URL, shop code, token), how
// the sync is doing, and the events still waiting, with a retry for those
// central refused.
class SyncPage : public QWidget
{
    Q_OBJECT
public:
    explicit SyncPage(const Session &session, QWidget *parent = nullptr);

    // The running sync, or nullptr when this shop does not sync.
    void setSyncMonitor(SyncMonitor *monitor);

public slots:
    // Reads the waiting events (and, without a running sync, their counts).
    void reload();

signals:
    // URL, shop code or token were saved: the sync must start over with them.
    void centralSettingsChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void saveCentral();
    void retryRejected();
    void showStatus(const SyncStatus &status);

    Session m_session;
    QPointer<SyncMonitor> m_monitor;
    MessageBanner *m_banner;
    QLineEdit *m_url;
    QLineEdit *m_shopCode;
    QLineEdit *m_token;
    QLabel *m_state;
    QLabel *m_unsent;
    QLabel *m_rejected;
    QLabel *m_lastSync;
    QLabel *m_lastError;
    QAction *m_syncNow = nullptr;
    QAction *m_retry = nullptr;
    QStandardItemModel *m_events;
    QTableView *m_table;
};

} // namespace shopdesk
