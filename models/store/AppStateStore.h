#pragma once

#include "store/Result.h"

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

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
