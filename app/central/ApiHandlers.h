#pragma once

#include "ApiSupport.h"
#include "models/core/Actor.h"

#include <QSqlDatabase>
#include <QStringList>

namespace shopdesk {

// One authenticated request on a worker thread.
struct ApiCall
{
    const ApiRequest &request;
    TokenOwner caller;
    Actor actor; // central acts with every permission; the token limits the shops
    QSqlDatabase db;
    QStringList params; // the path's <arg> segments in order (/products/<arg>: the PLU)
};

// Each handler answers one path (any method; it refuses the others with 405).
namespace ApiHandlers {
ApiResponse products(const ApiCall &call);
ApiResponse product(const ApiCall &call); // /products/{plu}
ApiResponse productPrices(const ApiCall &call); // /products/{plu}/prices
ApiResponse categories(const ApiCall &call);
ApiResponse category(const ApiCall &call); // /categories/{id}
ApiResponse stocks(const ApiCall &call);
ApiResponse stocksIncrease(const ApiCall &call);
ApiResponse stocksDecrease(const ApiCall &call);
ApiResponse history(const ApiCall &call);
ApiResponse resetProblems(const ApiCall &call);
ApiResponse syncEvents(const ApiCall &call);
ApiResponse syncCatalog(const ApiCall &call);

ApiResponse methodNotAllowed(const ApiCall &call, const QString &allowed);
} // namespace ApiHandlers

} // namespace shopdesk
