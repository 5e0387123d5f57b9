#pragma once

#include "StaffStore.h"

#include <QFuture>

namespace shopdesk {

// Staff accounts and signing in, for the pages and dialogs: each call runs
// StaffStore on a pool thread's own connection and answers through its
// future (see whenReady). Changes are made as `actor` (an administrator).
class StaffService
{
public:
    explicit StaffService(Actor actor = {}) : m_actor(std::move(actor)) { }

    QFuture<Result<QList<StaffMember>>> list() const;
    QFuture<Result<QList<StaffName>>> names() const;
    QFuture<Result<qint64>> create(const NewStaff &staff) const;
    QFuture<Result<void>> setActive(qint64 staffId, bool active) const;
    QFuture<Result<void>> changeRole(qint64 staffId, Role role) const;
    QFuture<Result<void>> resetPassword(qint64 staffId, const QString &newPassword) const;
    QFuture<Result<void>> setPin(qint64 staffId, const QString &pin) const;

    // Signing in with a password or a PIN at `shopId` (lockouts apply).
    QFuture<Result<Actor>> authenticate(const QString &login, const QString &secret,
                                        qint64 shopId) const;
    // A manager's password or PIN approving something at the till.
    QFuture<Result<ManagerApproval>> approveAsManager(const QString &login, const QString &secret,
                                                      qint64 shopId) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
