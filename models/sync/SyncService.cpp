#include "SyncService.h"

#include "models/core/DatabaseTask.h"
#include "models/settings/AppStateStore.h"

namespace shopdesk {

QFuture<Result<PendingEvents>> SyncService::pending() const
{
    return onDatabase([](const QSqlDatabase &db) -> Result<PendingEvents> {
        const OutboxStore outbox(db);
        auto events = outbox.pending(kListedEvents);
        if (!events)
            return events.error();
        auto counts = outbox.counts();
        if (!counts)
            return counts.error();
        return PendingEvents {events.value(), counts.value()};
    });
}

QFuture<Result<qint64>> SyncService::retryRejected(const QList<qint64> &ids) const
{
    return onDatabase([actor = m_actor, ids](const QSqlDatabase &db) {
        return OutboxStore(db).retryRejected(actor, ids);
    });
}

QFuture<Result<void>> SyncService::setCentralToken(const QString &token) const
{
    return onDatabase([actor = m_actor, token](const QSqlDatabase &db) {
        return AppStateStore(db).setCentralToken(actor, token);
    });
}

} // namespace shopdesk
