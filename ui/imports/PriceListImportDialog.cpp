#include "PriceListImportDialog.h"

#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "models/imports/ImportsService.h"
#include "models/suppliers/SuppliersService.h"
#include "ui/common/MessageBanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

enum Column { RowNumber, Plu, Name, Retail, Purchase, Verdict, ColumnCount };

constexpr std::array kFields {PriceListField::Plu,         PriceListField::Barcode,
                              PriceListField::Name,        PriceListField::PurchasePrice,
                              PriceListField::RetailPrice, PriceListField::Category};

// A, B, … Z, AA, AB…: as a spreadsheet names its columns.
QString columnLetters(int column)
{
    QString letters;
    for (int c = column + 1; c > 0; c = (c - 1) / 26)
        letters.prepend(QChar(u'A' + (c - 1) % 26));
    return letters;
}

QString priceChange(const std::optional<qint64> &before, const std::optional<qint64> &after)
{
    if (!after)
        return {};
    if (!before || *before == *after)
        return Money::format(*after);
    return PriceListImportDialog::tr("%1 → %2").arg(Money::format(*before), Money::format(*after));
}

QString verdictText(const PriceListRow &row)
{
    switch (row.verdict) {
    case PriceListVerdict::New:
        return PriceListImportDialog::tr("New product");
    case PriceListVerdict::Update:
        return PriceListImportDialog::tr("Update");
    case PriceListVerdict::Unchanged:
        return PriceListImportDialog::tr("Unchanged");
    case PriceListVerdict::Refused:
        return PriceListImportDialog::tr("Refused (%1): %2")
            .arg(PriceListImportDialog::fieldTitle(row.field), row.reason);
    }
    return {};
}

} // namespace

QString PriceListImportDialog::fieldTitle(const QString &key)
{
    for (PriceListField f : kFields)
        if (PriceListMapping::key(f) == key)
            return PriceListMapping::title(f);
    return key;
}

PriceListImportDialog::PriceListImportDialog(const Session &session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_supplier(new QComboBox(this)),
      m_file(new QLineEdit(this)),
      m_choose(new QPushButton(tr("C&hoose…"), this)),
      m_headerRow(new QCheckBox(tr("The first row is a hea&der"), this)),
      m_previewButton(new QPushButton(tr("&Preview"), this)),
      m_preview(new QTreeWidget(this)),
      m_result(new QLabel(this)),
      m_apply(nullptr),
      m_saveRefused(nullptr)
{
    setObjectName(u"priceListImportDialog"_s);
    setWindowTitle(tr("Import a supplier's price list"));
    m_supplier->setObjectName(u"supplier"_s);
    m_file->setObjectName(u"file"_s);
    m_file->setReadOnly(true);
    m_choose->setObjectName(u"chooseFile"_s);
    m_headerRow->setObjectName(u"headerRow"_s);
    m_headerRow->setChecked(true);
    m_previewButton->setObjectName(u"preview"_s);
    m_preview->setObjectName(u"previewRows"_s);
    m_preview->setColumnCount(ColumnCount);
    m_preview->setHeaderLabels(
        {tr("Row"), tr("PLU"), tr("Name"), tr("Retail price"), tr("Purchase price"), tr("Result")});
    m_preview->setRootIsDecorated(false);
    m_preview->setUniformRowHeights(true);
    m_preview->setAlternatingRowColors(true);
    m_preview->header()->setStretchLastSection(true);
    m_result->setObjectName(u"result"_s);
    m_result->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Supplier:"), m_supplier);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_choose);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_choose);
    form->addRow(fileLabel, fileRow);
    form->addRow(QString(), m_headerRow);

    auto *grid = new QGridLayout;
    for (size_t i = 0; i < kFields.size(); ++i) {
        auto *combo = new QComboBox(this);
        combo->setObjectName(u"column_"_s + PriceListMapping::key(kFields[i]));
        combo->addItem(tr("(none)"), PriceListMapping::kNone);
        m_columns[i] = combo;
        auto *label = new QLabel(tr("%1:").arg(PriceListMapping::title(kFields[i])), this);
        label->setBuddy(combo);
        grid->addWidget(label, int(i) / 3, (int(i) % 3) * 2);
        grid->addWidget(combo, int(i) / 3, (int(i) % 3) * 2 + 1);
        grid->setColumnStretch((int(i) % 3) * 2 + 1, 1);
    }
    auto *columnsLabel = new QLabel(tr("Columns of the file:"), this);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::ActionRole);
    m_apply->setObjectName(u"apply"_s);
    m_apply->setEnabled(false);
    m_saveRefused = buttons->addButton(tr("Save &refused rows…"), QDialogButtonBox::ActionRole);
    m_saveRefused->setObjectName(u"saveRefused"_s);
    m_saveRefused->setEnabled(false);
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    m_previewButton->setAutoDefault(false);
    m_choose->setAutoDefault(false);

    connect(m_choose, &QPushButton::clicked, this, &PriceListImportDialog::chooseFile);
    connect(m_previewButton, &QPushButton::clicked, this, &PriceListImportDialog::preview);
    connect(m_apply, &QPushButton::clicked, this, &PriceListImportDialog::apply);
    connect(m_saveRefused, &QPushButton::clicked, this, &PriceListImportDialog::saveRefused);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_supplier, &QComboBox::currentIndexChanged, this, &PriceListImportDialog::loadColumns);

    auto *column = new QVBoxLayout(this);
    column->addWidget(m_banner);
    column->addLayout(form);
    column->addWidget(columnsLabel);
    column->addLayout(grid);
    column->addWidget(m_previewButton, 0, Qt::AlignLeft);
    column->addWidget(m_preview, 1);
    column->addWidget(m_result);
    column->addWidget(buttons);
    resize(1000, 600);

    whenReady(this, SuppliersService(m_session.actor).suppliers(),
              [this](const Result<QList<Supplier>> &suppliers) {
                  if (!suppliers) {
                      m_banner->showMessage(suppliers.error().message);
                      emit failed(suppliers.error().message);
                      return;
                  }
                  QSignalBlocker blocker(m_supplier);
                  for (const Supplier &s : suppliers.value())
                      m_supplier->addItem(s.name, s.id);
                  blocker.unblock();
                  emit suppliersLoaded(int(suppliers->size()));
                  loadColumns();
              });
}

