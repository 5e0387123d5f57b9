#include "ShopTime.h"

using namespace Qt::StringLiterals;

namespace shopdesk::ShopTime {

QTimeZone zone(const QString &shopTimeZone)
{
    const QTimeZone z(shopTimeZone.toUtf8());
    return z.isValid() ? z : QTimeZone::utc();
}

QDateTime toShop(const QDateTime &at, const QString &shopTimeZone)
{
    return at.isValid() ? at.toTimeZone(zone(shopTimeZone)) : at;
}

QString format(const QDateTime &at, const QString &shopTimeZone, QLocale::FormatType format)
{
    return at.isValid() ? QLocale().toString(toShop(at, shopTimeZone), format) : QString();
}

QString formatTime(const QDateTime &at, const QString &shopTimeZone)
{
    return at.isValid() ? QLocale().toString(toShop(at, shopTimeZone).time(), QLocale::ShortFormat)
                        : QString();
}

} // namespace shopdesk::ShopTime
