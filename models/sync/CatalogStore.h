#pragma once

#include "models/core/Result.h"
#include "models/history/HistoryFilter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

struct CatalogPage
{
    // {plu, name, price (the one that holds now), barcode, sold_by_weight,
    //  active, vat_code, barcodes: [main first, then the others],
    //  category_id (central's id, null: none),
    //  scheduled_prices: [{price, valid_from}] (the later ones), updated_at}
    QJsonArray items;
    // Central's whole category tree, on every page (tens to a few hundred
    // rows), so a page is applied on its own: [{id, parent_id (null: at the
    // top), name}] with central's ids. Empty from an older central (or one
    // without categories): the shop's stay as they are.
    QJsonArray categories;
    // Every VAT rate central has, on every page (a handful of rows), so a
    // page is applied on its own: [{code, label, rate_bp (null: no VAT), active}].
    // Empty from an older central: the shop keeps its rates.
    QJsonArray vatRates;
    // Every promo code central has (switched-off ones too, so switching
    // off reaches the shops), on the last page of a pull only: the products
    // and categories a code names have come by then. [{code, kind, value,
    // valid_from, valid_until (null: open), min_total, max_uses,
    // max_uses_per_customer (null: no limit), active, automatic, plus: [PLU],
    // category_ids: [central's id]}]. Missing (an older central, or a page
    // with more to come): the shop's codes stay as they are.
    std::optional<QJsonArray> promoCodes;
    // Where the next pull starts: after this page's last row (the `since`
    // asked for when the page is empty). Kept by the shop between pulls.
    std::optional<HistoryCursor> next;
    bool hasMore = false; // a full page: ask again right away

    // The page as GET /sync/catalog sends it, and back.
    QJsonObject toJson() const;
    static CatalogPage fromJson(const QJsonObject &page);
};

struct CatalogApplied
{
    int created = 0;
    int changed = 0;
    int scheduled = 0; // scheduled prices kept or corrected
    int barcodeChanges = 0; // history rows written for changed barcode lists
    int categoryChanges = 0; // categories made, adopted, renamed or moved
    int promoCodeChanges = 0; // promo codes made or changed from central's
};

// The catalog that flows from central to the shops (GET /sync/catalog),
// page by page in (updated_at, id) order. The cursor is the same opaque
// (microseconds, id) token history pages use.
class CatalogStore
{
public:
    static constexpr int kMaxPage = 5000;
    // A page this large is a bulk load (a shop's first pull, a catalog-wide
    // change): its names go to the search index in bulk, and into an empty
    // shop the index is built once, with the last page of the pull.
    static constexpr int kBulkPage = 500;
    static constexpr char kCursorName[] = "catalog_cursor";

    explicit CatalogStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Central: the products changed after `since` (all from the start without it).
    Result<CatalogPage> page(const std::optional<HistoryCursor> &since, int limit) const;

    // Shop: applies a page in one transaction together with the new cursor,
    // so a page is either wholly taken (and not asked for again) or not at
    // all. New and changed products get a history row; no outbox event, as
    // the change came from central. Each item's scheduled_prices go into
    // product_prices. `active` and `scheduled_prices` may be missing (an
    // older central): the product keeps its flag, no price is scheduled. A
    // price that changes here, or a scheduled one, queues its shelf label
    // (LabelQueueStore) in the same transaction. A future price the item's
    // schedule no longer lists was cancelled at central: it goes, with its
    // waiting tag.
    // The page's VAT rates come first (its products name them). A rate
    // central sends replaces the shop's of that code. Then its categories
    // (by central_id, 0026), then its products, each in the category its
    // `category_id` names (missing: an older central, the product's stays).
    // A category central no longer sends is left here: a page cannot say
    // that central deleted it.
    Result<CatalogApplied> applyPage(const CatalogPage &page);
    Result<CatalogApplied> applyPage(const QJsonArray &items,
                                     const std::optional<HistoryCursor> &next);
    // Shop: where the next pull starts.
    Result<std::optional<HistoryCursor>> cursor() const;

private:
    // Shop: each item's `barcodes` (when sent) becomes the product's list
    // (the page's items loaded into catalog_incoming; `fresh`: all of them
    // new here, with no list to shorten).
    Result<void> applyBarcodeLists(bool fresh, CatalogApplied &applied);
    // Shop: central's categories, level by level from the top.
    Result<void> applyCategories(const QJsonArray &categories, CatalogApplied &applied);

    QSqlDatabase m_db;
};

} // namespace shopdesk
