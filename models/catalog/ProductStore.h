#pragma once

#include "VatRate.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <QMetaType>

#include <functional>
#include <optional>

namespace shopdesk {

struct Product
{
    qint64 id = 0;
    QString plu;
    QString barcode; // the main barcode (labels print it); empty when the product has none
    QString name;
    qint64 price = 0; // minor units (kopecks); per kilogram when sold by weight
    QDateTime updatedAt;
    bool soldByWeight = false; // stock in grams, price per kg
    bool active = true; // false: archived, neither sold nor received
    QString vatCode = defaultVatCode(); // vat_rates.code
    // Every barcode the product is scanned by (product_barcodes), the main
    // one first, then in the order they were added.
    QStringList barcodes = {};
    qint64 categoryId = 0; // 0: in no category
    QString categoryPath = {}; // "Dairy / Milk"; empty for none
};

struct NewProduct
{
    QString plu;
    QString name;
    qint64 price = 0;
    QString barcode;
    bool soldByWeight = false;
    QString vatCode = defaultVatCode(); // vat_rates.code: the standard rate unless chosen
    qint64 categoryId = 0; // 0: none
    // Every barcode it is scanned by, the main one first (`barcode`, which
    // joins the front when missing; an empty `barcode` makes the first one
    // main). Empty: `barcode` alone.
    QStringList barcodes = {};
};

// What a product becomes (ProductStore::update): every editable field as it
// should be; the fields equal to the product's are left alone.
struct ProductEdit
{
    QString plu; // which product (the PLU itself never changes)
    QString name;
    qint64 price = 0;
    QString barcode; // empty: none
    bool soldByWeight = false;
    bool active = true;
    QString reason; // why, kept with the change (up to 500 characters)
    QString vatCode = {}; // vat_rates.code; empty: the product's rate as it is
    // Every barcode the product is to have, `barcode` (the main one) among
    // them (it is added when missing; an empty `barcode` with a non-empty
    // list makes the first one main). Unset: the product's other barcodes
    // stay and only the main one is replaced.
    std::optional<QStringList> barcodes = {};
    // Its category (0: none); unset: the product's category as it is.
    std::optional<qint64> categoryId = {};
};

// Some fields of a product (PATCH /products/{plu}): the ones given change,
// the others stay as the product has them when the edit locks it.
struct ProductPatch
{
    QString plu;
    std::optional<QString> name;
    std::optional<qint64> price;
    std::optional<QString> barcode; // empty: none
    std::optional<bool> soldByWeight;
    std::optional<bool> active;
    std::optional<QString> vatCode;
    QString reason;
    std::optional<QStringList> barcodes = {}; // all of them (ProductEdit::barcodes)
    std::optional<qint64> categoryId = {}; // 0: none

    // The whole edit: these fields over `product`.
    ProductEdit over(const Product &product) const;
};

// One edit of a product as product_changes keeps it: the changed fields as
// they were and as they became (keys: name, price, barcode, sold_by_weight,
// active, vat_code, barcodes: the whole list, main first; category_id and
// category, the category's path then).
struct ProductChange
{
    QDateTime at;
    QString staffName; // empty: the system
    QString reason;
    QJsonObject before;
    QJsonObject after;
};

// Products of the catalog (seed 000: POST /products, GET /products?name=&plu=).
class ProductStore
{
    Q_DECLARE_TR_FUNCTIONS(ProductStore)
public:
    static constexpr qint64 kMaxPrice = 100'000'000'00; // 100 million in minor units

    explicit ProductStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Creates the product, its product_created history row and its outbox
    // event in one statement. Duplicate PLU or barcode: Conflict naming the
    // field ("barcodes" for one of the list, naming the PLU that has it); a
    // VAT rate unknown or no longer offered: Invalid, "vat_rate"; an unknown
    // category: Invalid, "category".
    Result<Product> create(const Actor &actor, const NewProduct &product);

    // Changes the product named by edit.plu in one transaction: the product,
    // a product_changes row with the changed fields before and after, a
    // product_changed history row and, for a new price, a product_prices row
    // from now. Nothing is written when a field is invalid (Invalid naming
    // it), the barcode is another product's (Conflict, "barcode") or the
    // unit would change after the product's stock moved (Conflict,
    // "sold_by_weight") or the VAT rate is unknown or no longer offered
    // (Invalid, "vat_rate"). An edit that changes nothing writes nothing.
    Result<Product> update(const Actor &actor, const ProductEdit &edit);
    // The same for the fields `patch` gives, laid over the product as it is
    // once locked, so two patches of different fields both count. An
    // unknown PLU: NotFound naming it.
    Result<Product> patch(const Actor &actor, const ProductPatch &patch);

    // One more barcode for the product (the main one when it had none), a
    // barcode less (the next one becomes main when the main one goes), or
    // another of its barcodes made main: each an edit like update's, with
    // its product_changes row ("barcodes" before and after). A barcode that
    // fails its check digit: Invalid, "barcodes"; another product's:
    // Conflict naming its PLU; one the product does not have (remove, make
    // main): Invalid, "barcodes". Nothing is written when refused.
    Result<Product> addBarcode(const Actor &actor, const QString &plu, const QString &barcode,
                               const QString &reason = {});
    Result<Product> removeBarcode(const Actor &actor, const QString &plu, const QString &barcode,
                                  const QString &reason = {});
    Result<Product> setMainBarcode(const Actor &actor, const QString &plu, const QString &barcode,
                                   const QString &reason = {});

    Result<std::optional<Product>> byPlu(const QString &plu) const;
    // The product scanned by `barcode`: any of its barcodes, main or not.
    Result<std::optional<Product>> byBarcode(const QString &barcode) const;
    // Case-insensitive substring of the name (trigram index); at most
    // `limit`. Names that start with the text come first, then names with a
    // word that starts with it ("сыр": "Сыр …" before "Бекон … сырокопчёный"),
    // then the rest, each group by name.
    Result<QList<Product>> findByName(const QString &text, int limit = 50) const;
    // The product's edits, newest first (at most `limit`).
    Result<QList<ProductChange>> changes(const QString &plu, int limit = 200) const;
    // REST GET /products: name (substring) and PLU (exact), both optional, in
    // id order after `afterId` (keyset paging).
    Result<QList<Product>> search(const QString &name, const QString &plu, qint64 afterId,
                                  int limit) const;

    static std::optional<StoreError> validate(const NewProduct &product);
    // Each barcode of a list (ProductEdit::barcodes): its check digit, and
    // at most kMaxBarcodes of them. Invalid, "barcodes", naming the barcode.
    static std::optional<StoreError> validateBarcodes(const QStringList &barcodes);
    static constexpr int kMaxBarcodes = 50;
    // Escapes LIKE wildcards so user text is matched literally.
    static QString likePattern(const QString &text);
    // The same text escaped, with no wildcard around it (for "text%").
    static QString likeEscaped(const QString &text);

private:
    // update and patch: `edit` makes the edit from the locked product.
    Result<Product> change(const Actor &actor, const QString &plu,
                           const std::function<Result<ProductEdit>(const Product &)> &edit);

    QSqlDatabase m_db;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::Product)
