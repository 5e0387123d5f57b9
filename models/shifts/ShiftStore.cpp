#include "ShiftStore.h"

#include "models/core/Permissions.h"
#include "models/core/Sql.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<qint64> ShiftStore::open(const Actor &actor, qint64 shopId, const QString &till,
                                qint64 openingCash)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (openingCash < 0)
        return StoreError::invalid(u"opening_cash"_s, tr("The float cannot be negative."));
    auto q = Sql::run(m_db,
                      u"INSERT INTO shifts (shop_id, till, opened_by, opening_cash) "
                      "VALUES (?, ?, ?, ?) ON CONFLICT (shop_id, till) WHERE closed_at IS NULL "
                      "DO NOTHING RETURNING id"_s,
                      {shopId, till, actor.staffId, openingCash});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::conflict(
            tr("Till %1 already has an open shift; close it with a Z report first.").arg(till));
    return q.value().value(0).toLongLong();
}

Result<std::optional<qint64>> ShiftStore::current(qint64 shopId, const QString &till) const
{
    auto q = Sql::run(
        m_db, u"SELECT id FROM shifts WHERE shop_id = ? AND till = ? AND closed_at IS NULL"_s,
        {shopId, till});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value().value(0).toLongLong());
}

Result<ShiftReport> ShiftStore::report(qint64 shiftId) const
{
    // Sales paid and refunds paid out at this till while the shift was open.
    auto q = Sql::run(
        m_db,
        u"WITH s AS (SELECT * FROM shifts WHERE id = ?), "
        "paid AS (SELECT o.* FROM orders o, s WHERE o.shop_id = s.shop_id AND o.till = s.till "
        "  AND o.paid_at >= s.opened_at AND o.paid_at < coalesce(s.closed_at, 'infinity')), "
        "refunds AS (SELECT r.* FROM order_returns r, s WHERE r.shop_id = s.shop_id "
        "  AND r.till = s.till AND r.at >= s.opened_at "
        "  AND r.at < coalesce(s.closed_at, 'infinity')) "
        "SELECT s.id, s.till, s.opened_at, s.closed_at, s.opening_cash, "
        "  (SELECT count(*) FROM paid) AS sales, "
        "  (SELECT coalesce(sum(paid_cash), 0) FROM paid) AS cash, "
        "  (SELECT coalesce(sum(paid_card), 0) FROM paid) AS card, "
        "  (SELECT coalesce(sum(amount), 0) FROM refunds WHERE method = 'cash') AS refunded_cash, "
        "  (SELECT coalesce(sum(amount), 0) FROM refunds WHERE method = 'card') AS refunded_card "
        "FROM s"_s,
        {shiftId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no shift %1.").arg(shiftId));
    const QSqlRecord row = q.value().record();
    ShiftReport r;
    r.shiftId = row.value(u"id"_s).toLongLong();
    r.till = row.value(u"till"_s).toString();
    r.openedAt = row.value(u"opened_at"_s).toDateTime();
    r.closedAt = row.value(u"closed_at"_s).toDateTime();
    r.openingCash = row.value(u"opening_cash"_s).toLongLong();
    r.sales = row.value(u"sales"_s).toInt();
    r.cash = row.value(u"cash"_s).toLongLong();
    r.card = row.value(u"card"_s).toLongLong();
    r.refundedCash = row.value(u"refunded_cash"_s).toLongLong();
    r.refundedCard = row.value(u"refunded_card"_s).toLongLong();
    return r;
}

Result<ShiftReport> ShiftStore::xReport(qint64 shopId, const QString &till) const
{
    auto id = current(shopId, till);
    if (!id)
        return id.error();
    if (!id.value())
        return StoreError::notFound(tr("Till %1 has no open shift.").arg(till));
    return report(*id.value());
}

Result<ShiftReport> ShiftStore::close(const Actor &actor, qint64 shopId, const QString &till)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    auto q = Sql::run(m_db,
                      u"UPDATE shifts SET closed_at = now(), closed_by = ? WHERE shop_id = ? "
                      "AND till = ? AND closed_at IS NULL RETURNING id"_s,
                      {actor.staffId, shopId, till});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::conflict(tr("Till %1 has no open shift to close.").arg(till));
    return report(q.value().value(0).toLongLong());
}

} // namespace shopdesk
