#include "ShiftStore.h"

#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"

#include <QJsonDocument>
#include <QJsonObject>
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

Result<qint64> ShiftStore::lockOpen(qint64 shopId, const QString &till)
{
    // FOR SHARE: sales at one till do not wait for each other, but the Z
    // report's UPDATE waits for every one of them to commit, so none lands
    // after the shift's totals were taken.
    auto q = Sql::run(m_db,
                      u"SELECT id FROM shifts WHERE shop_id = ? AND till = ? "
                      "AND closed_at IS NULL FOR SHARE"_s,
                      {shopId, till});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::conflict(
            tr("Till %1 has no open shift: open one with the float in the drawer first.").arg(till),
            u"shift"_s);
    return q.value().value(0).toLongLong();
}

Result<CashMovement> ShiftStore::moveCash(const Actor &actor, qint64 shopId, const QString &till,
                                          CashMovement::Direction direction, qint64 amount,
                                          const QString &reason)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (amount <= 0)
        return StoreError::invalid(u"amount"_s, tr("The amount must be more than zero."));
    if (reason.trimmed().isEmpty())
        return StoreError::invalid(u"reason"_s,
                                   tr("Say why the cash goes in or out (a top-up, a collection, "
                                      "what was bought)."));
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto shift = lockOpen(shopId, till);
    if (!shift)
        return shift.error();
    if (direction == CashMovement::Direction::Out) {
        auto report = this->report(shift.value());
        if (!report)
            return report.error();
        if (amount > report->expectedCash())
            return StoreError::invalid(
                u"amount"_s,
                tr("Only %1 should be in the drawer; %2 cannot be taken out.")
                    .arg(Money::format(report->expectedCash()), Money::format(amount)));
    }
    auto q =
        Sql::run(m_db,
                 u"INSERT INTO cash_movements (shift_id, staff_id, direction, amount, reason) "
                 "VALUES (:shift, :staff, :direction, :amount, :reason) RETURNING id, at"_s,
                 {{u":shift"_s, shift.value()},
                  {u":staff"_s, actor.staffId},
                  {u":direction"_s, direction == CashMovement::Direction::In ? u"in"_s : u"out"_s},
                  {u":amount"_s, amount},
                  {u":reason"_s, reason.trimmed()}});
    if (!q)
        return q.error();
    q.value().next();
    CashMovement made;
    made.id = q.value().value(0).toLongLong();
    made.at = q.value().value(1).toDateTime();
    made.direction = direction;
    made.amount = amount;
    made.reason = reason.trimmed();
    made.staff = actor.displayName;
    if (auto done = tx.commit(); !done)
        return done.error();
    return made;
}

Result<QList<CashMovement>> ShiftStore::movements(qint64 shiftId) const
{
    auto q = Sql::run(m_db,
                      u"SELECT m.id, m.direction, m.amount, m.reason, s.display_name, m.at "
                      "FROM cash_movements m JOIN staff s ON s.id = m.staff_id "
                      "WHERE m.shift_id = ? ORDER BY m.at, m.id"_s,
                      {shiftId});
    if (!q)
        return q.error();
    QList<CashMovement> list;
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        CashMovement m;
        m.id = row.value(0).toLongLong();
        m.direction = row.value(1).toString() == u"out"_s ? CashMovement::Direction::Out
                                                          : CashMovement::Direction::In;
        m.amount = row.value(2).toLongLong();
        m.reason = row.value(3).toString();
        m.staff = row.value(4).toString();
        m.at = row.value(5).toDateTime();
        list.append(m);
    }
    return list;
}

