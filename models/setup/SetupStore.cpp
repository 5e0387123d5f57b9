#include "SetupStore.h"

#include "models/core/Transaction.h"
#include "models/shops/ShopStore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<SetupStore::Created> SetupStore::initialize(const QString &shopCode, const QString &shopName,
                                                   const NewStaff &admin)
{
    if (auto invalid = ShopStore::validate(shopCode, shopName))
        return *invalid;
    if (auto invalid = StaffStore::validate(admin))
        return *invalid;

    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();

    // Two tills set up at the same moment would both see no staff; the lock
    // makes the second wait and then find the first one's administrator.
    QSqlQuery lock(m_db);
    if (!lock.exec(u"LOCK TABLE staff IN SHARE ROW EXCLUSIVE MODE"_s))
        return StoreError::database(lock.lastError());

    Created created;
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO shops (code, name) VALUES (?, ?) "
              "ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING id"_s);
    q.addBindValue(shopCode);
    q.addBindValue(shopName.trimmed());
    if (!q.exec() || !q.next())
        return StoreError::database(q.lastError());
    created.shopId = q.value(0).toLongLong();

    auto adminId = StaffStore(m_db).createFirstAdmin(admin);
    if (!adminId)
        return adminId.error();
    created.adminId = adminId.value();

    if (auto done = tx.commit(); !done)
        return done.error();
    return created;
}

} // namespace shopdesk
