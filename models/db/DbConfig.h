#pragma once

#include <QCoreApplication>
#include <QString>

namespace shopdesk {

// Where a PostgreSQL database is and how to sign in to it.
// A plain value: cheap to copy and safe to pass between threads.
struct DbConfig
{
    Q_DECLARE_TR_FUNCTIONS(DbConfig)
public:
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString database;
    QString user;
    QString password;
    // libpq password file used when password is empty (see PgPassFile).
    QString passFile;
    // libpq sslmode from ?sslmode= (empty: libpq's default, "prefer").
    QString sslMode;
    // True for the private cluster ShopDesk runs itself.
    bool embedded = false;
    // False for the head office's server: nothing there sends outbox events
    // on, so its connections ask the database not to queue them (see
    // resources/sql/0010_outbox_switch.sql).
    bool writesOutbox = true;

    bool isValid() const { return !database.isEmpty() && port > 0 && port < 65536; }

    // Parses postgresql://user:password@host:port/dbname (also postgres://).
    // On failure returns an invalid config and sets *error to a message that
    // names what is wrong (the password is never part of it).
    static DbConfig fromUrl(const QString &url, QString *error);
    // What to tell someone who put the password in a URL on the command line
    // (`option`, e.g. "--db"): every account on the computer can read it in
    // the process list, so say where it belongs instead.
    static QString commandLinePasswordWarning(const QString &option);

    // The URL with the password replaced by "***": safe for logs and labels.
    QString toRedactedUrl() const;
    // The URL including the password, for handing to child processes.
    QString toUrl() const;
    // Short human description: "embedded" or "host:port/dbname".
    QString displayName() const;

    // A copy pointing at another database on the same server.
    DbConfig withDatabase(const QString &name) const;

    friend bool operator==(const DbConfig &, const DbConfig &) = default;
};

} // namespace shopdesk
