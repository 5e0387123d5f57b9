#include "CategoryTree.h"

#include "models/catalog/CatalogService.h"
#include "models/core/Permissions.h"
#include "models/core/TaskRunner.h"
#include "ui/common/Confirm.h"
#include "ui/common/Icons.h"

#include <QAction>
#include <QHash>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QSet>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

CategoryTree::CategoryTree(const Actor &actor, QWidget *parent)
    : QWidget(parent),
      m_actor(actor),
      m_view(new QTreeView(this)),
      m_model(new QStandardItemModel(this))
{
    m_view->setObjectName(u"categoryTree"_s);
    m_view->setModel(m_model);
    m_view->setHeaderHidden(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->setToolTip(tr("Choose a category to see its products and its subcategories'."));

    const auto action = [this](Icon icon, const QString &text, const QKeySequence &key,
                               const QString &name, void (CategoryTree::*slot)()) {
        auto *a = new QAction(Icons::icon(icon), text, m_view);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetShortcut);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, slot);
        m_view->addAction(a);
        return a;
    };
    m_new = action(Icon::New, tr("&New category…"), QKeySequence(Qt::Key_Insert), u"newCategory"_s,
                   &CategoryTree::askNew);
    m_rename = action(Icon::Edit, tr("&Rename…"), QKeySequence(Qt::SHIFT | Qt::Key_F2),
                      u"renameCategory"_s, &CategoryTree::askRename);
    m_move = action(Icon::Edit, tr("&Move to…"), QKeySequence(Qt::CTRL | Qt::Key_M),
                    u"moveCategory"_s, &CategoryTree::askMove);
    m_remove = action(Icon::Delete, tr("&Delete…"), QKeySequence(Qt::Key_Delete),
                      u"deleteCategory"_s, &CategoryTree::askRemove);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const qint64 id = current.isValid() ? current.data(kIdRole).toLongLong() : 0;
                updateActions();
                if (id == m_current)
                    return;
                m_current = id;
                emit categoryChosen(id);
            });
    updateActions();
    reload();
}

qint64 CategoryTree::currentCategoryId() const
{
    return m_current;
}

void CategoryTree::setCurrentCategoryId(qint64 id)
{
    if (QStandardItem *item = itemFor(id))
        m_view->setCurrentIndex(item->index());
}

QStandardItem *CategoryTree::itemFor(qint64 id) const
{
    const QModelIndexList found =
        m_model->match(m_model->index(0, 0), kIdRole, id, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? nullptr : m_model->itemFromIndex(found.first());
}

void CategoryTree::reload()
{
    whenReady(this, CatalogService(m_actor).categories(),
              [this](const Result<QList<Category>> &list) {
                  if (!list)
                      emit message(list.error().message);
                  else
                      show(list.value());
                  emit loaded();
              });
}

void CategoryTree::show(const QList<Category> &categories)
{
    m_categories = categories;
    const qint64 keep = m_current;
    const QSignalBlocker blocker(m_view->selectionModel());
    m_model->clear();
    auto *all = new QStandardItem(tr("All products"));
    all->setData(qint64(0), kIdRole);
    m_model->appendRow(all);
    // Parents come before their children (CategoryStore::list).
    QHash<qint64, QStandardItem *> items;
    for (const Category &c : categories) {
        auto *item = new QStandardItem(c.name);
        item->setData(c.id, kIdRole);
        item->setToolTip(
            tr("%1: %n product(s) directly in it", nullptr, c.productCount).arg(c.path));
        QStandardItem *parent = items.value(c.parentId, nullptr);
        (parent ? parent : m_model->invisibleRootItem())->appendRow(item);
        items.insert(c.id, item);
    }
    m_view->expandAll();
    QStandardItem *current = itemFor(keep);
    m_view->setCurrentIndex((current ? current : all)->index());
    updateActions();
    if (!current && keep != 0) {
        // The chosen category is gone (deleted): all products again.
        m_current = 0;
        emit categoryChosen(0);
    }
}

void CategoryTree::setReadOnly(const QString &reason)
{
    m_readOnly = reason;
    for (QAction *action : {m_new, m_rename, m_move, m_remove})
        action->setStatusTip(reason);
    const QString choose = tr("Choose a category to see its products and its subcategories'.");
    m_view->setToolTip(reason.isEmpty() ? choose : choose + u"\n"_s + reason);
    updateActions();
}

void CategoryTree::updateActions()
{
    const bool manager =
        hasPermission(m_actor.role, Permission::ManageProducts) && m_readOnly.isEmpty();
    const bool onCategory = m_current != 0 ||
        (m_view->currentIndex().isValid() &&
         m_view->currentIndex().data(kIdRole).toLongLong() != 0);
    m_new->setEnabled(manager);
    m_rename->setEnabled(manager && onCategory);
    m_move->setEnabled(manager && onCategory);
    m_remove->setEnabled(manager && onCategory);
}

void CategoryTree::askNew()
{
    bool ok = false;
    const QStandardItem *parent = m_current ? itemFor(m_current) : nullptr;
    const QString parentName = parent ? parent->text() : QString();
    const QString name =
        QInputDialog::getText(this, tr("New category"),
                              m_current ? tr("Name of the new category in %1:").arg(parentName)
                                        : tr("Name of the new top-level category:"),
                              QLineEdit::Normal, QString(), &ok);
    if (ok)
        createCategory(m_current, name);
}

void CategoryTree::askRename()
{
    QStandardItem *item = itemFor(m_current);
    if (!m_current || !item)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename category"), tr("New name:"),
                                               QLineEdit::Normal, item->text(), &ok);
    if (ok)
        renameCategory(m_current, name);
}

