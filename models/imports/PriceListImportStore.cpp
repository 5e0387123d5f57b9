#include "PriceListImportStore.h"

#include "TableReader.h"
#include "models/catalog/CatalogOwner.h"
#include "models/catalog/Ean13.h"
#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/export/CsvWriter.h"
#include "models/labels/LabelQueueStore.h"
#include "models/suppliers/SupplierStore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

constexpr qint64 kMaxPrice = 10000000000; // 100,000,000.00

bool isCancelled(const std::atomic_bool *cancelled)
{
    return cancelled && cancelled->load();
}

QString cell(const TableRow &row, const PriceListMapping &m, PriceListField f)
{
    const int c = m.column(f);
    return c >= 0 && c < row.cells.size() ? row.cells.at(c).trimmed() : QString();
}

// "Dairy/ Milk " → "Dairy / Milk", as category_path() writes it.
QString categoryPath(const QString &text)
{
    QStringList parts;
    for (const QString &p : text.split(u'/'))
        if (!p.trimmed().isEmpty())
            parts << p.trimmed();
    return parts.join(u" / "_s);
}

// The columns of a batch of rows, one array each.
struct Batch
{
    QList<qint64> numbers;
    QStringList plu, barcode, name, category, purchase, retail, errField, errCode, errArg;
    int size() const { return int(numbers.size()); }
    void clear() { *this = Batch(); }
};

// A price cell: nothing (empty), a price, or a refusal code.
struct Price
{
    QString text; // minor units as text, or empty
    QString error; // a refusal code, or empty
};

Price readPrice(const QString &text)
{
    if (text.isEmpty())
        return {};
    const auto value = Money::parse(text);
    if (!value) {
        // Money::parse reads no sign: "-5" is a price below zero, not a typo.
        if ((text.startsWith(u'-') || text.startsWith(u'\u2212')) && Money::parse(text.mid(1)))
            return {{}, u"price_not_positive"_s};
        return {{}, u"price_unreadable"_s};
    }
    if (*value <= 0)
        return {{}, u"price_not_positive"_s};
    if (*value > kMaxPrice)
        return {{}, u"price_too_large"_s};
    return {QString::number(*value), {}};
}

// The checks one row allows alone; the rest are made in SQL over them all.
void add(Batch &b, const TableRow &row, const PriceListMapping &m)
{
    static const QRegularExpression pluFormat(u"^[0-9A-Za-z_-]{1,32}$"_s);
    static const QRegularExpression digits(u"^[0-9]{8,14}$"_s);
    const QString plu = cell(row, m, PriceListField::Plu);
    const QString barcode = cell(row, m, PriceListField::Barcode);
    const QString name = cell(row, m, PriceListField::Name);
    const Price purchase = readPrice(cell(row, m, PriceListField::PurchasePrice));
    const Price retail = readPrice(cell(row, m, PriceListField::RetailPrice));
    QString field, code, arg;
    const auto refuse = [&](PriceListField f, const QString &c, const QString &a = {}) {
        if (code.isEmpty()) {
            field = PriceListMapping::key(f);
            code = c;
            arg = a;
        }
    };
    if (plu.isEmpty() && barcode.isEmpty())
        refuse(m.has(PriceListField::Plu) ? PriceListField::Plu : PriceListField::Barcode,
               u"key_missing"_s);
    if (!plu.isEmpty() && !pluFormat.match(plu).hasMatch())
        refuse(PriceListField::Plu, u"plu_format"_s, plu);
    if (!barcode.isEmpty() && !digits.match(barcode).hasMatch())
        refuse(PriceListField::Barcode, u"barcode_format"_s, barcode);
    else if (!barcode.isEmpty() && !Ean13::isValidGtin(barcode))
        refuse(PriceListField::Barcode, u"barcode_check"_s, barcode);
    if (name.size() > SupplierStore::kMaxName)
        refuse(PriceListField::Name, u"name_too_long"_s);
    if (!retail.error.isEmpty())
        refuse(PriceListField::RetailPrice, retail.error,
               cell(row, m, PriceListField::RetailPrice));
    if (!purchase.error.isEmpty())
        refuse(PriceListField::PurchasePrice, purchase.error,
               cell(row, m, PriceListField::PurchasePrice));
    if (retail.error.isEmpty() && purchase.error.isEmpty() && retail.text.isEmpty() &&
        purchase.text.isEmpty())
        refuse(m.has(PriceListField::RetailPrice) ? PriceListField::RetailPrice
                                                  : PriceListField::PurchasePrice,
               u"price_missing"_s);
    b.numbers << row.number;
    b.plu << plu;
    b.barcode << barcode;
    b.name << name;
    b.category << categoryPath(cell(row, m, PriceListField::Category));
    b.purchase << purchase.text;
    b.retail << retail.text;
    b.errField << field;
    b.errCode << code;
    b.errArg << arg;
}

