#pragma once

#include "DbConfig.h"

#include <QString>

namespace shopdesk {

// The password of a configured server is kept in a libpq password file
// (host:port:database:user:password, readable by the owner only), never in the
// settings file: libpq reads it itself through the passfile connection option.
class PgPassFile
{
public:
    explicit PgPassFile(QString path = defaultPath());
    // The user's (in the application's config folder) unless set: a data
    // folder given with --data-dir keeps its own (AppSettings::useDataDir).
    static QString defaultPath();
    static void setDefaultPath(const QString &path);

    QString path() const { return m_path; }
    // Adds or replaces the line for config's host, port, database and user.
    bool store(const DbConfig &config, QString *error);

private:
    QString m_path;
};

} // namespace shopdesk
