#pragma once

#include "models/history/HistoryFilter.h"
#include "ui/Session.h"

#include <QWidget>

class QAction;
class QComboBox;
class QTableView;

namespace shopdesk {

class HistoryDetailPane;
class HistoryFilterBar;
class HistoryModel;
class ListPager;
class MessageBanner;

// The action history for managers and stock keepers: filters, a table that
// pages on as it scrolls (or by the pager's First / Previous / Next), the
// selected row's detail, and a streamed CSV export of the whole filtered range.
class HistoryPage : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPage(const Session &session, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    HistoryFilterBar *filterBar() const { return m_filters; }
    QTableView *table() const { return m_table; }
    // The first row of the page shown (page navigation).
    int pageStart() const;
    void exportTo(const QString &path);
    // Head-office mode: the rows of `shop` (the toolbar's choice), the other
    // filters kept; read at once if the page has been shown, else when it is.
    void setShop(const Shop &shop);

signals:
    void filterChanged(const shopdesk::HistoryFilter &filter);
    void showProductRequested(const QString &plu, qint64 shopId);
    void showOrderRequested(qint64 orderId);
    void exported(const QString &path, qint64 rows);

public slots:
    void exportCsv();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void applyFilter(const HistoryFilter &filter);
    // The pager's total, loading and "more" from the model.
    void updateStatus();

    Session m_session;
    bool m_loaded = false;
    bool m_canView = false; // the role may read the history
    MessageBanner *m_banner;
    HistoryFilterBar *m_filters;
    HistoryModel *m_model;
    QTableView *m_table;
    HistoryDetailPane *m_detail;
    QComboBox *m_pageSize;
    ListPager *m_pager = nullptr;
};

} // namespace shopdesk
