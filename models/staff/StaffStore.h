#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/core/Role.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <optional>

namespace shopdesk {

struct NewStaff
{
    QString login;
    QString displayName;
    Role role = Role::Cashier;
    QString password;
};

// A staff member as a filter or a report names them.
struct StaffName
{
    qint64 id = 0;
    QString login;
    QString displayName;
};

// A staff account as the Staff page lists it. It never carries a hash.
struct StaffMember
{
    qint64 id = 0;
    QString login;
    QString displayName;
    Role role = Role::Cashier;
    bool active = true;
    bool hasPin = false;
    // Set only while the account is locked out (too many failed sign-ins).
    QDateTime lockedUntil;
    QDateTime createdAt;
};

// A manager's approval on the till (returns, price overrides): only
// StaffStore makes one, after checking the manager's password or PIN, so a
// store that takes one cannot be handed a manager's id on trust.
class ManagerApproval
{
public:
    qint64 staffId() const { return m_staffId; }
    QString displayName() const { return m_displayName; }

private:
    friend class StaffStore;
    ManagerApproval(qint64 staffId, QString displayName)
        : m_staffId(staffId), m_displayName(std::move(displayName))
    {
    }
    qint64 m_staffId = 0;
    QString m_displayName;
};

class StaffStore
{
    Q_DECLARE_TR_FUNCTIONS(StaffStore)
public:
    static constexpr int kMinPasswordLength = 8;
    static constexpr int kMinPinLength = 4;
    static constexpr int kMaxPinLength = 8;
    static constexpr int kMaxFailedLogins = 5;
    static constexpr int kLockoutSeconds = 60; // the first lockout
    static constexpr int kMaxLockoutSeconds = 3600; // each next one doubles, up to this

    explicit StaffStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // How many staff accounts exist (0 on a new database: the first admin must be made).
    Result<qint64> count() const;
    // Everyone who ever had an account (history names them), by name.
    Result<QList<StaffName>> names() const;

    // Administration. Each call is refused with a Permission error, writing
    // nothing, unless `actor` may ManageStaff (an administrator).

    // Every account, active or not, by login.
    Result<QList<StaffMember>> list(const Actor &actor) const;
    // Creates an account.
    Result<qint64> create(const Actor &actor, const NewStaff &staff);
    // Deactivates an account (it can no longer sign in or approve) or
    // activates it again. Administrators cannot deactivate themselves, and
    // the last active administrator is never deactivated (Conflict).
    Result<void> setActive(const Actor &actor, qint64 staffId, bool active);
    // Gives an account another role. Administrators cannot change their own
    // role, and the last active administrator is never demoted (Conflict).
    Result<void> changeRole(const Actor &actor, qint64 staffId, Role role);
    // A new password (the rules of validatePassword()); clears a lockout and
    // the count of failed sign-ins.
    Result<void> resetPassword(const Actor &actor, qint64 staffId, const QString &newPassword);
    // A PIN of kMinPinLength to kMaxPinLength digits for quick sign-in on the
    // till, stored as a salted hash like the password; an empty `pin` removes it.
    Result<void> setPin(const Actor &actor, qint64 staffId, const QString &pin);

    // Creates the first administrator of an empty database; refused once any
    // account exists, so it cannot be used to slip in a second admin.
    Result<qint64> createFirstAdmin(const NewStaff &staff);

    // Checks a login and its password or PIN (a PIN counts only when one is
    // set). Password and PIN share one count of failures: kMaxFailedLogins in
    // a row lock the account for kLockoutSeconds, each lockout after it in a
    // row for twice as long as the one before (at most kMaxLockoutSeconds),
    // until a good sign-in or a password reset. Deactivated accounts are
    // refused. The error never says whether the login, the password or the
    // PIN was wrong. The returned Actor is for `shopId`.
    Result<Actor> authenticate(const QString &login, const QString &secret, qint64 shopId);
    // A manager (or administrator) signing in on the till with their password
    // or PIN to approve something; the same lockout applies as for signing in.
    Result<ManagerApproval> approveAsManager(const QString &login, const QString &secret,
                                             qint64 shopId);

    // Validation shared by the forms and the store; each names the field at
    // fault ("login", "display_name", "password", "pin").
    static std::optional<StoreError> validate(const NewStaff &staff);
    static std::optional<StoreError> validatePassword(const QString &password);
    // An empty PIN is valid here: it means "no PIN".
    static std::optional<StoreError> validatePin(const QString &pin);

private:
    // ManageStaff, checked against the acting account as it is in the database now.
    std::optional<StoreError> stillAllowed(const Actor &actor) const;
    // `write` in one transaction after stillAllowed, with the active
    // administrators' rows locked first (see StaffStore.cpp).
    template<typename Write>
    auto whileStillAllowed(const Actor &actor, Write write) -> decltype(write());
    // `staff` validated, `hash` its password's.
    Result<qint64> insert(const NewStaff &staff, const QString &hash, bool onlyIfEmpty);
    Result<void> writeActive(const Actor &actor, qint64 staffId, bool active);
    Result<void> writeRole(const Actor &actor, qint64 staffId, Role role);
    // Runs `update` (an UPDATE of account `staffId` that RETURNs its id only
    // if it kept an active administrator); inside whileStillAllowed, which
    // holds the administrators' rows.
    Result<void> updateKeepingAnAdmin(const QString &update, const QVariantList &values,
                                      qint64 staffId);
    // Runs an UPDATE of one account that RETURNs its id; NotFound when none.
    Result<void> updateOne(const QString &update, const QVariantList &values);

    QSqlDatabase m_db;
};

} // namespace shopdesk
