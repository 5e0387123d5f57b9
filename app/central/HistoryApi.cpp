// /history (seed 000's action history), newest first.

#include "ApiHandlers.h"
#include "models/history/HistoryStore.h"
#include "models/shops/ShopStore.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralApi)
};

QJsonObject entryJson(const HistoryEntry &e)
{
    auto orNull = [](qint64 id) {
        return id > 0 ? QJsonValue(id) : QJsonValue();
    };
    return {{u"id"_s, e.id},
            {u"at"_s, e.at.toUTC().toString(Qt::ISODateWithMs)},
            {u"shop_id"_s, orNull(e.shopId)},
            {u"plu"_s, e.plu},
            {u"name"_s, e.productName},
            {u"action"_s, e.action},
            {u"shelf_delta"_s, e.shelfDelta},
            {u"order_delta"_s, e.orderDelta},
            {u"quantity_on_shelf"_s, e.shelfAfter},
            {u"quantity_in_order"_s, e.orderAfter},
            {u"staff"_s, e.staffName},
            {u"order_id"_s, orNull(e.orderId)},
            {u"reason"_s, e.reason}};
}

std::optional<QDate> dateParameter(QueryReader &query, const QString &name,
                                   std::optional<ApiResponse> *problem)
{
    const QString text = query.text(name, 10);
    if (text.isEmpty())
        return std::nullopt;
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid() && !*problem)
        *problem = ApiResponse::error(
            400, u"bad_request"_s,
            Text::tr("%1 must be a date as YYYY-MM-DD, not \"%2\".").arg(name, text), name);
    return date;
}
} // namespace

ApiResponse ApiHandlers::history(const ApiCall &call)
{
    if (call.request.method != "GET")
        return methodNotAllowed(call, u"GET"_s);
    QueryReader query(call.request.query,
                      {u"shop_id"_s, u"plu"_s, u"date_min"_s, u"date_max"_s, u"action"_s,
                       u"limit"_s, u"cursor"_s, u"page"_s});
    std::optional<ApiResponse> problem;
    HistoryFilter filter;
    filter.shopId = query.integer(u"shop_id"_s, 1, std::numeric_limits<qint64>::max());
    filter.plu = query.text(u"plu"_s, 32);
    filter.dateMin = dateParameter(query, u"date_min"_s, &problem);
    filter.dateMax = dateParameter(query, u"date_max"_s, &problem);
    const QString actions = query.text(u"action"_s, 400);
    if (!actions.isEmpty())
        filter.actions = actions.split(u',', Qt::SkipEmptyParts);
    const int limit = int(query.integer(u"limit"_s, 1, HistoryStore::kMaxPageSize).value_or(50));
    const QString cursor = query.text(u"cursor"_s, 64);
    const auto page = query.integer(u"page"_s, 1, 1'000'000);
    if (query.problem())
        return *query.problem();
    if (problem)
        return *problem;
    if (page && !cursor.isEmpty())
        return ApiResponse::error(400, u"bad_request"_s, Text::tr("Give cursor or page, not both."),
                                  u"page"_s);
    // OFFSET reads every row it skips: deep pages go by cursor.
    constexpr qint64 kMaxOffset = 1'000'000;
    if (page && (*page - 1) * limit > kMaxOffset)
        return ApiResponse::error(
            422, u"invalid"_s,
            Text::tr("page × limit reaches past the first %1 rows; page on with cursor instead.")
                .arg(kMaxOffset),
            u"page"_s);

    // Days are the shop's days when a shop is named; otherwise UTC days.
    if (filter.shopId) {
        auto shop = ShopStore(call.db).byId(*filter.shopId);
        if (!shop)
            return ApiResponse::fromStoreError(shop.error());
        filter.timeZone = shop.value().timeZone;
    }
    if (auto invalid = filter.validate())
        return ApiResponse::fromStoreError(*invalid);

    HistoryStore store(call.db, call.actor);
    Result<HistoryRows> rows = HistoryRows();
    if (page) {
        rows = store.pageAt(filter, (*page - 1) * limit, limit);
    } else {
        std::optional<HistoryCursor> after;
        if (!cursor.isEmpty()) {
            after = HistoryCursor::fromToken(cursor);
            if (!after)
                return ApiResponse::error(422, u"invalid"_s,
                                          Text::tr("cursor is not one this server gave; leave it "
                                                   "out to start from the first page."),
                                          u"cursor"_s);
        }
        rows = store.page(filter, after, limit);
    }
    if (!rows)
        return ApiResponse::fromStoreError(rows.error());
    QJsonArray items;
    for (const HistoryEntry &e : rows.value().entries)
        items.append(entryJson(e));
    return ApiResponse::json(
        {{u"items"_s, items},
         {u"next_cursor"_s,
          rows.value().next ? QJsonValue(rows.value().next->toToken()) : QJsonValue()}});
}

} // namespace shopdesk
