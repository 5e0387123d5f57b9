#include "WriteOffSettingsDialog.h"

#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "models/documents/DocumentsService.h"
#include "ui/common/BuddyLabel.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

WriteOffSettingsDialog::WriteOffSettingsDialog(const Actor &actor, QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_banner(new MessageBanner(this)),
      m_reasons(new QTreeWidget(this)),
      m_newReason(new QLineEdit(this)),
      m_threshold(new QLineEdit(this))
{
    setObjectName(u"writeOffSettingsDialog"_s);
    setWindowTitle(tr("Write-offs"));
    m_reasons->setObjectName(u"reasons"_s);
    m_reasons->setHeaderLabels({tr("Reason (tick: offered)")});
    m_reasons->setRootIsDecorated(false);
    m_reasons->header()->setStretchLastSection(true);
    connect(m_reasons, &QTreeWidget::itemChanged, this,
            [this](QTreeWidgetItem *item) { saveReason(item); });
    m_newReason->setObjectName(u"newReason"_s);
    m_newReason->setMaxLength(100);
    auto *add = new QPushButton(tr("A&dd"), this);
    add->setObjectName(u"addReason"_s);
    add->setAutoDefault(false);
    connect(add, &QPushButton::clicked, this, &WriteOffSettingsDialog::addReason);
    connect(m_newReason, &QLineEdit::returnPressed, this, &WriteOffSettingsDialog::addReason);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(buddyLabel(tr("&New reason:"), m_newReason, this));
    addRow->addWidget(m_newReason, 1);
    addRow->addWidget(add);

    m_threshold->setObjectName(u"threshold"_s);
    auto *setThreshold = new QPushButton(tr("&Set"), this);
    setThreshold->setObjectName(u"setThreshold"_s);
    setThreshold->setAutoDefault(false);
    connect(setThreshold, &QPushButton::clicked, this, &WriteOffSettingsDialog::saveThreshold);
    connect(m_threshold, &QLineEdit::returnPressed, this, &WriteOffSettingsDialog::saveThreshold);
    auto *thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_threshold, 1);
    thresholdRow->addWidget(setThreshold);
    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("A manager &approves above:"), m_threshold, this), thresholdRow);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_reasons, 1);
    layout->addLayout(addRow);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(480, 420);
    load();
}

void WriteOffSettingsDialog::load()
{
    whenReady(this, DocumentsService(m_actor).writeOffReasons(true),
              [this](const Result<QList<WriteOffReason>> &reasons) {
                  if (!reasons) {
                      refuse(reasons.error().message);
                      return;
                  }
                  m_loading = true;
                  m_reasons->clear();
                  for (const WriteOffReason &r : reasons.value()) {
                      auto *item = new QTreeWidgetItem(m_reasons);
                      item->setText(0, r.text());
                      item->setData(0, Qt::UserRole, r.code);
                      item->setData(0, Qt::UserRole + 1, r.name);
                      // The seeded reasons keep their names (they are translated);
                      // the shop's own are renamed in place (F2).
                      Qt::ItemFlags flags = item->flags() | Qt::ItemIsUserCheckable;
                      if (r.code.startsWith(u"shop_"_s))
                          flags |= Qt::ItemIsEditable;
                      else
                          flags &= ~Qt::ItemIsEditable;
                      item->setFlags(flags);
                      item->setCheckState(0, r.active ? Qt::Checked : Qt::Unchecked);
                  }
                  m_loading = false;
                  whenReady(this, DocumentsService(m_actor).writeOffThreshold(),
                            [this](const Result<qint64> &threshold) {
                                if (!threshold) {
                                    refuse(threshold.error().message);
                                    return;
                                }
                                m_threshold->setText(Money::formatPlain(threshold.value()));
                                emit loaded();
                            });
              });
}

void WriteOffSettingsDialog::saveReason(QTreeWidgetItem *item)
{
    if (m_loading)
        return;
    const QString code = item->data(0, Qt::UserRole).toString();
    // A seeded reason's stored (English) name stays; the shop's own is renamed.
    const QString name = code.startsWith(u"shop_"_s) ? item->text(0).trimmed()
                                                     : item->data(0, Qt::UserRole + 1).toString();
    whenReady(this,
              DocumentsService(m_actor).saveWriteOffReason(
                  {code, name, item->checkState(0) == Qt::Checked}),
              [this](const Result<WriteOffReason> &done) {
                  if (!done) {
                      refuse(done.error().message);
                      load();
                      return;
                  }
                  emit saved();
              });
}

void WriteOffSettingsDialog::addReason()
{
    const QString name = m_newReason->text().trimmed();
    whenReady(this, DocumentsService(m_actor).saveWriteOffReason({{}, name, true}),
              [this](const Result<WriteOffReason> &done) {
                  if (!done) {
                      refuse(done.error().message);
                      m_newReason->setFocus();
                      return;
                  }
                  m_newReason->clear();
                  m_banner->showMessage(tr("Reason \"%1\" added.").arg(done->name),
                                        MessageBanner::Type::Positive);
                  load();
                  emit saved();
              });
}

void WriteOffSettingsDialog::saveThreshold()
{
    const auto amount = Money::parse(m_threshold->text());
    if (!amount) {
        m_threshold->setFocus();
        refuse(tr("Approval threshold: \"%1\" is not an amount (e.g. 1000.00).")
                   .arg(m_threshold->text()));
        return;
    }
    whenReady(this, DocumentsService(m_actor).setWriteOffThreshold(*amount),
              [this, amount = *amount](const Result<void> &done) {
                  if (!done) {
                      refuse(done.error().message);
                      m_threshold->setFocus();
                      return;
                  }
                  m_banner->showMessage(tr("Write-offs worth more than %1 now need a manager's "
                                           "approval.")
                                            .arg(Money::format(amount)),
                                        MessageBanner::Type::Positive);
                  emit saved();
              });
}

void WriteOffSettingsDialog::refuse(const QString &message)
{
    m_banner->showMessage(message);
    emit failed(message);
}

} // namespace shopdesk
