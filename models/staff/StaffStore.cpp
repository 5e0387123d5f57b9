#include "StaffStore.h"

#include "PasswordHash.h"
#include "models/core/Permissions.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// Verifying against this keeps an unknown login as slow as a wrong password,
// so response times do not tell which logins exist.
const QString &dummyHash()
{
    static const QString hash = PasswordHash::hash(u"not-a-password"_s);
    return hash;
}

// Anchored with \A and \z: a PCRE "$" would also match before a final line
// break, letting "kate\n" through (the database's CHECK would then refuse it).
const QRegularExpression &loginPattern()
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(u"[a-z0-9._-]{1,64}"_s));
    return pattern;
}

bool looksLikePin(const QString &secret)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        u"[0-9]{%1,%2}"_s.arg(StaffStore::kMinPinLength).arg(StaffStore::kMaxPinLength)));
    return pattern.match(secret).hasMatch();
}

// The password, or the PIN when the account has one. Only a secret shaped
// like a PIN is tried as one, and against the dummy hash when the account has
// no PIN: how long a sign-in takes then depends on what was typed, never on
// whether the account has a PIN. Both checks compare in constant time.
bool secretMatches(const QString &secret, const QString &passwordHash, const QString &pinHash)
{
    const bool password = PasswordHash::verify(secret, passwordHash);
    bool pin = false;
    if (looksLikePin(secret))
        pin = PasswordHash::verify(secret, pinHash.isEmpty() ? dummyHash() : pinHash) &&
            !pinHash.isEmpty();
    return password || pin;
}

StoreError noSuchAccount()
{
    return StoreError::notFound(
        StaffStore::tr("There is no such staff account; it may have been removed."));
}

// True for the one account being updated when changing it would leave no
// active administrator: it is one, and no other active one exists. The
// sub-select reads the other rows, which is why the callers lock them first.
const QString kWouldLeaveNoAdmin =
    u"(staff.role = 'admin' AND staff.active AND NOT EXISTS (SELECT 1 FROM staff other "
    "WHERE other.role = 'admin' AND other.active AND other.id <> staff.id))"_s;

} // namespace

std::optional<StoreError> StaffStore::validate(const NewStaff &staff)
{
    if (!loginPattern().match(staff.login).hasMatch())
        return StoreError::invalid(u"login"_s,
                                   tr("The login must be 1 to 64 lower-case Latin letters, digits, "
                                      "'.', '-' or '_'."));
    const QString name = staff.displayName.trimmed();
    if (name.isEmpty() || name.size() > 100)
        return StoreError::invalid(u"display_name"_s, tr("The name must be 1 to 100 characters."));
    // Tabs, line breaks and NULs (which PostgreSQL refuses in text) have no
    // place in a name shown on receipts and in lists.
    if (std::any_of(name.cbegin(), name.cend(),
                    [](QChar c) { return c.category() == QChar::Other_Control; }))
        return StoreError::invalid(u"display_name"_s,
                                   tr("The name cannot contain tabs, line breaks or other "
                                      "control characters."));
    return validatePassword(staff.password);
}

std::optional<StoreError> StaffStore::validatePassword(const QString &password)
{
    if (password.size() < kMinPasswordLength)
        return StoreError::invalid(
            u"password"_s,
            tr("The password must be at least %1 characters.").arg(kMinPasswordLength));
    return std::nullopt;
}

