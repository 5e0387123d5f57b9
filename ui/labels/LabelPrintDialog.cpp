#include "LabelPrintDialog.h"

#include "LabelRenderer.h"
#include "models/settings/AppSettings.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPdfWriter>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QDoubleSpinBox *millimetres(QWidget *parent, const QString &name, double maximum)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, maximum);
    box->setDecimals(1);
    box->setSingleStep(1);
    box->setSuffix(LabelPrintDialog::tr(" mm"));
    return box;
}

} // namespace

LabelPrintDialog::LabelPrintDialog(const QList<ShelfLabel> &labels, QWidget *parent)
    : QDialog(parent),
      m_labels(labels),
      m_banner(new MessageBanner(this)),
      m_sheet(new QRadioButton(tr("A&4 sheets"), this)),
      m_roll(new QRadioButton(tr("Label &roll (one label per page)"), this)),
      m_columns(new QSpinBox(this)),
      m_rows(new QSpinBox(this)),
      m_margin(millimetres(this, u"margin"_s, 100)),
      m_gap(millimetres(this, u"gap"_s, 100)),
      m_width(millimetres(this, u"labelWidth"_s, 1000)),
      m_height(millimetres(this, u"labelHeight"_s, 1000)),
      m_toPrinter(new QRadioButton(tr("&Printer"), this)),
      m_toPdf(new QRadioButton(tr("PDF &file"), this)),
      m_summary(new QLabel(this))
{
    setWindowTitle(tr("Print shelf labels"));
    setObjectName(u"labelPrintDialog"_s);
    m_sheet->setObjectName(u"sheet"_s);
    m_roll->setObjectName(u"roll"_s);
    m_columns->setObjectName(u"columns"_s);
    m_rows->setObjectName(u"rows"_s);
    m_columns->setRange(0, 99);
    m_rows->setRange(0, 99);
    m_toPrinter->setObjectName(u"toPrinter"_s);
    m_toPdf->setObjectName(u"toPdf"_s);
    m_summary->setObjectName(u"summary"_s);

    auto *sheetBox = new QGroupBox(this);
    auto *sheetForm = new QFormLayout(sheetBox);
    sheetForm->addRow(tr("&Columns:"), m_columns);
    sheetForm->addRow(tr("Ro&ws:"), m_rows);
    sheetForm->addRow(tr("&Margin:"), m_margin);
    sheetForm->addRow(tr("&Gap:"), m_gap);
    auto *rollBox = new QGroupBox(this);
    auto *rollForm = new QFormLayout(rollBox);
    rollForm->addRow(tr("Label wi&dth:"), m_width);
    rollForm->addRow(tr("Label &height:"), m_height);

    auto *output = new QGroupBox(tr("Print to"), this);
    auto *outputLayout = new QVBoxLayout(output);
    outputLayout->addWidget(m_toPrinter);
    outputLayout->addWidget(m_toPdf);
    m_toPdf->setChecked(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *printButton = buttons->addButton(tr("&Print…"), QDialogButtonBox::AcceptRole);
    printButton->setObjectName(u"print"_s);
    printButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &LabelPrintDialog::print);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *column = new QVBoxLayout(this);
    column->addWidget(m_banner);
    column->addWidget(m_sheet);
    column->addWidget(sheetBox);
    column->addWidget(m_roll);
    column->addWidget(rollBox);
    column->addWidget(output);
    column->addWidget(m_summary);
    column->addWidget(buttons);

    const auto kindChanged = [this, sheetBox, rollBox] {
        sheetBox->setEnabled(m_sheet->isChecked());
        rollBox->setEnabled(m_roll->isChecked());
        updateSummary();
    };
    connect(m_sheet, &QRadioButton::toggled, this, kindChanged);
    connect(m_roll, &QRadioButton::toggled, this, kindChanged);
    for (QSpinBox *box : {m_columns, m_rows})
        connect(box, &QSpinBox::valueChanged, this, &LabelPrintDialog::updateSummary);
    for (QDoubleSpinBox *box : {m_margin, m_gap, m_width, m_height})
        connect(box, &QDoubleSpinBox::valueChanged, this, &LabelPrintDialog::updateSummary);
    setLabelLayout(AppSettings().labelLayout());
    kindChanged();
    // Wide enough for its title in Russian ("Печать ценников — ShopDesk")
    // and the summary line, which the layout alone would cut.
    resize(qMax(sizeHint().width(), fontMetrics().averageCharWidth() * 60), sizeHint().height());
}

