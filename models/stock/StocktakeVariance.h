#pragma once

#include "models/core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace shopdesk {

// One counted line of a stocktake set against what the system held when it
// was counted, and what the difference is worth at today's price.
struct StocktakeVarianceLine
{
    QString plu;
    QString name;
    bool soldByWeight = false; // the quantities are grams, the price per kilogram
    int expectedQty = 0; // the system's quantity at the count
    int countedQty = 0;
    qint64 price = 0; // minor units

    int difference() const { return countedQty - expectedQty; }
    // Minor units, negative for a shortfall; a weighed line rounded to the
    // kopeck, half away from zero.
    qint64 value() const;
};

// The variance sheet shown before a count is committed: its rows as people
// read them, its totals, and the same sheet as a CSV file.
class StocktakeVariance
{
    Q_DECLARE_TR_FUNCTIONS(StocktakeVariance)
public:
    static QStringList headers();
    // PLU, product, expected, counted, difference (weighed in kg), value.
    static QStringList row(const StocktakeVarianceLine &line);
    static qint64 totalValue(const QList<StocktakeVarianceLine> &lines);
    // Writes the sheet (headers, a row per line, the total) to `path` as
    // CSV, whole or not at all; answers the number of lines written.
    static Result<qint64> writeCsv(const QString &path, const QList<StocktakeVarianceLine> &lines);
};

} // namespace shopdesk
