#pragma once

#include "CashCount.h"
#include "ShiftReport.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// Shifts at a till: opened with the float in the drawer, cash put in or
// taken out with a reason, the X report at any time (running totals), and
// the Z report that counts the drawer and closes the shift. Every sale and
// refund at a till belongs to the shift open on it (lockOpen); without one
// the till does not sell.
class ShiftStore
{
    Q_DECLARE_TR_FUNCTIONS(ShiftStore)
public:
    explicit ShiftStore(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<qint64> open(const Actor &actor, qint64 shopId, const QString &till, qint64 openingCash);
    Result<std::optional<qint64>> current(qint64 shopId, const QString &till) const;
    // Inside the caller's transaction: the till's open shift, locked so that
    // it cannot close until the sale or refund being recorded is committed
    // (a Conflict saying so when the till has none).
    Result<qint64> lockOpen(qint64 shopId, const QString &till);
    // Cash into or out of the drawer of the till's open shift.
    Result<CashMovement> moveCash(const Actor &actor, qint64 shopId, const QString &till,
                                  CashMovement::Direction direction, qint64 amount,
                                  const QString &reason);
    // X: the open shift's totals so far.
    Result<ShiftReport> xReport(qint64 shopId, const QString &till) const;
    // Z: the drawer counted, the over or short recorded, the shift closed.
    Result<ShiftReport> close(const Actor &actor, qint64 shopId, const QString &till,
                              const CashCount &counted);
    // Any shift's report, closed or not.
    Result<ShiftReport> report(qint64 shiftId) const;

private:
    Result<QList<CashMovement>> movements(qint64 shiftId) const;
    Result<QList<VatTotal>> vatTotals(qint64 shiftId) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk
