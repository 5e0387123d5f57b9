#pragma once

#include "models/core/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QVariantList>

#include <memory>
#include <optional>

namespace shopdesk {

// What a windowed model shows: one filter and sort order, frozen. The loader
// thread calls it with its own connection; it must not touch anything else.
class RowSource
{
public:
    virtual ~RowSource() = default;
    // How many rows there are.
    virtual Result<qint64> count(const QSqlDatabase &db) const = 0;
    // Rows [offset, offset + limit), each a list of column values.
    virtual Result<QList<QVariantList>> rows(const QSqlDatabase &db, qint64 offset,
                                             int limit) const = 0;
    // A cheap count to show before count() finishes, if there is one: an
    // approximation (count() follows), or the exact count when it came cheap.
    struct QuickCount
    {
        qint64 rows = 0;
        bool exact = false;
    };
    virtual std::optional<QuickCount> quickCount(const QSqlDatabase &) const
    {
        return std::nullopt;
    }
    // Background preparation when the loader is idle (e.g. a sparse index).
    virtual void warmUp(const QSqlDatabase &) const { }
    virtual bool needsWarmUp() const { return false; }
    // The same query without anything learned about the data so far (for a
    // refresh after the data changed).
    virtual std::shared_ptr<const RowSource> fresh() const = 0;
};

using RowSourcePtr = std::shared_ptr<const RowSource>;

} // namespace shopdesk
