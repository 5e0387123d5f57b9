// /products, /products/{plu}, /products/{plu}/prices, /categories,
// /categories/{id}, /users/resetProblems and /sync/catalog: what central owns.

#include "ApiHandlers.h"
#include "models/catalog/CategoryStore.h"
#include "models/catalog/PriceStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/JsonReader.h"
#include "models/customers/CustomerStore.h"
#include "models/sync/CatalogStore.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <variant>

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
            {u"active"_s, p.active},
            {u"vat_code"_s, p.vatCode},
            {u"barcodes"_s, QJsonArray::fromStringList(p.barcodes)},
            {u"category_id"_s, p.categoryId ? QJsonValue(p.categoryId) : QJsonValue()},
            {u"category"_s, p.categoryId ? QJsonValue(p.categoryPath) : QJsonValue()},
            {u"updated_at"_s, p.updatedAt.toUTC().toString(Qt::ISODateWithMs)}};
}

// The store names the rate "vat_rate" and the category "category" (the
// dialogs' fields); the API's fields are vat_code and category_id.
StoreError restField(StoreError e)
{
    if (e.field == u"vat_rate"_s)
        e.field = u"vat_code"_s;
    else if (e.field == u"category"_s)
        e.field = u"category_id"_s;
    return e;
}

// Ids are whole numbers a double holds exactly.
constexpr qint64 kMaxId = (qint64(1) << 53) - 1;

// category_id: a category's id, or null for none (0 in the store); missing
// leaves it unset.
std::optional<qint64> categoryIdOf(const QJsonObject &body, JsonReader &in)
{
    if (body.contains(u"category_id"_s) && body.value(u"category_id"_s).isNull())
        return qint64(0);
    return in.integer(u"category_id"_s, false, 1, kMaxId);
}

// barcodes: every barcode of the product, the main one first. With barcode
// too, barcode must be that first one. The main barcode the pair gives
// (empty: none), or nothing when neither is given.
std::optional<QString> mainBarcodeOf(const QJsonObject &body, JsonReader &in,
                                     const std::optional<QStringList> &barcodes)
{
    const bool nullBarcode = body.contains(u"barcode"_s) && body.value(u"barcode"_s).isNull();
    const std::optional<QString> barcode =
        nullBarcode ? std::optional<QString>(QString()) : in.string(u"barcode"_s, false, 14);
    if (!barcodes || !in.ok())
        return barcode;
    const QString first = barcodes->isEmpty() ? QString() : barcodes->first();
    if (barcode && *barcode != first) {
        in.fail(u"barcode"_s,
                Text::tr("barcode must be the first of barcodes (the main one), or be left "
                         "out."));
        return std::nullopt;
    }
    return first;
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
    in.rejectUnknown({u"plu"_s, u"name"_s, u"price"_s, u"barcode"_s, u"barcodes"_s,
                      u"sold_by_weight"_s, u"vat_code"_s, u"category_id"_s});
    NewProduct p;
    p.plu = in.string(u"plu"_s, true, 32).value_or(QString());
    p.name = in.string(u"name"_s, true, 200).value_or(QString());
    p.price = in.integer(u"price"_s, false, 0, ProductStore::kMaxPrice).value_or(0);
    const auto barcodes = in.strings(u"barcodes"_s, false, ProductStore::kMaxBarcodes, 14);
    p.barcode = mainBarcodeOf(*body, in, barcodes).value_or(QString());
    p.barcodes = barcodes.value_or(QStringList());
    p.soldByWeight = in.boolean(u"sold_by_weight"_s, false).value_or(false);
    p.vatCode = in.string(u"vat_code"_s, false, 16).value_or(defaultVatCode());
    p.categoryId = categoryIdOf(*body, in).value_or(0);
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    auto made = ProductStore(call.db).create(call.actor, p);
    if (!made)
        return ApiResponse::fromStoreError(restField(made.error()));
    return ApiResponse::json(productJson(made.value()), 201);
}

QJsonObject priceJson(const PriceEntry &e)
{
    return {{u"price"_s, e.price},
            {u"previous"_s, e.previous ? QJsonValue(*e.previous) : QJsonValue()},
            {u"valid_from"_s, e.validFrom.toUTC().toString(Qt::ISODateWithMs)},
            {u"scheduled"_s, e.scheduled},
            {u"staff"_s, e.staffName.isEmpty() ? QJsonValue() : QJsonValue(e.staffName)},
            {u"reason"_s, e.reason},
            {u"created_at"_s, e.createdAt.toUTC().toString(Qt::ISODateWithMs)}};
}

