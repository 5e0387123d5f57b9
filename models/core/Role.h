#pragma once

#include <QString>

#include <optional>

namespace shopdesk {

// What a member of staff may do is decided by their role (see docs/PERMISSIONS.md).
// HeadOffice is the chain's staff working in central's database (head-office
// mode): the catalog, promotions and every shop's figures, but no till.
enum class Role { Cashier, StockKeeper, Manager, Admin, HeadOffice };

// Every role, in the order the staff dialogs offer them.
inline constexpr Role kAllRoles[] = {Role::Cashier, Role::StockKeeper, Role::Manager, Role::Admin,
                                     Role::HeadOffice};

// The name stored in the database (staff.role) and used in the REST API.
QString roleKey(Role role);
std::optional<Role> roleFromKey(const QString &key);
// The translated name shown to staff.
QString roleDisplayName(Role role);

} // namespace shopdesk
