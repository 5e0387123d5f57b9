#pragma once

#include <QWidget>

class QAbstractItemView;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QTimer;

namespace shopdesk {

// The footer under every list: which rows are in view out of how many
// ("Rows 1–50 of 12,345", "… of more than 10,000", "… counting…") and the
// same page keys everywhere: First (Alt+Home), Previous (Ctrl+PgUp) and
// Next (Ctrl+PgDn). A page is the rows the view shows, or setPageSize()
// rows. Lists that load their rows in pages (keyset) say setMoreAvailable();
// Next past the loaded rows, or scrolling to the end, then asks for more
// (moreRequested()) and shows the page once its rows have arrived.
class ListPager : public QWidget
{
    Q_OBJECT
public:
    // What is known of the number of rows behind the list.
    enum class Total {
        Counting, // not yet known (the rows may be an estimate meanwhile)
        Exact, // exactly `rows`
        MoreThan, // counted up to a cap: more than `rows`
        AtLeast, // `rows` loaded, and more may follow
    };

    explicit ListPager(QAbstractItemView *view, QWidget *parent = nullptr);

    void setTotal(Total kind, qint64 rows = 0);
    // Rows a page step moves; 0 (the default): as many as the view shows.
    void setPageSize(int rows);
    int pageSize() const;
    void setMoreAvailable(bool more);
    bool moreAvailable() const { return m_moreAvailable; }
    // Rows are on their way: "Loading…" while there are none yet.
    void setLoading(bool loading);
    // What the footer says when the list is empty (and nothing is loading).
    void setEmptyText(const QString &text);
    // A control that belongs with the paging (e.g. a page size), placed
    // before the buttons.
    void addWidget(QWidget *widget);

    // The first row of the page shown.
    int pageStart() const { return m_start; }
    QLabel *statusLabel() const { return m_status; }

public slots:
    void firstPage();
    void previousPage();
    void nextPage();
    // Makes row `start` current and the top row in view.
    void showPage(int start);
    void updateStatus();

signals:
    void moreRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void watchModel();
    int rowCount() const;
    // One past the last row of the page shown.
    int pageEnd() const;
    void requestMore();

    QAbstractItemView *m_view;
    // Kept apart from m_view: its events still arrive while the view is
    // being destroyed, when m_view is no longer a QAbstractScrollArea.
    QWidget *m_viewport = nullptr;
    QLabel *m_status;
    QHBoxLayout *m_controls;
    QPushButton *m_first;
    QPushButton *m_previous;
    QPushButton *m_next;
    QTimer *m_arrived; // rows came in: show the page a Next waits for
    QString m_emptyText;
    Total m_total = Total::Counting;
    qint64 m_totalRows = 0;
    int m_pageSize = 0;
    int m_start = 0;
    int m_wanted = -1; // a Next waiting for its rows
    bool m_moreAvailable = false;
    bool m_loading = false;
};

} // namespace shopdesk
