#include "Sql.h"

#include "models/db/Database.h"

#include <QCoreApplication>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace shopdesk::Sql {

namespace {

// A connection the server dropped (restart, network) stays "open" in QPSQL.
// Closing it makes Database::threadConnection() open a fresh one next time.
StoreError failed(QSqlDatabase db, const QSqlError &error)
{
    const QString text = error.databaseText() + error.driverText();
    const QString state = error.nativeErrorCode();
    if (error.type() == QSqlError::ConnectionError || state.startsWith(u"08"_s) ||
        state == u"57P01"_s || state == u"57P02"_s || state == u"57P03"_s ||
        text.contains(u"server closed the connection"_s) ||
        text.contains(u"no connection to the server"_s))
        db.close();
    return StoreError::database(error);
}

// Runs `sql` with the values `bind` puts on it (nothing to bind: run as it
// is). A statement with values is prepared once per connection and kept
// (Database::preparedQuery), whether its placeholders are named or not.
template<typename Bind>
Result<QSqlQuery> execute(const QSqlDatabase &db, const QString &sql, bool hasValues, Bind bind)
{
    if (hasValues) {
        if (QSqlQuery *cached = Database::preparedQuery(db, sql)) {
            bind(*cached);
            if (cached->exec()) {
                // A copy shares the cached statement's result set; the caller
                // reads it before the next call with the same SQL re-runs it.
                QT_WARNING_PUSH
                QT_WARNING_DISABLE_DEPRECATED
                return QSqlQuery(*cached);
                QT_WARNING_POP
            }
            // Only a statement the server forgot (after a reconnect) or whose
            // plan went stale is prepared afresh; any other error is the answer.
            const QString state = cached->lastError().nativeErrorCode();
            if (state != u"26000"_s && state != u"0A000"_s)
                return failed(db, cached->lastError());
            Database::forgetPreparedQuery(db, sql);
        }
    }
    QSqlQuery q(db);
    if (!hasValues) {
        if (!q.exec(sql))
            return failed(db, q.lastError());
        return q;
    }
    if (!q.prepare(sql))
        return failed(db, q.lastError());
    bind(q);
    if (!q.exec())
        return failed(db, q.lastError());
    return q;
}

} // namespace

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    return execute(db, sql, !values.isEmpty(), [&values](QSqlQuery &q) {
        for (qsizetype i = 0; i < values.size(); ++i)
            q.bindValue(int(i), values.at(i));
    });
}

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql,
                      std::initializer_list<Named> values)
{
    return execute(db, sql, values.size() > 0, [&values](QSqlQuery &q) {
        for (const Named &v : values)
            q.bindValue(v.name, v.value);
    });
}

Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto q = run(db, sql, values);
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::database(QCoreApplication::translate(
            "Sql", "The database returned no row where one was expected."));
    return q.value().value(0);
}

} // namespace shopdesk::Sql
