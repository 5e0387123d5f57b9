#include "HistoryStore.h"

#include "HistoryModel.h"
#include "models/core/Sql.h"

#include <QCoreApplication>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The names come from small lookups per row: a page is at most a thousand
// rows, and joins would let the planner leave the (time, id) index.
const QString kColumns =
    u"h.id, h.at, h.shop_id, (SELECT name FROM shops WHERE id = h.shop_id), h.product_id, h.plu, "
    "(SELECT name FROM products WHERE id = h.product_id), h.action, h.shelf_delta, "
    "h.order_delta, coalesce(h.shelf_after, 0), coalesce(h.order_after, 0), "
    "coalesce(h.staff_id, 0), (SELECT display_name FROM staff WHERE id = h.staff_id), "
    "coalesce(h.approved_by, 0), (SELECT display_name FROM staff WHERE id = h.approved_by), "
    "coalesce(h.order_id, 0), (SELECT number FROM orders WHERE id = h.order_id), h.reason, "
    // exact microseconds since the epoch, for the cursor
    "(extract(epoch FROM h.at) * 1000000)::bigint, "
    "coalesce((SELECT sold_by_weight FROM products WHERE id = h.product_id), false)"_s;
const QString kOrder = u"ORDER BY h.at DESC, h.id DESC"_s;

QString withCondition(const QString &where, const QString &extra)
{
    if (where.isEmpty())
        return extra.isEmpty() ? QString() : u"WHERE "_s + extra;
    return extra.isEmpty() ? where : where + u" AND "_s + extra;
}

std::optional<StoreError> checkLimit(int limit)
{
    if (limit < 1 || limit > HistoryStore::kMaxPageSize)
        return StoreError::invalid(u"limit"_s,
                                   HistoryStore::tr("The page size must be from 1 to %1.")
                                       .arg(HistoryStore::kMaxPageSize));
    return std::nullopt;
}

} // namespace

HistoryEntry HistoryStore::entryFromQuery(const QSqlQuery &q)
{
    HistoryEntry e;
    e.id = q.value(0).toLongLong();
    e.at = q.value(1).toDateTime();
    e.shopId = q.value(2).toLongLong();
    e.shopName = q.value(3).toString();
    e.productId = q.value(4).toLongLong();
    e.plu = q.value(5).toString();
    e.productName = q.value(6).toString();
    e.action = q.value(7).toString();
    e.shelfDelta = q.value(8).toInt();
    e.orderDelta = q.value(9).toInt();
    e.shelfAfter = q.value(10).toInt();
    e.orderAfter = q.value(11).toInt();
    e.staffId = q.value(12).toLongLong();
    e.staffName = q.value(13).toString();
    e.approvedBy = q.value(14).toLongLong();
    e.approverName = q.value(15).toString();
    e.orderId = q.value(16).toLongLong();
    e.orderNumber = q.value(17).toString();
    e.reason = q.value(18).toString();
    e.cursor = HistoryCursor {q.value(19).toLongLong(), e.id};
    e.soldByWeight = q.value(20).toBool();
    return e;
}

std::optional<StoreError> HistoryStore::refused() const
{
    return checkPermission(m_reader.role, Permission::ViewHistory);
}

Result<QString> HistoryStore::exportSql(const HistoryFilter &filter, QVariantList *values) const
{
    if (auto no = refused())
        return *no;
    if (auto invalid = filter.validate())
        return *invalid;
    return u"SELECT %1 FROM history h %2 %3"_s.arg(kColumns, filter.whereClause(values), kOrder);
}

