// /products, /users/resetProblems and /sync/catalog: what central owns.

#include "ApiHandlers.h"
#include "models/catalog/ProductStore.h"
#include "models/core/JsonReader.h"
#include "models/customers/CustomerStore.h"
#include "models/sync/CatalogStore.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralApi)
};

QJsonObject productJson(const Product &p)
{
    return {{u"plu"_s, p.plu},
            {u"name"_s, p.name},
            {u"price"_s, p.price},
            {u"barcode"_s, p.barcode.isEmpty() ? QJsonValue() : QJsonValue(p.barcode)},
            {u"sold_by_weight"_s, p.soldByWeight},
            {u"updated_at"_s, p.updatedAt.toUTC().toString(Qt::ISODateWithMs)}};
}

// Central owns the catalog and the customers: only the head office changes
// them directly (a shop's new products arrive as its events).
std::optional<ApiResponse> headOfficeOnly(const ApiCall &call)
{
    if (call.caller.isHeadOffice())
        return std::nullopt;
    return ApiResponse::error(403, u"forbidden"_s,
                              Text::tr("Only a head-office token may do this; shop %1's token may "
                                       "not.")
                                  .arg(call.caller.shopCode));
}

ApiResponse createProduct(const ApiCall &call)
{
    if (auto refused = headOfficeOnly(call))
        return *refused;
    std::optional<ApiResponse> problem;
    const auto body = parseJsonBody(call.request, &problem);
    if (!body)
        return *problem;
    JsonReader in(*body);
    in.rejectUnknown({u"plu"_s, u"name"_s, u"price"_s, u"barcode"_s, u"sold_by_weight"_s});
    NewProduct p;
    p.plu = in.string(u"plu"_s, true, 32).value_or(QString());
    p.name = in.string(u"name"_s, true, 200).value_or(QString());
    p.price = in.integer(u"price"_s, false, 0, ProductStore::kMaxPrice).value_or(0);
    p.barcode = in.string(u"barcode"_s, false, 14).value_or(QString());
    p.soldByWeight = in.boolean(u"sold_by_weight"_s, false).value_or(false);
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    auto made = ProductStore(call.db).create(call.actor, p);
    if (!made)
        return ApiResponse::fromStoreError(made.error());
    return ApiResponse::json(productJson(made.value()), 201);
}

ApiResponse listProducts(const ApiCall &call)
{
    QueryReader query(call.request.query, {u"name"_s, u"plu"_s, u"limit"_s, u"cursor"_s});
    const QString name = query.text(u"name"_s);
    const QString plu = query.text(u"plu"_s, 32);
    const int limit = int(query.integer(u"limit"_s, 1, 1000).value_or(50));
    const QString cursor = query.text(u"cursor"_s, 64);
    if (query.problem())
        return *query.problem();
    const auto after = cursor.isEmpty() ? std::optional<qint64>(0) : idFromCursor(cursor);
    if (!after)
        return ApiResponse::error(
            422, u"invalid"_s,
            Text::tr(
                "cursor is not one this server gave; leave it out to start from the first page."),
            u"cursor"_s);
    // One more row than asked tells whether there is a next page.
    auto found = ProductStore(call.db).search(name, plu, *after, limit + 1);
    if (!found)
        return ApiResponse::fromStoreError(found.error());
    QJsonArray items;
    QList<Product> rows = found.value();
    const bool more = rows.size() > limit;
    if (more)
        rows.resize(limit);
    for (const Product &p : rows)
        items.append(productJson(p));
    return ApiResponse::json(
        {{u"items"_s, items},
         {u"next_cursor"_s, more ? QJsonValue(idCursor(rows.last().id)) : QJsonValue()}});
}
} // namespace

ApiResponse ApiHandlers::products(const ApiCall &call)
{
    if (call.request.method == "POST")
        return createProduct(call);
    if (call.request.method == "GET")
        return listProducts(call);
    return methodNotAllowed(call, u"GET, POST"_s);
}

ApiResponse ApiHandlers::resetProblems(const ApiCall &call)
{
    if (call.request.method != "PATCH")
        return methodNotAllowed(call, u"PATCH"_s);
    if (auto refused = headOfficeOnly(call))
        return *refused;
    QueryReader query(call.request.query, {});
    if (query.problem())
        return *query.problem();
    if (!call.request.body.trimmed().isEmpty()) {
        std::optional<ApiResponse> problem;
        const auto body = parseJsonBody(call.request, &problem);
        if (!body)
            return *problem;
        JsonReader in(*body);
        in.rejectUnknown({});
        if (!in.ok())
            return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    }
    auto n = CustomerStore(call.db).resetProblems(call.actor);
    if (!n)
        return ApiResponse::fromStoreError(n.error());
    return ApiResponse::json({{u"count"_s, n.value()}});
}

ApiResponse ApiHandlers::syncCatalog(const ApiCall &call)
{
    if (call.request.method != "GET")
        return methodNotAllowed(call, u"GET"_s);
    QueryReader query(call.request.query, {u"since"_s, u"limit"_s});
    const QString since = query.text(u"since"_s, 64);
    const int limit = int(query.integer(u"limit"_s, 1, CatalogStore::kMaxPage).value_or(1000));
    if (query.problem())
        return *query.problem();
    std::optional<HistoryCursor> from;
    if (!since.isEmpty()) {
        from = HistoryCursor::fromToken(since);
        if (!from)
            return ApiResponse::error(
                422, u"invalid"_s, Text::tr("since is not a cursor this server gave."), u"since"_s);
    }
    auto page = CatalogStore(call.db).page(from, limit);
    if (!page)
        return ApiResponse::fromStoreError(page.error());
    return ApiResponse::json(
        {{u"items"_s, page.value().items},
         {u"next_cursor"_s,
          page.value().next ? QJsonValue(page.value().next->toToken()) : QJsonValue()},
         {u"has_more"_s, page.value().hasMore}});
}

} // namespace shopdesk
