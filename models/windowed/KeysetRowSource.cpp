#include "KeysetRowSource.h"

#include "models/core/Sql.h"

#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
constexpr qsizetype kMaxAnchors = 4096;
}

KeysetRowSource::KeysetRowSource(Spec spec) : m_spec(std::move(spec)) { }

std::shared_ptr<const RowSource> KeysetRowSource::fresh() const
{
    return std::make_shared<KeysetRowSource>(m_spec);
}

Result<qint64> KeysetRowSource::count(const QSqlDatabase &db) const
{
    auto n = Sql::scalar(db, u"SELECT count(*) FROM %1 %2"_s.arg(m_spec.from, m_spec.where),
                         m_spec.values);
    if (!n)
        return n.error();
    m_count = n.value().toLongLong();
    return m_count.load();
}

std::optional<RowSource::QuickCount> KeysetRowSource::quickCount(const QSqlDatabase &db) const
{
    if (!m_spec.where.isEmpty()) {
        // Filtered: whether there are fewer matches than the fence decides
        // the plan, so that much counting is needed anyway (a source fenced
        // at any count needs only its own cap). Counting past it (a third of
        // a million rows can take 100 ms) need not hold up the first rows:
        // the whole count follows in the background.
        const qint64 cap =
            alwaysFenced() ? m_spec.quickCountCap : qMax(m_spec.fenceBelow, m_spec.quickCountCap);
        if (cap <= 0)
            return std::nullopt;
        if (m_spec.fenceBelow > 0 && m_spec.prefetchRows > 0)
            return countAndFirstRows(db, cap);
        QVariantList values = m_spec.values;
        values << cap + 1;
        auto n = Sql::scalar(db,
                             u"SELECT count(*) FROM (SELECT 1 FROM %1 %2 LIMIT ?) capped"_s.arg(
                                 m_spec.from, m_spec.where),
                             values);
        if (!n)
            return std::nullopt; // count() will report the error
        const qint64 rows = n.value().toLongLong();
        if (rows <= cap) {
            m_count = rows;
            return QuickCount {rows, true};
        }
        return QuickCount {cap, false}; // more than the cap
    }
    if (!m_spec.estimateWhenUnfiltered || m_spec.estimateSql.isEmpty())
        return std::nullopt;
    auto n = Sql::scalar(db, m_spec.estimateSql);
    if (!n || n.value().toLongLong() <= 0)
        return std::nullopt;
    return QuickCount {n.value().toLongLong(), false};
}

std::optional<RowSource::QuickCount> KeysetRowSource::countAndFirstRows(const QSqlDatabase &db,
                                                                        qint64 cap) const
{
    // A fenced source reads every match to sort them: with no more than the
    // cap, the count and the first rows come from that one read. Beyond the
    // cap the matches read are not all of them, and no rows are kept.
    const QString alias = m_spec.from.section(u' ', -1);
    const QString direction = m_spec.descending ? u" DESC"_s : QString();
    const QString sql =
        u"WITH m AS MATERIALIZED (SELECT %1.* FROM %2 %3 LIMIT ?) "
        "SELECT c.n, f.* FROM (SELECT count(*) AS n FROM m) c LEFT JOIN LATERAL "
        "(SELECT %4 FROM m %1 ORDER BY %5%6, %7%6 LIMIT CASE WHEN c.n <= ? THEN ? ELSE 0 END) f "
        "ON true"_s.arg(alias, m_spec.from, m_spec.where, m_spec.columns, orderKey(direction),
                        direction, m_spec.id);
    QVariantList values = m_spec.values;
    values << cap + 1 << cap << m_spec.prefetchRows;
    auto q = Sql::run(db, sql, values);
    if (!q)
        return std::nullopt; // count() will report the error
    QList<QVariantList> rows;
    qint64 n = -1;
    const int columns = q.value().record().count();
    while (q.value().next()) {
        n = q.value().value(0).toLongLong();
        if (q.value().isNull(1 + m_spec.idColumn))
            continue; // no match: the one row carries only the count
        QVariantList row;
        row.reserve(columns - 1);
        for (int c = 1; c < columns; ++c)
            row.append(q.value().value(c));
        rows.append(row);
    }
    if (n < 0)
        return std::nullopt;
    if (n > cap)
        return QuickCount {cap, false}; // more than the cap
    m_count = n;
    m_firstRows = std::move(rows);
    return QuickCount {n, true};
}

bool KeysetRowSource::alwaysFenced() const
{
    return m_spec.fenceBelow == std::numeric_limits<qint64>::max();
}

QString KeysetRowSource::orderKey(const QString &direction) const
{
    if (m_spec.constantLead.isEmpty())
        return m_spec.key;
    return m_spec.constantLead + direction + u", "_s + m_spec.key;
}

QString KeysetRowSource::select(const QString &extraCondition, bool backward) const
{
    QString from = m_spec.from;
    QString where = m_spec.where;
    const qint64 count = m_count.load();
    const bool fenced =
        alwaysFenced() || (m_spec.fenceBelow > 0 && count >= 0 && count < m_spec.fenceBelow);
    if (fenced && !where.isEmpty()) {
        // The alias stays the same, so the column references still hold.
        const QString alias = m_spec.from.section(u' ', -1);
        from = u"(SELECT %1.* FROM %2 %3 OFFSET 0) %1"_s.arg(alias, m_spec.from, where);
        where.clear();
    }
    if (!extraCondition.isEmpty())
        where = where.isEmpty() ? QString(u"WHERE "_s + extraCondition)
                                : QString(where + u" AND "_s + extraCondition);
    const bool descending = m_spec.descending != backward;
    const QString direction = descending ? u" DESC"_s : QString();
    return u"SELECT %1 FROM %2 %3 ORDER BY %4%5, %6%5"_s.arg(
        m_spec.columns, from, where, orderKey(direction), direction, m_spec.id);
}

