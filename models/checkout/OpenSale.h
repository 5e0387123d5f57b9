#pragma once

#include "models/catalog/ProductStore.h"
#include "models/customers/CustomerStore.h"
#include "models/orders/NewOrder.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>
#include <vector>

namespace shopdesk {

// A sale on the till, not yet paid, as a value: what a change of cashier
// carries over to the next person's till.
struct OpenSale
{
    QList<QPair<Product, int>> lines; // product, quantity (grams when weighed)
    std::vector<PriceOverride> priceOverrides; // prices a manager approved
    std::optional<Customer> customer;
    QString promoCode;
};

} // namespace shopdesk
