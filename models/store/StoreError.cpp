#include "StoreError.h"

#include <QCoreApplication>
#include <QSqlError>

namespace shopdesk {

StoreError StoreError::database(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    return {Code::Database,
            QCoreApplication::translate("StoreError", "Database error: %1").arg(text),
            {}};
}

} // namespace shopdesk
