#include "ReportsPage.h"

#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/shops/ShopTime.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"
#include "ui/common/PageToolBar.h"
#include "ui/history/HistoryFilterBar.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QPieSeries>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextDocument>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// Pieces, and the kilograms of goods sold by weight beside them when there
// are any: "12" or "12 + 1.250 kg".
QString piecesAndKg(qint64 pieces, qint64 grams)
{
    const QString text = Quantity::format(pieces, false);
    if (grams == 0)
        return text;
    const QString kg = Quantity::format(grams, true);
    return text + u" + "_s + kg;
}

double kilograms(qint64 grams)
{
    return double(grams) / Quantity::kGramsPerKg; // chart geometry only
}

void fillTable(QTableWidget *table, const QStringList &headers, const QList<QStringList> &rows)
{
    table->clear();
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setRowCount(int(rows.size()));
    // The names take the room; the numbers as wide as they need (a few hundred rows at most).
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows.at(r).size(); ++c) {
            auto *item = new QTableWidgetItem(rows.at(r).at(c));
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(r, c, item);
        }
}

// The previous run's series and axes go: removeAxis() only hands an axis back.
void removeEverything(QChart *chart)
{
    chart->removeAllSeries(); // deletes them
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

// A bar chart with categories along one axis and values along the other.
void setBars(QChart *chart, QAbstractBarSeries *series, const QStringList &categories,
             bool horizontal)
{
    removeEverything(chart);
    chart->addSeries(series);
    auto *categoryAxis = new QBarCategoryAxis(chart);
    categoryAxis->append(categories);
    if (!horizontal && categories.size() > 24)
        categoryAxis->setLabelsAngle(-90); // a month of days still reads
    auto *valueAxis = new QValueAxis(chart);
    valueAxis->setLabelFormat(u"%.0f"_s);
    chart->addAxis(categoryAxis, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    chart->addAxis(valueAxis, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(categoryAxis);
    series->attachAxis(valueAxis);
    valueAxis->applyNiceNumbers();
}

} // namespace

ReportsPage::ReportsPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_filters(new HistoryFilterBar(session.shop, this)),
      m_status(new QLabel(this)),
      m_tabs(new QTabWidget(this))
{
    auto *heading = createPageTitle(tr("Reports"), this);
    m_status->setObjectName(u"reportStatus"_s);
    m_tabs->setObjectName(u"reportTabs"_s);
    for (int r = 0; r < ReportCount; ++r) {
        auto *chart = new QChart;
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->legend()->setAlignment(Qt::AlignBottom);
        auto *view = new QChartView(chart, this); // the view owns the chart
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(260);
        auto *table = new QTableWidget(this);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->verticalHeader()->hide();
        table->setWordWrap(false);
        auto *splitter = new QSplitter(Qt::Vertical, this);
        splitter->addWidget(view);
        splitter->addWidget(table);
        splitter->setStretchFactor(0, 3);
        splitter->setStretchFactor(1, 1);
        m_views << view;
        m_tables << table;
        m_tabs->addTab(splitter, reportTitle(Report(r)));
    }

    auto *toolbar = new PageToolBar(this);
    toolbar->addPageAction(
        Icon::Refresh, tr("&Refresh"), QKeySequence::Refresh, this,
        [this] { run(m_filters->filter()); }, Qt::WindowShortcut);
    toolbar->addPageAction(Icon::ExportImage, tr("Export chart as &PNG…"), {}, this,
                           &ReportsPage::exportChart);
    toolbar->addPageAction(Icon::Export, tr("Export report as P&DF…"), {}, this,
                           &ReportsPage::exportReport);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(toolbar);
    layout->addWidget(m_banner);
    layout->addWidget(m_filters);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);

    connect(m_filters, &HistoryFilterBar::filterChanged, this, &ReportsPage::run);
    connect(m_filters, &HistoryFilterBar::choicesLoaded, this, [this] {
        m_choicesLoaded = true;
        m_filters->setFilter(m_pending);
        run(m_filters->filter());
    });
    connect(m_filters, &HistoryFilterBar::choicesFailed, this,
            [this](const QString &text) { m_banner->showMessage(text); });

    // Reports look back 30 days (the shop's days) unless told otherwise.
    const QDate today =
        ShopTime::toShop(QDateTime::currentDateTimeUtc(), session.shop.timeZone).date();
    HistoryFilter initial;
    initial.dateMin = today.addDays(-29);
    initial.dateMax = today;
    m_pending = initial;
    m_filters->setFilter(initial);
}

QChart *ReportsPage::chart(Report report) const
{
    return m_views.at(report)->chart();
}

QTableWidget *ReportsPage::numbers(Report report) const
{
    return m_tables.at(report);
}

QString ReportsPage::reportTitle(Report report) const
{
    switch (report) {
    case Movements:
        return tr("Stock in and out per day");
    case SalesByHour:
        return tr("Sales by hour of day");
    case TopProducts:
        return tr("Top products by sales value");
    case StockValue:
        return tr("Stock value by shop");
    case CategoryValue:
        return tr("Stock value by category");
    case ReportCount:
        break;
    }
    return {};
}

void ReportsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_loaded) {
        if (m_stale)
            run(m_filters->filter());
        return;
    }
    m_loaded = true;
    if (!hasPermission(m_session.actor.role, Permission::ViewHistory)) {
        m_banner->showMessage(tr("Your role cannot view reports; ask a manager."),
                              MessageBanner::Type::Information);
        // Nothing here may read or export: every control is off, and run()
        // and the exports check again.
        for (QWidget *w : findChildren<QWidget *>())
            if (w != m_banner && !m_banner->isAncestorOf(w))
                w->setEnabled(false);
        return;
    }
    // The choices first, then the filter that waited for them (the History
    // page's may name a shop or a staff member).
    m_filters->loadChoices();
}

