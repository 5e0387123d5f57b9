#pragma once

#include "models/history/HistoryFilter.h"
#include "models/reports/ReportsService.h"
#include "ui/Session.h"

#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QTabWidget;
class QTableWidget;

namespace shopdesk {

class HistoryFilterBar;
class MessageBanner;

// Everything one report run computes, read on a pool thread.
// The managers' reports as charts, each with its table of numbers: stock in
// against out per day, sales by hour of day, top products by units sold and
// stock value by shop. Filters as on the History page. A chart exports as
// PNG, the whole report as PDF.
class ReportsPage : public QWidget
{
    Q_OBJECT
public:
    enum Report { Movements, SalesByHour, TopProducts, StockValue, CategoryValue, ReportCount };

    explicit ReportsPage(const Session &session, QWidget *parent = nullptr);

    HistoryFilterBar *filterBar() const { return m_filters; }
    QTabWidget *tabs() const { return m_tabs; }
    QChart *chart(Report report) const;
    QTableWidget *numbers(Report report) const;
    const ReportData &data() const { return m_data; }

    // Shows this filter (the History page's) and runs the reports again.
    void setFilter(const HistoryFilter &filter);
    // Head-office mode: the figures of `shop` (the toolbar's choice), the
    // other filters kept.
    void setShop(const Shop &shop);
    bool exportChartPng(Report report, const QString &path);
    bool exportPdf(const QString &path);

signals:
    // A report run finished (the charts show its numbers).
    void reportsReady();

public slots:
    void exportChart();
    void exportReport();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void run(const HistoryFilter &filter);
    void showReports(const ReportData &data);
    QString reportTitle(Report report) const;
    QString filterDescription() const;

    Session m_session;
    bool m_loaded = false;
    bool m_choicesLoaded = false; // shops and staff are in the filter bar
    bool m_stale = false; // the filter changed while the page was hidden
    HistoryFilter m_pending; // the filter to show once the choices are there
    quint64 m_generation = 0;
    HistoryFilter m_filter;
    ReportData m_data;
    MessageBanner *m_banner;
    HistoryFilterBar *m_filters;
    QLabel *m_status;
    QTabWidget *m_tabs;
    QList<QChartView *> m_views;
    QList<QTableWidget *> m_tables;
};

} // namespace shopdesk
