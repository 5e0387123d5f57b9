#include "StockPage.h"

#include "AdjustStockDialog.h"
#include "StockDialog.h"
#include "StockFilterPanel.h"
#include "StocktakeDialog.h"
#include "models/catalog/CatalogService.h"
#include "models/core/Permissions.h"
#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/export/CsvExport.h"
#include "models/labels/LabelsService.h"
#include "models/labels/ShelfLabel.h"
#include "models/settings/AppSettings.h"
#include "models/shops/ShopTime.h"
#include "models/stock/StockModel.h"
#include "ui/catalog/CategoryTree.h"
#include "ui/catalog/ProductDialog.h"
#include "ui/catalog/ProductEditDialog.h"
#include "ui/common/ExportRunner.h"
#include "ui/common/ListPager.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"
#include "ui/common/PageToolBar.h"
#include "ui/documents/GoodsReceiptsDialog.h"
#include "ui/documents/PriceDocumentsDialog.h"
#include "ui/documents/WriteOffsDialog.h"
#include "ui/labels/LabelPrintDialog.h"
#include "ui/labels/LabelQueueDialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSet>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

StockPage::StockPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_filters(new StockFilterPanel(this)),
      m_model(new StockModel(session.database, this)),
      m_table(new QTableView(this)),
      m_categories(new CategoryTree(session.actor, this))
{
    auto *heading = createPageTitle(tr("Stock"), this);

    auto *toolbar = new PageToolBar(this);
    m_adjust = toolbar->addPageAction(Icon::AdjustStock, tr("&Adjust…"),
                                      QKeySequence(Qt::CTRL | Qt::Key_E), this,
                                      &StockPage::adjustSelected);
    m_newProduct =
        toolbar->addPageAction(Icon::New, tr("New &product…"), QKeySequence(Qt::CTRL | Qt::Key_N),
                               this, &StockPage::newProduct);
    toolbar->setName(m_newProduct, u"newProduct"_s);
    m_editProduct =
        toolbar->addPageAction(Icon::Edit, tr("Ed&it product…"), QKeySequence(Qt::Key_F2), this,
                               &StockPage::editSelectedProduct);
    toolbar->setName(m_editProduct, u"editProduct"_s);
    m_newStock = toolbar->addPageAction(Icon::NewStock, tr("New s&tock…"),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this,
                                        &StockPage::newStock);
    m_stocktake = toolbar->addPageAction(Icon::Stocktake, tr("Stoc&ktake…"),
                                         QKeySequence(Qt::CTRL | Qt::Key_T), this,
                                         &StockPage::startStocktake);
    m_export = toolbar->addPageAction(Icon::Export, tr("E&xport CSV…"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                                      &StockPage::exportCsv);
    m_printLabels = toolbar->addPageAction(Icon::Print, tr("Print shelf &labels…"),
                                           QKeySequence::Print, this, &StockPage::printLabels);
    toolbar->setName(m_printLabels, u"printLabels"_s);
    m_labelQueue = toolbar->addPageAction(Icon::Price, tr("Label &queue…"),
                                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this,
                                          &StockPage::showLabelQueue);
    toolbar->setName(m_labelQueue, u"labelQueue"_s);
    m_queueLabels = toolbar->addPageAction(Icon::Price, tr("Add to label q&ueue"),
                                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), this,
                                           &StockPage::queueLabels);
    toolbar->setName(m_queueLabels, u"queueLabels"_s);
    m_receipts = toolbar->addPageAction(Icon::GoodsReceipt, tr("&Goods receipts…"),
                                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this,
                                        &StockPage::showReceipts);
    toolbar->setName(m_receipts, u"goodsReceipts"_s);
    m_writeOffs = toolbar->addPageAction(Icon::Decrease, tr("Write o&ff…"),
                                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W), this,
                                         &StockPage::showWriteOffs);
    toolbar->setName(m_writeOffs, u"writeOffs"_s);
    m_priceChanges = toolbar->addPageAction(Icon::PriceChanges, tr("Price c&hanges…"),
                                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), this,
                                            &StockPage::showPriceChanges);
    toolbar->setName(m_priceChanges, u"priceChanges"_s);
    m_refresh = toolbar->addPageAction(Icon::Refresh, tr("&Refresh"), QKeySequence::Refresh, this,
                                       [this] { m_model->refresh(); });
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(find);
    connect(find, &QAction::triggered, this, [this] {
        m_filters->searchBox()->setFocus();
        m_filters->searchBox()->selectAll();
    });

    m_table->setObjectName(u"stockTable"_s);
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StockModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows can be chosen for shelf labels; Adjust takes the current one.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false); // long names are elided, rows keep one height
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never asks every row for its size.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(30);
    m_table->horizontalHeader()->setSectionResizeMode(StockModel::Name, QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setColumnWidth(StockModel::Plu, 90);
    m_table->setColumnWidth(StockModel::Barcode, 130);
    m_table->setColumnWidth(StockModel::Shop, 170);
    m_table->setColumnWidth(StockModel::Updated, 175);
    connect(m_table, &QTableView::activated, this, &StockPage::adjustSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StockPage::updateActions);

    m_pager = new ListPager(m_table, this);
    m_pager->setEmptyText(tr("No stock matches these filters."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(toolbar);
    layout->addWidget(m_banner);
    layout->addWidget(m_filters);
    // The categories on the left: choosing one shows its products' stock
    // and its subcategories'.
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_categories);
    split->addWidget(m_table);
    split->setStretchFactor(1, 1);
    split->setSizes({220, 980});
    layout->addWidget(split, 1);
    connect(m_categories, &CategoryTree::categoryChosen, m_filters,
            &StockFilterPanel::setCategoryId);
    connect(m_categories, &CategoryTree::message, this, [this](const QString &text) {
        if (text.isEmpty())
            m_banner->hideMessage();
        else
            m_banner->showMessage(text);
    });
    layout->addWidget(m_pager);

    connect(m_filters, &StockFilterPanel::filterChanged, this, [this](const StockFilter &filter) {
        if (auto invalid = filter.validate()) {
            m_banner->showMessage(invalid->message, MessageBanner::Type::Warning);
            return;
        }
        m_banner->hideMessage();
        m_model->setFilter(filter);
    });
    connect(m_filters, &StockFilterPanel::notice, this, [this](const QString &text) {
        m_banner->showMessage(text, MessageBanner::Type::Information);
    });
    connect(m_model, &StockModel::totalCountChanged, this, &StockPage::showCount);
    connect(m_model, &StockModel::loadFailed, this,
            [this](const QString &text) { m_banner->showMessage(text); });

    setLowStockThreshold(AppSettings().lowStockThreshold());
    m_model->setShopTimeZone(m_session.shop.timeZone);
    // Start on this till's shop; "All shops" is one click away. The rows
    // come once the shops are known.
    m_filters->setShopId(m_session.shop.id);
    connect(m_filters, &StockFilterPanel::shopsLoaded, this,
            [this] { m_model->setFilter(m_filters->filter()); });
    updateActions();
}

void StockPage::setShop(const Shop &shop)
{
    m_session.shop = shop;
    m_session.actor.shopId = shop.id;
    m_filters->setShopId(shop.id);
    m_model->setFilter(m_filters->filter());
}

void StockPage::setLowStockThreshold(int threshold)
{
    m_model->setLowStockThreshold(threshold);
}

void StockPage::showCount(qint64 count)
{
    if (m_model->isCounting())
        m_pager->setTotal(ListPager::Total::Counting);
    else
        m_pager->setTotal(ListPager::Total::Exact, count);
}

void StockPage::updateActions()
{
    const Role role = m_session.actor.role;
    const bool canAdjust = hasPermission(role, Permission::AdjustStock);
    const QModelIndex current = m_table->currentIndex();
    m_adjust->setEnabled(canAdjust && current.isValid());
    m_newStock->setEnabled(canAdjust);
    m_receipts->setEnabled(canAdjust);
    m_writeOffs->setEnabled(canAdjust);
    const bool mayChangeCatalog =
        hasPermission(role, Permission::ManageProducts) && !m_catalogLinked;
    m_newProduct->setEnabled(mayChangeCatalog);
    m_editProduct->setEnabled(hasPermission(role, Permission::ManageProducts) && current.isValid());
    m_stocktake->setEnabled(hasPermission(role, Permission::Stocktake));
    m_printLabels->setEnabled(hasPermission(role, Permission::ManageProducts));
    m_labelQueue->setEnabled(hasPermission(role, Permission::ManageProducts));
    m_queueLabels->setEnabled(hasPermission(role, Permission::ManageProducts) && current.isValid());
    m_priceChanges->setEnabled(mayChangeCatalog);
}

void StockPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Linking to central (the Sync page) or unlinking changes the answer.
    checkCatalogOwner();
}

