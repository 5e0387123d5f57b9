#include "LabelQueueDialog.h"

#include "LabelPrintDialog.h"
#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/TaskRunner.h"
#include "models/labels/LabelsService.h"
#include "models/shops/ShopTime.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

enum Column { Plu, Name, Price, From, Reason, Queued, ColumnCount };

} // namespace

LabelQueueDialog::LabelQueueDialog(const Session &session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_tree(new QTreeWidget(this)),
      m_summary(new QLabel(this))
{
    // Each shop prints its own tags: the title says whose these are.
    setWindowTitle(session.shop.name.isEmpty() ? tr("Label queue")
                                               : tr("Label queue — %1").arg(session.shop.name));
    setObjectName(u"labelQueueDialog"_s);
    m_tree->setObjectName(u"queuedLabels"_s);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels(
        {tr("PLU"), tr("Name"), tr("Price"), tr("From"), tr("Why"), tr("Queued")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_summary->setObjectName(u"summary"_s);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_print = buttons->addButton(tr("&Print…"), QDialogButtonBox::ActionRole);
    m_print->setObjectName(u"print"_s);
    m_print->setEnabled(false);
    connect(m_print, &QPushButton::clicked, this, &LabelQueueDialog::printLabels);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *column = new QVBoxLayout(this);
    column->addWidget(m_banner);
    column->addWidget(m_tree, 1);
    column->addWidget(m_summary);
    column->addWidget(buttons);
    resize(760, 440);
    load();
}

void LabelQueueDialog::load()
{
    const int request = ++m_request;
    m_summary->setText(tr("Loading…"));
    m_print->setEnabled(false);
    whenReady(this, LabelsService(m_session.actor).waiting(),
              [this, request](const Result<QList<QueuedLabel>> &labels) {
                  if (request != m_request)
                      return;
                  if (!labels) {
                      m_summary->clear();
                      m_banner->showMessage(labels.error().message);
                      return;
                  }
                  showLabels(labels.value());
              });
}

void LabelQueueDialog::showLabels(const QList<QueuedLabel> &labels)
{
    m_labels = labels;
    m_tree->clear();
    const QString zone = m_session.shop.timeZone;
    for (const QueuedLabel &label : labels) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(Plu, label.plu);
        item->setText(Name, label.name);
        item->setText(Price,
                      label.soldByWeight ? tr("%1/kg").arg(Money::format(label.price))
                                         : Money::format(label.price));
        item->setTextAlignment(Price, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(
            From, label.validFrom.isValid() ? ShopTime::format(label.validFrom, zone) : tr("now"));
        item->setText(Reason, LabelQueueStore::reasonText(label.reason));
        item->setText(Queued, ShopTime::format(label.queuedAt, zone));
    }
    for (int c : {Plu, Price, From, Reason, Queued})
        m_tree->resizeColumnToContents(c);
    m_summary->setText(tr("%Ln label(s) waiting", nullptr, int(labels.size())));
    m_print->setEnabled(!labels.isEmpty() &&
                        hasPermission(m_session.actor.role, Permission::ManageProducts));
    emit loaded(int(labels.size()));
}

void LabelQueueDialog::printLabels()
{
    QList<int> rows;
    for (const QModelIndex &index : m_tree->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty())
        for (int i = 0; i < m_labels.size(); ++i)
            rows << i;
    std::sort(rows.begin(), rows.end());
    QList<ShelfLabel> labels;
    QList<QueuedLabel> printed;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int row : std::as_const(rows)) {
        labels << ShelfLabel::forQueued(m_labels.at(row), now, m_session.shop.timeZone);
        printed << m_labels.at(row);
    }
    LabelPrintDialog dialog(labels, this);
    if (!m_pdfPath.isEmpty())
        dialog.setPdfPath(m_pdfPath);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_print->setEnabled(false);
    whenReady(this, LabelsService(m_session.actor).markPrinted(printed),
              [this](const Result<int> &result) {
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      load();
                      return;
                  }
                  m_banner->showMessage(
                      tr("%Ln label(s) printed and taken off the queue.", nullptr, result.value()),
                      MessageBanner::Type::Positive);
                  emit marked(result.value());
                  load();
              });
}

} // namespace shopdesk
