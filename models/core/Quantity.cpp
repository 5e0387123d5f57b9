#include "Quantity.h"

#include <QLocale>

namespace shopdesk {

QString Quantity::format(qint64 units, bool soldByWeight)
{
    if (!soldByWeight)
        return QLocale().toString(units);
    return tr("%1 kg").arg(QLocale().toString(double(units) / kGramsPerKg, 'f', 3));
}

QString Quantity::plain(qint64 units, bool soldByWeight)
{
    if (!soldByWeight)
        return QString::number(units);
    return tr("%1 kg").arg(QString::number(double(units) / kGramsPerKg, 'f', 3));
}

} // namespace shopdesk