std::optional<StoreError> StaffStore::validatePin(const QString &pin)
{
    if (!pin.isEmpty() && !looksLikePin(pin))
        return StoreError::invalid(
            u"pin"_s, tr("The PIN must be %1 to %2 digits.").arg(kMinPinLength).arg(kMaxPinLength));
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

Result<QList<StaffMember>> StaffStore::list(const Actor &actor) const
{
    if (auto refused = stillAllowed(actor))
        return *refused;
    // A lockout that has run out is no lockout: only a future time is shown.
    auto q = Sql::run(m_db,
                      u"SELECT id, login, display_name, role, active, pin_hash IS NOT NULL, "
                      "CASE WHEN locked_until > now() THEN locked_until END, created_at "
                      "FROM staff ORDER BY login"_s);
    if (!q)
        return q.error();
    QList<StaffMember> staff;
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        const auto role = roleFromKey(row.value(3).toString());
        if (!role)
            return StoreError::database(tr("The account has an unknown role."));
        StaffMember m;
        m.id = row.value(0).toLongLong();
        m.login = row.value(1).toString();
        m.displayName = row.value(2).toString();
        m.role = *role;
        m.active = row.value(4).toBool();
        m.hasPin = row.value(5).toBool();
        m.lockedUntil = row.value(6).toDateTime();
        m.createdAt = row.value(7).toDateTime();
        staff.append(m);
    }
    return staff;
}

std::optional<StoreError> StaffStore::stillAllowed(const Actor &actor) const
{
    if (auto refused = checkPermission(actor.role, Permission::ManageStaff))
        return refused;
    // The role the account has now, not the one it signed in with: an
    // administrator demoted or deactivated meanwhile must not act as one.
    QSqlQuery q(m_db);
    q.prepare(u"SELECT role, active FROM staff WHERE id = ?"_s);
    q.addBindValue(actor.staffId);
    if (!q.exec())
        return StoreError::database(q.lastError());
    if (!q.next() || !q.value(1).toBool())
        return StoreError::permission(tr("This account is no longer active."));
    const auto role = roleFromKey(q.value(0).toString());
    if (!role)
        return StoreError::permission(tr("The account has an unknown role."));
    return checkPermission(*role, Permission::ManageStaff);
}

template<typename Write>
auto StaffStore::whileStillAllowed(const Actor &actor, Write write) -> decltype(write())
{
    // Checked and written in one transaction, with every active
    // administrator's row locked first, in id order (FOR NO KEY UPDATE: rows
    // that only refer to an administrator, orders and history, need not wait). Whoever demotes or
    // deactivates an administrator comes through here too, so the two queue:
    // a demotion of this actor committed first is seen by the check (a new
    // statement after the wait), one asked for later waits for this write.
    // Checking in a statement of its own (as before) let one write through
    // from an administrator demoted between the check and the write.
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    if (auto refused = checkPermission(actor.role, Permission::ManageStaff))
        return *refused;
    auto locked = Sql::run(
        m_db,
        u"SELECT id FROM staff WHERE role = 'admin' AND active ORDER BY id FOR NO KEY UPDATE"_s);
    if (!locked)
        return locked.error();
    if (auto refused = stillAllowed(actor))
        return *refused;
    auto done = write();
    if (!done)
        return done;
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return done;
}

Result<qint64> StaffStore::create(const Actor &actor, const NewStaff &staff)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageStaff))
        return *refused;
    if (auto invalid = validate(staff))
        return *invalid;
    // Hashed before the transaction: PBKDF2 takes a moment, locks should not.
    const QString hash = PasswordHash::hash(staff.password);
    return whileStillAllowed(actor, [&] { return insert(staff, hash, false); });
}

Result<void> StaffStore::setActive(const Actor &actor, qint64 staffId, bool active)
{
    return whileStillAllowed(actor, [&] { return writeActive(actor, staffId, active); });
}

Result<void> StaffStore::writeActive(const Actor &actor, qint64 staffId, bool active)
{
    if (active)
        return updateOne(
            u"UPDATE staff SET active = true, updated_at = now() WHERE id = ? RETURNING id"_s,
            {staffId});
    // Signed out of their own account, nobody would be left to undo it.
    if (staffId == actor.staffId)
        return StoreError::conflict(
            tr("You cannot deactivate your own account; another administrator can."));
    return updateKeepingAnAdmin(u"UPDATE staff SET active = false, updated_at = now() "
                                "WHERE id = ? AND NOT %1 RETURNING id"_s.arg(kWouldLeaveNoAdmin),
                                {staffId}, staffId);
}

Result<void> StaffStore::changeRole(const Actor &actor, qint64 staffId, Role role)
{
    return whileStillAllowed(actor, [&] { return writeRole(actor, staffId, role); });
}

