#include "Quantity.h"

#include "FixedPoint.h"

#include <QLocale>

namespace shopdesk {

QString Quantity::format(qint64 units, bool soldByWeight)
{
    if (!soldByWeight)
        return QLocale().toString(units);
    return tr("%1 kg").arg(FixedPoint::format(units, 3, QLocale()));
}

QString Quantity::plain(qint64 units, bool soldByWeight)
{
    if (!soldByWeight)
        return QString::number(units);
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::OmitGroupSeparator);
    return tr("%1 kg").arg(FixedPoint::format(units, 3, c));
}

} // namespace shopdesk
