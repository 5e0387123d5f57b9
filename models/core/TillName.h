#pragma once

#include <QString>

namespace shopdesk::TillName {

// 1 to 16 letters, digits, - or _: a till's name goes into order numbers
// ("TVR-1-000042"), so the settings and the order store hold it to one rule.
bool isValid(const QString &name);

} // namespace shopdesk::TillName
