#pragma once

#include <QByteArray>
#include <QChar>
#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace shopdesk {

// How a CSV file writes its fields, for the program that will open it.
// A spreadsheet in a language whose decimals take a comma (Russian, German)
// reads `;`-separated fields and "1,5"; other programs want `,` and "1.5".
// Every file is UTF-8 with a byte order mark, so spreadsheets read it as such;
// times are in one time zone (the shop's) and carry its offset (ISO 8601).
class CsvFormat
{
public:
    enum class Style {
        Spreadsheet, // the locale's: `;` and "1,5" when its decimals take a comma
        Plain, // `,` and "1.5" whatever the locale
    };

    // Plain, in UTC.
    CsvFormat() = default;
    CsvFormat(Style style, const QLocale &locale, const QTimeZone &zone);

    // "spreadsheet" / "plain", as the settings keep the user's choice.
    static QString styleKey(Style style);
    static Style styleFromKey(const QString &key);

    Style style() const { return m_style; }
    QChar separator() const { return m_separator; }
    QChar decimalPoint() const { return m_decimalPoint; }
    QTimeZone timeZone() const { return m_zone; }

    // Whole numbers in plain digits ("-1250"), never grouped.
    QString integer(qint64 value) const;
    // Minor units as a decimal amount: 123450 → "1234.50" or "1234,50".
    QString money(qint64 minorUnits) const;
    // Pieces, or grams of goods sold by weight in kilograms: 1500 → "1.5" / "1,5".
    QString quantity(qint64 units, bool soldByWeight) const;
    // The unit of quantity(): "kg" or "pcs".
    static QString unit(bool soldByWeight);
    // ISO 8601 in the time zone, with its offset: "2024-05-01T12:30:00.000+03:00".
    QString time(const QDateTime &at) const;

    // One line: the fields quoted as needed, separated, CRLF, UTF-8.
    QByteArray line(const QStringList &fields) const;

private:
    QString decimal(const QString &plainDecimal) const;

    Style m_style = Style::Plain;
    QChar m_separator = u',';
    QChar m_decimalPoint = u'.';
    QTimeZone m_zone = QTimeZone::utc();
};

} // namespace shopdesk
