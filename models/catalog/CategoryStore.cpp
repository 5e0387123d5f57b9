#include "CategoryStore.h"

#include "models/core/Permissions.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// Moves and deletions of categories follow each other, so two moves at once
// can never make a loop that neither saw (the trigger would refuse it too).
Result<QSqlQuery> lockTree(const QSqlDatabase &db)
{
    return Sql::run(db, u"SELECT pg_advisory_xact_lock(hashtext('shopdesk.categories'))"_s);
}

StoreError duplicate(const QString &name)
{
    return StoreError::conflict(
        CategoryStore::tr("There is already a category named %1 there.").arg(name), u"name"_s);
}

bool isDuplicate(const StoreError &e)
{
    return e.isUniqueViolation() && e.constraint == u"categories_sibling_name"_s;
}

} // namespace

std::optional<StoreError> CategoryStore::validateName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 100)
        return StoreError::invalid(u"name"_s, tr("The category name must be 1 to 100 characters."));
    return std::nullopt;
}

Result<QList<Category>> CategoryStore::list() const
{
    auto q = Sql::run(m_db,
                      u"WITH RECURSIVE tree AS ("
                      "  SELECT c.id, c.parent_id, c.name, c.name AS path, "
                      "    ARRAY[lower(c.name) || chr(1) || c.id] AS sort "
                      "  FROM categories c WHERE c.parent_id IS NULL "
                      "  UNION ALL "
                      "  SELECT c.id, c.parent_id, c.name, t.path || ' / ' || c.name, "
                      "    t.sort || (lower(c.name) || chr(1) || c.id) "
                      "  FROM categories c JOIN tree t ON c.parent_id = t.id) "
                      "SELECT t.id, coalesce(t.parent_id, 0), t.name, t.path, "
                      "  (SELECT count(*) FROM products p WHERE p.category_id = t.id) "
                      "FROM tree t ORDER BY t.sort"_s);
    if (!q)
        return q.error();
    QList<Category> list;
    while (q.value().next()) {
        Category c;
        c.id = q.value().value(0).toLongLong();
        c.parentId = q.value().value(1).toLongLong();
        c.name = q.value().value(2).toString();
        c.path = q.value().value(3).toString();
        c.productCount = q.value().value(4).toInt();
        list.append(c);
    }
    return list;
}

Result<std::optional<Category>> CategoryStore::byId(qint64 id) const
{
    auto all = list();
    if (!all)
        return all.error();
    for (const Category &c : all.value()) {
        if (c.id == id)
            return std::optional<Category>(c);
    }
    return std::optional<Category>();
}

Result<Category> CategoryStore::finish(qint64 id) const
{
    auto made = byId(id);
    if (!made)
        return made.error();
    if (!made.value())
        return StoreError::notFound(tr("There is no category %1.").arg(id));
    return *made.value();
}

Result<Category> CategoryStore::create(const Actor &actor, qint64 parentId, const QString &name)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (auto invalid = validateName(name))
        return *invalid;
    const QString trimmed = name.trimmed();
    auto q = Sql::run(m_db,
                      u"INSERT INTO categories (parent_id, name) "
                      "SELECT nullif(:parent::bigint, 0), :name "
                      "WHERE :parent::bigint = 0 OR EXISTS (SELECT 1 FROM categories "
                      "  WHERE id = :parent::bigint) RETURNING id"_s,
                      {{u":parent"_s, parentId}, {u":name"_s, trimmed}});
    if (!q)
        return isDuplicate(q.error()) ? duplicate(trimmed) : q.error();
    if (!q.value().next())
        return StoreError::invalid(u"parent_id"_s, tr("There is no category %1.").arg(parentId));
    return finish(q.value().value(0).toLongLong());
}

Result<Category> CategoryStore::rename(const Actor &actor, qint64 id, const QString &name)
{
    return edit(actor, id, name, std::nullopt);
}

Result<Category> CategoryStore::move(const Actor &actor, qint64 id, qint64 parentId)
{
    return edit(actor, id, std::nullopt, parentId);
}

Result<Category> CategoryStore::edit(const Actor &actor, qint64 id,
                                     const std::optional<QString> &newName,
                                     std::optional<qint64> parentId)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    if (newName) {
        if (auto invalid = validateName(*newName))
            return *invalid;
    }
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    if (parentId) {
        if (auto locked = lockTree(m_db); !locked)
            return locked.error();
    }
    // Where it would go, seen from the category: under itself or one of its
    // descendants would make a loop.
    const qint64 parent = parentId.value_or(0);
    auto q = Sql::run(m_db,
                      u"WITH RECURSIVE below AS (SELECT id FROM categories WHERE id = :id "
                      "  UNION SELECT c.id FROM categories c JOIN below b ON c.parent_id = b.id) "
                      "SELECT (SELECT name FROM categories WHERE id = :id), "
                      "  :parent::bigint = 0 OR EXISTS (SELECT 1 FROM categories "
                      "    WHERE id = :parent::bigint), "
                      "  EXISTS (SELECT 1 FROM below WHERE id = :parent::bigint)"_s,
                      {{u":id"_s, id}, {u":parent"_s, parent}});
    if (!q)
        return q.error();
    q.value().next();
    if (q.value().value(0).isNull())
        return StoreError::notFound(tr("There is no category %1.").arg(id));
    const QString name = newName ? newName->trimmed() : q.value().value(0).toString();
    if (parentId) {
        if (!q.value().value(1).toBool())
            return StoreError::invalid(u"parent_id"_s, tr("There is no category %1.").arg(parent));
        if (q.value().value(2).toBool())
            return StoreError::invalid(u"parent_id"_s,
                                       tr("The category %1 cannot go inside itself or one of its "
                                          "subcategories.")
                                           .arg(q.value().value(0).toString()));
    }
    auto changed = Sql::run(m_db,
                            u"UPDATE categories SET name = :name, "
                            "  parent_id = CASE WHEN :move THEN nullif(:parent::bigint, 0) "
                            "    ELSE parent_id END, updated_at = now() "
                            "WHERE id = :id"_s,
                            {{u":name"_s, name},
                             {u":move"_s, parentId.has_value()},
                             {u":parent"_s, parent},
                             {u":id"_s, id}});
    if (!changed)
        return isDuplicate(changed.error()) ? duplicate(name) : changed.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return finish(id);
}

