#pragma once

#include <QObject>
#include <QPointer>

class QTimer;

namespace shopdesk {

class CentralClient;
class MainWindow;
class SyncEngine;

// Runs the background sync with shopdesk-central for the main window, as the
// settings say: none without a central URL or token, and started afresh
// whenever they change on the Sync page.
class CentralSync : public QObject
{
    Q_OBJECT
public:
    explicit CentralSync(MainWindow *window);

    // Reads the URL (settings) and the token (the shop's database) and
    // (re)starts the sync with them, or stops it.
    void reconfigure();

private:
    void startWith(const QString &url, const QByteArray &token);

    QPointer<MainWindow> m_window;
    CentralClient *m_client = nullptr;
    SyncEngine *m_engine = nullptr;
    QTimer *m_countsTimer = nullptr;
    quint64 m_generation = 0;
};

} // namespace shopdesk