qint64 PriceListImportDialog::supplierId() const
{
    return m_supplier->currentData().toLongLong();
}

PriceListMapping PriceListImportDialog::mapping() const
{
    PriceListMapping m;
    m.headerRow = m_headerRow->isChecked();
    for (size_t i = 0; i < kFields.size(); ++i)
        m.setColumn(kFields[i], m_columns[i]->currentData().toInt());
    return m;
}

void PriceListImportDialog::setFile(const QString &path)
{
    m_file->setText(path);
    loadColumns();
}

void PriceListImportDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Supplier's price list"), QFileInfo(m_file->text()).path(),
        tr("Price lists (*.csv *.txt *.xlsx);;All files (*)"));
    if (!path.isEmpty())
        setFile(path);
}

void PriceListImportDialog::setBusy(bool busy)
{
    m_apply->setEnabled(!busy && !m_file->text().isEmpty() && supplierId() > 0);
    m_previewButton->setEnabled(!busy);
    m_choose->setEnabled(!busy);
    m_supplier->setEnabled(!busy);
}

void PriceListImportDialog::loadColumns()
{
    const QString path = m_file->text();
    const qint64 supplier = supplierId();
    if (path.isEmpty() || supplier <= 0) {
        setBusy(false);
        return;
    }
    const int request = ++m_request;
    m_banner->hideMessage();
    whenReady(this, ImportsService(m_session.actor).firstRow(path),
              [this, request, supplier](const Result<QStringList> &header) {
                  if (request != m_request)
                      return;
                  if (!header) {
                      m_banner->showMessage(header.error().message);
                      emit failed(header.error().message);
                      return;
                  }
                  m_header = header.value();
                  whenReady(this, ImportsService(m_session.actor).savedMapping(supplier),
                            [this, request](const Result<std::optional<PriceListMapping>> &saved) {
                                if (request != m_request)
                                    return;
                                if (!saved) {
                                    m_banner->showMessage(saved.error().message);
                                    emit failed(saved.error().message);
                                    return;
                                }
                                showMapping(
                                    saved.value().value_or(PriceListMapping::guess(m_header)));
                                setBusy(false);
                                emit columnsLoaded(int(m_header.size()));
                                preview();
                            });
              });
}

void PriceListImportDialog::showMapping(const PriceListMapping &mapping)
{
    m_headerRow->setChecked(mapping.headerRow);
    for (size_t i = 0; i < kFields.size(); ++i) {
        QComboBox *combo = m_columns[i];
        combo->clear();
        combo->addItem(tr("(none)"), PriceListMapping::kNone);
        for (int c = 0; c < m_header.size(); ++c)
            combo->addItem(tr("%1: %2").arg(columnLetters(c), m_header.at(c).left(40)), c);
        const int wanted = mapping.column(kFields[i]);
        combo->setCurrentIndex(qMax(0, combo->findData(wanted)));
    }
}

