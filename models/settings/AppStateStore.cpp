#include "AppStateStore.h"

#include "models/core/Permissions.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<QString> AppStateStore::value(const QString &key) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT value FROM app_state WHERE key = ?"_s);
    q.addBindValue(key);
    if (!q.exec())
        return StoreError::database(q.lastError());
    return q.next() ? q.value(0).toString() : QString();
}

Result<void> AppStateStore::setValue(const QString &key, const QString &value)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO app_state (key, value) VALUES (?, ?) "
              "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()"_s);
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return StoreError::database(q.lastError());
    return {};
}

Result<void> AppStateStore::setCentralToken(const Actor &actor, const QString &token)
{
    if (auto refused = checkPermission(actor.role, Permission::ConfigureTill))
        return *refused;
    return setValue(QString::fromLatin1(kCentralToken), token);
}

} // namespace shopdesk