void ReportsPage::setFilter(const HistoryFilter &filter)
{
    // A report always covers a period: without dates on the History page the
    // report keeps its own.
    HistoryFilter shared = filter;
    if (!shared.dateMin && !shared.dateMax) {
        shared.dateMin = m_pending.dateMin;
        shared.dateMax = m_pending.dateMax;
    }
    m_pending = shared;
    if (!m_choicesLoaded)
        return; // shown once the shops and staff are there
    m_filters->setFilter(shared);
    // Four aggregates over the history: only for a page someone looks at.
    if (isVisible())
        run(m_filters->filter());
    else
        m_stale = true;
}

void ReportsPage::setShop(const Shop &shop)
{
    m_session.shop = shop;
    const bool already = m_pending.shopId == shop.id; // the History page passed it on
    m_filters->showShop(shop);
    if (already)
        return;
    HistoryFilter chosen = m_pending;
    chosen.shopId = shop.id;
    setFilter(chosen);
}

void ReportsPage::run(const HistoryFilter &filter)
{
    if (auto invalid = filter.validate()) {
        m_banner->showMessage(invalid->message, MessageBanner::Type::Warning);
        return;
    }
    if (!hasPermission(m_session.actor.role, Permission::ViewHistory))
        return;
    m_banner->hideMessage();
    m_filter = filter;
    m_pending = filter;
    m_stale = false;
    const quint64 generation = ++m_generation;
    m_status->setText(tr("Working out the reports…"));
    whenReady(this, ReportsService(m_session.actor).all(filter),
              [this, generation](const Result<ReportData> &data) {
                  if (generation != m_generation)
                      return; // the filter changed meanwhile
                  if (!data) {
                      m_status->clear();
                      m_banner->showMessage(data.error().message);
                      return;
                  }
                  showReports(data.value());
              });
}

