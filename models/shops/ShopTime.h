#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QTimeZone>

namespace shopdesk {

// Times shown to people are in the shop's time zone, whatever the
// computer's zone is: the shop's IANA name, or UTC where it has none or an
// unknown one.
namespace ShopTime {

QTimeZone zone(const QString &shopTimeZone);
QDateTime toShop(const QDateTime &at, const QString &shopTimeZone);
// In the user's locale: short date and time, or the time alone.
QString format(const QDateTime &at, const QString &shopTimeZone,
               QLocale::FormatType format = QLocale::ShortFormat);
QString formatTime(const QDateTime &at, const QString &shopTimeZone);

} // namespace ShopTime

} // namespace shopdesk
