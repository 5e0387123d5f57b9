#include "CsvFormat.h"

#include "CsvWriter.h"
#include "models/core/FixedPoint.h"
#include "models/core/Money.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

CsvFormat::CsvFormat(Style style, const QLocale &locale, const QTimeZone &zone)
    : m_style(style), m_zone(zone.isValid() ? zone : QTimeZone::utc())
{
    if (style == Style::Spreadsheet && locale.decimalPoint() == u","_s) {
        // A comma inside numbers: spreadsheets in such locales split on `;`.
        m_separator = u';';
        m_decimalPoint = u',';
    }
}

QString CsvFormat::styleKey(Style style)
{
    return style == Style::Plain ? u"plain"_s : u"spreadsheet"_s;
}

CsvFormat::Style CsvFormat::styleFromKey(const QString &key)
{
    return key == u"plain"_s ? Style::Plain : Style::Spreadsheet;
}

QString CsvFormat::decimal(const QString &plainDecimal) const
{
    if (m_decimalPoint == u'.')
        return plainDecimal;
    return QString(plainDecimal).replace(u'.', m_decimalPoint);
}

QString CsvFormat::integer(qint64 value) const
{
    return QString::number(value);
}

QString CsvFormat::money(qint64 minorUnits) const
{
    return decimal(Money::plain(minorUnits));
}

QString CsvFormat::quantity(qint64 units, bool soldByWeight) const
{
    if (!soldByWeight)
        return QString::number(units);
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::OmitGroupSeparator);
    // Whole grams, so "1.500" reads "1.5" and "2.000" reads "2".
    QString kg = FixedPoint::format(units, 3, c);
    while (kg.endsWith(u'0'))
        kg.chop(1);
    if (kg.endsWith(u'.'))
        kg.chop(1);
    return decimal(kg);
}

QString CsvFormat::unit(bool soldByWeight)
{
    return soldByWeight ? u"kg"_s : u"pcs"_s;
}

QString CsvFormat::time(const QDateTime &at) const
{
    if (!at.isValid())
        return {};
    return at.toTimeZone(m_zone).toString(Qt::ISODateWithMs);
}

QByteArray CsvFormat::line(const QStringList &fields) const
{
    return CsvWriter::line(fields, m_separator);
}

} // namespace shopdesk
