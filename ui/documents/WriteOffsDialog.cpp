#include "WriteOffsDialog.h"

#include "WriteOffDialog.h"
#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "models/documents/DocumentsService.h"
#include "models/shops/ShopTime.h"
#include "ui/common/Icons.h"
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

enum Column { Number, Status, Reason, Note, Lines, Total, Created, Posted, Approved, ColumnCount };

} // namespace

WriteOffsDialog::WriteOffsDialog(const Session &session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_tree(new QTreeWidget(this)),
      m_summary(new QLabel(this))
{
    setObjectName(u"writeOffsDialog"_s);
    setWindowTitle(tr("Write-offs — %1").arg(session.shop.name));
    m_tree->setObjectName(u"writeOffs"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("No."), tr("Status"), tr("Reason"), tr("Note"), tr("Lines"),
                             tr("Value"), tr("Created"), tr("Posted"), tr("Approved by")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(Note, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_summary->setObjectName(u"summary"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *create = buttons->addButton(tr("&New…"), QDialogButtonBox::ActionRole);
    create->setObjectName(u"newWriteOff"_s);
    create->setIcon(Icons::icon(Icon::New));
    // A shortcut of its own: the button's would be its mnemonic (Alt+N).
    auto *newKey = new QShortcut(QKeySequence::New, this);
    connect(newKey, &QShortcut::activated, this, &WriteOffsDialog::newWriteOff);
    create->setToolTip(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText));
    m_open = buttons->addButton(tr("&Open…"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(u"openWriteOff"_s);
    m_open->setEnabled(false);
    for (QAbstractButton *b : buttons->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    connect(create, &QPushButton::clicked, this, &WriteOffsDialog::newWriteOff);
    connect(m_open, &QPushButton::clicked, this, &WriteOffsDialog::openSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemActivated, this, &WriteOffsDialog::openSelected);
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

void WriteOffsDialog::load()
{
    const int request = ++m_request;
    m_summary->setText(tr("Loading…"));
    whenReady(
        this, DocumentsService(m_session.actor).writeOffs(m_session.shop.id),
        [this, request](const Result<QList<WriteOff>> &writeOffs) {
            if (request != m_request)
                return;
            if (!writeOffs) {
                m_summary->clear();
                m_banner->showMessage(writeOffs.error().message);
                return;
            }
            const qint64 selected = m_tree->currentItem()
                ? m_tree->currentItem()->data(Number, Qt::UserRole).toLongLong()
                : 0;
            m_tree->clear();
            const QString zone = m_session.shop.timeZone;
            int drafts = 0;
            for (const WriteOff &w : writeOffs.value()) {
                auto *item = new QTreeWidgetItem(m_tree);
                item->setData(Number, Qt::UserRole, w.id);
                item->setText(Number, QString::number(w.number));
                item->setTextAlignment(Number, Qt::AlignRight | Qt::AlignVCenter);
                item->setText(Status,
                              w.status == DocumentStatus::Cancelled ? tr("discarded")
                                                                    : documentStatusText(w.status));
                item->setText(Reason, w.reasonText());
                item->setText(Note, w.header.note);
                item->setText(Lines, QLocale().toString(w.lineCount));
                item->setTextAlignment(Lines, Qt::AlignRight | Qt::AlignVCenter);
                item->setText(Total, Money::format(w.total));
                item->setTextAlignment(Total, Qt::AlignRight | Qt::AlignVCenter);
                item->setText(Created,
                              tr("%1, %2").arg(ShopTime::format(w.createdAt, zone), w.createdBy));
                item->setText(Posted,
                              w.status == DocumentStatus::Posted
                                  ? tr("%1, %2").arg(ShopTime::format(w.postedAt, zone), w.postedBy)
                                  : QString());
                item->setText(Approved, w.approvedBy);
                if (w.status == DocumentStatus::Draft)
                    ++drafts;
                if (w.id == selected)
                    m_tree->setCurrentItem(item);
            }
            for (int c : {Number, Status, Reason, Lines, Total, Created, Posted, Approved})
                m_tree->resizeColumnToContents(c);
            if (!m_tree->currentItem() && m_tree->topLevelItemCount() > 0)
                m_tree->setCurrentItem(m_tree->topLevelItem(0));
            m_summary->setText(
                tr("%Ln write-off(s)", nullptr, int(writeOffs->size())) +
                (drafts > 0 ? tr(", %Ln draft(s) to finish", nullptr, drafts) : QString()));
            emit loaded(int(writeOffs->size()));
        });
}

void WriteOffsDialog::newWriteOff()
{
    open(0);
}

void WriteOffsDialog::openSelected()
{
    if (QTreeWidgetItem *item = m_tree->currentItem())
        open(item->data(Number, Qt::UserRole).toLongLong());
}

void WriteOffsDialog::open(qint64 id)
{
    auto *dialog = new WriteOffDialog(m_session, id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, &WriteOffsDialog::load);
    dialog->open();
    emit writeOffOpened(dialog);
}

} // namespace shopdesk
