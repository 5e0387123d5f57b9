#pragma once

#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace shopdesk {

// One category of the catalog's tree (categories, 0023).
struct Category
{
    qint64 id = 0;
    qint64 parentId = 0; // 0: a top-level category
    QString name;
    QString path; // "Dairy / Milk": the names from the top down
    int productCount = 0; // products directly in it (not in its subcategories)
};

// The product categories, a tree: created, renamed, moved under another
// category or to the top, and deleted. A name is 1 to 100 characters and
// unique among its siblings (case-insensitively); a category is never moved
// under itself or one of its descendants (the store refuses it, naming the
// field, and a trigger would too). Managers change the tree; everyone reads it.
class CategoryStore
{
    Q_DECLARE_TR_FUNCTIONS(CategoryStore)
public:
    explicit CategoryStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Every category, parents before their children, siblings by name.
    Result<QList<Category>> list() const;
    Result<std::optional<Category>> byId(qint64 id) const;

    // Invalid naming "name" (empty, too long) or "parent_id" (unknown);
    // Conflict naming "name" for a sibling with the same name.
    Result<Category> create(const Actor &actor, qint64 parentId, const QString &name);
    Result<Category> rename(const Actor &actor, qint64 id, const QString &name);
    // Under `parentId` (0: to the top). Under itself or a descendant:
    // Invalid, "parent_id"; a sibling there with its name: Conflict, "name".
    Result<Category> move(const Actor &actor, qint64 id, qint64 parentId);
    // Renames and moves at once (PATCH /categories/{id}), each only when
    // given, in one transaction: with the refusals of rename and move, and
    // nothing changed when either is refused.
    Result<Category> edit(const Actor &actor, qint64 id, const std::optional<QString> &name,
                          std::optional<qint64> parentId);
    // A category with products or subcategories is refused (Conflict) unless
    // `moveContentsUp`: then they go to its parent (its products to no
    // category when it is a top-level one), each product with its
    // product_changes row, all in one transaction.
    Result<void> remove(const Actor &actor, qint64 id, bool moveContentsUp = false);

    static std::optional<StoreError> validateName(const QString &name);

private:
    Result<Category> finish(qint64 id) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::Category)