// An ISO 8601 moment with its offset; invalid without one (it would be read
// in the server's zone) or when it is not a moment at all.
QDateTime momentWithOffset(const QString &text)
{
    const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    return at.isValid() && at.timeSpec() != Qt::LocalTime ? at : QDateTime();
}

QString notAMoment(const QString &text)
{
    return Text::tr("valid_from must be an ISO 8601 date and time with its offset, "
                    "like 2027-01-31T21:00:00Z; \"%1\" is not.")
        .arg(text.left(64));
}

ApiResponse unknownPlu(const QString &plu)
{
    return ApiResponse::error(404, u"not_found"_s,
                              Text::tr("There is no product with PLU %1.").arg(plu.left(64)),
                              u"plu"_s);
}

// The product the path names, or the 404 that names its PLU.
std::variant<Product, ApiResponse> productOf(const ApiCall &call)
{
    const QString plu = call.params.value(0);
    auto found = ProductStore(call.db).byPlu(plu);
    if (!found)
        return ApiResponse::fromStoreError(found.error());
    if (!found.value())
        return unknownPlu(plu);
    return *found.value();
}

// A field present with null: PATCH changes only what it names, and null
// names nothing it could become (the barcode and the category alone may be
// null: none; no barcodes at all is []).
void refuseNull(const QJsonObject &body, JsonReader &in, const QString &name)
{
    if (body.contains(name) && body.value(name).isNull())
        in.fail(name, Text::tr("%1 cannot be null; leave it out to keep it as it is.").arg(name));
}

ApiResponse patchProduct(const ApiCall &call)
{
    if (auto refused = headOfficeOnly(call))
        return *refused;
    std::optional<ApiResponse> problem;
    const auto body = parseJsonBody(call.request, &problem);
    if (!body)
        return *problem;
    JsonReader in(*body);
    in.rejectUnknown({u"name"_s, u"price"_s, u"barcode"_s, u"barcodes"_s, u"sold_by_weight"_s,
                      u"active"_s, u"vat_code"_s, u"category_id"_s, u"reason"_s});
    ProductPatch patch;
    patch.plu = call.params.value(0);
    for (const QString &name : {u"name"_s, u"price"_s, u"barcodes"_s, u"sold_by_weight"_s,
                                u"active"_s, u"vat_code"_s, u"reason"_s})
        refuseNull(*body, in, name);
    patch.name = in.string(u"name"_s, false, 200);
    patch.price = in.integer(u"price"_s, false, 0, ProductStore::kMaxPrice);
    patch.barcodes = in.strings(u"barcodes"_s, false, ProductStore::kMaxBarcodes, 14);
    patch.barcode = mainBarcodeOf(*body, in, patch.barcodes);
    patch.categoryId = categoryIdOf(*body, in);
    patch.soldByWeight = in.boolean(u"sold_by_weight"_s, false);
    patch.active = in.boolean(u"active"_s, false);
    patch.vatCode = in.string(u"vat_code"_s, false, 16);
    patch.reason = in.string(u"reason"_s, false, 500).value_or(QString());
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    auto changed = ProductStore(call.db).patch(call.actor, patch);
    if (!changed) {
        if (changed.error().code == StoreError::Code::NotFound)
            return unknownPlu(patch.plu);
        // A barcode another product has is a conflict (409), as POST
        // /products answers it; the error names the field.
        return ApiResponse::fromStoreError(restField(changed.error()));
    }
    return ApiResponse::json(productJson(changed.value()));
}

ApiResponse listPrices(const ApiCall &call)
{
    QueryReader query(call.request.query, {});
    if (query.problem())
        return *query.problem();
    const auto product = productOf(call);
    if (const auto *refused = std::get_if<ApiResponse>(&product))
        return *refused;
    const QString plu = std::get<Product>(product).plu;
    auto prices = PriceStore(call.db).list(plu);
    if (!prices)
        return ApiResponse::fromStoreError(prices.error());
    QJsonArray items;
    for (const PriceEntry &e : prices.value())
        items.append(priceJson(e));
    return ApiResponse::json({{u"plu"_s, plu}, {u"items"_s, items}});
}