Result<void> StaffStore::writeRole(const Actor &actor, qint64 staffId, Role role)
{
    if (role == Role::Admin)
        return updateOne(
            u"UPDATE staff SET role = ?, updated_at = now() WHERE id = ? RETURNING id"_s,
            {roleKey(role), staffId});
    // An administrator who demoted themselves by mistake could not undo it.
    if (staffId == actor.staffId)
        return StoreError::conflict(
            tr("You cannot change your own role; another administrator can."));
    return updateKeepingAnAdmin(u"UPDATE staff SET role = ?, updated_at = now() "
                                "WHERE id = ? AND NOT %1 RETURNING id"_s.arg(kWouldLeaveNoAdmin),
                                {roleKey(role), staffId}, staffId);
}

Result<void> StaffStore::resetPassword(const Actor &actor, qint64 staffId,
                                       const QString &newPassword)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageStaff))
        return *refused;
    if (auto invalid = validatePassword(newPassword))
        return *invalid;
    // Hashed before the transaction: PBKDF2 takes a moment, locks should not.
    const QString hash = PasswordHash::hash(newPassword);
    // A new password is a fresh start: the lockout and the failures go with the old one.
    return whileStillAllowed(actor, [&] {
        return updateOne(u"UPDATE staff SET password_hash = ?, failed_logins = 0, "
                         "locked_until = NULL, lockouts = 0, updated_at = now() "
                         "WHERE id = ? RETURNING id"_s,
                         {hash, staffId});
    });
}

Result<void> StaffStore::setPin(const Actor &actor, qint64 staffId, const QString &pin)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageStaff))
        return *refused;
    if (auto invalid = validatePin(pin))
        return *invalid;
    const QVariant pinHash = pin.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                           : QVariant(PasswordHash::hash(pin));
    return whileStillAllowed(actor, [&] {
        return updateOne(
            u"UPDATE staff SET pin_hash = ?, updated_at = now() WHERE id = ? RETURNING id"_s,
            {pinHash, staffId});
    });
}

Result<void> StaffStore::updateOne(const QString &update, const QVariantList &values)
{
    auto q = Sql::run(m_db, update, values);
    if (!q)
        return q.error();
    if (!q.value().next())
        return noSuchAccount();
    return {};
}

Result<void> StaffStore::updateKeepingAnAdmin(const QString &update, const QVariantList &values,
                                              qint64 staffId)
{
    // The UPDATE's own condition ("not the last active administrator") is not
    // enough on its own: under READ COMMITTED two administrators demoting each
    // other at once would each see the other still active in their snapshot,
    // both updates would go through, and no administrator would be left.
    // whileStillAllowed has locked all active administrators' rows, in id
    // order (two such transactions queue instead of deadlocking): the second
    // one waited until the first committed, and this UPDATE (a new statement,
    // so a new snapshot under READ COMMITTED) sees the first one's change.
    auto q = Sql::run(m_db, update, values);
    if (!q)
        return q.error();
    if (!q.value().next()) {
        auto exists = Sql::run(m_db, u"SELECT 1 FROM staff WHERE id = ?"_s, {staffId});
        if (!exists)
            return exists.error();
        if (!exists.value().next())
            return noSuchAccount();
        return StoreError::conflict(tr("This is the last active administrator. Make someone else "
                                       "an administrator first."));
    }
    return {};
}

Result<qint64> StaffStore::createFirstAdmin(const NewStaff &staff)
{
    NewStaff admin = staff;
    admin.role = Role::Admin;
    if (auto invalid = validate(admin))
        return *invalid;
    return insert(admin, PasswordHash::hash(admin.password), true);
}

