#include "GoodsReceiptDialog.h"

#include "GoodsReceiptPdf.h"
#include "models/catalog/CatalogService.h"
#include "models/checkout/ScanInput.h"
#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/documents/ReceiptLinesModel.h"
#include "models/labels/LabelsService.h"
#include "models/shops/ShopTime.h"
#include "models/suppliers/SuppliersService.h"
#include "ui/common/Confirm.h"
#include "ui/common/Icons.h"
#include "ui/common/MessageBanner.h"
#include "ui/suppliers/SupplierDialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

GoodsReceiptDialog::GoodsReceiptDialog(const Session &session, qint64 receiptId, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_service(session.actor),
      m_banner(new MessageBanner(this)),
      m_title(new QLabel(this)),
      m_state(new QLabel(this)),
      m_supplier(new QComboBox(this)),
      m_newSupplier(new QPushButton(tr("New s&upplier…"), this)),
      m_invoice(new QLineEdit(this)),
      m_invoiceDate(new QDateEdit(this)),
      m_note(new QLineEdit(this)),
      m_scan(new QLineEdit(this)),
      m_scanRow(new QWidget(this)),
      m_table(new QTableView(this)),
      m_lines(new ReceiptLinesModel(this)),
      m_summary(new QLabel(this)),
      m_remove(new QPushButton(tr("&Remove lines"), this)),
      m_save(new QPushButton(tr("&Save draft"), this)),
      m_post(new QPushButton(tr("&Post…"), this)),
      m_cancelReceipt(new QPushButton(tr("&Cancel the receipt…"), this)),
      m_pdf(new QPushButton(tr("Save as P&DF…"), this)),
      m_labels(new QPushButton(tr("Queue shelf la&bels"), this))
{
    setObjectName(u"goodsReceiptDialog"_s);
    setWindowTitle(tr("Goods receipt"));
    m_receipt.id = receiptId;
    m_receipt.shopId = session.shop.id;
    m_title->setObjectName(u"title"_s);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_title->setFont(big);
    m_state->setObjectName(u"state"_s);

    // The header.
    m_supplier->setObjectName(u"supplier"_s);
    m_supplier->setMinimumContentsLength(24);
    m_newSupplier->setObjectName(u"newSupplier"_s);
    m_newSupplier->setAutoDefault(false);
    m_invoice->setObjectName(u"invoiceNumber"_s);
    m_invoice->setMaxLength(GoodsReceiptStore::kMaxInvoiceNumber);
    m_invoiceDate->setObjectName(u"invoiceDate"_s);
    m_invoiceDate->setCalendarPopup(true);
    m_invoiceDate->setDisplayFormat(u"yyyy-MM-dd"_s);
    m_invoiceDate->setDate(
        ShopTime::toShop(QDateTime::currentDateTimeUtc(), session.shop.timeZone).date());
    m_note->setObjectName(u"note"_s);
    m_note->setMaxLength(GoodsReceiptStore::kMaxNote);
    auto *supplierRow = new QHBoxLayout;
    supplierRow->addWidget(m_supplier, 1);
    supplierRow->addWidget(m_newSupplier);
    auto *invoiceRow = new QHBoxLayout;
    invoiceRow->addWidget(m_invoice, 1);
    auto *dateLabel = new QLabel(tr("&dated"), this);
    dateLabel->setBuddy(m_invoiceDate);
    invoiceRow->addWidget(dateLabel);
    invoiceRow->addWidget(m_invoiceDate);
    auto *headerForm = new QFormLayout;
    auto *supplierLabel = new QLabel(tr("Supp&lier:"), this);
    supplierLabel->setBuddy(m_supplier);
    headerForm->addRow(supplierLabel, supplierRow);
    auto *invoiceLabel = new QLabel(tr("&Invoice No.:"), this);
    invoiceLabel->setBuddy(m_invoice);
    headerForm->addRow(invoiceLabel, invoiceRow);
    headerForm->addRow(tr("N&ote:"), m_note);
    for (QLineEdit *edit : {m_invoice, m_note})
        connect(edit, &QLineEdit::textEdited, this, [this] { m_dirty = true; });
    connect(m_invoiceDate, &QDateEdit::dateChanged, this, [this] { m_dirty = true; });
    connect(m_supplier, &QComboBox::activated, this, [this] { m_dirty = true; });
    connect(m_newSupplier, &QPushButton::clicked, this, &GoodsReceiptDialog::newSupplier);

    // The scan field: Enter looks the code or the words up.
    m_scan->setObjectName(u"scan"_s);
    m_scan->setPlaceholderText(tr("Scan a barcode, or type a PLU or a name; 3*code for three"));
    connect(m_scan, &QLineEdit::returnPressed, this, &GoodsReceiptDialog::enqueueScan);
    auto *scanLayout = new QHBoxLayout(m_scanRow);
    scanLayout->setContentsMargins(0, 0, 0, 0);
    auto *scanLabel = new QLabel(tr("&Add goods:"), this);
    scanLabel->setBuddy(m_scan);
    scanLayout->addWidget(scanLabel);
    scanLayout->addWidget(m_scan, 1);
    // A supplier's delivery note as a file: all its lines at once.
    m_import = new QPushButton(Icons::icon(Icon::Export), tr("Import fro&m file…"), this);
    m_import->setObjectName(u"importLines"_s);
    m_import->setAutoDefault(false);
    m_import->setToolTip(tr("Add the lines of the supplier's delivery note (CSV or XLSX with a "
                            "PLU or barcode column and a quantity column)"));
    connect(m_import, &QPushButton::clicked, this, &GoodsReceiptDialog::importLines);
    scanLayout->addWidget(m_import);

    // The lines.
    m_table->setObjectName(u"lines"_s);
    m_table->setModel(m_lines);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // The figures take the room they need; the name the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ReceiptLinesModel::Name,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    connect(m_lines, &ReceiptLinesModel::refused, this,
            qOverload<const QString &>(&GoodsReceiptDialog::refuse));
    connect(m_lines, &ReceiptLinesModel::totalChanged, this, &GoodsReceiptDialog::updateSummary);
    connect(m_lines, &QAbstractItemModel::dataChanged, this, [this] {
        m_dirty = true;
        // The hint about a missing price goes once every line has one.
        if (m_priceHint &&
            std::all_of(m_lines->lines().cbegin(), m_lines->lines().cend(),
                        [](const ReceiptLine &l) { return l.price > 0; })) {
            m_banner->hideMessage();
            m_priceHint = false;
        }
    });
    connect(m_lines, &QAbstractItemModel::rowsRemoved, this, [this] { m_dirty = true; });
    auto *removeKey = new QShortcut(QKeySequence::Delete, m_table);
    removeKey->setContext(Qt::WidgetShortcut);
    connect(removeKey, &QShortcut::activated, this, &GoodsReceiptDialog::removeSelected);
    m_summary->setObjectName(u"summary"_s);

    // The buttons: Enter belongs to the scan field and the table's cells.
    m_remove->setObjectName(u"remove"_s);
    m_remove->setIcon(Icons::icon(Icon::Delete));
    m_save->setIcon(Icons::icon(Icon::Save));
    m_post->setIcon(Icons::icon(Icon::Confirm));
    m_cancelReceipt->setIcon(Icons::icon(Icon::Cancel));
    m_newSupplier->setIcon(Icons::icon(Icon::Supplier));
    m_pdf->setObjectName(u"pdf"_s);
    m_pdf->setIcon(Icons::icon(Icon::Print));
    m_labels->setObjectName(u"queueLabels"_s);
    m_labels->setIcon(Icons::icon(Icon::Price));
    m_save->setObjectName(u"save"_s);
    m_post->setObjectName(u"post"_s);
    m_cancelReceipt->setObjectName(u"cancelReceipt"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancelReceipt, QDialogButtonBox::ActionRole);
    buttons->addButton(m_pdf, QDialogButtonBox::ActionRole);
    buttons->addButton(m_labels, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    buttons->addButton(m_post, QDialogButtonBox::ActionRole);
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    const QKeySequence saveKey(QKeySequence::Save);
    const QKeySequence postKey(Qt::CTRL | Qt::Key_Return);
    m_save->setToolTip(saveKey.toString(QKeySequence::NativeText));
    m_post->setToolTip(postKey.toString(QKeySequence::NativeText));
    connect(new QShortcut(saveKey, this), &QShortcut::activated, this, &GoodsReceiptDialog::save);
    connect(new QShortcut(postKey, this), &QShortcut::activated, this, &GoodsReceiptDialog::post);
    connect(m_remove, &QPushButton::clicked, this, &GoodsReceiptDialog::removeSelected);
    connect(m_save, &QPushButton::clicked, this, &GoodsReceiptDialog::save);
    connect(m_post, &QPushButton::clicked, this, &GoodsReceiptDialog::post);
    connect(m_cancelReceipt, &QPushButton::clicked, this, &GoodsReceiptDialog::cancelReceipt);
    connect(m_pdf, &QPushButton::clicked, this, &GoodsReceiptDialog::saveAsPdf);
    connect(m_labels, &QPushButton::clicked, this, &GoodsReceiptDialog::queueLabels);
    connect(buttons, &QDialogButtonBox::rejected, this, &GoodsReceiptDialog::reject);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addStretch(1);
    titleRow->addWidget(m_state);
    auto *column = new QVBoxLayout(this);
    column->addLayout(titleRow);
    column->addWidget(m_banner);
    column->addLayout(headerForm);
    column->addWidget(m_scanRow);
    column->addWidget(m_table, 1);
    column->addWidget(m_summary);
    column->addWidget(buttons);
    resize(1000, 640);

    updateSummary();
    if (receiptId > 0) {
        load();
    } else {
        showReceipt(m_receipt);
        loadSuppliers(0);
    }
    m_scan->setFocus();
}

void GoodsReceiptDialog::load()
{
    setBusy(true);
    whenReady(this, m_service.receipt(m_receipt.id), [this](const Result<GoodsReceipt> &receipt) {
        setBusy(false);
        if (!receipt) {
            refuse(receipt.error());
            return;
        }
        showReceipt(receipt.value());
        m_lines->setLines(receipt->lines);
        m_dirty = false;
        loadSuppliers(receipt->header.supplierId);
        emit shown();
    });
}

void GoodsReceiptDialog::loadSuppliers(qint64 select)
{
    whenReady(this, SuppliersService(m_session.actor).suppliers(),
              [this, select](const Result<QList<Supplier>> &suppliers) {
                  if (!suppliers) {
                      refuse(suppliers.error());
                      return;
                  }
                  m_supplier->clear();
                  bool found = false;
                  for (const Supplier &s : suppliers.value()) {
                      m_supplier->addItem(s.name, s.id);
                      found = found || s.id == select;
                  }
                  // An archived supplier stays on the receipts made with it.
                  if (select > 0 && !found)
                      m_supplier->addItem(m_receipt.supplierName, select);
                  m_supplier->setCurrentIndex(select > 0 ? m_supplier->findData(select)
                                                         : (m_supplier->count() == 1 ? 0 : -1));
                  m_supplier->setPlaceholderText(m_supplier->count() == 0
                                                     ? tr("No suppliers yet: add one")
                                                     : tr("Choose the supplier"));
              });
}

void GoodsReceiptDialog::showReceipt(const GoodsReceipt &receipt)
{
    m_receipt = receipt;
    if (receipt.id == 0)
        m_title->setText(tr("New goods receipt"));
    else if (receipt.isReversal())
        m_title->setText(tr("Goods receipt No. %1, cancelling No. %2")
                             .arg(receipt.number)
                             .arg(receipt.reversesNumber));
    else
        m_title->setText(tr("Goods receipt No. %1").arg(receipt.number));
    const QString zone = m_session.shop.timeZone;
    switch (receipt.status) {
    case DocumentStatus::Draft:
        m_state->setText(receipt.id == 0 ? QString()
                                         : tr("Draft, started by %1").arg(receipt.createdBy));
        break;
    case DocumentStatus::Posted:
        m_state->setText(
            tr("Posted %1 by %2").arg(ShopTime::format(receipt.postedAt, zone), receipt.postedBy));
        break;
    case DocumentStatus::Cancelled:
        m_state->setText(receipt.reversedByNumber > 0
                             ? tr("Cancelled by receipt No. %1").arg(receipt.reversedByNumber)
                             : tr("Discarded draft"));
        break;
    }
    if (receipt.id > 0) {
        m_invoice->setText(receipt.header.invoiceNumber);
        if (receipt.header.invoiceDate.isValid())
            m_invoiceDate->setDate(receipt.header.invoiceDate);
        m_note->setText(receipt.header.note);
    }
    updateState();
}

ReceiptHeader GoodsReceiptDialog::header() const
{
    ReceiptHeader h;
    h.supplierId = m_supplier->currentIndex() >= 0 ? m_supplier->currentData().toLongLong() : 0;
    h.invoiceNumber = m_invoice->text().trimmed();
    h.invoiceDate = m_invoiceDate->date();
    h.note = m_note->text().trimmed();
    return h;
}

void GoodsReceiptDialog::enqueueScan()
{
    const QString typed = m_scan->text().trimmed();
    m_scan->clear();
    if (typed.isEmpty() || !isDraft())
        return;
    m_pending.append(typed);
    lookUpNext();
}

void GoodsReceiptDialog::lookUpNext()
{
    if (m_pending.isEmpty() || m_inFlight > 0)
        return;
    const QString typed = m_pending.takeFirst();
    QString error;
    const auto input = ScanInput::parse(typed, &error);
    if (!input) {
        refuse(error);
        lookUpNext();
        return;
    }
    setBusy(true);
    if (input->kind == ScanInput::Kind::Name) {
        whenReady(this, CatalogService(m_session.actor).findByName(input->text, 20),
                  [this, words = input->text](const Result<QList<Product>> &found) {
                      setBusy(false);
                      if (!found)
                          refuse(found.error());
                      else if (found->isEmpty())
                          refuse(tr("No product is called \"%1\".").arg(words));
                      else if (found->size() == 1)
                          addProduct(found->first().plu);
                      else
                          offerCandidates(found.value());
                      lookUpNext();
                  });
        return;
    }
    whenReady(this, CatalogService(m_session.actor).byCode(input->text),
              [this, code = input->text,
               quantity = input->quantity](const Result<std::optional<Product>> &found) {
                  setBusy(false);
                  if (!found) {
                      refuse(found.error());
                  } else if (!found->has_value()) {
                      refuse(tr("No product has the barcode or PLU %1.").arg(code));
                  } else {
                      // "3*code" of goods sold by weight means three kilograms.
                      addProduct((*found)->plu, quantity);
                      return; // addProduct goes on with the queue
                  }
                  lookUpNext();
              });
}

void GoodsReceiptDialog::addProduct(const QString &plu, int times)
{
    setBusy(true);
    whenReady(this, m_service.receiptLine(m_session.shop.id, header().supplierId, plu),
              [this, times](const Result<ReceiptLine> &made) {
                  setBusy(false);
                  if (!made) {
                      refuse(made.error());
                      lookUpNext();
                      return;
                  }
                  ReceiptLine line = made.value();
                  line.quantity = line.soldByWeight ? times * Quantity::kGramsPerKg : times;
                  const int row = m_lines->add(line);
                  m_table->selectRow(row);
                  m_table->scrollTo(m_lines->index(row, 0));
                  m_priceHint = line.price <= 0;
                  if (m_priceHint)
                      m_banner->showMessage(
                          tr("Line %1 (%2) has no purchase price yet: type it in the table.")
                              .arg(row + 1)
                              .arg(line.name),
                          MessageBanner::Type::Information);
                  m_dirty = true;
                  emit lineAdded(row);
                  lookUpNext();
              });
}

void GoodsReceiptDialog::offerCandidates(const QList<Product> &products)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"candidates"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (const Product &p : products) {
        QAction *choice = menu->addAction(tr("%1 — %2").arg(p.plu, p.name));
        choice->setEnabled(p.active);
        connect(choice, &QAction::triggered, this, [this, plu = p.plu] { addProduct(plu); });
    }
    menu->popup(m_scan->mapToGlobal(QPoint(0, m_scan->height())));
    emit candidatesShown(menu);
}

