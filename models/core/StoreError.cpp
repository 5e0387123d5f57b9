#include "StoreError.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace shopdesk {

StoreError StoreError::database(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    StoreError e {Code::Database,
                  QCoreApplication::translate("StoreError", "Database error: %1").arg(text),
                  {},
                  error.nativeErrorCode(),
                  {}};
    // PostgreSQL names the constraint in quotes: ... constraint "products_plu_key"
    static const QRegularExpression constraintName(u"constraint \"([^\"]+)\""_s);
    if (const auto match = constraintName.match(error.databaseText()); match.hasMatch())
        e.constraint = match.captured(1);
    return e;
}

} // namespace shopdesk