void StockPage::checkCatalogOwner()
{
    whenReady(this, CatalogService(m_session.actor).catalogIsHeadOffices(),
              [this](const Result<bool> &linked) {
                  if (!linked || linked.value() == m_catalogLinked)
                      return; // unknown: the services still refuse on save
                  m_catalogLinked = linked.value();
                  // The product card opens read-only; new products, price
                  // changes and categories come from the head office.
                  const QString reason = m_catalogLinked
                      ? tr("The head office manages this shop's catalog: new "
                           "products, prices and categories come from it with "
                           "the next sync.")
                      : QString();
                  const auto explain = [&reason](QAction *action, const QString &text,
                                                 const QKeySequence &key) {
                      const QString plain = PageToolBar::toolTipFor(text, key);
                      action->setToolTip(reason.isEmpty() ? plain : plain + u"\n"_s + reason);
                      action->setStatusTip(reason);
                  };
                  explain(m_newProduct, m_newProduct->text(), m_newProduct->shortcut());
                  explain(m_priceChanges, m_priceChanges->text(), m_priceChanges->shortcut());
                  m_categories->setReadOnly(reason);
                  updateActions();
              });
}

void StockPage::adjustSelected()
{
    if (!m_adjust->isEnabled())
        return;
    const QModelIndex current = m_table->currentIndex();
    const auto stock = current.isValid() ? m_model->stockAt(current.row()) : std::nullopt;
    if (!stock) {
        m_banner->showMessage(tr("Select a loaded row to adjust."),
                              MessageBanner::Type::Information);
        return;
    }
    AdjustStockDialog dialog(m_session.actor, *stock, this);
    if (dialog.exec() == QDialog::Accepted) {
        const StockRow after = dialog.result();
        m_banner->showMessage(tr("%1: now %2 on the shelf, %3 in orders.")
                                  .arg(after.name,
                                       Quantity::format(after.shelfQty, after.soldByWeight),
                                       Quantity::format(after.orderQty, after.soldByWeight)),
                              MessageBanner::Type::Positive);
        m_model->refresh();
    }
}