void GoodsReceiptDialog::removeSelected()
{
    if (!isDraft())
        return;
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : rows)
        m_lines->removeRows(row, 1);
}

void GoodsReceiptDialog::newSupplier()
{
    SupplierDialog dialog(m_session, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Supplier made = dialog.supplier();
    m_supplier->addItem(made.name, made.id);
    m_supplier->setCurrentIndex(m_supplier->count() - 1);
    m_dirty = true;
}

void GoodsReceiptDialog::saveThen(std::function<void()> next)
{
    const ReceiptHeader h = header();
    if (auto invalid = GoodsReceiptStore::validate(h)) {
        refuse(*invalid);
        return;
    }
    const auto saveLines = [this, h, next] {
        setBusy(true);
        whenReady(this,
                  m_service.saveReceipt(m_receipt.id, m_receipt.revision, h, m_lines->lines()),
                  [this, next](const Result<GoodsReceipt> &saved) {
                      setBusy(false);
                      if (!saved) {
                          refuse(saved.error());
                          return;
                      }
                      showReceipt(saved.value());
                      m_dirty = false;
                      next();
                  });
    };
    if (m_receipt.id > 0) {
        saveLines();
        return;
    }
    setBusy(true);
    whenReady(this, m_service.createReceipt(m_session.shop.id, h),
              [this, saveLines](const Result<GoodsReceipt> &made) {
                  setBusy(false);
                  if (!made) {
                      refuse(made.error());
                      return;
                  }
                  m_receipt = made.value();
                  saveLines();
              });
}

void GoodsReceiptDialog::save()
{
    if (!isDraft() || isBusy())
        return;
    saveThen([this] {
        m_banner->showMessage(tr("Draft No. %1 saved.").arg(m_receipt.number),
                              MessageBanner::Type::Positive);
        emit saved();
    });
}

void GoodsReceiptDialog::post()
{
    if (!isDraft() || isBusy())
        return;
    if (m_lines->rowCount() == 0) {
        refuse(StoreError::invalid(u"lines"_s, tr("Add the delivered goods before posting.")));
        return;
    }
    const int count = m_lines->rowCount();
    if (!Confirm::ask(this, tr("Post the receipt"),
                      tr("Add %n line(s) worth %1 to the stock of %2? A posted receipt cannot be "
                         "edited; it can only be cancelled by a reversing receipt.",
                         nullptr, count)
                          .arg(Money::format(m_lines->total()), m_session.shop.name)))
        return;
    saveThen([this] {
        setBusy(true);
        whenReady(this,
                  m_service.saveAndPostReceipt(m_receipt.id, m_receipt.revision, header(),
                                               m_lines->lines()),
                  [this](const Result<GoodsReceipt> &done) {
                      setBusy(false);
                      if (!done) {
                          refuse(done.error());
                          // Someone else may have posted it: show it as it is.
                          if (done.error().code == StoreError::Code::Conflict)
                              load();
                          return;
                      }
                      showReceipt(done.value());
                      m_lines->setLines(done->lines);
                      m_dirty = false;
                      m_banner->showMessage(
                          tr("Receipt No. %1 posted: %Ln line(s) added to the stock.", nullptr,
                             done->lineCount)
                              .arg(done->number),
                          MessageBanner::Type::Positive);
                      emit posted();
                  });
    });
}

void GoodsReceiptDialog::cancelReceipt()
{
    if (m_receipt.id == 0 || isBusy() || m_receipt.status == DocumentStatus::Cancelled ||
        m_receipt.isReversal())
        return;
    const bool posted = m_receipt.status == DocumentStatus::Posted;
    const QString question = posted
        ? tr("Cancel receipt No. %1? A reversing receipt takes its goods back off the "
             "shelf; it is refused if some have been sold since.")
              .arg(m_receipt.number)
        : tr("Discard draft No. %1? Nothing has reached the stock; it stays in the "
             "list as discarded.")
              .arg(m_receipt.number);
    if (!Confirm::ask(this, posted ? tr("Cancel the receipt") : tr("Discard the draft"), question))
        return;
    setBusy(true);
    whenReady(this, m_service.cancelReceipt(m_receipt.id),
              [this](const Result<GoodsReceipt> &done) {
                  setBusy(false);
                  if (!done) {
                      refuse(done.error());
                      return;
                  }
                  showReceipt(done.value());
                  m_dirty = false;
                  m_banner->showMessage(done->reversedByNumber > 0
                                            ? tr("Receipt No. %1 cancelled by receipt No. %2.")
                                                  .arg(done->number)
                                                  .arg(done->reversedByNumber)
                                            : tr("Draft No. %1 discarded.").arg(done->number),
                                        MessageBanner::Type::Positive);
              });
}

void GoodsReceiptDialog::saveAsPdf()
{
    if (m_receipt.id == 0 || isBusy())
        return;
    const auto write = [this] {
        QString path = m_pdfPathForTests;
        if (path.isEmpty())
            path = QFileDialog::getSaveFileName(
                this, tr("Save the receipt as PDF"),
                QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                    .filePath(tr("receipt-%1.pdf").arg(m_receipt.number)),
                tr("PDF files (*.pdf)"));
        if (path.isEmpty())
            return;
        GoodsReceipt shown = m_receipt;
        shown.lines = m_lines->lines();
        shown.total = m_lines->total();
        QString error;
        if (!writeGoodsReceiptPdf(shown, m_session.shop, path, &error)) {
            refuse(error);
            return;
        }
        m_banner->showMessage(tr("Saved to %1.").arg(QDir::toNativeSeparators(path)),
                              MessageBanner::Type::Positive);
        emit pdfWritten(path);
    };
    // A draft is saved first, so the paper says what the database says.
    if (isDraft() && m_dirty)
        saveThen(write);
    else
        write();
}

void GoodsReceiptDialog::importLines()
{
    if (!isDraft() || isBusy())
        return;
    QString path = m_importPathForTests;
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(this, tr("Import the delivery note"), QString(),
                                            tr("Delivery notes (*.csv *.xlsx *.txt)"));
    if (path.isEmpty())
        return;
    setBusy(true);
    whenReady(this, m_service.receiptLinesFromFile(m_session.shop.id, header().supplierId, path),
              [this](const Result<ReceiptImport> &read) {
                  setBusy(false);
                  if (!read) {
                      refuse(read.error());
                      return;
                  }
                  int lastRow = -1;
                  for (const ReceiptLine &line : read->lines)
                      lastRow = m_lines->add(line);
                  if (lastRow >= 0) {
                      m_table->selectRow(lastRow);
                      m_dirty = true;
                  }
                  const int added = int(read->lines.size());
                  const int refused = int(read->refused.size());
                  if (refused > 0) {
                      // Every reason, so the file can be put right.
                      refuse(tr("%Ln line(s) added; %1", nullptr, added)
                                 .arg(tr("%Ln row(s) left out:", nullptr, refused)) +
                             u"\n"_s + read->refused.join(u"\n"_s));
                  } else {
                      m_banner->showMessage(tr("%Ln line(s) added from the file.", nullptr, added),
                                            MessageBanner::Type::Positive);
                  }
                  emit linesImported(added, refused);
              });
}

void GoodsReceiptDialog::queueLabels()
{
    if (m_receipt.status != DocumentStatus::Posted || isBusy())
        return;
    QList<qint64> products;
    for (const ReceiptLine &l : m_lines->lines())
        products << l.productId;
    setBusy(true);
    whenReady(
        this, LabelsService(m_session.actor).request(products), [this](const Result<int> &queued) {
            setBusy(false);
            if (!queued) {
                refuse(queued.error());
                return;
            }
            m_banner->showMessage(tr("%Ln shelf label(s) queued: print them from the label queue.",
                                     nullptr, queued.value()),
                                  MessageBanner::Type::Positive);
            emit labelsQueued(queued.value());
        });
}

void GoodsReceiptDialog::reject()
{
    // Closing keeps the work: a changed draft is saved first (a new one
    // only once something was added to it).
    const bool worthSaving = isDraft() && m_dirty && (m_receipt.id > 0 || m_lines->rowCount() > 0);
    if (!worthSaving) {
        QDialog::reject();
        return;
    }
    if (isBusy())
        return;
    // A refused save leaves the dialog open with the reason.
    saveThen([this] { QDialog::reject(); });
}

void GoodsReceiptDialog::setBusy(bool busy)
{
    m_inFlight = qMax(0, m_inFlight + (busy ? 1 : -1));
    updateState();
}

void GoodsReceiptDialog::updateState()
{
    const bool draft = isDraft();
    for (QWidget *w : std::initializer_list<QWidget *> {m_supplier, m_newSupplier, m_invoice,
                                                        m_invoiceDate, m_note})
        w->setEnabled(draft);
    const bool idle = m_inFlight == 0;
    m_scanRow->setVisible(draft);
    m_import->setEnabled(idle);
    m_lines->setEditable(draft);
    m_remove->setVisible(draft);
    m_save->setVisible(draft);
    m_post->setVisible(draft);
    m_save->setEnabled(idle);
    m_post->setEnabled(idle);
    const bool cancellable = m_receipt.id > 0 && !m_receipt.isReversal() &&
        m_receipt.status != DocumentStatus::Cancelled;
    m_cancelReceipt->setVisible(cancellable);
    m_cancelReceipt->setEnabled(idle);
    m_cancelReceipt->setText(draft ? tr("Discard dra&ft…") : tr("&Cancel the receipt…"));
    m_pdf->setVisible(m_receipt.id > 0);
    m_pdf->setEnabled(idle);
    m_labels->setVisible(m_receipt.status == DocumentStatus::Posted && !m_receipt.isReversal());
    m_labels->setEnabled(idle);
}

void GoodsReceiptDialog::updateSummary()
{
    const int count = m_lines->rowCount();
    m_summary->setText(
        tr("%Ln line(s), total %1", nullptr, count).arg(Money::format(m_lines->total())));
}

void GoodsReceiptDialog::refuse(const StoreError &error)
{
    refuse(error.message);
    if (error.field == u"supplier_id"_s)
        m_supplier->setFocus();
    else if (error.field == u"invoice_number"_s)
        m_invoice->setFocus();
    else if (error.field == u"invoice_date"_s)
        m_invoiceDate->setFocus();
    else if (error.field == u"note"_s)
        m_note->setFocus();
}

void GoodsReceiptDialog::refuse(const QString &message)
{
    m_priceHint = false;
    m_banner->showMessage(message);
    emit failed(message);
}

} // namespace shopdesk