ApiResponse schedulePrice(const ApiCall &call)
{
    if (auto refused = headOfficeOnly(call))
        return *refused;
    std::optional<ApiResponse> problem;
    const auto body = parseJsonBody(call.request, &problem);
    if (!body)
        return *problem;
    JsonReader in(*body);
    in.rejectUnknown({u"price"_s, u"valid_from"_s, u"reason"_s});
    ScheduledPrice price;
    price.plu = call.params.value(0);
    price.price = in.integer(u"price"_s, true, 0, ProductStore::kMaxPrice).value_or(0);
    const QString from = in.string(u"valid_from"_s, true, 64).value_or(QString());
    price.reason = in.string(u"reason"_s, false, 500).value_or(QString());
    if (in.ok()) {
        price.validFrom = momentWithOffset(from);
        if (!price.validFrom.isValid())
            in.fail(u"valid_from"_s, notAMoment(from));
    }
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    const auto product = productOf(call);
    if (const auto *refused = std::get_if<ApiResponse>(&product))
        return *refused;
    auto made = PriceStore(call.db).schedule(call.actor, price);
    if (!made)
        return ApiResponse::fromStoreError(made.error());
    return ApiResponse::json(priceJson(made.value()), 201);
}

// DELETE /products/{plu}/prices?valid_from=…[&reason=…]: a scheduled price
// taken back before it starts.
ApiResponse cancelPrice(const ApiCall &call)
{
    if (auto refused = headOfficeOnly(call))
        return *refused;
    QueryReader query(call.request.query, {u"valid_from"_s, u"reason"_s});
    const QString from = query.text(u"valid_from"_s, 64);
    const QString reason = query.text(u"reason"_s, 500);
    if (query.problem())
        return *query.problem();
    const QDateTime validFrom = momentWithOffset(from);
    if (!validFrom.isValid())
        return ApiResponse::error(422, u"invalid"_s, notAMoment(from), u"valid_from"_s);
    const auto product = productOf(call);
    if (const auto *refused = std::get_if<ApiResponse>(&product))
        return *refused;
    auto cancelled = PriceStore(call.db).cancelScheduled(call.actor, std::get<Product>(product).plu,
                                                         validFrom, reason);
    if (!cancelled)
        return ApiResponse::fromStoreError(cancelled.error());
    return ApiResponse::json(priceJson(cancelled.value()));
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
QJsonObject categoryJson(const Category &c)
{
    return {{u"id"_s, c.id},
            {u"parent_id"_s, c.parentId ? QJsonValue(c.parentId) : QJsonValue()},
            {u"name"_s, c.name},
            {u"path"_s, c.path}};
}

// The category the path names (its id), or the 404 that names it.
std::variant<qint64, ApiResponse> categoryIdIn(const ApiCall &call)
{
    const QString text = call.params.value(0);
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (ok && id > 0 && id <= kMaxId && text == QString::number(id))
        return id;
    return ApiResponse::error(404, u"not_found"_s,
                              Text::tr("There is no category %1.").arg(text.left(64)), u"id"_s);
}

// parent_id: a category's id, or null (or missing when `required` is
// false) for the top (0 in the store).
std::optional<qint64> parentIdOf(const QJsonObject &body, JsonReader &in)
{
    if (body.contains(u"parent_id"_s) && body.value(u"parent_id"_s).isNull())
        return qint64(0);
    return in.integer(u"parent_id"_s, false, 1, kMaxId);
}

ApiResponse createCategory(const ApiCall &call)
{
    if (auto refused = headOfficeOnly(call))
        return *refused;
    std::optional<ApiResponse> problem;
    const auto body = parseJsonBody(call.request, &problem);
    if (!body)
        return *problem;
    JsonReader in(*body);
    in.rejectUnknown({u"name"_s, u"parent_id"_s});
    const QString name = in.string(u"name"_s, true, 200).value_or(QString());
    const qint64 parent = parentIdOf(*body, in).value_or(0);
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    auto made = CategoryStore(call.db).create(call.actor, parent, name);
    if (!made)
        return ApiResponse::fromStoreError(made.error());
    return ApiResponse::json(categoryJson(made.value()), 201);
}

ApiResponse listCategories(const ApiCall &call)
{
    QueryReader query(call.request.query, {});
    if (query.problem())
        return *query.problem();
    auto all = CategoryStore(call.db).list();
    if (!all)
        return ApiResponse::fromStoreError(all.error());
    QJsonArray items;
    for (const Category &c : all.value())
        items.append(categoryJson(c));
    return ApiResponse::json({{u"items"_s, items}});
}

ApiResponse getCategory(const ApiCall &call, qint64 id)
{
    QueryReader query(call.request.query, {});
    if (query.problem())
        return *query.problem();
    auto found = CategoryStore(call.db).byId(id);
    if (!found)
        return ApiResponse::fromStoreError(found.error());
    if (!found.value())
        return ApiResponse::error(404, u"not_found"_s, Text::tr("There is no category %1.").arg(id),
                                  u"id"_s);
    return ApiResponse::json(categoryJson(*found.value()));
}

// PATCH /categories/{id} {name?, parent_id?}: renamed, moved, or both.
ApiResponse patchCategory(const ApiCall &call, qint64 id)
{
    if (auto refused = headOfficeOnly(call))
        return *refused;
    std::optional<ApiResponse> problem;
    const auto body = parseJsonBody(call.request, &problem);
    if (!body)
        return *problem;
    JsonReader in(*body);
    in.rejectUnknown({u"name"_s, u"parent_id"_s});
    refuseNull(*body, in, u"name"_s);
    const std::optional<QString> name = in.string(u"name"_s, false, 200);
    const std::optional<qint64> parent = parentIdOf(*body, in);
    if (!in.ok())
        return ApiResponse::error(422, u"invalid"_s, in.message(), in.field());
    auto changed = CategoryStore(call.db).edit(call.actor, id, name, parent);
    if (!changed)
        return ApiResponse::fromStoreError(changed.error());
    return ApiResponse::json(categoryJson(changed.value()));
}

// DELETE /categories/{id}[?move_contents_up=true]
ApiResponse deleteCategory(const ApiCall &call, qint64 id)
{
    if (auto refused = headOfficeOnly(call))
        return *refused;
    QueryReader query(call.request.query, {u"move_contents_up"_s});
    const QString up = query.text(u"move_contents_up"_s, 16);
    if (query.problem())
        return *query.problem();
    if (!up.isEmpty() && up != u"true"_s && up != u"false"_s)
        return ApiResponse::error(
            400, u"bad_request"_s,
            Text::tr("move_contents_up must be true or false, not \"%1\".").arg(up),
            u"move_contents_up"_s);
    auto removed = CategoryStore(call.db).remove(call.actor, id, up == u"true"_s);
    if (!removed)
        return ApiResponse::fromStoreError(removed.error());
    return ApiResponse::json({{u"id"_s, id}, {u"deleted"_s, true}});
}
} // namespace

