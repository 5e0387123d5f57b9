#include "Money.h"

#include "FixedPoint.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace shopdesk::Money {

std::optional<qint64> parse(const QString &text)
{
    QString t = text.trimmed();
    t.remove(u' ');
    t.remove(QChar(0x00A0)); // a no-break space, as locales group thousands
    static const QRegularExpression amount(u"^(\\d{1,12})(?:[.,](\\d{1,2}))?$"_s);
    const auto m = amount.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    qint64 minor = m.captured(1).toLongLong() * 100;
    if (m.hasCaptured(2) && !m.captured(2).isEmpty())
        minor += m.captured(2).leftJustified(2, u'0').toLongLong();
    return minor;
}

QString format(qint64 minorUnits)
{
    return FixedPoint::format(minorUnits, 2, QLocale());
}

QString formatPlain(qint64 minorUnits)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    return FixedPoint::format(minorUnits, 2, locale);
}

QString plain(qint64 minorUnits)
{
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::OmitGroupSeparator);
    return FixedPoint::format(minorUnits, 2, c);
}

} // namespace shopdesk::Money
