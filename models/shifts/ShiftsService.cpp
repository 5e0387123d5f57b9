#include "ShiftsService.h"

#include "ShiftStore.h"
#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<std::optional<ShiftReport>>> ShiftsService::current() const
{
    return onDatabase([shopId = m_shopId, till = m_till](
                          const QSqlDatabase &db) -> Result<std::optional<ShiftReport>> {
        ShiftStore shifts(db);
        auto id = shifts.current(shopId, till);
        if (!id)
            return id.error();
        if (!id.value())
            return std::optional<ShiftReport>();
        auto report = shifts.report(*id.value());
        if (!report)
            return report.error();
        return std::optional<ShiftReport>(report.value());
    });
}

QFuture<Result<ShiftReport>> ShiftsService::open(qint64 openingCash) const
{
    return onDatabase([actor = m_actor, shopId = m_shopId, till = m_till,
                       openingCash](const QSqlDatabase &db) -> Result<ShiftReport> {
        ShiftStore shifts(db);
        auto opened = shifts.open(actor, shopId, till, openingCash);
        if (!opened)
            return opened.error();
        return shifts.report(opened.value());
    });
}

QFuture<Result<ShiftReport>> ShiftsService::moveCash(CashMovement::Direction direction,
                                                     qint64 amount, const QString &reason) const
{
    return onDatabase([actor = m_actor, shopId = m_shopId, till = m_till, direction, amount,
                       reason](const QSqlDatabase &db) -> Result<ShiftReport> {
        ShiftStore shifts(db);
        auto moved = shifts.moveCash(actor, shopId, till, direction, amount, reason);
        if (!moved)
            return moved.error();
        return shifts.xReport(shopId, till);
    });
}

QFuture<Result<ShiftReport>> ShiftsService::close(const CashCount &counted) const
{
    return onDatabase(
        [actor = m_actor, shopId = m_shopId, till = m_till, counted](const QSqlDatabase &db) {
            return ShiftStore(db).close(actor, shopId, till, counted);
        });
}

} // namespace shopdesk
