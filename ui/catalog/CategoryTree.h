#pragma once

#include "models/catalog/CategoryStore.h"
#include "models/core/Actor.h"

#include <QWidget>

class QAction;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace shopdesk {

// The catalog's categories as a tree, "All products" on top: choosing one
// tells which (its products and its subcategories' are meant). A manager
// adds (Insert), renames (Shift+F2), moves (Ctrl+M) and deletes (Delete)
// categories from its context menu or those keys; every change goes through
// CatalogService and the tree is read again after it.
class CategoryTree : public QWidget
{
    Q_OBJECT
public:
    explicit CategoryTree(const Actor &actor, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    // The chosen category, 0 for "All products".
    qint64 currentCategoryId() const;
    void setCurrentCategoryId(qint64 id);
    // Categories are not changed here, for `reason` (a linked shop: the
    // head office's); empty: they are, as the role allows.
    void setReadOnly(const QString &reason);
    const QList<Category> &categories() const { return m_categories; }

public slots:
    void reload();
    // The changes the actions make after asking for a name or a place;
    // each says what went wrong through message().
    void createCategory(qint64 parentId, const QString &name);
    void renameCategory(qint64 id, const QString &name);
    void moveCategory(qint64 id, qint64 parentId);
    void removeCategory(qint64 id, bool moveContentsUp);

signals:
    void categoryChosen(qint64 id);
    // The tree was read (again).
    void loaded();
    // A change was refused or failed (empty: the last one went through).
    void message(const QString &text);

private:
    void show(const QList<Category> &categories);
    void updateActions();
    void askNew();
    void askRename();
    void askMove();
    void askRemove();
    QStandardItem *itemFor(qint64 id) const;

    Actor m_actor;
    QTreeView *m_view;
    QStandardItemModel *m_model;
    QList<Category> m_categories;
    qint64 m_current = 0;
    QString m_readOnly; // why categories are not changed here; empty: they are
    QAction *m_new;
    QAction *m_rename;
    QAction *m_move;
    QAction *m_remove;
};

} // namespace shopdesk