Result<void> insert(const QSqlDatabase &db, const Batch &b)
{
    auto q = Sql::run(
        db,
        u"INSERT INTO price_list_rows (n, plu, barcode, name, category, purchase, retail, "
        "  err_field, err_code, err_arg) "
        "SELECT n, plu, barcode, name, category, nullif(pu, '')::bigint, nullif(re, '')::bigint, "
        "  nullif(ef, ''), nullif(ec, ''), nullif(ea, '') "
        "FROM unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
        "  ?::text[], ?::text[], ?::text[], ?::text[]) "
        "  AS x(n, plu, barcode, name, category, pu, re, ef, ec, ea)"_s,
        {PgArray::integers(b.numbers), PgArray::text(b.plu), PgArray::text(b.barcode),
         PgArray::text(b.name), PgArray::text(b.category), PgArray::text(b.purchase),
         PgArray::text(b.retail), PgArray::text(b.errField), PgArray::text(b.errCode),
         PgArray::text(b.errArg)});
    if (!q)
        return q.error();
    return {};
}

QString reasonText(const QString &code, const QString &arg)
{
    if (code == u"key_missing")
        return PriceListImportStore::tr("The row has neither PLU nor barcode.");
    if (code == u"plu_format")
        return PriceListImportStore::tr(
                   "The PLU \"%1\" may hold only letters, digits, - and _ (at most 32).")
            .arg(arg);
    if (code == u"barcode_format")
        return PriceListImportStore::tr("The barcode \"%1\" must be 8 to 14 digits.").arg(arg);
    if (code == u"barcode_check")
        return PriceListImportStore::tr("The barcode %1 has a wrong check digit.").arg(arg);
    if (code == u"name_too_long")
        return PriceListImportStore::tr("The name is longer than 200 characters.");
    if (code == u"price_unreadable")
        return PriceListImportStore::tr("\"%1\" is not a price.").arg(arg);
    if (code == u"price_not_positive")
        return PriceListImportStore::tr("The price must be more than zero.");
    if (code == u"price_too_large")
        return PriceListImportStore::tr("The price %1 is too large.").arg(arg);
    if (code == u"price_missing")
        return PriceListImportStore::tr("The row has no price.");
    if (code == u"duplicate_plu")
        return PriceListImportStore::tr("The PLU %1 is also in row %2.")
            .arg(arg.section(u' ', 1), arg.section(u' ', 0, 0));
    if (code == u"duplicate_barcode")
        return PriceListImportStore::tr("The barcode %1 is also in row %2.")
            .arg(arg.section(u' ', 1), arg.section(u' ', 0, 0));
    if (code == u"duplicate_product")
        return PriceListImportStore::tr("Row %1 already gives this product's prices.").arg(arg);
    if (code == u"barcode_taken")
        return PriceListImportStore::tr("The barcode belongs to PLU %1.").arg(arg);
    if (code == u"archived")
        return PriceListImportStore::tr("PLU %1 is archived; its prices are not changed.").arg(arg);
    if (code == u"unknown_barcode")
        return PriceListImportStore::tr(
            "No product has this barcode, and a new product needs a PLU.");
    if (code == u"new_needs_name")
        return PriceListImportStore::tr("No product has PLU %1, and a new product needs a name.")
            .arg(arg);
    if (code == u"new_needs_retail")
        return PriceListImportStore::tr(
                   "No product has PLU %1, and a new product needs a retail price.")
            .arg(arg);
    if (code == u"unknown_category")
        return PriceListImportStore::tr(
                   "There is no category \"%1\"; categories are not created by an import.")
            .arg(arg);
    return code;
}