void ReportsPage::showReports(const ReportData &data)
{
    m_data = data;
    const QLocale locale;

    // Stock in against out, per day.
    {
        auto *series = new QBarSeries;
        auto *in = new QBarSet(tr("In, pcs"));
        auto *out = new QBarSet(tr("Out, pcs"));
        auto *inKg = new QBarSet(tr("In, kg"));
        auto *outKg = new QBarSet(tr("Out, kg"));
        bool weighed = false;
        QStringList days;
        QList<QStringList> rows;
        for (const DayMovement &d : data.movements) {
            *in << double(d.in);
            *out << double(d.out);
            *inKg << kilograms(d.inGrams);
            *outKg << kilograms(d.outGrams);
            weighed = weighed || d.inGrams != 0 || d.outGrams != 0;
            days << locale.toString(d.day, u"dd.MM"_s);
            rows << QStringList {locale.toString(d.day, QLocale::ShortFormat),
                                 piecesAndKg(d.in, d.inGrams), piecesAndKg(d.out, d.outGrams),
                                 piecesAndKg(d.in - d.out, d.inGrams - d.outGrams)};
        }
        series->append(in);
        series->append(out);
        // Kilograms only when something sold by weight moved.
        if (weighed) {
            series->append(inKg);
            series->append(outKg);
        } else {
            delete inKg;
            delete outKg;
        }
        setBars(chart(Movements), series, days, false);
        fillTable(m_tables[Movements], {tr("Day"), tr("In"), tr("Out"), tr("Net")}, rows);
    }
    // Units sold by hour of day.
    {
        auto *series = new QBarSeries;
        auto *sold = new QBarSet(tr("Pieces sold"));
        auto *soldKg = new QBarSet(tr("Kilograms sold"));
        bool weighed = false;
        QStringList hours;
        QList<QStringList> rows;
        for (int h = 0; h < data.salesByHour.size(); ++h) {
            const qint64 grams = data.weighedSalesByHour.value(h);
            *sold << double(data.salesByHour.at(h));
            *soldKg << kilograms(grams);
            weighed = weighed || grams != 0;
            hours << QString::number(h);
            rows << QStringList {u"%1:00"_s.arg(h, 2, 10, QChar(u'0')),
                                 piecesAndKg(data.salesByHour.at(h), grams)};
        }
        series->append(sold);
        if (weighed)
            series->append(soldKg);
        else
            delete soldKg;
        setBars(chart(SalesByHour), series, hours, false);
        fillTable(m_tables[SalesByHour], {tr("Hour"), tr("Sold")}, rows);
    }
    // Top products, the best at the top of the chart.
    {
        // Pieces and kilograms do not share an axis: the bars are the money.
        auto *series = new QHorizontalBarSeries;
        auto *worth = new QBarSet(tr("Sales value"));
        QStringList names;
        QList<QStringList> rows;
        for (qsizetype i = data.topProducts.size() - 1; i >= 0; --i) {
            const ProductUnits &p = data.topProducts.at(i);
            *worth << double(p.value) / 100; // chart geometry; the table has the amounts
            const QString name = p.name.size() > 32 ? p.name.left(31) + u'…' : p.name;
            names << u"%1 %2"_s.arg(p.plu, name);
        }
        for (const ProductUnits &p : data.topProducts)
            rows << QStringList {p.plu + u" — "_s + p.name,
                                 Quantity::format(p.units, p.soldByWeight), Money::format(p.value)};
        series->append(worth);
        setBars(chart(TopProducts), series, names, true);
        fillTable(m_tables[TopProducts], {tr("Product"), tr("Sold"), tr("Value")}, rows);
    }
    // Stock value by shop, as shares of the whole.
    {
        QChart *c = chart(StockValue);
        removeEverything(c);
        auto *pie = new QPieSeries;
        QList<QStringList> rows;
        for (const ShopValue &s : data.stockValue) {
            // The slice's size is chart geometry (QPieSlice takes a qreal);
            // the amount people read is the label, formatted from kopecks.
            pie->append(u"%1: %2"_s.arg(s.shopName, Money::format(s.value)), double(s.value));
            rows << QStringList {s.shopName,
                                 Quantity::format(s.units, false),
                                 Quantity::format(s.grams, true),
                                 Money::format(s.value),
                                 Money::format(s.costValue),
                                 Money::format(s.margin()),
                                 s.uncosted > 0
                                     ? tr("%Ln stock(s), %1 at retail", nullptr, int(s.uncosted))
                                           .arg(Money::format(s.uncostedValue))
                                     : QString()};
        }
        pie->setLabelsVisible(true);
        c->addSeries(pie);
        fillTable(m_tables[StockValue],
                  {tr("Shop"), tr("Pieces"), tr("By weight"), tr("Value"), tr("At cost"),
                   tr("Margin"), tr("No cost yet")},
                  rows);
    }
    // Stock value by top-level category, at retail and at cost, as bars.
    {
        auto *series = new QBarSeries;
        auto *retail = new QBarSet(tr("At retail"));
        auto *cost = new QBarSet(tr("At cost"));
        QStringList names;
        QList<QStringList> rows;
        for (const shopdesk::CategoryValue &v : data.categoryValue) {
            const QString name = v.categoryId == 0 ? tr("No category") : v.name;
            names << name;
            // Bar heights are chart geometry; the table has the amounts.
            *retail << double(v.value) / 100;
            *cost << double(v.costValue) / 100;
            rows << QStringList {name,
                                 Quantity::format(v.units, false),
                                 Quantity::format(v.grams, true),
                                 Money::format(v.value),
                                 Money::format(v.costValue),
                                 Money::format(v.margin()),
                                 v.uncosted > 0
                                     ? tr("%Ln stock(s), %1 at retail", nullptr, int(v.uncosted))
                                           .arg(Money::format(v.uncostedValue))
                                     : QString()};
        }
        series->append(retail);
        series->append(cost);
        setBars(chart(CategoryValue), series, names, false);
        fillTable(m_tables[CategoryValue],
                  {tr("Category"), tr("Pieces"), tr("By weight"), tr("Value"), tr("At cost"),
                   tr("Margin"), tr("No cost yet")},
                  rows);
    }
    for (int r = 0; r < ReportCount; ++r)
        chart(Report(r))->setTitle(reportTitle(Report(r)));
    m_status->setText(filterDescription());
    emit reportsReady();
}

