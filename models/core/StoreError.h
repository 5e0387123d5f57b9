#pragma once

#include <QString>

class QSqlError;

namespace shopdesk {

// Why a store call did not do what was asked. The message is translated and
// written for the person at the till; `field` names the input at fault, so a
// form can put the message next to it.
struct StoreError
{
    enum class Code {
        Invalid, // bad input; nothing was written
        NotFound, // the thing referred to does not exist
        Conflict, // would break a rule (duplicate, not enough stock, wrong state)
        Permission, // the signed-in role may not do this
        Locked, // temporarily refused (e.g. too many failed logins)
        Database, // the database failed or could not be reached
        Cancelled, // stopped at the user's request; nothing was written
    };

    Code code = Code::Database;
    QString message;
    QString field;
    // For database errors: the SQLSTATE (e.g. "23505" for a unique violation)
    // and the constraint at fault, so callers can explain it in their terms.
    QString sqlState;
    QString constraint;

    static StoreError invalid(const QString &field, const QString &message)
    {
        return {Code::Invalid, message, field, {}, {}};
    }
    static StoreError notFound(const QString &message)
    {
        return {Code::NotFound, message, {}, {}, {}};
    }
    static StoreError conflict(const QString &message, const QString &field = {})
    {
        return {Code::Conflict, message, field, {}, {}};
    }
    static StoreError permission(const QString &message)
    {
        return {Code::Permission, message, {}, {}, {}};
    }
    static StoreError locked(const QString &message) { return {Code::Locked, message, {}, {}, {}}; }
    static StoreError cancelled(const QString &message)
    {
        return {Code::Cancelled, message, {}, {}, {}};
    }
    // A database failure, with the driver's text kept for the details.
    static StoreError database(const QSqlError &error);
    static StoreError database(const QString &message)
    {
        return {Code::Database, message, {}, {}, {}};
    }
    bool isUniqueViolation() const { return sqlState == QLatin1String("23505"); }
    bool isForeignKeyViolation() const { return sqlState == QLatin1String("23503"); }
};

} // namespace shopdesk
