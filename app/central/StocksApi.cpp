// /stocks, /stocks/increase, /stocks/decrease (seed 000's stock service).

#include "ApiHandlers.h"
#include "models/core/JsonReader.h"
#include "models/stock/StockStore.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralApi)
};

constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

QJsonObject stockJson(const StockRow &s)
{
    return {{u"plu"_s, s.plu},
            {u"name"_s, s.name},
            {u"shop_id"_s, s.shopId},
            {u"quantity_on_shelf"_s, s.shelfQty},
            {u"quantity_in_order"_s, s.orderQty}};
}

ApiResponse refuseOtherShop(const ApiCall &call, qint64 shopId)
{
    return ApiResponse::error(
        403, u"forbidden"_s,
        Text::tr("This token belongs to shop %1 (id %2); it may not change the "
                 "stock of shop %3.")
            .arg(call.caller.shopCode)
            .arg(call.caller.shopId)
            .arg(shopId),
        u"shop_id"_s);
}

ApiResponse createStock(const ApiCall &call)
{
    std::optional<ApiResponse> problem;
    const auto body = parseJsonBody(call.request, &problem);
    if (!body)
        return *problem;
    JsonReader in(*body);
    in.rejectUnknown({u"plu"_s, u"shop_id"_s, u"quantity_on_shelf"_s, u"quantity_in_order"_s});
    const QString plu = in.string(u"plu"_s, true, 32).value_or(QString());
    const qint64 shopId = in.integer(u"shop_id"_s, true, 1, kMaxId).value_or(0);
    const int shelf =
        int(in.integer(u"quantity_on_shelf"_s, false, 0, StockStore::kMaxQuantity).value_or(0));
    const int order =
        int(in.integer(u"quantity_in_order"_s, false, 0, StockStore::kMaxQuantity).value_or(0));
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    if (!call.caller.mayWriteShop(shopId))
        return refuseOtherShop(call, shopId);
    auto made = StockStore(call.db).create(call.actor, plu, shopId, shelf, order);
    if (!made)
        return ApiResponse::fromStoreError(made.error());
    return ApiResponse::json(stockJson(made.value()), 201);
}

ApiResponse listStocks(const ApiCall &call)
{
    QueryReader query(call.request.query,
                      {u"plu"_s, u"shop_id"_s, u"quantity_on_shelf_min"_s,
                       u"quantity_on_shelf_max"_s, u"quantity_in_order_min"_s,
                       u"quantity_in_order_max"_s, u"name"_s, u"limit"_s, u"cursor"_s});
    StockFilter filter;
    const qint64 maxQty = StockStore::kMaxQuantity;
    filter.plu = query.text(u"plu"_s, 32);
    filter.shopId = query.integer(u"shop_id"_s, 1, kMaxId);
    auto quantity = [&](const QString &name) {
        const auto v = query.integer(name, 0, maxQty);
        return v ? std::optional<int>(int(*v)) : std::nullopt;
    };
    filter.shelfMin = quantity(u"quantity_on_shelf_min"_s);
    filter.shelfMax = quantity(u"quantity_on_shelf_max"_s);
    filter.orderMin = quantity(u"quantity_in_order_min"_s);
    filter.orderMax = quantity(u"quantity_in_order_max"_s);
    filter.name = query.text(u"name"_s);
    const int limit = int(query.integer(u"limit"_s, 1, 1000).value_or(50));
    const QString cursor = query.text(u"cursor"_s, 64);
    if (query.problem())
        return *query.problem();
    if (auto invalid = filter.validate())
        return ApiResponse::fromStoreError(*invalid);
    StockStore::Keyset keyset;
    keyset.key = StockStore::Keyset::keyFor(filter);
    if (!cursor.isEmpty()) {
        // The cursor names its key, so one made for other filters is refused
        // rather than silently misread.
        const auto after = pairFromCursor(cursor, int(keyset.key));
        if (!after ||
            (keyset.key != StockStore::Keyset::Key::Id &&
             (after->first < 0 || after->first > StockStore::kMaxQuantity)))
            return ApiResponse::error(
                422, u"invalid"_s,
                Text::tr("cursor is not one this server gave for these filters; leave it out to "
                         "start from the first page."),
                u"cursor"_s);
        keyset.after = after;
    }
    auto page = StockStore(call.db).page(filter, keyset, limit + 1);
    if (!page)
        return ApiResponse::fromStoreError(page.error());
    QList<StockRow> rows = page.value();
    const bool more = rows.size() > limit;
    if (more)
        rows.resize(limit);
    QJsonArray items;
    for (const StockRow &row : rows)
        items.append(stockJson(row));
    return ApiResponse::json(
        {{u"items"_s, items},
         {u"next_cursor"_s,
          more ? QJsonValue(pairCursor(int(keyset.key), keyset.keyOf(rows.last()), rows.last().id))
               : QJsonValue()}});
}

ApiResponse changeStock(const ApiCall &call, bool increase)
{
    if (call.request.method != "PATCH")
        return ApiHandlers::methodNotAllowed(call, u"PATCH"_s);
    std::optional<ApiResponse> problem;
    const auto body = parseJsonBody(call.request, &problem);
    if (!body)
        return *problem;
    JsonReader in(*body);
    in.rejectUnknown(
        {u"plu"_s, u"shop_id"_s, u"quantity_on_shelf"_s, u"quantity_in_order"_s, u"reason"_s});
    StockStore::Change change;
    change.plu = in.string(u"plu"_s, true, 32).value_or(QString());
    change.shopId = in.integer(u"shop_id"_s, true, 1, kMaxId).value_or(0);
    const int shelf =
        int(in.integer(u"quantity_on_shelf"_s, false, 0, StockStore::kMaxAmount).value_or(0));
    const int order =
        int(in.integer(u"quantity_in_order"_s, false, 0, StockStore::kMaxAmount).value_or(0));
    change.reason = in.string(u"reason"_s, false, 500).value_or(QString());
    if (in.ok() && shelf == 0 && order == 0)
        in.fail(u"quantity_on_shelf"_s,
                Text::tr("Give quantity_on_shelf or quantity_in_order (or both) above 0."));
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    if (!call.caller.mayWriteShop(change.shopId))
        return refuseOtherShop(call, change.shopId);
    change.shelfDelta = increase ? shelf : -shelf;
    change.orderDelta = increase ? order : -order;
    change.action = increase ? u"stock_increased"_s : u"stock_decreased"_s;
    // Both quantities in one conditional statement: all of it or nothing.
    auto changed = StockStore(call.db).apply(call.actor, change, Permission::AdjustStock);
    if (!changed)
        return ApiResponse::fromStoreError(changed.error());
    return ApiResponse::json(stockJson(changed.value()));
}
} // namespace

ApiResponse ApiHandlers::stocks(const ApiCall &call)
{
    if (call.request.method == "POST")
        return createStock(call);
    if (call.request.method == "GET")
        return listStocks(call);
    return methodNotAllowed(call, u"GET, POST"_s);
}

ApiResponse ApiHandlers::stocksIncrease(const ApiCall &call)
{
    return changeStock(call, true);
}

ApiResponse ApiHandlers::stocksDecrease(const ApiCall &call)
{
    return changeStock(call, false);
}

} // namespace shopdesk
