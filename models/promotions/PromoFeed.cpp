#include "PromoFeed.h"

#include "models/core/Sql.h"

#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<QJsonArray> PromoFeed::read(const QSqlDatabase &db)
{
    auto codes = Sql::scalar(
        db,
        u"SELECT coalesce(jsonb_agg(jsonb_build_object('code', p.code, 'kind', p.kind, "
        "  'value', p.value, 'valid_from', p.valid_from, 'valid_until', p.valid_until, "
        "  'min_total', p.min_total, 'max_uses', p.max_uses, "
        "  'max_uses_per_customer', p.max_uses_per_customer, 'active', p.active, "
        "  'automatic', p.automatic, "
        "  'plus', coalesce((SELECT jsonb_agg(pr.plu ORDER BY pr.plu) FROM promo_code_products x "
        "    JOIN products pr ON pr.id = x.product_id WHERE x.promo_code_id = p.id), '[]'), "
        "  'category_ids', coalesce((SELECT jsonb_agg(x.category_id ORDER BY x.category_id) "
        "    FROM promo_code_categories x WHERE x.promo_code_id = p.id), '[]')) "
        "  ORDER BY p.id), '[]')::text FROM promo_codes p"_s);
    if (!codes)
        return codes.error();
    return QJsonDocument::fromJson(codes.value().toString().toUtf8()).array();
}

Result<int> PromoFeed::apply(const QSqlDatabase &db, const QJsonArray &codes)
{
    if (codes.isEmpty())
        return 0;
    const QString json = QString::fromUtf8(QJsonDocument(codes).toJson(QJsonDocument::Compact));
    QSet<qint64> changed;
    const auto collect = [&changed](QSqlQuery &q) {
        while (q.next())
            changed.insert(q.value(0).toLongLong());
    };
    // The codes themselves; one the shop made with the same text becomes
    // central's (its orders keep naming it).
    auto made = Sql::run(
        db,
        u"WITH incoming AS (SELECT * FROM jsonb_to_recordset(:codes::jsonb) AS x(code text, "
        "  kind text, value bigint, valid_from timestamptz, valid_until timestamptz, "
        "  min_total bigint, max_uses integer, max_uses_per_customer integer, active boolean, "
        "  automatic boolean)) "
        "INSERT INTO promo_codes AS p (code, kind, value, valid_from, valid_until, min_total, "
        "  max_uses, max_uses_per_customer, active, automatic, from_central) "
        "SELECT code, kind, value, valid_from, valid_until, coalesce(min_total, 0), max_uses, "
        "  max_uses_per_customer, coalesce(active, true), coalesce(automatic, false), true "
        "FROM incoming "
        "ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, value = EXCLUDED.value, "
        "  valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until, "
        "  min_total = EXCLUDED.min_total, max_uses = EXCLUDED.max_uses, "
        "  max_uses_per_customer = EXCLUDED.max_uses_per_customer, active = EXCLUDED.active, "
        "  automatic = EXCLUDED.automatic, from_central = true, updated_by = NULL, "
        "  updated_at = now() "
        "WHERE (p.kind, p.value, p.valid_from, p.valid_until, p.min_total, p.max_uses, "
        "  p.max_uses_per_customer, p.active, p.automatic, p.from_central) IS DISTINCT FROM "
        "  (EXCLUDED.kind, EXCLUDED.value, EXCLUDED.valid_from, EXCLUDED.valid_until, "
        "  EXCLUDED.min_total, EXCLUDED.max_uses, EXCLUDED.max_uses_per_customer, "
        "  EXCLUDED.active, EXCLUDED.automatic, true) "
        "RETURNING p.id"_s,
        {{u":codes"_s, json}});
    if (!made)
        return made.error();
    collect(made.value());

    // What each code is limited to, as central lists it: the products by
    // PLU, the categories by central's id. The rows that are no longer
    // listed go and the new ones come (different rows: one statement).
    const QString limits =
        u"WITH listed AS (SELECT p.id, x.%1 AS list FROM jsonb_to_recordset(:codes::jsonb) AS "
        "  x(code text, %1 jsonb) JOIN promo_codes p ON p.code = x.code), "
        "want AS (SELECT DISTINCT l.id AS promo_code_id, t.id AS target FROM listed l "
        "  CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(l.list) = 'array' "
        "  THEN l.list ELSE '[]'::jsonb END) AS e(value) JOIN %2 t ON %3), "
        "gone AS (DELETE FROM %4 x USING listed l WHERE x.promo_code_id = l.id "
        "  AND NOT EXISTS (SELECT 1 FROM want w WHERE w.promo_code_id = x.promo_code_id "
        "  AND w.target = x.%5) RETURNING x.promo_code_id), "
        "added AS (INSERT INTO %4 (promo_code_id, %5) SELECT promo_code_id, target FROM want "
        "  ON CONFLICT DO NOTHING RETURNING promo_code_id) "
        "SELECT promo_code_id FROM gone UNION SELECT promo_code_id FROM added"_s;
    auto products = Sql::run(db,
                             limits.arg(u"plus"_s, u"products"_s, u"t.plu = e.value"_s,
                                        u"promo_code_products"_s, u"product_id"_s),
                             {{u":codes"_s, json}});
    if (!products)
        return products.error();
    collect(products.value());
    auto categories =
        Sql::run(db,
                 limits.arg(u"category_ids"_s, u"categories"_s, u"t.central_id = e.value::bigint"_s,
                            u"promo_code_categories"_s, u"category_id"_s),
                 {{u":codes"_s, json}});
    if (!categories)
        return categories.error();
    collect(categories.value());
    return int(changed.size());
}

} // namespace shopdesk