void CategoryTree::askMove()
{
    if (!m_current)
        return;
    // Every place it may go: the top, or a category outside its own branch.
    QSet<qint64> branch {m_current};
    for (const Category &c : std::as_const(m_categories))
        if (branch.contains(c.parentId))
            branch.insert(c.id);
    QStringList places {tr("(top level)")};
    QList<qint64> ids {0};
    for (const Category &c : std::as_const(m_categories)) {
        if (!branch.contains(c.id)) {
            places << c.path;
            ids << c.id;
        }
    }
    QString path;
    for (const Category &c : std::as_const(m_categories))
        if (c.id == m_current)
            path = c.path;
    bool ok = false;
    const QString place = QInputDialog::getItem(
        this, tr("Move category"), tr("Move %1 into:").arg(path), places, 0, false, &ok);
    if (ok)
        moveCategory(m_current, ids.value(int(places.indexOf(place))));
}

void CategoryTree::askRemove()
{
    if (!m_current)
        return;
    const qint64 id = m_current;
    const auto found = std::find_if(m_categories.cbegin(), m_categories.cend(),
                                    [id](const Category &c) { return c.id == id; });
    if (found == m_categories.cend())
        return;
    const bool hasChildren = std::any_of(m_categories.cbegin(), m_categories.cend(),
                                         [id](const Category &c) { return c.parentId == id; });
    if (found->productCount == 0 && !hasChildren) {
        if (Confirm::ask(this, tr("Delete category"),
                         tr("Delete the empty category %1?").arg(found->path)))
            removeCategory(id, false);
        return;
    }
    if (Confirm::ask(this, tr("Delete category"),
                     tr("%1 is not empty. Delete it and move its products and subcategories up "
                        "one level?")
                         .arg(found->path)))
        removeCategory(id, true);
}

void CategoryTree::createCategory(qint64 parentId, const QString &name)
{
    whenReady(this, CatalogService(m_actor).createCategory(parentId, name),
              [this](const Result<Category> &made) {
                  if (!made) {
                      emit message(made.error().message);
                      return;
                  }
                  emit message(QString());
                  m_current = made->id; // the new one is chosen once shown
                  emit categoryChosen(m_current);
                  reload();
              });
}

void CategoryTree::renameCategory(qint64 id, const QString &name)
{
    whenReady(this, CatalogService(m_actor).renameCategory(id, name),
              [this](const Result<Category> &renamed) {
                  emit message(renamed ? QString() : renamed.error().message);
                  reload();
              });
}

void CategoryTree::moveCategory(qint64 id, qint64 parentId)
{
    whenReady(this, CatalogService(m_actor).moveCategory(id, parentId),
              [this](const Result<Category> &moved) {
                  emit message(moved ? QString() : moved.error().message);
                  reload();
              });
}

void CategoryTree::removeCategory(qint64 id, bool moveContentsUp)
{
    whenReady(this, CatalogService(m_actor).removeCategory(id, moveContentsUp),
              [this](const Result<void> &removed) {
                  emit message(removed ? QString() : removed.error().message);
                  reload();
              });
}

} // namespace shopdesk
