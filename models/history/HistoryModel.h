#pragma once

#include "HistoryStore.h"

#include <QAbstractTableModel>
#include <QTimeZone>

namespace shopdesk {

// The history as a table, newest first, for 10M rows and more: pages are
// fetched on a pool thread (its own connection) by keyset, appended as the
// view scrolls (canFetchMore/fetchMore) or as the page buttons ask. The
// total is counted only up to kCountCap; above that it is "more than".
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time,
        Shop,
        Plu,
        Product,
        Action,
        ShelfChange,
        ShelfAfter,
        OrderChange,
        OrderAfter,
        Staff,
        Reason,
        ColumnCount
    };
    static constexpr qint64 kCountCap = 10'000;

    explicit HistoryModel(QObject *parent = nullptr);
    ~HistoryModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Starts over with this filter (the rows go, the first page loads).
    void setFilter(const HistoryFilter &filter);
    HistoryFilter filter() const { return m_filter; }
    // Who reads: the store refuses a reader without ViewHistory.
    void setReader(const Actor &reader) { m_reader = reader; }
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    // The same filter again, from the newest row.
    void refresh() { setFilter(m_filter); }

    std::optional<HistoryEntry> entryAt(int row) const;
    bool isLoading() const { return m_loading; }
    // A time as the table shows it: in the filter's zone (the shop's), the
    // same zone the date filter counts days in.
    QDateTime shownTime(const QDateTime &at) const;
    bool hasMore() const { return m_next.has_value(); }
    // The count so far: exact when known() and not more(), else a floor.
    qint64 total() const { return m_total; }
    bool totalKnown() const { return m_totalKnown; }
    bool totalIsMore() const { return m_total > kCountCap; }

    // A person's words for an action ("stock_increased" → "Stock increased").
    static QString actionText(const QString &action);

signals:
    void loadingChanged(bool loading);
    // A page arrived: rows [first, last] are new.
    void pageLoaded(int first, int last);
    void totalChanged();
    void failed(const QString &message);

private:
    void loadPage();
    void countTotal();

    HistoryFilter m_filter;
    Actor m_reader;
    int m_pageSize = 200;
    QList<HistoryEntry> m_rows;
    std::optional<HistoryCursor> m_next;
    bool m_loading = false;
    bool m_failed = false; // the last page failed: no more until refreshed
    QTimeZone m_zone;
    qint64 m_total = 0;
    bool m_totalKnown = false;
    // Bumped by every new filter: results of older requests are dropped.
    quint64 m_generation = 0;
};

} // namespace shopdesk
