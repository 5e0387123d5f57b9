#pragma once

#include <QString>

#include <optional>

namespace shopdesk::Money {

// "1234.5", "1 234,50", "1234" → minor units (123450). At most two decimals,
// a comma or a point; nothing else. nullopt for anything unreadable.
std::optional<qint64> parse(const QString &text);
// 123450 → "1234.50" in the user's locale.
QString format(qint64 minorUnits);
// Without group separators, for a field to be edited and read back by parse().
QString formatPlain(qint64 minorUnits);
// "1234.50" whatever the locale: for files and other programs.
QString plain(qint64 minorUnits);

} // namespace shopdesk::Money