Result<void> CategoryStore::remove(const Actor &actor, qint64 id, bool moveContentsUp)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageProducts))
        return *refused;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return tx.openError();
    if (auto locked = lockTree(m_db); !locked)
        return locked.error();
    // The category locked: a product put into it meanwhile waits, then
    // finds it gone (its foreign key refuses it).
    auto q = Sql::run(m_db,
                      u"SELECT c.name, coalesce(c.parent_id, 0), category_path(c.id), "
                      "  coalesce(category_path(c.parent_id), ''), "
                      "  (SELECT count(*) FROM products p WHERE p.category_id = c.id), "
                      "  (SELECT count(*) FROM categories s WHERE s.parent_id = c.id) "
                      "FROM categories c WHERE c.id = ? FOR UPDATE"_s,
                      {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no category %1.").arg(id));
    const QString name = q.value().value(0).toString();
    const qint64 parent = q.value().value(1).toLongLong();
    const QString path = q.value().value(2).toString();
    const QString parentPath = q.value().value(3).toString();
    const int products = q.value().value(4).toInt();
    const int subcategories = q.value().value(5).toInt();
    if (products + subcategories > 0 && !moveContentsUp) {
        return StoreError::conflict(
            tr("The category %1 is not empty: %n product(s) and subcategories are in it. Move "
               "them out first, or delete it moving them up.",
               nullptr, products + subcategories)
                .arg(name),
            u"category"_s);
    }
    // A code limited to the category would otherwise silently lose it (and
    // with no other limit, discount everything).
    auto codes = Sql::scalar(m_db,
                             u"SELECT string_agg(p.code, ', ' ORDER BY p.code) "
                             "FROM promo_code_categories x JOIN promo_codes p "
                             "ON p.id = x.promo_code_id WHERE x.category_id = ?"_s,
                             {id});
    if (!codes)
        return codes.error();
    if (!codes.value().isNull())
        return StoreError::conflict(tr("The category %1 limits the promo codes %2: take it out "
                                       "of them first.")
                                        .arg(name, codes.value().toString()),
                                    u"category"_s);
    if (products > 0) {
        // Each product that leaves the category keeps the change in its
        // history, as an edit would.
        auto moved = Sql::run(
            m_db,
            u"WITH args AS (SELECT :id::bigint AS id, nullif(:parent::bigint, 0) AS parent, "
            "  nullif(:staff::bigint, 0) AS staff, :reason::text AS reason), "
            "moved AS (UPDATE products p SET category_id = a.parent, updated_at = now() "
            "  FROM args a WHERE p.category_id = a.id RETURNING p.id, p.plu), "
            "kept AS (INSERT INTO product_changes (product_id, staff_id, reason, before, after) "
            "  SELECT m.id, a.staff, a.reason, "
            "    jsonb_build_object('category_id', a.id, 'category', :path::text), "
            "    jsonb_build_object('category_id', a.parent, 'category', "
            "      nullif(:parent_path::text, '')) "
            "  FROM moved m, args a RETURNING 1) "
            "INSERT INTO history (product_id, plu, action, staff_id, reason) "
            "  SELECT m.id, m.plu, 'product_changed', a.staff, a.reason FROM moved m, args a"_s,
            {{u":id"_s, id},
             {u":parent"_s, parent},
             {u":staff"_s, actor.staffId},
             {u":reason"_s, tr("category %1 deleted").arg(path)},
             {u":path"_s, path},
             {u":parent_path"_s, parentPath}});
        if (!moved)
            return moved.error();
    }
    if (subcategories > 0) {
        auto up = Sql::run(m_db,
                           u"UPDATE categories SET parent_id = nullif(?::bigint, 0), "
                           "updated_at = now() WHERE parent_id = ?"_s,
                           {parent, id});
        if (!up) {
            if (isDuplicate(up.error()))
                return StoreError::conflict(
                    tr("A subcategory of %1 has the same name as a category it would join: "
                       "rename one of them first.")
                        .arg(name),
                    u"name"_s);
            return up.error();
        }
    }
    auto gone = Sql::run(m_db, u"DELETE FROM categories WHERE id = ?"_s, {id});
    if (!gone)
        return gone.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    return {};
}

} // namespace shopdesk
