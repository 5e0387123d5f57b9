#include "Quantity.h"

#include "FixedPoint.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

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

std::optional<qint64> Quantity::parse(const QString &text, bool soldByWeight)
{
    QString t = text.trimmed();
    t.remove(u' ');
    t.remove(QChar(0x00A0)); // a no-break space, as locales group thousands
    if (soldByWeight) {
        // "kg" or the translated unit after the number is welcome.
        static const QRegularExpression unit(u"[^\\d.,]+$"_s);
        t.remove(unit);
    }
    static const QRegularExpression whole(u"^\\d{1,9}$"_s);
    static const QRegularExpression kilograms(u"^(\\d{1,6})(?:[.,](\\d{1,3}))?$"_s);
    if (!soldByWeight)
        return whole.match(t).hasMatch() ? std::optional<qint64>(t.toLongLong()) : std::nullopt;
    const auto m = kilograms.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    qint64 grams = m.captured(1).toLongLong() * kGramsPerKg;
    if (!m.captured(2).isEmpty())
        grams += m.captured(2).leftJustified(3, u'0').toLongLong();
    return grams;
}

} // namespace shopdesk