void StockPage::newProduct()
{
    if (!m_newProduct->isEnabled())
        return;
    ProductDialog dialog(m_session.actor, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // A new product has no stock yet: offer to create it right away, to
    // whoever may (the head office may not).
    if (!m_newStock->isEnabled()) {
        m_banner->showMessage(
            tr("%1 (PLU %2) created.").arg(dialog.product().name, dialog.product().plu),
            MessageBanner::Type::Positive);
        m_model->refresh();
        return;
    }
    StockDialog stock(m_session.actor, m_filters->shops(), m_session.shop.id, this);
    stock.setPlu(dialog.product().plu);
    if (stock.exec() == QDialog::Accepted)
        m_model->refresh();
}

void StockPage::editSelectedProduct()
{
    if (!m_editProduct->isEnabled())
        return;
    const QModelIndex current = m_table->currentIndex();
    const auto stock = current.isValid() ? m_model->stockAt(current.row()) : std::nullopt;
    if (!stock) {
        m_banner->showMessage(tr("Select a loaded row to edit its product."),
                              MessageBanner::Type::Information);
        return;
    }
    ProductEditDialog dialog(m_session.actor, stock->plu, m_session.shop.timeZone, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_banner->showMessage(tr("%1 (PLU %2) saved.").arg(dialog.product().name, stock->plu),
                          MessageBanner::Type::Positive);
    m_model->refresh();
}

void StockPage::newStock()
{
    if (!m_newStock->isEnabled())
        return;
    StockDialog dialog(m_session.actor, m_filters->shops(), m_session.shop.id, this);
    if (dialog.exec() == QDialog::Accepted)
        m_model->refresh();
}

void StockPage::startStocktake()
{
    if (!m_stocktake->isEnabled())
        return;
    StocktakeDialog dialog(m_session.actor, m_session.shop, this);
    connect(&dialog, &StocktakeDialog::committed, this, [this](const StocktakeSummary &summary) {
        m_model->refresh();
        m_banner->showMessage(
            tr("Stocktake committed: %Ln line(s) counted", nullptr, summary.lines) + u", "_s +
                tr("%Ln corrected.", nullptr, summary.corrected),
            MessageBanner::Type::Information);
    });
    dialog.exec();
}

void StockPage::exportCsv()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path =
        askCsvExportPath(this, tr("Export stock"),
                         dir + u"/stock-%1.csv"_s.arg(QDate::currentDate().toString(Qt::ISODate)));
    if (!path.isEmpty())
        exportTo(path);
}

void StockPage::exportTo(const QString &path)
{
    CsvExport::Job job = StockStore::exportJob(m_model->filter(), m_model->order());
    job.database = m_session.database;
    job.path = path;
    job.csv = csvExportFormat(ShopTime::zone(m_session.shop.timeZone));
    // While the count is only an estimate or a lower bound the bar just shows work going on.
    runCsvExport(this, job, m_model->isCounting() ? 0 : m_model->totalCount(),
                 tr("Exporting stock…"), [this, path](const Result<qint64> &result) {
                     if (showExportResult(m_banner, result, path))
                         emit exported(path, result.value());
                 });
}

void StockPage::printLabels()
{
    if (!m_printLabels->isEnabled())
        return;
    // The rows chosen, when they are all loaded and not too many; otherwise
    // (none chosen, or Ctrl+A over a long list) the filter's first rows.
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    QList<StockRow> rows;
    bool allLoaded = !selected.isEmpty() && selected.size() <= LabelsService::kMaxFilteredLabels;
    for (const QModelIndex &index : selected) {
        if (!allLoaded)
            break;
        if (const auto row = m_model->stockAt(index.row()))
            rows << *row;
        else
            allLoaded = false;
    }
    if (allLoaded) {
        std::sort(rows.begin(), rows.end(), [this](const StockRow &a, const StockRow &b) {
            return a.name.localeAwareCompare(b.name) < 0;
        });
        openLabelDialog(rows);
        return;
    }
    m_printLabels->setEnabled(false);
    m_banner->showMessage(tr("Reading the products for the labels…"),
                          MessageBanner::Type::Information);
    whenReady(this, LabelsService(m_session.actor).stockRows(m_model->filter(), m_model->order()),
              [this](const Result<QList<StockRow>> &result) {
                  updateActions();
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      return;
                  }
                  m_banner->hideMessage();
                  if (result.value().size() >= LabelsService::kMaxFilteredLabels)
                      m_banner->showMessage(
                          tr("Labels for the first %Ln products of the list; narrow the filter "
                             "for the rest.",
                             nullptr, LabelsService::kMaxFilteredLabels),
                          MessageBanner::Type::Information);
                  openLabelDialog(result.value());
              });
}

