#pragma once

#include "ui/Session.h"

#include <QWidget>

class QAction;
class QTableView;

namespace shopdesk {

class CategoryTree;
class ListPager;
class MessageBanner;
class StockFilterPanel;
class StockModel;
struct StockRow;

// Stock per shop: filter, sort, adjust, create products and stock, count
// (stocktake) and export. The table shows a million rows without loading them.
class StockPage : public QWidget
{
    Q_OBJECT
public:
    explicit StockPage(const Session &session, QWidget *parent = nullptr);

    StockModel *model() const { return m_model; }
    StockFilterPanel *filterPanel() const { return m_filters; }
    QTableView *table() const { return m_table; }
    CategoryTree *categoryTree() const { return m_categories; }
    void setLowStockThreshold(int threshold);
    void setShop(const Shop &shop);
    // Whether the head office owns this shop's catalog (asked each time the
    // page is shown): then nothing here creates products or prices.
    bool catalogIsHeadOffices() const { return m_catalogLinked; }

    // Writes the filtered rows to `path` (CSV) with a progress dialog.
    void exportTo(const QString &path);

signals:
    // An export finished (for the status bar and tests).
    void exported(const QString &path, qint64 rows);

public slots:
    void adjustSelected();
    void newProduct();
    void editSelectedProduct();
    void newStock();
    void startStocktake();
    void exportCsv();
    // Shelf labels for the selected rows, or for the filtered list (its
    // first LabelsService::kMaxFilteredLabels products) when none is chosen.
    void printLabels();
    void showLabelQueue();
    // Puts the chosen rows' shelf tags on the label queue, to print later.
    void queueLabels();
    void showReceipts();
    void showWriteOffs();
    void showPriceChanges();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateActions();
    // Asks whether the head office owns the catalog, and says so on the
    // catalog's actions.
    void checkCatalogOwner();
    void showCount(qint64 count);
    void openLabelDialog(const QList<StockRow> &rows);

    Session m_session;
    MessageBanner *m_banner;
    StockFilterPanel *m_filters;
    StockModel *m_model;
    QTableView *m_table;
    CategoryTree *m_categories;
    ListPager *m_pager;
    QAction *m_adjust;
    QAction *m_newProduct;
    QAction *m_editProduct;
    QAction *m_newStock;
    QAction *m_stocktake;
    QAction *m_export;
    QAction *m_printLabels;
    QAction *m_labelQueue;
    QAction *m_queueLabels;
    QAction *m_receipts;
    QAction *m_writeOffs;
    QAction *m_priceChanges;
    QAction *m_refresh;
    bool m_catalogLinked = false;
};

} // namespace shopdesk
