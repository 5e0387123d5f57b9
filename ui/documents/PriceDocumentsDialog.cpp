#include "PriceDocumentsDialog.h"

#include "PriceDocumentDialog.h"
#include "models/core/TaskRunner.h"
#include "models/shops/ShopTime.h"
#include "ui/common/MessageBanner.h"

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

enum Column { Number, Status, Starts, Products, Reason, Created, Posted, ColumnCount };

} // namespace

PriceDocumentsDialog::PriceDocumentsDialog(const Session &session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_tree(new QTreeWidget(this)),
      m_summary(new QLabel(this))
{
    setObjectName(u"priceDocumentsDialog"_s);
    setWindowTitle(tr("Price changes"));
    m_tree->setObjectName(u"priceDocuments"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("No."), tr("Status"), tr("Prices start"), tr("Products"),
                             tr("Reason"), tr("Created"), tr("Posted")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(Reason, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_summary->setObjectName(u"summary"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *create = buttons->addButton(tr("&New…"), QDialogButtonBox::ActionRole);
    create->setObjectName(u"newDocument"_s);
    // A shortcut of its own: the button's would be its mnemonic (Alt+N).
    auto *newKey = new QShortcut(QKeySequence::New, this);
    connect(newKey, &QShortcut::activated, this, &PriceDocumentsDialog::newDocument);
    create->setToolTip(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText));
    m_open = buttons->addButton(tr("&Open…"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(u"openDocument"_s);
    m_open->setEnabled(false);
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    connect(create, &QPushButton::clicked, this, &PriceDocumentsDialog::newDocument);
    connect(m_open, &QPushButton::clicked, this, &PriceDocumentsDialog::openSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemActivated, this, &PriceDocumentsDialog::openSelected);
    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { m_open->setEnabled(current != nullptr); });

    auto *column = new QVBoxLayout(this);
    column->addWidget(m_banner);
    column->addWidget(m_tree, 1);
    column->addWidget(m_summary);
    column->addWidget(buttons);
    resize(1000, 420);
    load();
}

void PriceDocumentsDialog::load()
{
    const int request = ++m_request;
    m_summary->setText(tr("Loading…"));
    whenReady(
        this, DocumentsService(m_session.actor).priceDocuments(),
        [this, request](const Result<QList<PriceDocument>> &documents) {
            if (request != m_request)
                return;
            if (!documents) {
                m_summary->clear();
                m_banner->showMessage(documents.error().message);
                return;
            }
            const qint64 selected = m_tree->currentItem()
                ? m_tree->currentItem()->data(Number, Qt::UserRole).toLongLong()
                : 0;
            m_tree->clear();
            const QString zone = m_session.shop.timeZone;
            for (const PriceDocument &d : documents.value()) {
                auto *item = new QTreeWidgetItem(m_tree);
                item->setData(Number, Qt::UserRole, d.id);
                item->setText(Number, QString::number(d.id));
                item->setText(Status, documentStatusText(d.status));
                item->setText(Starts,
                              d.validFrom.isValid() ? ShopTime::format(d.validFrom, zone)
                                                    : tr("when posted"));
                item->setText(Products,
                              d.status == DocumentStatus::Posted
                                  ? tr("%1 (%2 changed)").arg(d.lineCount).arg(d.changed)
                                  : QString::number(d.lineCount));
                item->setTextAlignment(Products, Qt::AlignRight | Qt::AlignVCenter);
                item->setText(Reason, d.reason);
                item->setText(Created,
                              tr("%1, %2").arg(ShopTime::format(d.createdAt, zone), d.createdBy));
                item->setText(Posted,
                              d.postedAt.isValid()
                                  ? tr("%1, %2").arg(ShopTime::format(d.postedAt, zone), d.postedBy)
                                  : QString());
                if (d.id == selected)
                    m_tree->setCurrentItem(item);
            }
            for (int c : {Number, Status, Starts, Products, Created, Posted})
                m_tree->resizeColumnToContents(c);
            if (!m_tree->currentItem() && m_tree->topLevelItemCount() > 0)
                m_tree->setCurrentItem(m_tree->topLevelItem(0));
            m_summary->setText(tr("%Ln document(s)", nullptr, int(documents->size())));
            emit loaded(int(documents->size()));
        });
}

void PriceDocumentsDialog::newDocument()
{
    open(0);
}

void PriceDocumentsDialog::openSelected()
{
    if (QTreeWidgetItem *item = m_tree->currentItem())
        open(item->data(Number, Qt::UserRole).toLongLong());
}

void PriceDocumentsDialog::open(qint64 id)
{
    auto *dialog = new PriceDocumentDialog(m_session, id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, &PriceDocumentsDialog::load);
    dialog->open();
    emit documentOpened(dialog);
}

} // namespace shopdesk
