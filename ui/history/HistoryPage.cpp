#include "HistoryPage.h"

#include "HistoryDetailPane.h"
#include "HistoryFilterBar.h"
#include "models/core/Permissions.h"
#include "models/history/HistoryModel.h"
#include "ui/common/ExportRunner.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

HistoryPage::HistoryPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_filters(new HistoryFilterBar(session.shop, this)),
      m_model(new HistoryModel(this)),
      m_table(new QTableView(this)),
      m_detail(new HistoryDetailPane(this)),
      m_status(new QLabel(this)),
      m_pageSize(new QComboBox(this)),
      m_first(new QPushButton(tr("First"), this)),
      m_previous(new QPushButton(tr("Previous"), this)),
      m_next(new QPushButton(tr("Next"), this))
{
    auto *heading = createPageTitle(tr("History"), this);
    m_model->setReader(session.actor);

    m_status->setObjectName(u"historyStatus"_s);
    m_pageSize->setObjectName(u"pageSize"_s);
    for (int size : {50, 100, 200, 500, 1000})
        m_pageSize->addItem(tr("%n row(s) a page", nullptr, size), size);
    m_pageSize->setCurrentIndex(2);
    m_first->setObjectName(u"firstPage"_s);
    m_previous->setObjectName(u"previousPage"_s);
    m_next->setObjectName(u"nextPage"_s);
    auto shortcut = [this](QPushButton *button, const QKeySequence &keys) {
        button->setShortcut(keys);
        button->setToolTip(keys.toString(QKeySequence::NativeText));
    };
    shortcut(m_first, QKeySequence(Qt::ALT | Qt::Key_Home));
    shortcut(m_previous, QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    shortcut(m_next, QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    auto *exportButton = new QPushButton(tr("E&xport CSV…"), this);
    exportButton->setObjectName(u"exportHistory"_s);
    exportButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    auto *refresh = new QAction(this);
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(refresh);
    connect(refresh, &QAction::triggered, this, [this] {
        if (m_canView)
            m_model->refresh();
    });

    auto *navigation = new QHBoxLayout;
    navigation->addWidget(m_first);
    navigation->addWidget(m_previous);
    navigation->addWidget(m_next);
    navigation->addWidget(m_pageSize);
    navigation->addWidget(m_status, 1);
    navigation->addWidget(exportButton);

    m_table->setObjectName(u"historyTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(28);
    m_table->horizontalHeader()->setStretchLastSection(true); // the reason
    m_table->horizontalHeader()->setMinimumSectionSize(60);
    m_table->setColumnWidth(HistoryModel::Time, 125);
    m_table->setColumnWidth(HistoryModel::Plu, 60);
    m_table->setColumnWidth(HistoryModel::Shop, 130);
    m_table->setColumnWidth(HistoryModel::Product, 220);
    m_table->setColumnWidth(HistoryModel::Action, 85);
    for (int c : {HistoryModel::ShelfChange, HistoryModel::ShelfAfter, HistoryModel::OrderChange,
                  HistoryModel::OrderAfter})
        m_table->setColumnWidth(c, 70);
    m_table->setColumnWidth(HistoryModel::Staff, 150);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({1000, 260});
    m_detail->setMinimumWidth(220);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_banner);
    layout->addWidget(m_filters);
    layout->addLayout(navigation);
    layout->addWidget(splitter, 1);

    connect(m_filters, &HistoryFilterBar::filterChanged, this, &HistoryPage::applyFilter);
    connect(m_filters, &HistoryFilterBar::choicesFailed, this,
            [this](const QString &text) { m_banner->showMessage(text); });
    connect(m_pageSize, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setPageSize(m_pageSize->currentData().toInt());
        if (m_canView && m_loaded)
            m_model->refresh();
    });
    connect(m_first, &QPushButton::clicked, this, &HistoryPage::firstPage);
    connect(m_previous, &QPushButton::clicked, this, &HistoryPage::previousPage);
    connect(m_next, &QPushButton::clicked, this, &HistoryPage::nextPage);
    connect(exportButton, &QPushButton::clicked, this, &HistoryPage::exportCsv);
    connect(m_model, &HistoryModel::pageLoaded, this, [this] {
        if (m_wantedStart >= 0 && m_wantedStart < m_model->rowCount()) {
            const int start = m_wantedStart;
            m_wantedStart = -1;
            showPage(start);
        }
        updateStatus();
    });
    connect(m_model, &HistoryModel::modelReset, this, [this] {
        m_pageStart = 0;
        m_wantedStart = -1;
        m_detail->showEntry(std::nullopt);
        updateStatus();
    });
    connect(m_model, &HistoryModel::totalChanged, this, &HistoryPage::updateStatus);
    connect(m_model, &HistoryModel::loadingChanged, this, &HistoryPage::updateStatus);
    connect(m_model, &HistoryModel::failed, this,
            [this](const QString &text) { m_banner->showMessage(text); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_detail->showEntry(m_model->entryAt(current.row()),
                                    QTimeZone(m_model->filter().timeZone.toUtf8()));
            });
    // Scrolling moves the page: Next goes on from the rows in view.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        m_pageStart = qMax(0, m_table->rowAt(0));
        updateStatus();
    });
    connect(m_detail, &HistoryDetailPane::showProductRequested, this,
            &HistoryPage::showProductRequested);
    connect(m_detail, &HistoryDetailPane::showOrderRequested, this,
            &HistoryPage::showOrderRequested);

    m_model->setPageSize(m_pageSize->currentData().toInt());
    // Without the permission nothing here reads the history: every control is
    // off, and the slots check again.
    m_canView = hasPermission(session.actor.role, Permission::ViewHistory);
    if (!m_canView) {
        for (QWidget *w : findChildren<QWidget *>())
            if (w != m_banner && !m_banner->isAncestorOf(w))
                w->setEnabled(false);
        refresh->setEnabled(false);
    }
    updateStatus();
}

void HistoryPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Nothing is read until the page is first shown: the window opens at once.
    if (m_loaded)
        return;
    m_loaded = true;
    if (!m_canView) {
        m_banner->showMessage(tr("Your role cannot view the history; ask a manager."),
                              MessageBanner::Type::Information);
        return;
    }
    m_filters->loadChoices();
    applyFilter(m_filters->filter());
}

void HistoryPage::applyFilter(const HistoryFilter &filter)
{
    if (!m_canView)
        return;
    if (auto invalid = filter.validate()) {
        m_banner->showMessage(invalid->message, MessageBanner::Type::Warning);
        return;
    }
    m_banner->hideMessage();
    m_model->setFilter(filter);
    emit filterChanged(filter);
}

void HistoryPage::firstPage()
{
    showPage(0);
}

void HistoryPage::previousPage()
{
    showPage(qMax(0, m_pageStart - m_model->pageSize()));
}

void HistoryPage::nextPage()
{
    const int target = m_pageStart + m_model->pageSize();
    if (target < m_model->rowCount()) {
        showPage(target);
    } else if (m_model->hasMore()) {
        m_wantedStart = target; // shown when the page arrives
        m_model->fetchMore({}); // unless one is on its way already
    }
}

void HistoryPage::showPage(int start)
{
    if (start >= m_model->rowCount())
        return;
    const QModelIndex first = m_model->index(start, 0);
    m_table->setCurrentIndex(first);
    m_table->scrollTo(first, QAbstractItemView::PositionAtTop);
    m_pageStart = start; // after the scroll, which moves it to the top row in view
    updateStatus();
}

void HistoryPage::updateStatus()
{
    const QLocale locale;
    const int loaded = m_model->rowCount();
    QString total;
    if (!m_model->totalKnown())
        total = tr("counting…");
    else if (m_model->totalIsMore())
        total = tr("more than %1").arg(locale.toString(HistoryModel::kCountCap));
    else
        total = locale.toString(m_model->total());
    QString text;
    if (loaded == 0) {
        text = m_model->isLoading() ? tr("Loading…") : tr("No rows match these filters.");
    } else {
        const int last = qMin(loaded, m_pageStart + m_model->pageSize());
        text = tr("Rows %1–%2 of %3")
                   .arg(locale.toString(m_pageStart + 1), locale.toString(last), total);
        if (m_model->isLoading())
            text += u"  "_s + tr("(loading more…)");
    }
    m_status->setText(text);
    m_first->setEnabled(m_canView && m_pageStart > 0);
    m_previous->setEnabled(m_canView && m_pageStart > 0);
    m_next->setEnabled(m_canView &&
                       (m_pageStart + m_model->pageSize() < loaded || m_model->hasMore()));
}

void HistoryPage::exportCsv()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export history"),
        dir + u"/history-%1.csv"_s.arg(QDate::currentDate().toString(Qt::ISODate)),
        tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

void HistoryPage::exportTo(const QString &path)
{
    if (!m_canView)
        return;
    // The store checks the reader.
    auto made = HistoryStore::exportJob(m_session.actor, m_model->filter());
    if (!made)
        return m_banner->showMessage(made.error().message);
    CsvExport::Job job = made.value();
    job.database = m_session.database;
    job.path = path;
    const qint64 expected = m_model->totalKnown() && !m_model->totalIsMore() ? m_model->total() : 0;
    runCsvExport(this, job, expected, tr("Exporting history…"),
                 [this, path](const Result<qint64> &result) {
                     if (showExportResult(m_banner, result, path))
                         emit exported(path, result.value());
                 });
}

} // namespace shopdesk