// Runs a statement whose rows are not needed; its query is gone on return,
// so a failure later in the transaction leaves no statement to free.
Result<void> exec(const QSqlDatabase &db, const QString &sql,
                  std::initializer_list<Sql::Named> values)
{
    auto q = Sql::run(db, sql, values);
    if (!q)
        return q.error();
    return {};
}

std::optional<qint64> optionalPrice(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

} // namespace

Result<QString> PriceListImportStore::stage(const Actor &actor, qint64 supplierId,
                                            const QString &path, const PriceListMapping &mapping,
                                            int limit, const std::atomic_bool *cancelled,
                                            const Progress &progress)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (auto refused = CatalogOwner::refuseLocalChange(m_db))
        return *refused;
    if (auto invalid = mapping.check())
        return *invalid;
    auto supplier = SupplierStore(m_db).byId(supplierId);
    if (!supplier)
        return supplier.error();
    if (!supplier.value())
        return StoreError::invalid(u"supplier"_s, tr("Choose the supplier of the price list."));
    auto reader = TableReader::openFile(path);
    if (!reader)
        return reader.error();

    auto made =
        Sql::run(m_db,
                 u"CREATE TEMP TABLE price_list_rows (n integer PRIMARY KEY, plu text NOT NULL, "
                 "  barcode text NOT NULL, name text NOT NULL, category text NOT NULL, "
                 "  purchase bigint, retail bigint, err_field text, err_code text, err_arg text, "
                 "  product_id bigint, product_name text, old_retail bigint, old_purchase bigint, "
                 "  verdict text) ON COMMIT DROP"_s);
    if (!made)
        return made.error();

    Batch batch;
    int read = 0;
    bool header = mapping.headerRow;
    while (!reader.value()->atEnd() && (limit <= 0 || read < limit)) {
        const Result<TableRow> row = reader.value()->next();
        if (!row)
            return row.error();
        if (header) {
            header = false;
            continue;
        }
        if (row->cells.join(QString()).trimmed().isEmpty())
            continue; // a blank line between groups
        add(batch, row.value(), mapping);
        ++read;
        if (batch.size() >= kBatch) {
            if (auto done = insert(m_db, batch); !done)
                return done.error();
            batch.clear();
            if (progress)
                progress(read);
            if (isCancelled(cancelled))
                return StoreError::cancelled(tr("Stopped; nothing was imported."));
        }
    }
    if (batch.size() > 0) {
        if (auto done = insert(m_db, batch); !done)
            return done.error();
        if (progress)
            progress(read);
    }
    if (isCancelled(cancelled))
        return StoreError::cancelled(tr("Stopped; nothing was imported."));
    return supplier.value()->name;
}

