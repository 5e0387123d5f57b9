#include "ShopStore.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

const QString kColumns = u"id, code, name, address, time_zone"_s;

Shop fromQuery(const QSqlQuery &q)
{
    return Shop {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                 q.value(3).toString(), q.value(4).toString()};
}

} // namespace

Result<QList<Shop>> ShopStore::list() const
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT %1 FROM shops ORDER BY id"_s.arg(kColumns)))
        return StoreError::database(q.lastError());
    QList<Shop> shops;
    while (q.next())
        shops.append(fromQuery(q));
    return shops;
}

Result<Shop> ShopStore::byId(qint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT %1 FROM shops WHERE id = ?"_s.arg(kColumns));
    q.addBindValue(id);
    if (!q.exec())
        return StoreError::database(q.lastError());
    if (!q.next())
        return StoreError::notFound(
            QCoreApplication::translate("ShopStore", "There is no shop with id %1.").arg(id));
    return fromQuery(q);
}

Result<Shop> ShopStore::byIdOrFirst(qint64 preferredId) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT %1 FROM shops ORDER BY (id = ?) DESC, id LIMIT 1"_s.arg(kColumns));
    q.addBindValue(preferredId);
    if (!q.exec())
        return StoreError::database(q.lastError());
    if (!q.next())
        return StoreError::notFound(
            QCoreApplication::translate("ShopStore", "The database has no shop yet."));
    return fromQuery(q);
}

std::optional<StoreError> ShopStore::validate(const QString &code, const QString &name)
{
    static const QRegularExpression codePattern(u"^[A-Za-z0-9_-]{1,32}$"_s);
    if (!codePattern.match(code).hasMatch())
        return StoreError::invalid(
            u"code"_s,
            QCoreApplication::translate("ShopStore",
                                        "The shop code must be 1 to 32 Latin letters, digits, "
                                        "'-' or '_'."));
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 200)
        return StoreError::invalid(
            u"name"_s,
            QCoreApplication::translate("ShopStore", "The shop name must be 1 to 200 characters."));
    return std::nullopt;
}

} // namespace shopdesk