Result<CsvExport::Job> HistoryStore::exportJob(const Actor &reader, const HistoryFilter &filter)
{
    CsvExport::Job job;
    // Builds the SELECT only: no connection is needed, none is used.
    auto sql = HistoryStore(QSqlDatabase(), reader).exportSql(filter, &job.values);
    if (!sql)
        return sql.error();
    job.sql = sql.value();
    job.headers = {tr("Time"),         tr("Shop"),        tr("PLU"),          tr("Product"),
                   tr("Action code"),  tr("Action"),      tr("Shelf change"), tr("Shelf after"),
                   tr("Order change"), tr("Order after"), tr("Unit"),         tr("Staff"),
                   tr("Approved by"),  tr("Order"),       tr("Reason")};
    // The action's code for other programs beside its name for people; times
    // with their offset; goods sold by weight in kilograms.
    job.format = [](const QSqlQuery &q, const CsvFormat &csv) {
        const HistoryEntry e = entryFromQuery(q);
        return QStringList {csv.time(e.at),
                            e.shopName,
                            e.plu,
                            e.productName,
                            e.action,
                            HistoryModel::actionText(e.action),
                            csv.quantity(e.shelfDelta, e.soldByWeight),
                            csv.quantity(e.shelfAfter, e.soldByWeight),
                            csv.quantity(e.orderDelta, e.soldByWeight),
                            csv.quantity(e.orderAfter, e.soldByWeight),
                            CsvFormat::unit(e.soldByWeight),
                            e.staffName,
                            e.approverName,
                            e.orderNumber,
                            e.reason};
    };
    return job;
}

Result<HistoryRows> HistoryStore::fetch(const QString &sql, const QVariantList &values,
                                        int limit) const
{
    auto q = Sql::run(m_db, sql, values);
    if (!q)
        return q.error();
    HistoryRows page;
    while (q.value().next())
        page.entries.append(entryFromQuery(q.value()));
    // One row more than the page was asked for: it says there is a next page.
    if (page.entries.size() > limit) {
        page.entries.removeLast();
        page.next = page.entries.constLast().cursor;
    }
    return page;
}

Result<HistoryRows> HistoryStore::page(const HistoryFilter &filter,
                                       const std::optional<HistoryCursor> &after, int limit) const
{
    if (auto no = refused())
        return *no;
    if (auto invalid = filter.validate())
        return *invalid;
    if (auto invalid = checkLimit(limit))
        return *invalid;
    QVariantList values;
    QString where = filter.whereClause(&values);
    if (after) {
        // A row comparison the (at DESC, id DESC) indexes answer directly;
        // the instant is rebuilt from whole microseconds, so it is exact.
        where = withCondition(
            where,
            u"(h.at, h.id) < ('epoch'::timestamptz + ?::bigint * interval '1 microsecond', "
            "?::bigint)"_s);
        values << after->atMicros << after->id;
    }
    return fetch(
        u"SELECT %1 FROM history h %2 %3 LIMIT %4"_s.arg(kColumns, where, kOrder).arg(limit + 1),
        values, limit);
}

Result<HistoryRows> HistoryStore::pageAt(const HistoryFilter &filter, qint64 offset,
                                         int limit) const
{
    if (auto no = refused())
        return *no;
    if (auto invalid = filter.validate())
        return *invalid;
    if (auto invalid = checkLimit(limit))
        return *invalid;
    if (offset < 0)
        return StoreError::invalid(u"page"_s, tr("The page number must be 1 or more."));
    QVariantList values;
    const QString where = filter.whereClause(&values);
    values << offset;
    return fetch(u"SELECT %1 FROM history h %2 %3 LIMIT %4 OFFSET ?"_s.arg(kColumns, where, kOrder)
                     .arg(limit + 1),
                 values, limit);
}

Result<qint64> HistoryStore::countUpTo(const HistoryFilter &filter, qint64 cap) const
{
    if (auto no = refused())
        return *no;
    if (auto invalid = filter.validate())
        return *invalid;
    QVariantList values;
    const QString where = filter.whereClause(&values);
    values << cap + 1;
    auto n = Sql::scalar(
        m_db, u"SELECT count(*) FROM (SELECT 1 FROM history h %1 LIMIT ?) capped"_s.arg(where),
        values);
    if (!n)
        return n.error();
    return n.value().toLongLong();
}

Result<std::optional<HistoryEntry>> HistoryStore::byId(qint64 id) const
{
    if (auto no = refused())
        return *no;
    auto q = Sql::run(m_db, u"SELECT %1 FROM history h WHERE h.id = ?"_s.arg(kColumns), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<HistoryEntry>();
    return std::optional<HistoryEntry>(entryFromQuery(q.value()));
}

} // namespace shopdesk
