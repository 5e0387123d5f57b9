#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace shopdesk {

// Facts about the database itself, kept in the app_state table.
class AppStateStore
{
public:
    static constexpr auto kDemoData = "demo_data"; // "true" when filled by --demo
    // The bearer token this shop calls shopdesk-central with. A secret: it
    // stays in the shop's own database, out of the settings file and the logs.
    static constexpr auto kCentralToken = "central_token";

    explicit AppStateStore(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<QString> value(const QString &key) const; // empty when unset
    Result<void> setValue(const QString &key, const QString &value);
    // Where the till syncs to is a manager's or an administrator's choice.
    Result<void> setCentralToken(const Actor &actor, const QString &token);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