Result<void> PriceListImportStore::resolve(qint64 supplierId)
{
    // Each step refuses what is still unrefused, in the order a user would
    // fix them: the file's own duplicates, then the catalog's conflicts.
    const QStringList steps {
        u"ANALYZE price_list_rows"_s,
        u"CREATE TEMP TABLE price_list_categories ON COMMIT DROP AS "
        "SELECT id, lower(category_path(id)) AS path FROM categories"_s,
        u"UPDATE price_list_rows r SET err_field = 'plu', err_code = 'duplicate_plu', "
        "  err_arg = d.first || ' ' || r.plu "
        "FROM (SELECT n, min(n) OVER (PARTITION BY plu) AS first FROM price_list_rows "
        "  WHERE plu <> '') d WHERE r.n = d.n AND d.first <> d.n AND r.err_code IS NULL"_s,
        u"UPDATE price_list_rows r SET err_field = 'barcode', err_code = 'duplicate_barcode', "
        "  err_arg = d.first || ' ' || r.barcode "
        "FROM (SELECT n, min(n) OVER (PARTITION BY barcode) AS first FROM price_list_rows "
        "  WHERE barcode <> '') d WHERE r.n = d.n AND d.first <> d.n AND r.err_code IS NULL"_s,
        u"UPDATE price_list_rows r SET product_id = p.id FROM products p "
        "WHERE r.plu <> '' AND p.plu = r.plu AND r.err_code IS NULL"_s,
        u"UPDATE price_list_rows r SET product_id = b.product_id FROM product_barcodes b "
        "WHERE r.plu = '' AND r.barcode <> '' AND b.barcode = r.barcode AND r.err_code IS NULL"_s,
        // A row by PLU and another by the barcode of the same product.
        u"UPDATE price_list_rows r SET err_field = CASE WHEN r.plu <> '' THEN 'plu' ELSE "
        "  'barcode' END, err_code = 'duplicate_product', err_arg = d.first::text "
        "FROM (SELECT n, min(n) OVER (PARTITION BY product_id) AS first FROM price_list_rows "
        "  WHERE product_id IS NOT NULL AND err_code IS NULL) d "
        "WHERE r.n = d.n AND d.first <> d.n"_s,
        u"UPDATE price_list_rows r SET err_field = 'barcode', err_code = 'barcode_taken', "
        "  err_arg = p.plu FROM product_barcodes b JOIN products p ON p.id = b.product_id "
        "WHERE r.err_code IS NULL AND r.barcode <> '' AND b.barcode = r.barcode "
        "  AND b.product_id IS DISTINCT FROM r.product_id"_s,
        u"UPDATE price_list_rows r SET err_field = CASE WHEN r.plu <> '' THEN 'plu' ELSE "
        "  'barcode' END, err_code = 'archived', err_arg = p.plu FROM products p "
        "WHERE p.id = r.product_id AND NOT p.active AND r.err_code IS NULL"_s,
        u"UPDATE price_list_rows SET err_field = 'barcode', err_code = 'unknown_barcode' "
        "WHERE product_id IS NULL AND plu = '' AND err_code IS NULL"_s,
        u"UPDATE price_list_rows SET err_field = 'name', err_code = 'new_needs_name', "
        "  err_arg = plu WHERE product_id IS NULL AND name = '' AND err_code IS NULL"_s,
        u"UPDATE price_list_rows SET err_field = 'retail_price', err_code = 'new_needs_retail', "
        "  err_arg = plu WHERE product_id IS NULL AND retail IS NULL AND err_code IS NULL"_s,
        u"UPDATE price_list_rows r SET err_field = 'category', err_code = 'unknown_category', "
        "  err_arg = r.category WHERE r.err_code IS NULL AND r.category <> '' AND NOT EXISTS "
        "  (SELECT 1 FROM price_list_categories c WHERE c.path = lower(r.category))"_s,
    };
    for (const QString &sql : steps)
        if (auto q = Sql::run(m_db, sql); !q)
            return q.error();
    auto old = Sql::run(
        m_db,
        u"UPDATE price_list_rows r SET product_name = p.name, old_retail = price_at(p, now()), "
        "  old_purchase = (SELECT sp.price FROM supplier_prices sp "
        "    WHERE sp.supplier_id = ? AND sp.product_id = p.id) "
        "FROM products p WHERE p.id = r.product_id AND r.err_code IS NULL"_s,
        {supplierId});
    if (!old)
        return old.error();
    auto verdict =
        Sql::run(m_db,
                 u"UPDATE price_list_rows SET verdict = CASE WHEN err_code IS NOT NULL THEN "
                 "'refused' WHEN product_id IS NULL THEN 'new' "
                 "WHEN (retail IS NOT NULL AND retail <> old_retail) OR (purchase IS NOT NULL AND "
                 "purchase IS DISTINCT FROM old_purchase) THEN 'update' ELSE 'unchanged' END"_s);
    if (!verdict)
        return verdict.error();
    // Statistics of the matched rows, not of the file as it came in (when
    // every product_id was NULL): the writes below join on them.
    if (auto analyzed = Sql::run(m_db, u"ANALYZE price_list_rows"_s); !analyzed)
        return analyzed.error();
    return {};
}