LabelLayout LabelPrintDialog::labelLayout() const
{
    LabelLayout layout;
    layout.kind = m_roll->isChecked() ? LabelLayout::Kind::Roll : LabelLayout::Kind::Sheet;
    layout.columns = m_columns->value();
    layout.rows = m_rows->value();
    layout.marginMm = m_margin->value();
    layout.gapMm = m_gap->value();
    layout.labelWidthMm = m_width->value();
    layout.labelHeightMm = m_height->value();
    return layout;
}

void LabelPrintDialog::setLabelLayout(const LabelLayout &layout)
{
    (layout.kind == LabelLayout::Kind::Roll ? m_roll : m_sheet)->setChecked(true);
    m_columns->setValue(layout.columns);
    m_rows->setValue(layout.rows);
    m_margin->setValue(layout.marginMm);
    m_gap->setValue(layout.gapMm);
    m_width->setValue(layout.labelWidthMm);
    m_height->setValue(layout.labelHeightMm);
}

void LabelPrintDialog::setPdfPath(const QString &path)
{
    m_pdfPath = path;
    m_toPdf->setChecked(true);
}

QString LabelPrintDialog::errorText() const
{
    return m_error;
}

void LabelPrintDialog::updateSummary()
{
    const LabelLayout current = labelLayout();
    if (const auto invalid = current.validate()) {
        m_summary->setText(invalid->message);
        return;
    }
    const int count = int(m_labels.size());
    const int pages = (count + current.labelsPerPage() - 1) / current.labelsPerPage();
    m_summary->setText(tr("%Ln label(s)", nullptr, count) + u", "_s +
                       tr("%Ln page(s)", nullptr, pages));
}

void LabelPrintDialog::print()
{
    const LabelLayout current = labelLayout();
    if (const auto invalid = current.validate()) {
        m_error = invalid->message;
        m_banner->showMessage(m_error);
        if (auto *field = findChild<QWidget *>(invalid->field))
            field->setFocus();
        return;
    }
    if (m_labels.isEmpty()) {
        m_error = tr("There are no labels to print.");
        m_banner->showMessage(m_error);
        return;
    }
    AppSettings settings;
    settings.setLabelLayout(current);
    settings.sync();

    if (m_toPdf->isChecked()) {
        QString path = m_pdfPath;
        if (path.isEmpty()) {
            const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
            path = QFileDialog::getSaveFileName(this, tr("Save the labels as PDF"),
                                                QDir(dir).filePath(u"labels-%1.pdf"_s.arg(
                                                    QDate::currentDate().toString(Qt::ISODate))),
                                                tr("PDF files (*.pdf)"));
            if (path.isEmpty())
                return;
        }
        // Written beside the file and renamed over it only when complete:
        // a stopped or failed run leaves no half file and keeps the one
        // that was there.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            m_error =
                tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
            m_banner->showMessage(m_error);
            return;
        }
        bool done = false;
        {
            QPdfWriter writer(&file);
            writer.setCreator(u"ShopDesk"_s);
            writer.setTitle(tr("Shelf labels"));
            done = printTo(&writer);
        }
        if (!done) {
            file.cancelWriting();
            return;
        }
        if (!file.commit()) {
            m_error =
                tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
            m_banner->showMessage(m_error);
            return;
        }
    } else {
        QPrinter printer(QPrinter::HighResolution);
        QPrintDialog dialog(&printer, this);
        dialog.setWindowTitle(tr("Print shelf labels"));
        if (dialog.exec() != QDialog::Accepted)
            return;
        if (!printTo(&printer)) {
            printer.abort();
            return;
        }
    }
    m_error.clear();
    emit printed(int(m_labels.size()));
    accept();
}

bool LabelPrintDialog::printTo(QPagedPaintDevice *device)
{
    QProgressDialog progress(tr("Printing shelf labels…"), tr("Stop"), 0, int(m_labels.size()),
                             this);
    progress.setObjectName(u"labelProgress"_s);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    QString error;
    const bool done =
        LabelRenderer(labelLayout()).render(device, m_labels, &error, [&progress](int n) {
            progress.setValue(n); // processes events while it is shown: Stop works
            return !progress.wasCanceled();
        });
    const bool stopped = progress.wasCanceled();
    progress.reset();
    if (!done) {
        m_error = error;
        m_banner->showMessage(
            error, stopped ? MessageBanner::Type::Information : MessageBanner::Type::Error);
    }
    return done;
}

} // namespace shopdesk
