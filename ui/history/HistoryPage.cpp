#include "HistoryPage.h"

#include "HistoryDetailPane.h"
#include "HistoryFilterBar.h"
#include "models/core/Permissions.h"
#include "models/history/HistoryModel.h"
#include "models/shops/ShopTime.h"
#include "ui/common/ExportRunner.h"
#include "ui/common/ListPager.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"
#include "ui/common/PageToolBar.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
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
      m_pageSize(new QComboBox(this))
{
    auto *heading = createPageTitle(tr("History"), this);
    m_model->setReader(session.actor);

    auto *toolbar = new PageToolBar(this);
    QAction *refresh =
        toolbar->addPageAction(Icon::Refresh, tr("&Refresh"), QKeySequence::Refresh, this, [this] {
            if (m_canView)
                m_model->refresh();
        });
    QAction *exportCsv = toolbar->addPageAction(Icon::Export, tr("E&xport CSV…"),
                                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                                this, &HistoryPage::exportCsv, Qt::WindowShortcut);
    toolbar->setName(exportCsv, u"exportHistory"_s);

    m_pageSize->setObjectName(u"pageSize"_s);
    for (int size : {50, 100, 200, 500, 1000})
        m_pageSize->addItem(tr("%Ln row(s) a page", nullptr, size), size);
    m_pageSize->setCurrentIndex(2);

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
    m_table->horizontalHeader()->setMinimumSectionSize(50);
    // As wide as what they hold in this language (a date and time, the
    // headers over short numbers), so that the columns up to the staff fit
    // beside the detail pane; the reason takes what is left.
    const int padding = 2 * m_table->fontMetrics().averageCharWidth() + 6;
    const QString latestTime =
        QLocale().toString(QDate(2026, 12, 31), QLocale::ShortFormat) + u" 23:59"_s;
    m_table->setColumnWidth(HistoryModel::Time,
                            m_table->fontMetrics().horizontalAdvance(latestTime) + padding);
    for (int c : {HistoryModel::Plu, HistoryModel::Action, HistoryModel::ShelfChange,
                  HistoryModel::ShelfAfter, HistoryModel::OrderChange, HistoryModel::OrderAfter})
        m_table->setColumnWidth(c, m_table->horizontalHeader()->sectionSizeHint(c));
    m_table->setColumnWidth(HistoryModel::Action,
                            qMax(m_table->columnWidth(HistoryModel::Action), 80));
    m_table->setColumnWidth(HistoryModel::Shop, 115);
    m_table->setColumnWidth(HistoryModel::Product, 180);
    m_table->setColumnWidth(HistoryModel::Staff, 130);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({1000, 260});
    m_detail->setMinimumWidth(220);

    // Pages of the chosen size are read by keyset as Next or the scrolling
    // reaches them; the total is counted up to a cap.
    m_pager = new ListPager(m_table, this);
    m_pager->statusLabel()->setObjectName(u"historyStatus"_s);
    m_pager->addWidget(m_pageSize);
    m_pager->setPageSize(m_pageSize->currentData().toInt());
    connect(m_pager, &ListPager::moreRequested, m_model, [this] { m_model->fetchMore({}); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(toolbar);
    layout->addWidget(m_banner);
    layout->addWidget(m_filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_pager);

    connect(m_filters, &HistoryFilterBar::filterChanged, this, &HistoryPage::applyFilter);
    connect(m_filters, &HistoryFilterBar::choicesFailed, this,
            [this](const QString &text) { m_banner->showMessage(text); });
    connect(m_pageSize, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setPageSize(m_pageSize->currentData().toInt());
        m_pager->setPageSize(m_model->pageSize());
        if (m_canView && m_loaded)
            m_model->refresh();
    });
    connect(m_model, &HistoryModel::modelReset, this,
            [this] { m_detail->showEntry(std::nullopt); });
    connect(m_model, &HistoryModel::totalChanged, this, &HistoryPage::updateStatus);
    connect(m_model, &HistoryModel::loadingChanged, this, &HistoryPage::updateStatus);
    connect(m_model, &HistoryModel::pageLoaded, this, &HistoryPage::updateStatus);
    connect(m_model, &HistoryModel::failed, this,
            [this](const QString &text) { m_banner->showMessage(text); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_detail->showEntry(m_model->entryAt(current.row()),
                                    ShopTime::zone(m_model->filter().timeZone));
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
        exportCsv->setEnabled(false);
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

void HistoryPage::setShop(const Shop &shop)
{
    m_session.shop = shop;
    m_filters->showShop(shop);
    if (m_loaded)
        applyFilter(m_filters->filter());
}

int HistoryPage::pageStart() const
{
    return m_pager->pageStart();
}

void HistoryPage::updateStatus()
{
    m_pager->setLoading(m_model->isLoading());
    m_pager->setMoreAvailable(m_model->hasMore());
    if (!m_model->totalKnown())
        m_pager->setTotal(ListPager::Total::Counting);
    else if (m_model->totalIsMore())
        m_pager->setTotal(ListPager::Total::MoreThan, HistoryModel::kCountCap);
    else
        m_pager->setTotal(ListPager::Total::Exact, m_model->total());
}

void HistoryPage::exportCsv()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = askCsvExportPath(
        this, tr("Export history"),
        dir + u"/history-%1.csv"_s.arg(QDate::currentDate().toString(Qt::ISODate)));
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
    // Times in the zone the filter's days are in: the shop's.
    job.csv = csvExportFormat(ShopTime::zone(m_model->filter().timeZone));
    const qint64 expected = m_model->totalKnown() && !m_model->totalIsMore() ? m_model->total() : 0;
    runCsvExport(this, job, expected, tr("Exporting history…"),
                 [this, path](const Result<qint64> &result) {
                     if (showExportResult(m_banner, result, path))
                         emit exported(path, result.value());
                 });
}

} // namespace shopdesk