void PriceListImportDialog::preview()
{
    if (m_file->text().isEmpty() || supplierId() <= 0)
        return;
    const PriceListMapping m = mapping();
    if (auto invalid = m.check()) {
        m_preview->clear();
        m_banner->showMessage(invalid->message);
        emit failed(invalid->message);
        return;
    }
    const int request = ++m_request;
    m_banner->hideMessage();
    whenReady(this,
              ImportsService(m_session.actor)
                  .previewPriceList(supplierId(), m_file->text(), m, kPreviewRows),
              [this, request](const Result<QList<PriceListRow>> &rows) {
                  if (request != m_request)
                      return;
                  m_preview->clear();
                  if (!rows) {
                      m_banner->showMessage(rows.error().message);
                      emit failed(rows.error().message);
                      return;
                  }
                  for (const PriceListRow &r : rows.value()) {
                      auto *item = new QTreeWidgetItem(m_preview);
                      item->setText(RowNumber, QString::number(r.number));
                      item->setTextAlignment(RowNumber, Qt::AlignRight | Qt::AlignVCenter);
                      item->setText(Plu, r.plu.isEmpty() ? r.barcode : r.plu);
                      item->setText(Name, r.name);
                      item->setText(Retail, priceChange(r.oldRetail, r.newRetail));
                      item->setText(Purchase, priceChange(r.oldPurchase, r.newPurchase));
                      item->setText(Verdict, verdictText(r));
                  }
                  for (int c : {RowNumber, Plu, Retail, Purchase})
                      m_preview->resizeColumnToContents(c);
                  emit previewed(int(rows->size()));
              });
}

void PriceListImportDialog::apply()
{
    const PriceListMapping m = mapping();
    if (auto invalid = m.check()) {
        m_banner->showMessage(invalid->message);
        emit failed(invalid->message);
        emit applied(false);
        return;
    }
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    auto rowsRead = std::make_shared<std::atomic_int>(0);
    auto *progress = new QProgressDialog(tr("Importing the price list…"), tr("Stop"), 0, 0, this);
    progress->setObjectName(u"importProgress"_s);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    auto *timer = new QTimer(progress);
    connect(timer, &QTimer::timeout, progress, [progress, rowsRead, cancelled] {
        if (!cancelled->load())
            progress->setLabelText(
                tr("Importing the price list: %Ln row(s) read…", nullptr, rowsRead->load()));
    });
    timer->start(200);
    connect(progress, &QProgressDialog::canceled, progress, [progress, cancelled] {
        cancelled->store(true);
        progress->setLabelText(tr("Stopping…"));
        progress->show(); // cancel() hides it; it stays until the import ends
    });
    progress->show();
    setBusy(true);
    m_banner->hideMessage();
    QPointer<QProgressDialog> guard(progress);
    whenReady(this,
              ImportsService(m_session.actor)
                  .applyPriceList(
                      supplierId(), m_file->text(), m, cancelled,
                      [rowsRead](int rows) { rowsRead->store(rows); },
                      m_refusedDir.filePath(u"refused.csv"_s)),
              [this, guard](const Result<PriceListOutcome> &outcome) {
                  if (guard)
                      guard->deleteLater();
                  setBusy(false);
                  if (!outcome) {
                      m_banner->showMessage(outcome.error().message,
                                            outcome.error().code == StoreError::Code::Cancelled
                                                ? MessageBanner::Type::Warning
                                                : MessageBanner::Type::Error);
                      emit failed(outcome.error().message);
                      emit applied(false);
                      return;
                  }
                  m_outcome = outcome.value();
                  const PriceListCounts &c = m_outcome.counts;
                  m_result->setText(tr("Imported: %1, %2, %3; %4.")
                                        .arg(tr("%Ln new product(s)", nullptr, c.created),
                                             tr("%Ln updated", nullptr, c.updated),
                                             tr("%Ln unchanged", nullptr, c.unchanged),
                                             tr("%Ln refused", nullptr, c.refused)));
                  m_saveRefused->setEnabled(m_outcome.counts.refused > 0);
                  m_banner->showMessage(tr("The price list is imported."),
                                        MessageBanner::Type::Positive);
                  emit applied(true);
              });
}

void PriceListImportDialog::saveRefused()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save refused rows"),
        QFileInfo(m_file->text()).path() + u"/"_s +
            tr("%1 - refused.csv").arg(QFileInfo(m_file->text()).completeBaseName()),
        tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        saveRefusedTo(path);
}

bool PriceListImportDialog::saveRefusedTo(const QString &path)
{
    QFile file(m_refusedDir.filePath(u"refused.csv"_s));
    if (QFile::exists(path))
        QFile::remove(path);
    if (!file.copy(path)) {
        const QString message = tr("Cannot write %1: %2").arg(path, file.errorString());
        m_banner->showMessage(message);
        emit failed(message);
        return false;
    }
    m_banner->showMessage(tr("%Ln refused row(s) saved to %1.", nullptr, m_outcome.counts.refused)
                              .arg(QFileInfo(path).fileName()),
                          MessageBanner::Type::Positive);
    return true;
}

} // namespace shopdesk