Result<QList<QVariantList>> KeysetRowSource::fetch(const QSqlDatabase &db, const QString &sql,
                                                   const QVariantList &values) const
{
    auto q = Sql::run(db, sql, values);
    if (!q)
        return q.error();
    QList<QVariantList> rows;
    const int columns = q.value().record().count();
    while (q.value().next()) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(q.value().value(c));
        rows.append(row);
    }
    return rows;
}

void KeysetRowSource::remember(qint64 offset, const QList<QVariantList> &rows) const
{
    if (rows.isEmpty())
        return;
    if (m_after.size() > kMaxAnchors)
        m_after.clear();
    const QVariantList &last = rows.constLast();
    m_after.insert(offset + rows.size(), {last.at(m_spec.keyColumn), last.at(m_spec.idColumn)});
}

Result<QList<QVariantList>> KeysetRowSource::rows(const QSqlDatabase &db, qint64 offset,
                                                  int limit) const
{
    const QString after = m_spec.descending ? u"(%1, %2) < (?, ?)"_s : u"(%1, %2) > (?, ?)"_s;
    const QString from = m_spec.descending ? u"(%1, %2) <= (?, ?)"_s : u"(%1, %2) >= (?, ?)"_s;
    QVariantList values = m_spec.values;
    Result<QList<QVariantList>> result = QList<QVariantList>();

    const qint64 fromEnd = m_count >= 0 ? m_count - offset : -1;
    const bool prefetched =
        m_firstRows && (limit <= m_firstRows->size() || m_firstRows->size() == m_count.load());
    if (offset == 0 && prefetched) {
        // Read with the count (countAndFirstRows).
        result = m_firstRows->mid(0, limit);
    } else if (offset == 0) {
        values << limit;
        result = fetch(db, select({}, false) + u" LIMIT ?"_s, values);
    } else if (auto anchor = m_after.constFind(offset); anchor != m_after.cend()) {
        // The next block: continue right after the last row we have.
        values << anchor->first << anchor->second << limit;
        result = fetch(db, select(after.arg(m_spec.key, m_spec.id), false) + u" LIMIT ?"_s, values);
    } else if (fromEnd > 0 && fromEnd <= qMax<qint64>(offset, 2 * qint64(m_spec.sparseStep)) &&
               (!m_sparseReady || fromEnd <= 2 * qint64(m_spec.sparseStep))) {
        // Near the end: read the order backwards from the last row.
        const qint64 take = qMin<qint64>(limit, fromEnd);
        values << take << (fromEnd - take);
        result = fetch(db, select({}, true) + u" LIMIT ? OFFSET ?"_s, values);
        if (result)
            std::reverse(result.value().begin(), result.value().end());
    } else if (const auto sampled = sparseEntry(offset)) {
        // A far jump: start at the nearest sampled key before it.
        const qsizetype entry = qsizetype(offset / m_spec.sparseStep);
        const Key &key = *sampled;
        values << key.first << key.second << limit << (offset - qint64(entry) * m_spec.sparseStep);
        result = fetch(db, select(from.arg(m_spec.key, m_spec.id), false) + u" LIMIT ? OFFSET ?"_s,
                       values);
    } else {
        values << limit << offset;
        result = fetch(db, select({}, false) + u" LIMIT ? OFFSET ?"_s, values);
    }
    if (result)
        remember(offset, result.value());
    return result;
}

void KeysetRowSource::warmUp(const QSqlDatabase &db) const
{
    if (m_sparseReady)
        return;
    const QString direction = m_spec.descending ? u" DESC"_s : QString();
    // One pass over the filtered order, keeping every Nth (key, id).
    const QString sql =
        u"SELECT k, i FROM (SELECT %1 AS k, %2 AS i, row_number() OVER (ORDER BY "
        "%3%6, %2%6) - 1 AS rn FROM %4 %5) t WHERE rn % %7 = 0 ORDER BY rn"_s
            .arg(m_spec.key, m_spec.id, orderKey(direction), m_spec.from, m_spec.where, direction)
            .arg(m_spec.sparseStep);
    auto q = Sql::run(db, sql, m_spec.values);
    if (!q)
        return;
    QList<Key> sparse;
    while (q.value().next())
        sparse.append({q.value().value(0), q.value().value(1)});
    QMutexLocker locker(&m_sparseMutex);
    m_sparse = std::move(sparse);
    m_sparseReady = true;
}

std::optional<KeysetRowSource::Key> KeysetRowSource::sparseEntry(qint64 offset) const
{
    if (!m_sparseReady)
        return std::nullopt;
    QMutexLocker locker(&m_sparseMutex);
    const qint64 entry = offset / m_spec.sparseStep;
    if (entry >= m_sparse.size())
        return std::nullopt;
    return m_sparse.at(qsizetype(entry));
}

} // namespace shopdesk
