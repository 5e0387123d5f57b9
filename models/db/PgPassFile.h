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
    static QString defaultPath();

    QString path() const { return m_path; }
    // Adds or replaces the line for config's host, port, database and user.
    bool store(const DbConfig &config, QString *error);

private:
    QString m_path;
};

} // namespace shopdesk