Result<QList<PriceListRow>> PriceListImportStore::rows(const QString &where, int limit,
                                                       int afterRow) const
{
    auto q = Sql::run(m_db,
                      u"SELECT n, plu, barcode, coalesce(product_name, name), old_retail, retail, "
                      "  old_purchase, purchase, verdict, coalesce(err_field, ''), "
                      "  coalesce(err_code, ''), coalesce(err_arg, '') "
                      "FROM price_list_rows WHERE n > ? AND %1 ORDER BY n LIMIT ?"_s.arg(where),
                      {afterRow, limit > 0 ? limit : std::numeric_limits<int>::max()});
    if (!q)
        return q.error();
    QList<PriceListRow> list;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        PriceListRow row;
        row.number = r.value(0).toInt();
        row.plu = r.value(1).toString();
        row.barcode = r.value(2).toString();
        row.name = r.value(3).toString();
        row.oldRetail = optionalPrice(r.value(4));
        row.newRetail = optionalPrice(r.value(5));
        row.oldPurchase = optionalPrice(r.value(6));
        row.newPurchase = optionalPrice(r.value(7));
        const QString verdict = r.value(8).toString();
        row.verdict = verdict == u"new" ? PriceListVerdict::New
            : verdict == u"update"      ? PriceListVerdict::Update
            : verdict == u"unchanged"   ? PriceListVerdict::Unchanged
                                        : PriceListVerdict::Refused;
        row.field = r.value(9).toString();
        if (row.verdict == PriceListVerdict::Refused)
            row.reason = reasonText(r.value(10).toString(), r.value(11).toString());
        list.append(row);
    }
    return list;
}

Result<QList<PriceListRow>> PriceListImportStore::preview(const Actor &actor, qint64 supplierId,
                                                          const QString &path,
                                                          const PriceListMapping &mapping,
                                                          int limit)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    if (auto staged = stage(actor, supplierId, path, mapping, qMax(1, limit), nullptr, {}); !staged)
        return staged.error();
    if (auto done = resolve(supplierId); !done)
        return done.error();
    return rows(u"true"_s, limit); // rolled back with the transaction
}

