#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaType>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// The X and Z reports' numbers: a till's takings since its shift opened.
struct ShiftReport
{
    qint64 shiftId = 0;
    QString till;
    QDateTime openedAt;
    QDateTime closedAt; // set on the Z report
    int sales = 0; // paid orders
    qint64 cash = 0; // taken in cash (change already given back)
    qint64 card = 0;
    qint64 refundedCash = 0; // paid back at this till during the shift
    qint64 refundedCard = 0;
    qint64 openingCash = 0;
    qint64 expectedCash() const { return openingCash + cash - refundedCash; }
    qint64 total() const { return cash + card - refundedCash - refundedCard; }
};

// Shifts at a till: open with the float in the drawer, the X report at any
// time (running totals), the Z report closes the shift.
class ShiftStore
{
    Q_DECLARE_TR_FUNCTIONS(ShiftStore)
public:
    explicit ShiftStore(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<qint64> open(const Actor &actor, qint64 shopId, const QString &till, qint64 openingCash);
    Result<std::optional<qint64>> current(qint64 shopId, const QString &till) const;
    // X: the open shift's totals so far.
    Result<ShiftReport> xReport(qint64 shopId, const QString &till) const;
    // Z: the totals, and the shift is closed.
    Result<ShiftReport> close(const Actor &actor, qint64 shopId, const QString &till);

private:
    Result<ShiftReport> report(qint64 shiftId) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::ShiftReport)
