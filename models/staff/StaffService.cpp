#include "StaffService.h"

#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<QList<StaffMember>>> StaffService::list() const
{
    return onDatabase(
        [actor = m_actor](const QSqlDatabase &db) { return StaffStore(db).list(actor); });
}

QFuture<Result<QList<StaffName>>> StaffService::names() const
{
    return onDatabase([](const QSqlDatabase &db) { return StaffStore(db).names(); });
}

QFuture<Result<qint64>> StaffService::create(const NewStaff &staff) const
{
    return onDatabase([actor = m_actor, staff](const QSqlDatabase &db) {
        return StaffStore(db).create(actor, staff);
    });
}

QFuture<Result<void>> StaffService::setActive(qint64 staffId, bool active) const
{
    return onDatabase([actor = m_actor, staffId, active](const QSqlDatabase &db) {
        return StaffStore(db).setActive(actor, staffId, active);
    });
}

QFuture<Result<void>> StaffService::changeRole(qint64 staffId, Role role) const
{
    return onDatabase([actor = m_actor, staffId, role](const QSqlDatabase &db) {
        return StaffStore(db).changeRole(actor, staffId, role);
    });
}

QFuture<Result<void>> StaffService::resetPassword(qint64 staffId, const QString &newPassword) const
{
    return onDatabase([actor = m_actor, staffId, newPassword](const QSqlDatabase &db) {
        return StaffStore(db).resetPassword(actor, staffId, newPassword);
    });
}

QFuture<Result<void>> StaffService::setPin(qint64 staffId, const QString &pin) const
{
    return onDatabase([actor = m_actor, staffId, pin](const QSqlDatabase &db) {
        return StaffStore(db).setPin(actor, staffId, pin);
    });
}

QFuture<Result<Actor>> StaffService::authenticate(const QString &login, const QString &secret,
                                                  qint64 shopId) const
{
    return onDatabase([login, secret, shopId](const QSqlDatabase &db) {
        return StaffStore(db).authenticate(login, secret, shopId);
    });
}

QFuture<Result<ManagerApproval>>
StaffService::approveAsManager(const QString &login, const QString &secret, qint64 shopId) const
{
    return onDatabase([login, secret, shopId](const QSqlDatabase &db) {
        return StaffStore(db).approveAsManager(login, secret, shopId);
    });
}

} // namespace shopdesk
