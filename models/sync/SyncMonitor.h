#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

namespace shopdesk {

// What the status bar and the Sync page show.
struct SyncStatus
{
    bool configured = false; // a central URL and token are set
    bool online = false; // central answered the last request
    bool running = false; // a sync is under way
    qint64 unsent = 0; // outbox events still to send (refused ones not included)
    qint64 rejected = 0; // refused by central, set aside until their cause is gone
    QDateTime lastSync; // the last sync that finished without error
    QString lastError; // empty when the last sync went well
};

// The sync as the user interface sees it: its status and "sync now". The
// engine behind it lives in app/sync (it needs the network); the pages only
// need this, so the ui layer does not depend on the sync layer.
class SyncMonitor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual SyncStatus status() const = 0;

public slots:
    // Syncs now (coalesced with one already running).
    virtual void syncNow() = 0;
    // Reads the outbox counts again (after the shop wrote events).
    virtual void refreshCounts() = 0;

signals:
    void statusChanged(const shopdesk::SyncStatus &status);
    // One sync ended; `ok` when everything was pushed and pulled.
    void finished(bool ok);
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::SyncStatus)
