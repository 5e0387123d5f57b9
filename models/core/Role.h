#pragma once

#include <QString>

#include <optional>

namespace shopdesk {

// What a member of staff may do is decided by their role (see docs/PERMISSIONS.md).
enum class Role { Cashier, StockKeeper, Manager, Admin };

// The name stored in the database (staff.role) and used in the REST API.
QString roleKey(Role role);
std::optional<Role> roleFromKey(const QString &key);
// The translated name shown to staff.
QString roleDisplayName(Role role);

} // namespace shopdesk
