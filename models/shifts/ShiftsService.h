#pragma once

#include "CashCount.h"
#include "ShiftReport.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QFuture>

#include <optional>

namespace shopdesk {

// One till's shift for the pages (the till and the Orders page): every call
// runs ShiftStore on a pool thread's own connection, as `actor`, and answers
// through its future (see whenReady).
class ShiftsService
{
public:
    ShiftsService(Actor actor, qint64 shopId, QString till)
        : m_actor(std::move(actor)), m_shopId(shopId), m_till(std::move(till))
    {
    }

    // The open shift's X report, or nullopt when the till has none open.
    QFuture<Result<std::optional<ShiftReport>>> current() const;
    // Opened with the float; its X report back.
    QFuture<Result<ShiftReport>> open(qint64 openingCash) const;
    // Cash in or out with its reason; the X report after it.
    QFuture<Result<ShiftReport>> moveCash(CashMovement::Direction direction, qint64 amount,
                                          const QString &reason) const;
    // The Z report: the drawer counted, the shift closed.
    QFuture<Result<ShiftReport>> close(const CashCount &counted) const;

private:
    Actor m_actor;
    qint64 m_shopId;
    QString m_till;
};

} // namespace shopdesk
