#include "Database.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>
#include <QMutex>
#include <QSqlError>
#include <QThread>
#include <QThreadStorage>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDb, "shopdesk.db")

namespace shopdesk {

namespace {

QMutex s_configMutex;
DbConfig s_defaultConfig;
QAtomicInteger<quint64> s_connectionCounter;

// Owns the calling thread's default connection; removes it when the thread exits.
struct ThreadConnection
{
    QString name;
    DbConfig config;
    QHash<QString, QSqlQuery> prepared;

    // The connection goes first and its kept statements after it. A kept
    // statement destroyed while its driver lives sends DEALLOCATE, and the
    // connection being replaced is often one the server has already
    // dropped (its database dropped or restarted, the default changed):
    // talking to it then only fails, slowly and noisily. Once the driver is
    // gone the statements free only their memory; closing the session frees
    // them on the server.
    void close()
    {
        if (!name.isEmpty()) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            name.clear();
        }
        prepared.clear();
    }
    ~ThreadConnection() { close(); }
};

// QThreadStorage rather than thread_local: Qt deletes it while the QThread
// finishes, before wait() returns, so a thread pool torn down at exit has
// closed every connection before the process unloads the driver. (A
// thread_local would be destroyed later, racing with the exit.)
QThreadStorage<ThreadConnection> s_threadConnections;

ThreadConnection &currentConnection()
{
    return s_threadConnections.localData();
}

} // namespace

void Database::setDefaultConfig(const DbConfig &config)
{
    QMutexLocker locker(&s_configMutex);
    s_defaultConfig = config;
}

DbConfig Database::defaultConfig()
{
    QMutexLocker locker(&s_configMutex);
    return s_defaultConfig;
}

QString Database::applicationName()
{
    return u"shopdesk-%1"_s.arg(QCoreApplication::applicationPid());
}

QString Database::uniqueConnectionName(const QString &purpose)
{
    return u"%1-%2"_s.arg(purpose).arg(++s_connectionCounter);
}

QSqlDatabase Database::open(const DbConfig &config, const QString &connectionName, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(config.host);
    db.setPort(config.port);
    db.setDatabaseName(config.database);
    db.setUserName(config.user);
    db.setPassword(config.password);
    QStringList options {u"application_name=%1"_s.arg(applicationName()), u"connect_timeout=10"_s};
    // Values go into a libpq connection string: quote them, so a path with
    // spaces (C:/Users/John Smith/...) stays one value. The return type is
    // spelled out: deduced, it would be a QStringBuilder (QT_USE_QSTRINGBUILDER)
    // that still refers to this lambda's temporaries after it returns.
    auto quoted = [](QString value) -> QString {
        return u"'"_s + value.replace(u"\\"_s, u"\\\\"_s).replace(u"'"_s, u"\\'"_s) + u"'"_s;
    };
    if (!config.passFile.isEmpty())
        options << u"passfile=%1"_s.arg(quoted(config.passFile));
    if (!config.sslMode.isEmpty())
        options << u"sslmode=%1"_s.arg(config.sslMode);
    if (!config.writesOutbox)
        options << u"options='-c shopdesk.outbox=off'"_s;
    db.setConnectOptions(options.join(u';'));
    if (!db.open()) {
        // libpq's text spans lines with tab indents; one line reads better in a dialog.
        QString text = db.lastError().databaseText().simplified();
        if (text.isEmpty())
            text = db.lastError().text().simplified();
        qCWarning(lcDb).noquote() << "cannot connect to" << config.toRedactedUrl() << ":" << text;
        if (error)
            *error = text;
        return db;
    }
    qCDebug(lcDb).noquote() << "connected" << connectionName << "to" << config.toRedactedUrl();
    if (error)
        error->clear();
    return db;
}

QSqlDatabase Database::threadConnection(QString *error)
{
    ThreadConnection &conn = currentConnection();
    const DbConfig config = defaultConfig();
    if (!conn.name.isEmpty() && !(conn.config == config))
        conn.close(); // the default changed (e.g. a new server was chosen)
    if (conn.name.isEmpty()) {
        conn.name = uniqueConnectionName(u"thread"_s);
        conn.config = config;
    }
    QSqlDatabase db = QSqlDatabase::database(conn.name, false);
    if (db.isValid() && db.isOpen()) {
        if (error)
            error->clear();
        return db;
    }
    if (db.isValid()) {
        if (!db.open() && error)
            *error = db.lastError().text();
        return db;
    }
    return open(config, conn.name, error);
}

QSqlQuery *Database::preparedQuery(const QSqlDatabase &db, const QString &sql)
{
    ThreadConnection &conn = currentConnection();
    if (conn.name.isEmpty() || db.connectionName() != conn.name || !db.isOpen())
        return nullptr;
    auto it = conn.prepared.find(sql);
    if (it == conn.prepared.end()) {
        QSqlQuery q(db);
        if (!q.prepare(sql))
            return nullptr;
        it = conn.prepared.insert(sql, q);
    }
    return &it.value();
}

void Database::forgetPreparedQuery(const QSqlDatabase &db, const QString &sql)
{
    ThreadConnection &conn = currentConnection();
    if (db.connectionName() == conn.name)
        conn.prepared.remove(sql);
}

void Database::closeThreadConnection()
{
    ThreadConnection &conn = currentConnection();
    conn.close();
}

ScopedConnection::ScopedConnection(const DbConfig &config, const QString &purpose)
    : m_name(Database::uniqueConnectionName(purpose))
{
    m_db = Database::open(config, m_name, &m_error);
}

ScopedConnection::~ScopedConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace shopdesk
