#include "ListPager.h"

#include "Icons.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace shopdesk {

ListPager::ListPager(QAbstractItemView *view, QWidget *parent)
    : QWidget(parent),
      m_view(view),
      m_status(new QLabel(this)),
      m_controls(new QHBoxLayout),
      m_first(new QPushButton(Icons::icon(Icon::First), tr("First"), this)),
      m_previous(new QPushButton(Icons::icon(Icon::Previous), tr("Previous"), this)),
      m_next(new QPushButton(Icons::icon(Icon::Next), tr("Next"), this)),
      m_arrived(new QTimer(this)),
      m_emptyText(tr("No rows match these filters."))
{
    setObjectName(u"listPager"_s);
    m_status->setObjectName(u"listStatus"_s);
    m_first->setObjectName(u"firstPage"_s);
    m_previous->setObjectName(u"previousPage"_s);
    m_next->setObjectName(u"nextPage"_s);
    // The same keys on every list; the buttons' shortcuts are live only
    // while their page is shown.
    const struct
    {
        QPushButton *button;
        QKeySequence keys;
        QString tip;
    } keys[] = {
        {m_first, QKeySequence(Qt::ALT | Qt::Key_Home), tr("First page")},
        {m_previous, QKeySequence(Qt::CTRL | Qt::Key_PageUp), tr("Previous page")},
        {m_next, QKeySequence(Qt::CTRL | Qt::Key_PageDown), tr("Next page")},
    };
    for (const auto &k : keys) {
        k.button->setShortcut(k.keys);
        k.button->setToolTip(u"%1 (%2)"_s.arg(k.tip, k.keys.toString(QKeySequence::NativeText)));
    }

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status, 1);
    layout->addLayout(m_controls);
    layout->addWidget(m_first);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);

    connect(m_first, &QPushButton::clicked, this, &ListPager::firstPage);
    connect(m_previous, &QPushButton::clicked, this, &ListPager::previousPage);
    connect(m_next, &QPushButton::clicked, this, &ListPager::nextPage);

    // Rows come in several inserts (a page, or one by one): the waiting page
    // is shown once they all are in.
    m_arrived->setSingleShot(true);
    m_arrived->setInterval(0);
    connect(m_arrived, &QTimer::timeout, this, [this] {
        if (m_wanted >= 0 && m_wanted < rowCount()) {
            const int start = m_wanted;
            m_wanted = -1;
            showPage(start);
        }
        updateStatus();
    });

    // Scrolling moves the page: Next goes on from the rows in view, and the
    // end of what is loaded asks for more.
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_start = qMax(0, m_view->indexAt(QPoint(0, 0)).row());
        if (value > 0 && value == m_view->verticalScrollBar()->maximum() && m_moreAvailable)
            requestMore();
        updateStatus();
    });
    m_viewport = m_view->viewport();
    m_viewport->installEventFilter(this);
    watchModel();
    updateStatus();
}

void ListPager::watchModel()
{
    QAbstractItemModel *model = m_view->model();
    if (!model)
        return;
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_start = 0;
        m_wanted = -1;
        updateStatus();
    });
    connect(model, &QAbstractItemModel::rowsInserted, m_arrived, qOverload<>(&QTimer::start));
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] {
        m_start = qMax(0, m_view->indexAt(QPoint(0, 0)).row());
        updateStatus();
    });
    connect(model, &QAbstractItemModel::layoutChanged, this, &ListPager::updateStatus);
}

int ListPager::rowCount() const
{
    return m_view->model() ? m_view->model()->rowCount() : 0;
}

void ListPager::setTotal(Total kind, qint64 rows)
{
    m_total = kind;
    m_totalRows = rows;
    updateStatus();
}

void ListPager::setPageSize(int rows)
{
    m_pageSize = qMax(0, rows);
    updateStatus();
}

int ListPager::pageSize() const
{
    if (m_pageSize > 0)
        return m_pageSize;
    int rowHeight = 0;
    if (auto *table = qobject_cast<QTableView *>(m_view))
        rowHeight = table->verticalHeader()->defaultSectionSize();
    else
        rowHeight = m_view->sizeHintForRow(0);
    return qMax(1, m_view->viewport()->height() / qMax(1, rowHeight));
}

void ListPager::setMoreAvailable(bool more)
{
    m_moreAvailable = more;
    updateStatus();
}

void ListPager::setLoading(bool loading)
{
    m_loading = loading;
    updateStatus();
}

void ListPager::setEmptyText(const QString &text)
{
    m_emptyText = text;
    updateStatus();
}

void ListPager::addWidget(QWidget *widget)
{
    m_controls->addWidget(widget);
}

void ListPager::firstPage()
{
    showPage(0);
}

void ListPager::previousPage()
{
    showPage(qMax(0, m_start - pageSize()));
}

void ListPager::nextPage()
{
    const int target = m_start + pageSize();
    if (target < rowCount()) {
        showPage(target);
    } else if (m_moreAvailable) {
        m_wanted = target; // shown when its rows arrive
        requestMore();
    }
}

void ListPager::requestMore()
{
    if (!m_loading)
        emit moreRequested();
}

void ListPager::showPage(int start)
{
    QAbstractItemModel *model = m_view->model();
    if (!model || start < 0 || start >= model->rowCount())
        return;
    const QModelIndex first = model->index(start, 0);
    m_view->setCurrentIndex(first);
    m_view->scrollTo(first, QAbstractItemView::PositionAtTop);
    m_start = start; // after the scroll, which moves it to the top row in view
    updateStatus();
}

int ListPager::pageEnd() const
{
    const int rows = rowCount();
    if (m_pageSize > 0)
        return qMin(rows, m_start + m_pageSize);
    // The last row in view, even a partly shown one.
    const int bottom = m_view->indexAt(QPoint(0, m_view->viewport()->height() - 1)).row();
    return bottom >= 0 ? bottom + 1 : rows;
}

void ListPager::updateStatus()
{
    const int rows = rowCount();
    const int end = pageEnd();
    const QLocale locale;
    QString text;
    if (rows == 0) {
        text = m_loading ? tr("Loading…") : m_emptyText;
    } else {
        const QString first = locale.toString(qMin(m_start, rows - 1) + 1);
        const QString last = locale.toString(end);
        const QString total = locale.toString(m_totalRows);
        switch (m_total) {
        case Total::Exact:
            text = tr("Rows %1–%2 of %3").arg(first, last, total);
            break;
        case Total::MoreThan:
            text = tr("Rows %1–%2 of more than %3").arg(first, last, total);
            break;
        case Total::AtLeast:
            text = tr("Rows %1–%2 of %3 or more").arg(first, last, total);
            break;
        case Total::Counting:
            text = tr("Rows %1–%2, counting…").arg(first, last);
            break;
        }
        if (m_loading)
            text += u"  "_s + tr("(loading more…)");
    }
    m_status->setText(text);
    m_first->setEnabled(m_start > 0);
    m_previous->setEnabled(m_start > 0);
    m_next->setEnabled(end < rows || m_moreAvailable);
}

bool ListPager::eventFilter(QObject *watched, QEvent *event)
{
    // A taller or shorter view shows more or fewer rows: a different page.
    if (watched == m_viewport && event->type() == QEvent::Resize)
        updateStatus();
    return QWidget::eventFilter(watched, event);
}

} // namespace shopdesk
