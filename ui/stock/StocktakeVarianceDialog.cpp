#include "StocktakeVarianceDialog.h"

#include "models/core/Money.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

StocktakeVarianceDialog::StocktakeVarianceDialog(const QList<StocktakeVarianceLine> &lines,
                                                 const QString &title, QWidget *parent)
    : QDialog(parent),
      m_lines(lines),
      m_title(title),
      m_banner(new MessageBanner(this)),
      m_table(new QTableWidget(this)),
      m_total(new QLabel(this))
{
    setWindowTitle(title);
    m_table->setObjectName(u"varianceLines"_s);
    m_total->setObjectName(u"varianceTotal"_s);
    const QStringList headers = StocktakeVariance::headers();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(lines.size()));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    for (int r = 0; r < lines.size(); ++r) {
        const QStringList cells = StocktakeVariance::row(lines.at(r));
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    }
    // Every header and figure whole; the product's name takes the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(60);

    int differing = 0;
    for (const StocktakeVarianceLine &l : lines)
        differing += l.difference() != 0 ? 1 : 0;
    m_total->setText(tr("%Ln line(s) counted, %1 with a difference; value of the differences: %2.",
                        nullptr, int(lines.size()))
                         .arg(QLocale().toString(differing),
                              Money::format(StocktakeVariance::totalValue(lines))));
    m_total->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(this);
    auto *commit = buttons->addButton(tr("&Commit count"), QDialogButtonBox::AcceptRole);
    commit->setObjectName(u"commitVariance"_s);
    buttons->addButton(tr("&Back to counting"), QDialogButtonBox::RejectRole);
    auto *csv = buttons->addButton(tr("&Export CSV…"), QDialogButtonBox::ActionRole);
    csv->setObjectName(u"exportVariance"_s);
    auto *pdf = buttons->addButton(tr("Save as P&DF…"), QDialogButtonBox::ActionRole);
    auto *printButton = buttons->addButton(tr("&Print…"), QDialogButtonBox::ActionRole);
    for (QPushButton *b : buttons->findChildren<QPushButton *>())
        b->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(csv, &QPushButton::clicked, this, &StocktakeVarianceDialog::chooseCsv);
    connect(pdf, &QPushButton::clicked, this, &StocktakeVarianceDialog::choosePdf);
    connect(printButton, &QPushButton::clicked, this, &StocktakeVarianceDialog::print);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_total);
    layout->addWidget(buttons);
    resize(860, 520);
}

bool StocktakeVarianceDialog::exportCsv(const QString &path)
{
    auto written = StocktakeVariance::writeCsv(path, m_lines);
    if (!written) {
        m_banner->showMessage(written.error().message);
        return false;
    }
    m_banner->showMessage(tr("Variance sheet saved to %1.").arg(path),
                          MessageBanner::Type::Positive);
    return true;
}

bool StocktakeVarianceDialog::printToPdf(const QString &path)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setDocName(m_title);
    printOn(&printer);
    if (QFileInfo(path).size() <= 0) {
        m_banner->showMessage(tr("Could not write %1.").arg(path));
        return false;
    }
    m_banner->showMessage(tr("Variance sheet saved to %1.").arg(path),
                          MessageBanner::Type::Positive);
    return true;
}

void StocktakeVarianceDialog::printOn(QPrinter *printer) const
{
    QString html = u"<h2>%1</h2><table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr>"_s.arg(
        m_title.toHtmlEscaped());
    for (const QString &header : StocktakeVariance::headers())
        html += u"<th>%1</th>"_s.arg(header.toHtmlEscaped());
    html += u"</tr>"_s;
    for (const StocktakeVarianceLine &line : m_lines) {
        html += u"<tr>"_s;
        const QStringList cells = StocktakeVariance::row(line);
        for (int c = 0; c < cells.size(); ++c)
            html += u"<td%1>%2</td>"_s.arg(c >= 2 ? u" align=\"right\""_s : QString(),
                                           cells.at(c).toHtmlEscaped());
        html += u"</tr>"_s;
    }
    html += u"</table><p>%1</p>"_s.arg(m_total->text().toHtmlEscaped());
    QTextDocument document;
    document.setHtml(html);
    document.print(printer);
}

void StocktakeVarianceDialog::chooseCsv()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export variance sheet"),
                                     dir + u"/stocktake-variance.csv"_s, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void StocktakeVarianceDialog::choosePdf()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save variance sheet"),
                                     dir + u"/stocktake-variance.pdf"_s, tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        printToPdf(path);
}

void StocktakeVarianceDialog::print()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(m_title);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() == QDialog::Accepted)
        printOn(&printer);
}

} // namespace shopdesk
