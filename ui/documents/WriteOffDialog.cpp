#include "WriteOffDialog.h"

#include "models/catalog/CatalogService.h"
#include "models/checkout/ScanInput.h"
#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/documents/WriteOffLinesModel.h"
#include "models/shops/ShopTime.h"
#include "ui/common/Confirm.h"
#include "ui/common/Icons.h"
#include "ui/common/ManagerApprovalDialog.h"
#include "ui/common/MessageBanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

WriteOffDialog::WriteOffDialog(const Session &session, qint64 writeOffId, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_service(session.actor),
      m_banner(new MessageBanner(this)),
      m_title(new QLabel(this)),
      m_state(new QLabel(this)),
      m_reason(new QComboBox(this)),
      m_note(new QLineEdit(this)),
      m_scan(new QLineEdit(this)),
      m_scanRow(new QWidget(this)),
      m_table(new QTableView(this)),
      m_lines(new WriteOffLinesModel(this)),
      m_summary(new QLabel(this)),
      m_remove(new QPushButton(tr("&Remove lines"), this)),
      m_save(new QPushButton(tr("&Save draft"), this)),
      m_post(new QPushButton(tr("&Post…"), this)),
      m_discard(new QPushButton(tr("&Discard draft…"), this))
{
    setObjectName(u"writeOffDialog"_s);
    setWindowTitle(tr("Write-off"));
    m_writeOff.id = writeOffId;
    m_writeOff.shopId = session.shop.id;
    m_title->setObjectName(u"title"_s);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_title->setFont(big);
    m_state->setObjectName(u"state"_s);

    // The header.
    m_reason->setObjectName(u"reason"_s);
    m_reason->setMinimumContentsLength(20);
    m_note->setObjectName(u"note"_s);
    m_note->setMaxLength(WriteOffStore::kMaxNote);
    m_note->setPlaceholderText(tr("where, what happened"));
    auto *headerForm = new QFormLayout;
    auto *reasonLabel = new QLabel(tr("Rea&son:"), this);
    reasonLabel->setBuddy(m_reason);
    headerForm->addRow(reasonLabel, m_reason);
    auto *noteLabel = new QLabel(tr("N&ote:"), this);
    noteLabel->setBuddy(m_note);
    headerForm->addRow(noteLabel, m_note);
    connect(m_note, &QLineEdit::textEdited, this, [this] { m_dirty = true; });
    connect(m_reason, &QComboBox::activated, this, [this] { m_dirty = true; });

    // The scan field: Enter looks the code or the words up.
    m_scan->setObjectName(u"scan"_s);
    m_scan->setPlaceholderText(tr("Scan a barcode, or type a PLU or a name; 3*code for three"));
    connect(m_scan, &QLineEdit::returnPressed, this, &WriteOffDialog::enqueueScan);
    auto *scanLayout = new QHBoxLayout(m_scanRow);
    scanLayout->setContentsMargins(0, 0, 0, 0);
    auto *scanLabel = new QLabel(tr("&Add goods:"), this);
    scanLabel->setBuddy(m_scan);
    scanLayout->addWidget(scanLabel);
    scanLayout->addWidget(m_scan, 1);

    // The lines.
    m_table->setObjectName(u"lines"_s);
    m_table->setModel(m_lines);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(WriteOffLinesModel::Name,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    connect(m_lines, &WriteOffLinesModel::refused, this,
            qOverload<const QString &>(&WriteOffDialog::refuse));
    connect(m_lines, &WriteOffLinesModel::totalChanged, this, &WriteOffDialog::updateSummary);
    connect(m_lines, &QAbstractItemModel::dataChanged, this, [this] { m_dirty = true; });
    connect(m_lines, &QAbstractItemModel::rowsRemoved, this, [this] { m_dirty = true; });
    auto *removeKey = new QShortcut(QKeySequence::Delete, m_table);
    removeKey->setContext(Qt::WidgetShortcut);
    connect(removeKey, &QShortcut::activated, this, &WriteOffDialog::removeSelected);
    m_summary->setObjectName(u"summary"_s);

    // The buttons: Enter belongs to the scan field and the table's cells.
    m_remove->setObjectName(u"remove"_s);
    m_remove->setIcon(Icons::icon(Icon::Delete));
    m_save->setIcon(Icons::icon(Icon::Save));
    m_post->setIcon(Icons::icon(Icon::Confirm));
    m_discard->setIcon(Icons::icon(Icon::Cancel));
    m_save->setObjectName(u"save"_s);
    m_post->setObjectName(u"post"_s);
    m_discard->setObjectName(u"discard"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    buttons->addButton(m_discard, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    buttons->addButton(m_post, QDialogButtonBox::ActionRole);
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    const QKeySequence saveKey(QKeySequence::Save);
    const QKeySequence postKey(Qt::CTRL | Qt::Key_Return);
    m_save->setToolTip(saveKey.toString(QKeySequence::NativeText));
    m_post->setToolTip(postKey.toString(QKeySequence::NativeText));
    connect(new QShortcut(saveKey, this), &QShortcut::activated, this, &WriteOffDialog::save);
    connect(new QShortcut(postKey, this), &QShortcut::activated, this, &WriteOffDialog::post);
    connect(m_remove, &QPushButton::clicked, this, &WriteOffDialog::removeSelected);
    connect(m_save, &QPushButton::clicked, this, &WriteOffDialog::save);
    connect(m_post, &QPushButton::clicked, this, &WriteOffDialog::post);
    connect(m_discard, &QPushButton::clicked, this, &WriteOffDialog::discard);
    connect(buttons, &QDialogButtonBox::rejected, this, &WriteOffDialog::reject);

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
    resize(960, 600);

    whenReady(this, m_service.writeOffThreshold(), [this](const Result<qint64> &threshold) {
        if (threshold) {
            m_threshold = threshold.value();
            updateSummary();
        }
    });
    updateSummary();
    if (writeOffId > 0) {
        load();
    } else {
        showWriteOff(m_writeOff);
        loadReasons(QString());
    }
    m_scan->setFocus();
}

void WriteOffDialog::load()
{
    setBusy(true);
    whenReady(this, m_service.writeOff(m_writeOff.id), [this](const Result<WriteOff> &read) {
        setBusy(false);
        if (!read) {
            refuse(read.error());
            return;
        }
        showWriteOff(read.value());
        m_lines->setLines(read->lines);
        m_dirty = false;
        loadReasons(read->header.reasonCode);
        emit shown();
    });
}

void WriteOffDialog::loadReasons(const QString &select)
{
    setBusy(true);
    whenReady(this, m_service.writeOffReasons(),
              [this, select](const Result<QList<WriteOffReason>> &reasons) {
                  setBusy(false);
                  if (!reasons) {
                      refuse(reasons.error());
                      return;
                  }
                  m_reason->clear();
                  for (const WriteOffReason &r : reasons.value())
                      m_reason->addItem(r.text(), r.code);
                  // A reason switched off since stays on the write-offs made with it.
                  if (!select.isEmpty() && m_reason->findData(select) < 0)
                      m_reason->addItem(m_writeOff.reasonText(), select);
                  m_reason->setCurrentIndex(select.isEmpty() ? 0 : m_reason->findData(select));
              });
}

void WriteOffDialog::showWriteOff(const WriteOff &writeOff)
{
    m_writeOff = writeOff;
    m_title->setText(writeOff.id == 0 ? tr("New write-off")
                                      : tr("Write-off No. %1").arg(writeOff.number));
    const QString zone = m_session.shop.timeZone;
    switch (writeOff.status) {
    case DocumentStatus::Draft:
        m_state->setText(writeOff.id == 0 ? QString()
                                          : tr("Draft, started by %1").arg(writeOff.createdBy));
        break;
    case DocumentStatus::Posted:
        m_state->setText(
            writeOff.approvedBy.isEmpty()
                ? tr("Posted %1 by %2")
                      .arg(ShopTime::format(writeOff.postedAt, zone), writeOff.postedBy)
                : tr("Posted %1 by %2, approved by %3")
                      .arg(ShopTime::format(writeOff.postedAt, zone), writeOff.postedBy,
                           writeOff.approvedBy));
        break;
    case DocumentStatus::Cancelled:
        m_state->setText(tr("Discarded draft"));
        break;
    }
    if (writeOff.id > 0)
        m_note->setText(writeOff.header.note);
    updateState();
}

WriteOffHeader WriteOffDialog::header() const
{
    WriteOffHeader h;
    h.reasonCode = m_reason->currentIndex() >= 0 ? m_reason->currentData().toString() : QString();
    h.note = m_note->text().trimmed();
    return h;
}

void WriteOffDialog::enqueueScan()
{
    const QString typed = m_scan->text().trimmed();
    m_scan->clear();
    if (typed.isEmpty() || !isDraft())
        return;
    m_pending.append(typed);
    lookUpNext();
}

void WriteOffDialog::lookUpNext()
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

void WriteOffDialog::addProduct(const QString &plu, int times)
{
    setBusy(true);
    whenReady(this, m_service.writeOffLine(m_session.shop.id, plu),
              [this, times](const Result<WriteOffLine> &made) {
                  setBusy(false);
                  if (!made) {
                      refuse(made.error());
                      lookUpNext();
                      return;
                  }
                  WriteOffLine line = made.value();
                  line.quantity = line.soldByWeight ? times * Quantity::kGramsPerKg : times;
                  const int row = m_lines->add(line);
                  m_table->selectRow(row);
                  m_table->scrollTo(m_lines->index(row, 0));
                  m_dirty = true;
                  emit lineAdded(row);
                  lookUpNext();
              });
}

void WriteOffDialog::offerCandidates(const QList<Product> &products)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"candidates"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (const Product &p : products) {
        QAction *choice = menu->addAction(tr("%1 — %2").arg(p.plu, p.name));
        connect(choice, &QAction::triggered, this, [this, plu = p.plu] { addProduct(plu); });
    }
    menu->popup(m_scan->mapToGlobal(QPoint(0, m_scan->height())));
    emit candidatesShown(menu);
}

void WriteOffDialog::removeSelected()
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

void WriteOffDialog::saveThen(std::function<void()> next)
{
    const WriteOffHeader h = header();
    if (auto invalid = WriteOffStore::validate(h)) {
        refuse(*invalid);
        return;
    }
    const auto saveLines = [this, h, next] {
        setBusy(true);
        whenReady(this,
                  m_service.saveWriteOff(m_writeOff.id, m_writeOff.revision, h, m_lines->lines()),
                  [this, next](const Result<WriteOff> &saved) {
                      setBusy(false);
                      if (!saved) {
                          refuse(saved.error());
                          return;
                      }
                      showWriteOff(saved.value());
                      m_lines->setLines(saved->lines);
                      m_dirty = false;
                      next();
                  });
    };
    if (m_writeOff.id > 0) {
        saveLines();
        return;
    }
    setBusy(true);
    whenReady(this, m_service.createWriteOff(m_session.shop.id, h),
              [this, saveLines](const Result<WriteOff> &made) {
                  setBusy(false);
                  if (!made) {
                      refuse(made.error());
                      return;
                  }
                  m_writeOff = made.value();
                  saveLines();
              });
}

void WriteOffDialog::save()
{
    if (!isDraft() || isBusy())
        return;
    saveThen([this] {
        m_banner->showMessage(tr("Draft No. %1 saved.").arg(m_writeOff.number),
                              MessageBanner::Type::Positive);
        emit saved();
    });
}

void WriteOffDialog::post()
{
    if (!isDraft() || isBusy())
        return;
    if (m_lines->rowCount() == 0) {
        refuse(StoreError::invalid(u"lines"_s, tr("Add the goods to write off before posting.")));
        return;
    }
    const int count = m_lines->rowCount();
    if (!Confirm::ask(this, tr("Post the write-off"),
                      tr("Take %Ln line(s) worth %1 off the shelf of %2 as \"%3\"? A posted "
                         "write-off cannot be edited.",
                         nullptr, count)
                          .arg(Money::format(m_lines->total()), m_session.shop.name,
                               m_reason->currentText())))
        return;
    // Above the threshold a manager approves first (a manager posting
    // approves his own); the store checks it again.
    std::optional<DocumentsService::ManagerSignIn> manager;
    if (m_threshold && m_lines->total() > *m_threshold &&
        !hasPermission(m_session.actor.role, Permission::ManageOrders)) {
        ManagerApprovalDialog approval(
            tr("Write-off worth %1, more than %2: a manager approves it with their login and "
               "password or PIN.")
                .arg(Money::format(m_lines->total()), Money::format(*m_threshold)),
            m_session.shop.id, this);
        if (approval.exec() != QDialog::Accepted)
            return;
        manager = approval.signIn();
    }
    saveThen([this, manager] { postWith(manager); });
}

void WriteOffDialog::postWith(const std::optional<DocumentsService::ManagerSignIn> &manager)
{
    setBusy(true);
    whenReady(this,
              m_service.saveAndPostWriteOff(m_writeOff.id, m_writeOff.revision, header(),
                                            m_lines->lines(), manager),
              [this](const Result<WriteOff> &done) {
                  setBusy(false);
                  if (!done) {
                      const StoreError &e = done.error();
                      refuse(e);
                      // It was saved before the refusal, or someone else posted it,
                      // or the costs moved it over the threshold: show it as it is.
                      if (e.code == StoreError::Code::Conflict || e.field == u"approval"_s)
                          load();
                      return;
                  }
                  showWriteOff(done.value());
                  m_lines->setLines(done->lines);
                  m_dirty = false;
                  m_banner->showMessage(
                      tr("Write-off No. %1 posted: %Ln line(s) taken off the shelf.", nullptr,
                         done->lineCount)
                          .arg(done->number),
                      MessageBanner::Type::Positive);
                  emit posted();
              });
}

void WriteOffDialog::discard()
{
    if (m_writeOff.id == 0 || isBusy() || !isDraft())
        return;
    if (!Confirm::ask(this, tr("Discard the draft"),
                      tr("Discard draft No. %1? Nothing has left the shelf; it stays in the "
                         "list as discarded.")
                          .arg(m_writeOff.number)))
        return;
    setBusy(true);
    whenReady(this, m_service.discardWriteOff(m_writeOff.id), [this](const Result<WriteOff> &done) {
        setBusy(false);
        if (!done) {
            refuse(done.error());
            return;
        }
        showWriteOff(done.value());
        m_dirty = false;
        m_banner->showMessage(tr("Draft No. %1 discarded.").arg(done->number),
                              MessageBanner::Type::Positive);
    });
}

void WriteOffDialog::reject()
{
    // Closing keeps the work: a changed draft is saved first (a new one
    // only once something was added to it).
    const bool worthSaving = isDraft() && m_dirty && (m_writeOff.id > 0 || m_lines->rowCount() > 0);
    if (!worthSaving) {
        QDialog::reject();
        return;
    }
    if (isBusy())
        return;
    saveThen([this] { QDialog::reject(); });
}

void WriteOffDialog::setBusy(bool busy)
{
    m_inFlight = qMax(0, m_inFlight + (busy ? 1 : -1));
    updateState();
}

void WriteOffDialog::updateState()
{
    const bool draft = isDraft();
    m_reason->setEnabled(draft);
    m_note->setEnabled(draft);
    m_scanRow->setVisible(draft);
    m_lines->setEditable(draft);
    m_remove->setVisible(draft);
    m_save->setVisible(draft);
    m_post->setVisible(draft);
    m_discard->setVisible(draft && m_writeOff.id > 0);
    const bool idle = m_inFlight == 0;
    m_save->setEnabled(idle);
    m_post->setEnabled(idle);
    m_discard->setEnabled(idle);
}

void WriteOffDialog::updateSummary()
{
    const int count = m_lines->rowCount();
    const qint64 total = m_lines->total();
    QString text = tr("%Ln line(s), worth %1", nullptr, count).arg(Money::format(total));
    if (isDraft() && m_threshold && total > *m_threshold)
        text += tr(" — more than %1: a manager approves it").arg(Money::format(*m_threshold));
    m_summary->setText(text);
}

void WriteOffDialog::refuse(const StoreError &error)
{
    refuse(error.message);
    if (error.field == u"reason_code"_s)
        m_reason->setFocus();
    else if (error.field == u"note"_s)
        m_note->setFocus();
}

void WriteOffDialog::refuse(const QString &message)
{
    m_banner->showMessage(message);
    emit failed(message);
}

} // namespace shopdesk
