#pragma once

#include "Role.h"
#include "StoreError.h"

#include <optional>

namespace shopdesk {

// What a role may do (docs/PERMISSIONS.md). Stores check it on every change,
// so hiding a button is never the only guard.
enum class Permission {
    Sell, // checkout, own orders
    ManageProducts, // create and edit products
    AdjustStock, // create stock, increase and decrease quantities
    Stocktake, // count stock and commit corrections
    ViewHistory, // the action history and reports
    ManageCustomers, // bulk customer actions (reset problems)
    ManageOrders, // approve returns, cancel other cashiers' orders
    ConfigureTill, // which shop this till serves, its database
    ManageVatRates, // the list of VAT rates products may carry
    ManagePromotions, // promo codes: create, edit, deactivate; their uses
    ManageStaff, // staff accounts and settings
};

bool hasPermission(Role role, Permission permission);
// A Permission error naming what was refused, or nothing when allowed.
std::optional<StoreError> checkPermission(Role role, Permission permission);

} // namespace shopdesk