ApiResponse ApiHandlers::categories(const ApiCall &call)
{
    if (call.request.method == "GET")
        return listCategories(call);
    if (call.request.method == "POST")
        return createCategory(call);
    return methodNotAllowed(call, u"GET, POST"_s);
}

ApiResponse ApiHandlers::category(const ApiCall &call)
{
    const QByteArray &method = call.request.method;
    if (method != "GET" && method != "PATCH" && method != "DELETE")
        return methodNotAllowed(call, u"GET, PATCH, DELETE"_s);
    const auto id = categoryIdIn(call);
    if (const auto *refused = std::get_if<ApiResponse>(&id))
        return *refused;
    if (method == "GET")
        return getCategory(call, std::get<qint64>(id));
    if (method == "PATCH")
        return patchCategory(call, std::get<qint64>(id));
    return deleteCategory(call, std::get<qint64>(id));
}

ApiResponse ApiHandlers::products(const ApiCall &call)
{
    if (call.request.method == "POST")
        return createProduct(call);
    if (call.request.method == "GET")
        return listProducts(call);
    return methodNotAllowed(call, u"GET, POST"_s);
}

ApiResponse ApiHandlers::product(const ApiCall &call)
{
    if (call.request.method == "GET") {
        QueryReader query(call.request.query, {});
        if (query.problem())
            return *query.problem();
        const auto product = productOf(call);
        if (const auto *refused = std::get_if<ApiResponse>(&product))
            return *refused;
        return ApiResponse::json(productJson(std::get<Product>(product)));
    }
    if (call.request.method == "PATCH")
        return patchProduct(call);
    return methodNotAllowed(call, u"GET, PATCH"_s);
}

ApiResponse ApiHandlers::productPrices(const ApiCall &call)
{
    if (call.request.method == "GET")
        return listPrices(call);
    if (call.request.method == "POST")
        return schedulePrice(call);
    if (call.request.method == "DELETE")
        return cancelPrice(call);
    return methodNotAllowed(call, u"GET, POST, DELETE"_s);
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
    return ApiResponse::json(page.value().toJson());
}

} // namespace shopdesk
