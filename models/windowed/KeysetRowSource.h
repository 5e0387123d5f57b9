#pragma once

#include "RowSource.h"

#include <QMap>
#include <QMutex>
#include <QString>
#include <QVariantList>

#include <atomic>
#include <optional>

namespace shopdesk {

// Rows of one filtered query in (key, id) order, fetched without reading
// everything before them:
//  - the next block after a loaded one continues from its last (key, id);
//  - a far jump starts from a sparse index of every Nth (key, id), built in
//    the background, and skips at most N rows;
//  - a jump near the end reads the order backwards from the last row.
// Called only on the loader thread, which owns its caches.
class KeysetRowSource : public RowSource
{
public:
    struct Spec
    {
        QString from; // e.g. "customers c"
        QString columns; // the SELECT list
        QString where; // "WHERE ..." or empty; bound values in `values`
        QVariantList values;
        QString key; // sort expression, e.g. "c.last_name" (id breaks ties)
        // An expression the filter holds to one value (e.g. the shop), put
        // first in ORDER BY: the order is the same, and an index that begins
        // with it can then give the order over the filtered rows alone.
        QString constantLead;
        QString id; // e.g. "c.id"
        int keyColumn = 0; // where key and id sit in the SELECT list
        int idColumn = 0;
        bool descending = false;
        int sparseStep = 4096;
        // When set, count() answers with this first (the model shows it at
        // once) and the exact count follows.
        bool estimateWhenUnfiltered = false;
        // With fewer matches than this (once counted), the filter is applied
        // first behind a fence and only the matches are ordered: PostgreSQL
        // cannot estimate a substring search and might walk the sort index
        // through the whole table looking for a rare word. 0: never; the
        // largest qint64: always, before the count is known.
        qint64 fenceBelow = 0;
        // A filtered quickCount() counts up to this many matches (or up to
        // the fence, if that is more): fewer is the exact count, at once; as
        // many is a lower bound shown while the whole count runs beside the
        // first rows. 0 (and no fence): the count comes first.
        qint64 quickCountCap = 0;
        // With a fence, the quick count also reads this many first rows in
        // the same pass when the matches fit under its cap (0: it does not).
        int prefetchRows = 0;
        QString estimateSql;
    };

    explicit KeysetRowSource(Spec spec);

    Result<qint64> count(const QSqlDatabase &db) const override;
    std::optional<QuickCount> quickCount(const QSqlDatabase &db) const override;
    Result<QList<QVariantList>> rows(const QSqlDatabase &db, qint64 offset,
                                     int limit) const override;
    void warmUp(const QSqlDatabase &db) const override;
    bool needsWarmUp() const override { return true; }
    std::shared_ptr<const RowSource> fresh() const override;

private:
    using Key = QPair<QVariant, QVariant>; // (key, id)
    QString select(const QString &extraCondition, bool backward) const;
    QString orderKey(const QString &direction) const; // the sort key, led by constantLead
    bool alwaysFenced() const; // fenceBelow is the largest qint64: fenced at any count
    std::optional<QuickCount> countAndFirstRows(const QSqlDatabase &db, qint64 cap) const;
    Result<QList<QVariantList>> fetch(const QSqlDatabase &db, const QString &sql,
                                      const QVariantList &values) const;
    void remember(qint64 offset, const QList<QVariantList> &rows) const;
    std::optional<Key> sparseEntry(qint64 offset) const;

    Spec m_spec;
    mutable std::atomic<qint64> m_count {-1}; // written by a helper thread
    mutable QMap<qint64, Key> m_after; // offset -> (key, id) of the row before it
    mutable std::optional<QList<QVariantList>> m_firstRows; // read with the count
    // Built by the warm-up thread, read by the loader thread.
    mutable QMutex m_sparseMutex;
    mutable QList<Key> m_sparse; // entry i = (key, id) of row i * sparseStep
    mutable std::atomic<bool> m_sparseReady {false};
};

} // namespace shopdesk
