#pragma once

#include "Role.h"
#include "store/Actor.h"
#include "store/Result.h"

#include <QSqlDatabase>
#include <QString>

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

// A manager's approval on the till (returns, price overrides): only
// StaffStore makes one, after checking the manager's password, so a store
// that takes one cannot be handed a manager's id on trust.
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
public:
    static constexpr int kMinPasswordLength = 8;
    static constexpr int kMaxFailedLogins = 5;
    static constexpr int kLockoutSeconds = 60;

    explicit StaffStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // How many staff accounts exist (0 on a new database: the first admin must be made).
    Result<qint64> count() const;
    // Everyone who ever had an account (history names them), by name.
    Result<QList<StaffName>> names() const;

    // Creates an account; only an administrator may.
    Result<qint64> create(const Actor &actor, const NewStaff &staff);
    // Creates the first administrator of an empty database; refused once any
    // account exists, so it cannot be used to slip in a second admin.
    Result<qint64> createFirstAdmin(const NewStaff &staff);

    // Checks a login and password. Five failures in a row lock the account for
    // a minute. The returned Actor is for `shopId`.
    Result<Actor> authenticate(const QString &login, const QString &password, qint64 shopId);
    // A manager (or administrator) signing in on the till to approve
    // something; the same lockout applies as for signing in.
    Result<ManagerApproval> approveAsManager(const QString &login, const QString &password,
                                             qint64 shopId);

    // Validation shared by the forms and the store; names the field at fault.
    static std::optional<StoreError> validate(const NewStaff &staff);

private:
    Result<qint64> insert(const NewStaff &staff, bool onlyIfEmpty);

    QSqlDatabase m_db;
};

} // namespace shopdesk
