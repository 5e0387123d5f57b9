#include "StocktakeVariance.h"

#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/export/CsvWriter.h"

#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace shopdesk {

qint64 StocktakeVarianceLine::value() const
{
    const qint64 amount = qint64(difference()) * price;
    if (!soldByWeight)
        return amount;
    const qint64 half = Quantity::kGramsPerKg / 2;
    return amount >= 0 ? (amount + half) / Quantity::kGramsPerKg
                       : -((-amount + half) / Quantity::kGramsPerKg);
}

QStringList StocktakeVariance::headers()
{
    return {tr("PLU"),     tr("Product"),    tr("Expected"),
            tr("Counted"), tr("Difference"), tr("Value of difference")};
}

QStringList StocktakeVariance::row(const StocktakeVarianceLine &line)
{
    const QString sign = line.difference() > 0 ? u"+"_s : QString();
    return {line.plu,
            line.name,
            Quantity::format(line.expectedQty, line.soldByWeight),
            Quantity::format(line.countedQty, line.soldByWeight),
            sign + Quantity::format(line.difference(), line.soldByWeight),
            Money::format(line.value())};
}

qint64 StocktakeVariance::totalValue(const QList<StocktakeVarianceLine> &lines)
{
    qint64 total = 0;
    for (const StocktakeVarianceLine &line : lines)
        total += line.value();
    return total;
}

Result<qint64> StocktakeVariance::writeCsv(const QString &path,
                                           const QList<StocktakeVarianceLine> &lines)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return StoreError::invalid(u"path"_s,
                                   tr("Cannot write %1: %2").arg(path, file.errorString()));
    // Plain figures a spreadsheet reads as numbers: kilograms with a point,
    // money in major units with a point; the unit in a column of its own.
    file.write("\xEF\xBB\xBF"); // BOM: spreadsheets then read UTF-8
    file.write(CsvWriter::line({tr("PLU"), tr("Product"), tr("Unit"), tr("Expected"), tr("Counted"),
                                tr("Difference"), tr("Price"), tr("Value of difference")}));
    const auto amount = [](qint64 units, bool soldByWeight) -> QString {
        if (!soldByWeight)
            return QString::number(units);
        const QString digits = QString::number(qAbs(units)).rightJustified(4, u'0');
        const QString sign = units < 0 ? u"-"_s : QString();
        return sign + digits.left(digits.size() - 3) + u'.' + digits.right(3);
    };
    for (const StocktakeVarianceLine &l : lines)
        file.write(CsvWriter::line({l.plu, l.name, l.soldByWeight ? tr("kg") : tr("pcs"),
                                    amount(l.expectedQty, l.soldByWeight),
                                    amount(l.countedQty, l.soldByWeight),
                                    amount(l.difference(), l.soldByWeight), Money::plain(l.price),
                                    Money::plain(l.value())}));
    file.write(CsvWriter::line({tr("Total"), QString(), QString(), QString(), QString(), QString(),
                                QString(), Money::plain(totalValue(lines))}));
    if (!file.commit())
        return StoreError::invalid(u"path"_s,
                                   tr("Cannot write %1: %2").arg(path, file.errorString()));
    return qint64(lines.size());
}

} // namespace shopdesk
