#include "SetupService.h"

#include "models/core/DatabaseTask.h"

#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace shopdesk {

QFuture<Result<SetupStore::Created>> SetupService::initialize(const QString &shopCode,
                                                              const QString &shopName,
                                                              const NewStaff &admin) const
{
    return onDatabase([shopCode, shopName, admin](const QSqlDatabase &db) {
        return SetupStore(db).initialize(shopCode, shopName, admin);
    });
}

QFuture<Result<void>> SetupService::tryConnect(const DbConfig &target) const
{
    return QtConcurrent::run([target]() -> Result<void> {
        const ScopedConnection connection(target, u"connection-test"_s);
        if (!connection.isOpen())
            return StoreError::database(connection.errorText());
        return {};
    });
}

} // namespace shopdesk
