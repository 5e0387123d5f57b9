#include "GoodsReceiptsDialog.h"

#include "GoodsReceiptDialog.h"
#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/TaskRunner.h"
#include "models/documents/DocumentsService.h"
#include "models/shops/ShopTime.h"
#include "ui/common/Icons.h"
#include "ui/common/MessageBanner.h"
#include "ui/imports/PriceListImportDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

enum Column { Number, Status, Supplier, Invoice, Lines, Total, Created, Posted, ColumnCount };

} // namespace

GoodsReceiptsDialog::GoodsReceiptsDialog(const Session &session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_tree(new QTreeWidget(this)),
      m_summary(new QLabel(this))
{
    setObjectName(u"goodsReceiptsDialog"_s);
    setWindowTitle(tr("Goods receipts — %1").arg(session.shop.name));
    m_tree->setObjectName(u"receipts"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("No."), tr("Status"), tr("Supplier"), tr("Invoice"), tr("Lines"),
                             tr("Total"), tr("Created"), tr("Posted")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(Supplier, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_summary->setObjectName(u"summary"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *create = buttons->addButton(tr("&New…"), QDialogButtonBox::ActionRole);
    create->setObjectName(u"newReceipt"_s);
    create->setIcon(Icons::icon(Icon::New));
    // A shortcut of its own: the button's would be its mnemonic (Alt+N).
    auto *newKey = new QShortcut(QKeySequence::New, this);
    connect(newKey, &QShortcut::activated, this, &GoodsReceiptsDialog::newReceipt);
    create->setToolTip(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText));
    m_open = buttons->addButton(tr("&Open…"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(u"openReceipt"_s);
    m_open->setEnabled(false);
    // A supplier's price list changes the catalog: for those who may.
    auto *importList = buttons->addButton(tr("&Import price list…"), QDialogButtonBox::ActionRole);
    importList->setObjectName(u"importPriceList"_s);
    importList->setVisible(hasPermission(session.actor.role, Permission::ManageProducts));
    connect(importList, &QPushButton::clicked, this, [this] {
        auto *dialog = new PriceListImportDialog(m_session, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    connect(create, &QPushButton::clicked, this, &GoodsReceiptsDialog::newReceipt);
    connect(m_open, &QPushButton::clicked, this, &GoodsReceiptsDialog::openSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemActivated, this, &GoodsReceiptsDialog::openSelected);
    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { m_open->setEnabled(current != nullptr); });

    auto *column = new QVBoxLayout(this);
    column->addWidget(m_banner);
    column->addWidget(m_tree, 1);
    column->addWidget(m_summary);
    column->addWidget(buttons);
    resize(1100, 460);
    load();
}

void GoodsReceiptsDialog::load()
{
    const int request = ++m_request;
    m_summary->setText(tr("Loading…"));
    whenReady(
        this, DocumentsService(m_session.actor).receipts(m_session.shop.id),
        [this, request](const Result<QList<GoodsReceipt>> &receipts) {
            if (request != m_request)
                return;
            if (!receipts) {
                m_summary->clear();
                m_banner->showMessage(receipts.error().message);
                return;
            }
            const qint64 selected = m_tree->currentItem()
                ? m_tree->currentItem()->data(Number, Qt::UserRole).toLongLong()
                : 0;
            m_tree->clear();
            const QString zone = m_session.shop.timeZone;
            int drafts = 0;
            for (const GoodsReceipt &r : receipts.value()) {
                auto *item = new QTreeWidgetItem(m_tree);
                item->setData(Number, Qt::UserRole, r.id);
                item->setText(Number, QString::number(r.number));
                item->setTextAlignment(Number, Qt::AlignRight | Qt::AlignVCenter);
                QString status = documentStatusText(r.status);
                if (r.isReversal())
                    status = tr("cancels No. %1").arg(r.reversesNumber);
                else if (r.reversedByNumber > 0)
                    status = tr("cancelled by No. %1").arg(r.reversedByNumber);
                item->setText(Status, status);
                item->setText(Supplier, r.supplierName);
                item->setText(
                    Invoice,
                    r.header.invoiceDate.isValid()
                        ? tr("%1 of %2")
                              .arg(r.header.invoiceNumber,
                                   QLocale().toString(r.header.invoiceDate, QLocale::ShortFormat))
                        : r.header.invoiceNumber);
                item->setText(Lines, QLocale().toString(r.lineCount));
                item->setTextAlignment(Lines, Qt::AlignRight | Qt::AlignVCenter);
                item->setText(Total, Money::format(r.total));
                item->setTextAlignment(Total, Qt::AlignRight | Qt::AlignVCenter);
                item->setText(Created,
                              tr("%1, %2").arg(ShopTime::format(r.createdAt, zone), r.createdBy));
                item->setText(Posted,
                              r.status == DocumentStatus::Posted
                                  ? tr("%1, %2").arg(ShopTime::format(r.postedAt, zone), r.postedBy)
                                  : QString());
                if (r.status == DocumentStatus::Draft)
                    ++drafts;
                if (r.id == selected)
                    m_tree->setCurrentItem(item);
            }
            for (int c : {Number, Status, Invoice, Lines, Total, Created, Posted})
                m_tree->resizeColumnToContents(c);
            if (!m_tree->currentItem() && m_tree->topLevelItemCount() > 0)
                m_tree->setCurrentItem(m_tree->topLevelItem(0));
            m_summary->setText(
                tr("%Ln receipt(s)", nullptr, int(receipts->size())) +
                (drafts > 0 ? tr(", %Ln draft(s) to finish", nullptr, drafts) : QString()));
            emit loaded(int(receipts->size()));
        });
}

void GoodsReceiptsDialog::newReceipt()
{
    open(0);
}

void GoodsReceiptsDialog::openSelected()
{
    if (QTreeWidgetItem *item = m_tree->currentItem())
        open(item->data(Number, Qt::UserRole).toLongLong());
}

void GoodsReceiptsDialog::open(qint64 id)
{
    auto *dialog = new GoodsReceiptDialog(m_session, id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, &GoodsReceiptsDialog::load);
    dialog->open();
    emit receiptOpened(dialog);
}

} // namespace shopdesk
