#include "Sql.h"

#include <QSqlError>

namespace shopdesk::Sql {

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(db);
    if (values.isEmpty()) {
        if (!q.exec(sql))
            return StoreError::database(q.lastError());
        return q;
    }
    if (!q.prepare(sql))
        return StoreError::database(q.lastError());
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return StoreError::database(q.lastError());
    return q;
}

Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    auto q = run(db, sql, values);
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::database(QStringLiteral("no row returned"));
    return q.value().value(0);
}

} // namespace shopdesk::Sql