Result<ShiftReport> ShiftStore::report(qint64 shiftId) const
{
    // The sales and refunds this shift recorded (each carries its shift).
    auto q = Sql::run(
        m_db,
        u"WITH paid AS (SELECT paid_cash, paid_card FROM orders WHERE shift_id = :shift), "
        "refunds AS (SELECT method, amount FROM order_returns WHERE shift_id = :shift), "
        "moved AS (SELECT direction, amount FROM cash_movements WHERE shift_id = :shift) "
        "SELECT s.id, s.till, s.opened_at, s.closed_at, s.opening_cash, s.counted_cash, "
        "  o.display_name AS opened_by, c.display_name AS closed_by, "
        "  (SELECT count(*) FROM paid) AS sales, "
        "  (SELECT coalesce(sum(paid_cash), 0) FROM paid) AS cash, "
        "  (SELECT coalesce(sum(paid_card), 0) FROM paid) AS card, "
        "  (SELECT coalesce(sum(amount), 0) FROM refunds WHERE method = 'cash') AS refunded_cash, "
        "  (SELECT coalesce(sum(amount), 0) FROM refunds WHERE method = 'card') AS refunded_card, "
        "  (SELECT coalesce(sum(amount), 0) FROM moved WHERE direction = 'in') AS cash_in, "
        "  (SELECT coalesce(sum(amount), 0) FROM moved WHERE direction = 'out') AS cash_out "
        "FROM shifts s JOIN staff o ON o.id = s.opened_by LEFT JOIN staff c ON c.id = s.closed_by "
        "WHERE s.id = :shift"_s,
        {{u":shift"_s, shiftId}});
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
    r.openedBy = row.value(u"opened_by"_s).toString();
    r.closedBy = row.value(u"closed_by"_s).toString();
    r.openingCash = row.value(u"opening_cash"_s).toLongLong();
    if (!row.value(u"counted_cash"_s).isNull())
        r.countedCash = row.value(u"counted_cash"_s).toLongLong();
    r.sales = row.value(u"sales"_s).toInt();
    r.cash = row.value(u"cash"_s).toLongLong();
    r.card = row.value(u"card"_s).toLongLong();
    r.refundedCash = row.value(u"refunded_cash"_s).toLongLong();
    r.refundedCard = row.value(u"refunded_card"_s).toLongLong();
    r.cashIn = row.value(u"cash_in"_s).toLongLong();
    r.cashOut = row.value(u"cash_out"_s).toLongLong();
    auto moved = movements(shiftId);
    if (!moved)
        return moved.error();
    r.movements = moved.value();
    auto vat = vatTotals(shiftId);
    if (!vat)
        return vat.error();
    r.vat = vat.value();
    return r;
}

Result<QList<VatTotal>> ShiftStore::vatTotals(qint64 shiftId) const
{
    // The lines of the orders this shift was paid, less what this shift's
    // returns took back of each line, at the rate each line was sold at.
    auto q = Sql::run(
        m_db,
        u"WITH moves AS ("
        "  SELECT l.vat_code, l.vat_rate, l.net_amount AS amount, l.vat_amount AS vat "
        "  FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.shift_id = :shift "
        "  UNION ALL "
        "  SELECT l.vat_code, l.vat_rate, -b.net_amount, -b.vat_amount "
        "  FROM order_return_lines b JOIN order_returns r ON r.id = b.return_id "
        "  JOIN order_lines l ON l.order_id = b.order_id AND l.line_no = b.line_no "
        "  WHERE r.shift_id = :shift) "
        "SELECT vat_code, vat_rate, sum(amount), sum(vat) FROM moves "
        "GROUP BY vat_code, vat_rate ORDER BY coalesce(vat_rate, -1) DESC, vat_code"_s,
        {{u":shift"_s, shiftId}});
    if (!q)
        return q.error();
    QList<VatTotal> totals;
    while (q.value().next()) {
        VatTotal t;
        t.code = q.value().value(0).toString();
        if (!q.value().value(1).isNull())
            t.rateBp = q.value().value(1).toInt();
        t.amount = q.value().value(2).toLongLong();
        t.vat = q.value().value(3).toLongLong();
        totals.append(t);
    }
    return totals;
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

Result<ShiftReport> ShiftStore::close(const Actor &actor, qint64 shopId, const QString &till,
                                      const CashCount &counted)
{
    if (auto refused = checkPermission(actor.role, Permission::Sell))
        return *refused;
    if (const QString problem = counted.problem(); !problem.isEmpty())
        return StoreError::invalid(u"counted_cash"_s, problem);
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    // The row lock waits for sales still being recorded (they hold it FOR
    // SHARE), so the expected cash taken below is the final one.
    auto locked = Sql::run(m_db,
                           u"SELECT id FROM shifts WHERE shop_id = ? AND till = ? "
                           "AND closed_at IS NULL FOR UPDATE"_s,
                           {shopId, till});
    if (!locked)
        return locked.error();
    if (!locked.value().next())
        return StoreError::conflict(tr("Till %1 has no open shift to close.").arg(till));
    const qint64 shiftId = locked.value().value(0).toLongLong();
    auto before = report(shiftId);
    if (!before)
        return before.error();
    QJsonObject notes;
    for (auto it = counted.notes().begin(); it != counted.notes().end(); ++it)
        notes.insert(QString::number(it.key()), it.value());
    auto closed = Sql::run(
        m_db,
        u"UPDATE shifts SET closed_at = now(), closed_by = :staff, expected_cash = :expected, "
        "counted_cash = :counted, counted_notes = nullif(:notes, '')::jsonb WHERE id = :shift"_s,
        {{u":staff"_s, actor.staffId},
         {u":expected"_s, before->expectedCash()},
         {u":counted"_s, counted.total()},
         {u":notes"_s,
          counted.byDenomination()
              ? QString::fromUtf8(QJsonDocument(notes).toJson(QJsonDocument::Compact))
              : QString()},
         {u":shift"_s, shiftId}});
    if (!closed)
        return closed.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return report(shiftId);
}

} // namespace shopdesk