void StockPage::openLabelDialog(const QList<StockRow> &rows)
{
    // One label per product, even when the list shows it in several shops.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSet<qint64> seen;
    QList<ShelfLabel> labels;
    for (const StockRow &row : rows)
        if (!seen.contains(row.productId)) {
            seen.insert(row.productId);
            labels << ShelfLabel::forStockRow(row, now, m_session.shop.timeZone);
        }
    if (labels.isEmpty()) {
        m_banner->showMessage(tr("No products to print labels for."),
                              MessageBanner::Type::Information);
        return;
    }
    LabelPrintDialog dialog(labels, this);
    connect(&dialog, &LabelPrintDialog::printed, this, [this](int count) {
        m_banner->showMessage(tr("%Ln shelf label(s) printed.", nullptr, count),
                              MessageBanner::Type::Positive);
    });
    dialog.exec();
}

void StockPage::showLabelQueue()
{
    if (!m_labelQueue->isEnabled())
        return;
    LabelQueueDialog dialog(m_session, this);
    dialog.exec();
}

void StockPage::queueLabels()
{
    if (!m_queueLabels->isEnabled())
        return;
    // The products of the rows chosen that are on screen (a row still
    // loading has no product yet: it is not chosen as far as the user saw).
    QList<qint64> products;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        if (const auto row = m_model->stockAt(index.row());
            row && !products.contains(row->productId))
            products << row->productId;
    if (products.isEmpty()) {
        m_banner->showMessage(tr("Choose the products whose shelf labels to queue."),
                              MessageBanner::Type::Information);
        return;
    }
    m_queueLabels->setEnabled(false);
    whenReady(this, LabelsService(m_session.actor).request(products),
              [this](const Result<int> &queued) {
                  updateActions();
                  if (!queued) {
                      m_banner->showMessage(queued.error().message);
                      return;
                  }
                  m_banner->showMessage(
                      tr("%Ln shelf label(s) added to the queue (Ctrl+Shift+P to print).", nullptr,
                         queued.value()),
                      MessageBanner::Type::Positive);
              });
}

void StockPage::showReceipts()
{
    if (!m_receipts->isEnabled())
        return;
    GoodsReceiptsDialog dialog(m_session, this);
    dialog.exec();
    // Posted receipts changed the quantities the table shows.
    m_model->refresh();
}

void StockPage::showWriteOffs()
{
    if (!m_writeOffs->isEnabled())
        return;
    WriteOffsDialog dialog(m_session, this);
    dialog.exec();
    // Posted write-offs changed the quantities the table shows.
    m_model->refresh();
}

void StockPage::showPriceChanges()
{
    if (!m_priceChanges->isEnabled())
        return;
    PriceDocumentsDialog dialog(m_session, this);
    dialog.exec();
    // Posted documents changed the prices the table shows.
    m_model->refresh();
}

} // namespace shopdesk
