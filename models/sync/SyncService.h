#pragma once

#include "OutboxStore.h"

#include <QFuture>

namespace shopdesk {

// The events still in the outbox (the first few hundred) and how many wait.
struct PendingEvents
{
    QList<OutboxEvent> events;
    OutboxCounts counts;
};

// The Sync page's way to the outbox and the central token: each call runs on
// a pool thread's own connection, as `actor`, and answers through its future
// (see whenReady). The sync itself runs in SyncEngine.
class SyncService
{
public:
    static constexpr int kListedEvents = 500;

    explicit SyncService(Actor actor = {}) : m_actor(std::move(actor)) { }

    QFuture<Result<PendingEvents>> pending() const;
    // Sends the refused events with these ids again (none given: every one).
    QFuture<Result<qint64>> retryRejected(const QList<qint64> &ids) const;
    // Keeps the token central issued for this shop in the shop's database.
    QFuture<Result<void>> setCentralToken(const QString &token) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
