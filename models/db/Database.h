#pragma once

#include "DbConfig.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace shopdesk {

// QSqlDatabase connections may only be used by the thread that opened them.
// Database hands each thread its own connection to the configured database,
// opened on first use and closed when the thread ends.
class Database
{
public:
    // The database every thread connects to by default.
    static void setDefaultConfig(const DbConfig &config);
    static DbConfig defaultConfig();

    // The calling thread's connection to the default database. If it cannot
    // be opened the returned connection is not open and *error says why.
    static QSqlDatabase threadConnection(QString *error = nullptr);
    // Closes the calling thread's connection now (it is also closed when the
    // thread finishes).
    static void closeThreadConnection();

    // A statement prepared once on the calling thread's own connection and
    // reused (values are bound by position before each exec), or nullptr when
    // `db` is not that connection. Saves the prepare and deallocate round
    // trips on hot paths; dropped when the connection closes.
    static QSqlQuery *preparedQuery(const QSqlDatabase &db, const QString &sql);
    static void forgetPreparedQuery(const QSqlDatabase &db, const QString &sql);

    // Opens a new connection under `connectionName`. The caller owns it and
    // removes it with QSqlDatabase::removeDatabase when done.
    static QSqlDatabase open(const DbConfig &config, const QString &connectionName, QString *error);

    // The application_name every connection of this process reports to the
    // server ("shopdesk-<pid>"), so we can tell our connections from others'.
    static QString applicationName();

    // A connection name no other thread or caller uses.
    static QString uniqueConnectionName(const QString &purpose);
};

// Opens a connection on construction and removes it on destruction: for
// short-lived work (a test, a start-up step) on a database other than the default.
class ScopedConnection
{
public:
    ScopedConnection(const DbConfig &config, const QString &purpose);
    ~ScopedConnection();
    ScopedConnection(const ScopedConnection &) = delete;
    ScopedConnection &operator=(const ScopedConnection &) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    QString errorText() const { return m_error; }
    QSqlDatabase db() const { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace shopdesk
