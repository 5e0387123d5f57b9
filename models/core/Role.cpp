#include "Role.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace shopdesk {

QString roleKey(Role role)
{
    switch (role) {
    case Role::Cashier:
        return u"cashier"_s;
    case Role::StockKeeper:
        return u"stock_keeper"_s;
    case Role::Manager:
        return u"manager"_s;
    case Role::Admin:
        return u"admin"_s;
    case Role::HeadOffice:
        return u"head_office"_s;
    }
    return {};
}

std::optional<Role> roleFromKey(const QString &key)
{
    for (Role role : kAllRoles) {
        if (roleKey(role) == key)
            return role;
    }
    return std::nullopt;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::Cashier:
        return QCoreApplication::translate("Role", "Cashier");
    case Role::StockKeeper:
        return QCoreApplication::translate("Role", "Stock keeper");
    case Role::Manager:
        return QCoreApplication::translate("Role", "Manager");
    case Role::Admin:
        return QCoreApplication::translate("Role", "Administrator");
    case Role::HeadOffice:
        return QCoreApplication::translate("Role", "Head office");
    }
    return {};
}

} // namespace shopdesk