Result<qint64> StaffStore::insert(const NewStaff &staff, const QString &hash, bool onlyIfEmpty)
{
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

Result<ManagerApproval> StaffStore::approveAsManager(const QString &login, const QString &secret,
                                                     qint64 shopId)
{
    auto who = authenticate(login, secret, shopId);
    if (!who)
        return who.error();
    if (!hasPermission(who->role, Permission::ManageOrders))
        return StoreError::permission(
            tr("%1 is not a manager and cannot approve this.").arg(who->displayName));
    return ManagerApproval(who->staffId, who->displayName);
}

Result<Actor> StaffStore::authenticate(const QString &login, const QString &secret, qint64 shopId)
{
    // One answer for an unknown login, a wrong password and a wrong PIN.
    const StoreError wrong =
        StoreError::invalid(u"password"_s, tr("Wrong login or password (or PIN)."));
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id, login, display_name, role, password_hash, pin_hash, active, "
              "greatest(0, ceil(extract(epoch FROM locked_until - now())))::int "
              "FROM staff WHERE login = ?"_s);
    // A login no account can have is not looked up (a NUL, say, would be a
    // database error) but answered like an unknown one.
    const QString normalized = login.trimmed().toLower();
    const bool possible = loginPattern().match(normalized).hasMatch();
    q.addBindValue(normalized);
    if (possible && !q.exec())
        return StoreError::database(q.lastError());
    if (!possible || !q.next()) {
        secretMatches(secret, dummyHash(), QString());
        return wrong;
    }
    const qint64 id = q.value(0).toLongLong();
    const int lockedSeconds = q.value(7).toInt();
    if (lockedSeconds > 120)
        return StoreError::locked(tr("Too many failed sign-ins. Try again in %Ln minute(s).",
                                     nullptr, (lockedSeconds + 59) / 60));
    if (lockedSeconds > 0)
        return StoreError::locked(
            tr("Too many failed sign-ins. Try again in %Ln second(s).", nullptr, lockedSeconds));
    if (!secretMatches(secret, q.value(4).toString(), q.value(5).toString())) {
        QSqlQuery fail(m_db);
        // Password and PIN failures count together; the fifth in a row locks
        // the account and starts the count afresh, and each lockout in a row
        // lasts twice as long as the one before. One statement (every SET
        // reads the row as it was), so two tills failing at once both count.
        fail.prepare(u"UPDATE staff SET "
                     "failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 "
                     "ELSE failed_logins + 1 END, "
                     "locked_until = CASE WHEN failed_logins + 1 >= ? THEN now() + "
                     "make_interval(secs => least(?, ? * power(2, least(lockouts, 16)))) "
                     "ELSE locked_until END, "
                     "lockouts = CASE WHEN failed_logins + 1 >= ? THEN lockouts + 1 "
                     "ELSE lockouts END "
                     "WHERE id = ?"_s);
        fail.addBindValue(kMaxFailedLogins);
        fail.addBindValue(kMaxFailedLogins);
        fail.addBindValue(kMaxLockoutSeconds);
        fail.addBindValue(kLockoutSeconds);
        fail.addBindValue(kMaxFailedLogins);
        fail.addBindValue(id);
        if (!fail.exec())
            return StoreError::database(fail.lastError());
        return wrong;
    }
    if (!q.value(6).toBool())
        return StoreError::permission(tr("This account is deactivated. Ask an administrator."));
    const auto role = roleFromKey(q.value(3).toString());
    if (!role)
        return StoreError::database(tr("The account has an unknown role."));

    // Only an account not locked meanwhile (by guesses made in parallel on
    // other tills) is let in: the lock is checked again as the count resets.
    QSqlQuery ok(m_db);
    ok.prepare(u"UPDATE staff SET failed_logins = 0, locked_until = NULL, lockouts = 0 "
               "WHERE id = ? AND (locked_until IS NULL OR locked_until <= now()) RETURNING id"_s);
    ok.addBindValue(id);
    if (!ok.exec())
        return StoreError::database(ok.lastError());
    if (!ok.next())
        return wrong; // locked meanwhile: a right guess must look like a wrong one

    Actor actor;
    actor.staffId = id;
    actor.login = q.value(1).toString();
    actor.displayName = q.value(2).toString();
    actor.role = *role;
    actor.shopId = shopId;
    return actor;
}

} // namespace shopdesk