QString ReportsPage::filterDescription() const
{
    const QLocale locale;
    QStringList parts;
    parts << (m_filter.dateMin ? locale.toString(*m_filter.dateMin, QLocale::ShortFormat)
                               : tr("the beginning")) +
            u" – "_s +
            (m_filter.dateMax ? locale.toString(*m_filter.dateMax, QLocale::ShortFormat)
                              : tr("today"));
    if (!m_filter.plu.isEmpty())
        parts << tr("PLU %1").arg(m_filter.plu);
    parts << tr("times in %1").arg(m_filter.timeZone);
    return parts.join(u"; "_s);
}

bool ReportsPage::exportChartPng(Report report, const QString &path)
{
    if (!hasPermission(m_session.actor.role, Permission::ViewHistory))
        return false;
    const QPixmap image = m_views.at(report)->grab();
    return image.save(path, "PNG");
}

bool ReportsPage::exportPdf(const QString &path)
{
    if (!hasPermission(m_session.actor.role, Permission::ViewHistory))
        return false;
    // One document: a title, then each chart as a picture with its numbers.
    QTextDocument document;
    QString html = u"<h1>%1</h1><p>%2</p>"_s.arg(tr("ShopDesk reports").toHtmlEscaped(),
                                                 filterDescription().toHtmlEscaped());
    for (int r = 0; r < ReportCount; ++r) {
        QChartView *view = m_views.at(r);
        QImage image(1200, 600, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            view->chart()->scene()->render(&painter, QRectF(), view->chart()->sceneBoundingRect());
        }
        const QUrl name(u"chart%1.png"_s.arg(r));
        document.addResource(QTextDocument::ImageResource, name, image);
        html +=
            u"<h2>%1</h2><img src=\"%2\" width=\"600\"><table border=\"1\" cellspacing=\"0\" "
            "cellpadding=\"3\"><tr>"_s.arg(reportTitle(Report(r)).toHtmlEscaped(), name.toString());
        const QTableWidget *table = m_tables.at(r);
        for (int c = 0; c < table->columnCount(); ++c)
            html += u"<th>%1</th>"_s.arg(table->horizontalHeaderItem(c)->text().toHtmlEscaped());
        html += u"</tr>"_s;
        for (int row = 0; row < table->rowCount(); ++row) {
            html += u"<tr>"_s;
            for (int c = 0; c < table->columnCount(); ++c) {
                const QTableWidgetItem *item = table->item(row, c);
                html += u"<td%1>%2</td>"_s.arg(c > 0 ? u" align=\"right\""_s : QString(),
                                               item ? item->text().toHtmlEscaped() : QString());
            }
            html += u"</tr>"_s;
        }
        html += u"</table>"_s;
    }
    document.setHtml(html);
    QPdfWriter writer(path);
    if (!writer.setPageSize(QPageSize(QPageSize::A4)))
        return false;
    writer.setTitle(tr("ShopDesk reports"));
    writer.setCreator(u"ShopDesk"_s);
    document.setPageSize(QSizeF(writer.width(), writer.height()));
    document.print(&writer);
    return QFileInfo(path).size() > 0;
}

void ReportsPage::exportChart()
{
    const int current = m_tabs->currentIndex();
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"),
                                                      dir + u"/report-%1.png"_s.arg(current + 1),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    if (exportChartPng(Report(current), path))
        m_banner->showMessage(tr("Chart saved to %1.").arg(path), MessageBanner::Type::Positive);
    else
        m_banner->showMessage(tr("Could not write %1.").arg(path));
}

void ReportsPage::exportReport()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export report"),
        dir + u"/reports-%1.pdf"_s.arg(QDate::currentDate().toString(Qt::ISODate)),
        tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    if (exportPdf(path))
        m_banner->showMessage(tr("Report saved to %1.").arg(path), MessageBanner::Type::Positive);
    else
        m_banner->showMessage(tr("Could not write %1.").arg(path));
}

} // namespace shopdesk