Result<PriceListOutcome>
PriceListImportStore::apply(const Actor &actor, qint64 supplierId, const QString &path,
                            const PriceListMapping &mapping, const std::atomic_bool *cancelled,
                            const Progress &progress, const QString &refusedCsvPath)
{
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    auto supplierName = stage(actor, supplierId, path, mapping, 0, cancelled, progress);
    if (!supplierName)
        return supplierName.error();
    if (auto done = resolve(supplierId); !done)
        return done.error();
    if (isCancelled(cancelled))
        return StoreError::cancelled(tr("Stopped; nothing was imported."));
    const QString reason =
        tr("Price list of %1, %2").arg(supplierName.value(), QFileInfo(path).fileName()).left(500);

    // New products, with their first price naming the list (written before
    // the trigger's row, which then skips it), history and outbox events.
    auto created = exec(
        m_db,
        u"WITH made AS (INSERT INTO products (plu, name, price, barcode, category_id) "
        "  SELECT r.plu, r.name, r.retail, nullif(r.barcode, ''), c.id FROM price_list_rows r "
        "  LEFT JOIN price_list_categories c ON r.category <> '' AND c.path = lower(r.category) "
        "  WHERE r.verdict = 'new' ORDER BY r.n RETURNING *), "
        "priced AS (INSERT INTO product_prices (product_id, price, valid_from, staff_id, reason) "
        "  SELECT id, price, price_from, nullif(:staff::bigint, 0), :reason FROM made), "
        "logged AS (INSERT INTO history (product_id, plu, action, staff_id, reason) "
        "  SELECT id, plu, 'product_created', nullif(:staff::bigint, 0), :reason FROM made), "
        "queued AS (INSERT INTO outbox (event_type, payload) "
        "  SELECT 'product.created', jsonb_build_object('plu', plu, 'name', name, "
        "    'price', price, 'barcode', barcode, 'sold_by_weight', sold_by_weight, "
        "    'staff_id', nullif(:staff::bigint, 0)) FROM made) "
        "UPDATE price_list_rows r SET product_id = m.id FROM made m "
        "WHERE r.verdict = 'new' AND r.plu = m.plu"_s,
        {{u":staff"_s, actor.staffId}, {u":reason"_s, reason}});
    if (!created)
        return created.error();
    if (isCancelled(cancelled))
        return StoreError::cancelled(tr("Stopped; nothing was imported."));

    // Changed retail prices, as a price document posts them.
    QList<qint64> labelled;
    {
        auto changed = Sql::run(
            m_db,
            u"WITH todo AS (SELECT product_id, retail AS new_price, old_retail AS old_price "
            "  FROM price_list_rows WHERE verdict = 'update' AND retail IS NOT NULL "
            "  AND retail <> old_retail), "
            "changed AS (UPDATE products p SET price = t.new_price, price_from = now(), "
            "  updated_at = now() FROM todo t WHERE p.id = t.product_id "
            "  RETURNING p.id, p.plu, p.price, p.price_from), "
            "priced AS (INSERT INTO product_prices (product_id, price, valid_from, staff_id, "
            "reason) "
            "  SELECT c.id, c.price, c.price_from, nullif(:staff::bigint, 0), :reason FROM changed "
            "c), "
            "kept AS (INSERT INTO product_changes (product_id, staff_id, reason, before, after) "
            "  SELECT c.id, nullif(:staff::bigint, 0), :reason, "
            "  jsonb_build_object('price', t.old_price), jsonb_build_object('price', c.price) "
            "  FROM changed c JOIN todo t ON t.product_id = c.id), "
            "logged AS (INSERT INTO history (product_id, plu, action, staff_id, reason) "
            "  SELECT c.id, c.plu, 'product_changed', nullif(:staff::bigint, 0), :reason "
            "  FROM changed c) "
            "SELECT id FROM changed"_s,
            {{u":staff"_s, actor.staffId}, {u":reason"_s, reason}});
        if (!changed)
            return changed.error();
        while (changed.value().next())
            labelled << changed.value().value(0).toLongLong();
    }
    if (!labelled.isEmpty()) {
        if (auto queued = LabelQueueStore::enqueueMany(
                m_db, labelled, std::nullopt, LabelReason::PriceChanged, {}, actor.staffId);
            !queued)
            return queued.error();
    }
    if (isCancelled(cancelled))
        return StoreError::cancelled(tr("Stopped; nothing was imported."));

    auto purchase =
        Sql::run(m_db,
                 u"INSERT INTO supplier_prices (supplier_id, product_id, price) "
                 "SELECT :supplier, product_id, purchase FROM price_list_rows "
                 "WHERE verdict IN ('new', 'update') AND purchase IS NOT NULL "
                 "  AND purchase IS DISTINCT FROM old_purchase "
                 "ON CONFLICT (supplier_id, product_id) DO UPDATE SET price = excluded.price, "
                 "  updated_at = now()"_s,
                 {{u":supplier"_s, supplierId}});
    if (!purchase)
        return purchase.error();
    auto saved =
        Sql::run(m_db, u"UPDATE suppliers SET price_list_columns = ?::jsonb WHERE id = ?"_s,
                 {QString::fromUtf8(QJsonDocument(mapping.toJson()).toJson(QJsonDocument::Compact)),
                  supplierId});
    if (!saved)
        return saved.error();

    PriceListOutcome outcome;
    {
        auto counts = Sql::run(m_db, u"SELECT verdict, count(*) FROM price_list_rows GROUP BY 1"_s);
        if (!counts)
            return counts.error();
        while (counts.value().next()) {
            const QString v = counts.value().value(0).toString();
            const int n = counts.value().value(1).toInt();
            if (v == u"new")
                outcome.counts.created = n;
            else if (v == u"update")
                outcome.counts.updated = n;
            else if (v == u"unchanged")
                outcome.counts.unchanged = n;
            else
                outcome.counts.refused = n;
        }
    }
    // The refused rows a page at a time: the first ones kept, all to the file.
    QFile csv(refusedCsvPath);
    if (!refusedCsvPath.isEmpty() &&
        (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate) || csv.write(refusedCsv({})) < 0))
        return StoreError::invalid(
            u"refused_file"_s, tr("Cannot write %1: %2").arg(refusedCsvPath, csv.errorString()));
    for (int after = 0;;) {
        auto page = rows(u"verdict = 'refused'"_s, kRefusedKept, after);
        if (!page)
            return page.error();
        if (page->isEmpty())
            break;
        after = page->last().number;
        if (csv.isOpen()) {
            QByteArray bytes = refusedCsv(page.value());
            bytes.remove(0, bytes.indexOf('\n') + 1); // the header is written once
            if (csv.write(bytes) != bytes.size())
                return StoreError::invalid(
                    u"refused_file"_s,
                    tr("Cannot write %1: %2").arg(refusedCsvPath, csv.errorString()));
        }
        if (outcome.refused.isEmpty())
            outcome.refused = std::move(page).value();
        else if (!csv.isOpen())
            break;
    }
    csv.close();
    if (isCancelled(cancelled))
        return StoreError::cancelled(tr("Stopped; nothing was imported."));
    if (auto done = tx.commit(); !done)
        return done.error();
    return outcome;
}

