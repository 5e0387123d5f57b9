#include "StaffStore.h"

#include "Permissions.h"
#include "auth/PasswordHash.h"
#include "db/Sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("StaffStore", text, disambiguation, n);
}

// Verifying against this keeps an unknown login as slow as a wrong password,
// so response times do not tell which logins exist.
const QString &dummyHash()
{
    static const QString hash = PasswordHash::hash(u"not-a-password"_s);
    return hash;
}

} // namespace

std::optional<StoreError> StaffStore::validate(const NewStaff &staff)
{
    static const QRegularExpression loginPattern(u"^[a-z0-9._-]{1,64}$"_s);
    if (!loginPattern.match(staff.login).hasMatch())
        return StoreError::invalid(u"login"_s,
                                   tr("The login must be 1 to 64 lower-case Latin letters, digits, "
                                      "'.', '-' or '_'."));
    const QString name = staff.displayName.trimmed();
    if (name.isEmpty() || name.size() > 100)
        return StoreError::invalid(u"display_name"_s, tr("The name must be 1 to 100 characters."));
    if (staff.password.size() < kMinPasswordLength)
        return StoreError::invalid(
            u"password"_s,
            tr("The password must be at least %1 characters.").arg(kMinPasswordLength));
    return std::nullopt;
}

Result<QList<StaffName>> StaffStore::names() const
{
    auto q =
        Sql::run(m_db, u"SELECT id, login, display_name FROM staff ORDER BY display_name, id"_s);
    if (!q)
        return q.error();
    QList<StaffName> names;
    while (q.value().next())
        names.append({q.value().value(0).toLongLong(), q.value().value(1).toString(),
                      q.value().value(2).toString()});
    return names;
}

Result<qint64> StaffStore::count() const
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT count(*) FROM staff"_s) || !q.next())
        return StoreError::database(q.lastError());
    return q.value(0).toLongLong();
}

Result<qint64> StaffStore::create(const Actor &actor, const NewStaff &staff)
{
    if (actor.role != Role::Admin)
        return StoreError::permission(tr("Only an administrator may create staff accounts."));
    return insert(staff, false);
}

Result<qint64> StaffStore::createFirstAdmin(const NewStaff &staff)
{
    NewStaff admin = staff;
    admin.role = Role::Admin;
    return insert(admin, true);
}

Result<qint64> StaffStore::insert(const NewStaff &staff, bool onlyIfEmpty)
{
    if (auto invalid = validate(staff))
        return *invalid;
    const QString hash = PasswordHash::hash(staff.password);
    QSqlQuery q(m_db);
    // One statement: the emptiness check and the insert cannot be split by another session.
    q.prepare(u"INSERT INTO staff (login, display_name, role, password_hash) "
              "SELECT ?, ?, ?, ? WHERE NOT ? OR NOT EXISTS (SELECT 1 FROM staff) "
              "ON CONFLICT (login) DO NOTHING RETURNING id"_s);
    q.addBindValue(staff.login);
    q.addBindValue(staff.displayName.trimmed());
    q.addBindValue(roleKey(staff.role));
    q.addBindValue(hash);
    q.addBindValue(onlyIfEmpty);
    if (!q.exec())
        return StoreError::database(q.lastError());
    if (!q.next()) {
        if (onlyIfEmpty)
            return StoreError::conflict(tr("Staff accounts already exist; sign in as an "
                                           "administrator to add more."));
        return StoreError::conflict(tr("The login \"%1\" is taken.").arg(staff.login), u"login"_s);
    }
    return q.value(0).toLongLong();
}

Result<ManagerApproval> StaffStore::approveAsManager(const QString &login, const QString &password,
                                                     qint64 shopId)
{
    auto who = authenticate(login, password, shopId);
    if (!who)
        return who.error();
    if (!hasPermission(who->role, Permission::ManageOrders))
        return StoreError::permission(
            tr("%1 is not a manager and cannot approve this.").arg(who->displayName));
    return ManagerApproval(who->staffId, who->displayName);
}

Result<Actor> StaffStore::authenticate(const QString &login, const QString &password, qint64 shopId)
{
    const StoreError wrong = StoreError::invalid(u"password"_s, tr("Wrong login or password."));
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id, login, display_name, role, password_hash, active, "
              "greatest(0, ceil(extract(epoch FROM locked_until - now())))::int "
              "FROM staff WHERE login = ?"_s);
    q.addBindValue(login.trimmed().toLower());
    if (!q.exec())
        return StoreError::database(q.lastError());
    if (!q.next()) {
        PasswordHash::verify(password, dummyHash());
        return wrong;
    }
    const qint64 id = q.value(0).toLongLong();
    const int lockedSeconds = q.value(6).toInt();
    if (lockedSeconds > 0)
        return StoreError::locked(
            tr("Too many wrong passwords. Try again in %n second(s).", nullptr, lockedSeconds));
    const bool good = PasswordHash::verify(password, q.value(4).toString());
    if (!good) {
        QSqlQuery fail(m_db);
        // The fifth failure in a row locks the account and starts the count afresh.
        fail.prepare(u"UPDATE staff SET "
                     "failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 "
                     "ELSE failed_logins + 1 END, "
                     "locked_until = CASE WHEN failed_logins + 1 >= ? "
                     "THEN now() + make_interval(secs => ?) END WHERE id = ?"_s);
        fail.addBindValue(kMaxFailedLogins);
        fail.addBindValue(kMaxFailedLogins);
        fail.addBindValue(kLockoutSeconds);
        fail.addBindValue(id);
        if (!fail.exec())
            return StoreError::database(fail.lastError());
        return wrong;
    }
    if (!q.value(5).toBool())
        return StoreError::permission(tr("This account is deactivated. Ask an administrator."));
    const auto role = roleFromKey(q.value(3).toString());
    if (!role)
        return StoreError::database(tr("The account has an unknown role."));

    QSqlQuery ok(m_db);
    ok.prepare(u"UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?"_s);
    ok.addBindValue(id);
    if (!ok.exec())
        return StoreError::database(ok.lastError());

    Actor actor;
    actor.staffId = id;
    actor.login = q.value(1).toString();
    actor.displayName = q.value(2).toString();
    actor.role = *role;
    actor.shopId = shopId;
    return actor;
}

} // namespace shopdesk
