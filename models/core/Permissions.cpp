#include "Permissions.h"

#include <QCoreApplication>

namespace shopdesk {

bool hasPermission(Role role, Permission permission)
{
    // The head office runs the chain's catalog, promotions and customers and
    // reads every shop's figures; the tills, their stock and staff are the shops'.
    if (role == Role::HeadOffice) {
        switch (permission) {
        case Permission::ManageProducts:
        case Permission::ViewHistory:
        case Permission::ManageCustomers:
        case Permission::ManageOrders:
        case Permission::ManageVatRates:
        case Permission::ManagePromotions:
            return true;
        case Permission::Sell:
        case Permission::AdjustStock:
        case Permission::Stocktake:
        case Permission::ConfigureTill:
        case Permission::ManageStaff:
            return false;
        }
    }
    switch (permission) {
    case Permission::Sell:
        return true;
    case Permission::ManageProducts:
    case Permission::AdjustStock:
    case Permission::Stocktake:
        return role == Role::StockKeeper || role == Role::Manager || role == Role::Admin;
    case Permission::ViewHistory:
    case Permission::ManageCustomers:
    case Permission::ManageOrders:
    case Permission::ConfigureTill:
    case Permission::ManageVatRates:
    case Permission::ManagePromotions:
        return role == Role::Manager || role == Role::Admin;
    case Permission::ManageStaff:
        return role == Role::Admin;
    }
    return false;
}

std::optional<StoreError> checkPermission(Role role, Permission permission)
{
    if (hasPermission(role, permission))
        return std::nullopt;
    const char *what = "";
    switch (permission) {
    case Permission::Sell:
        what = QT_TRANSLATE_NOOP("Permissions", "sell");
        break;
    case Permission::ManageProducts:
        what = QT_TRANSLATE_NOOP("Permissions", "create or change products");
        break;
    case Permission::AdjustStock:
        what = QT_TRANSLATE_NOOP("Permissions", "change stock quantities");
        break;
    case Permission::Stocktake:
        what = QT_TRANSLATE_NOOP("Permissions", "run a stocktake");
        break;
    case Permission::ViewHistory:
        what = QT_TRANSLATE_NOOP("Permissions", "see the history and reports");
        break;
    case Permission::ManageCustomers:
        what = QT_TRANSLATE_NOOP("Permissions", "change customers in bulk");
        break;
    case Permission::ManageOrders:
        what = QT_TRANSLATE_NOOP("Permissions", "approve returns or cancel other cashiers' orders");
        break;
    case Permission::ConfigureTill:
        what = QT_TRANSLATE_NOOP("Permissions", "change this till's shop or database");
        break;
    case Permission::ManageVatRates:
        what = QT_TRANSLATE_NOOP("Permissions", "change the VAT rates");
        break;
    case Permission::ManagePromotions:
        what = QT_TRANSLATE_NOOP("Permissions", "manage promo codes");
        break;
    case Permission::ManageStaff:
        what = QT_TRANSLATE_NOOP("Permissions", "manage staff and settings");
        break;
    }
    // Who can help: staff accounts are an administrator's, the rest a manager's.
    const char *ask = permission == Permission::ManageStaff
        ? QT_TRANSLATE_NOOP("Permissions", "A %1 may not %2. Ask an administrator.")
        : QT_TRANSLATE_NOOP("Permissions", "A %1 may not %2. Ask a manager.");
    return StoreError::permission(QCoreApplication::translate("Permissions", ask)
                                      .arg(roleDisplayName(role).toLower(),
                                           QCoreApplication::translate("Permissions", what)));
}

} // namespace shopdesk