Result<std::optional<PriceListMapping>> PriceListImportStore::savedMapping(qint64 supplierId) const
{
    auto q = Sql::run(m_db,
                      u"SELECT price_list_columns::text FROM suppliers "
                      "WHERE id = ? AND price_list_columns IS NOT NULL"_s,
                      {supplierId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<PriceListMapping>();
    return std::optional<PriceListMapping>(PriceListMapping::fromJson(
        QJsonDocument::fromJson(q.value().value(0).toString().toUtf8()).object()));
}

Result<QStringList> PriceListImportStore::firstRow(const QString &path)
{
    auto reader = TableReader::openFile(path);
    if (!reader)
        return reader.error();
    if (reader.value()->atEnd())
        return QStringList();
    auto row = reader.value()->next();
    if (!row)
        return row.error();
    return row->cells;
}

QByteArray PriceListImportStore::refusedCsv(const QList<PriceListRow> &rows)
{
    QByteArray csv = CsvWriter::line(
        {tr("Row"), tr("PLU"), tr("Barcode"), tr("Name"), tr("Field"), tr("Reason")});
    for (const PriceListRow &r : rows)
        csv += CsvWriter::line(
            {QString::number(r.number), r.plu, r.barcode, r.name, r.field, r.reason});
    return csv;
}

} // namespace shopdesk
