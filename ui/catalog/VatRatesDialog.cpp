#include "VatRatesDialog.h"

#include "models/catalog/CatalogService.h"
#include "models/core/TaskRunner.h"
#include "models/orders/OrderVat.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

enum Column { Name, Rate, Code, Offered, InUse, ColumnCount };

} // namespace

VatRatesDialog::VatRatesDialog(const Actor &actor, QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_banner(new MessageBanner(this)),
      m_table(new QTableWidget(0, ColumnCount, this)),
      m_label(new QLineEdit(this)),
      m_active(new QCheckBox(tr("&Offered for products"), this)),
      m_save(new QPushButton(tr("&Save"), this)),
      m_remove(new QPushButton(tr("&Delete"), this)),
      m_newCode(new QLineEdit(this)),
      m_newLabel(new QLineEdit(this)),
      m_newPercent(new QLineEdit(this)),
      m_newNoVat(new QCheckBox(tr("Goods &without VAT"), this)),
      m_add(new QPushButton(tr("&Add"), this))
{
    setWindowTitle(tr("VAT rates"));
    m_table->setObjectName(u"rates"_s);
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Rate"), tr("Code"), tr("Offered"), tr("In use")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &VatRatesDialog::selectionChanged);

    m_label->setObjectName(u"label"_s);
    m_label->setMaxLength(40);
    m_active->setObjectName(u"active"_s);
    m_active->setToolTip(tr("A rate no longer offered stays on the products and sales that "
                            "have it."));
    m_save->setObjectName(u"save"_s);
    m_remove->setObjectName(u"remove"_s);
    m_remove->setToolTip(tr("Only a rate no product or sale has can be deleted."));
    auto *selectedBox = new QGroupBox(tr("Selected rate"), this);
    auto *selectedForm = new QFormLayout(selectedBox);
    selectedForm->addRow(tr("&Name:"), m_label);
    selectedForm->addRow(QString(), m_active);
    auto *selectedButtons = new QHBoxLayout;
    selectedButtons->addStretch(1);
    selectedButtons->addWidget(m_save);
    selectedButtons->addWidget(m_remove);
    selectedForm->addRow(selectedButtons);

    m_newCode->setObjectName(u"newCode"_s);
    m_newCode->setPlaceholderText(tr("e.g. vat12"));
    m_newCode->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[a-z0-9_-]{0,16}"_s), m_newCode));
    m_newLabel->setObjectName(u"newLabel"_s);
    m_newLabel->setMaxLength(40);
    m_newLabel->setPlaceholderText(tr("e.g. 12 %"));
    m_newPercent->setObjectName(u"newPercent"_s);
    m_newPercent->setPlaceholderText(tr("e.g. 12 or 12.5"));
    m_newNoVat->setObjectName(u"newNoVat"_s);
    connect(m_newNoVat, &QCheckBox::toggled, m_newPercent, &QWidget::setDisabled);
    m_add->setObjectName(u"add"_s);
    auto *newBox = new QGroupBox(tr("New rate"), this);
    auto *newForm = new QFormLayout(newBox);
    newForm->addRow(tr("C&ode:"), m_newCode);
    newForm->addRow(tr("Na&me:"), m_newLabel);
    newForm->addRow(tr("&Percentage:"), m_newPercent);
    newForm->addRow(QString(), m_newNoVat);
    newForm->addRow(QString(), m_add);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &VatRatesDialog::add);
    connect(m_save, &QPushButton::clicked, this, &VatRatesDialog::save);
    connect(m_remove, &QPushButton::clicked, this, &VatRatesDialog::remove);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_table, 1);
    layout->addWidget(selectedBox);
    layout->addWidget(newBox);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    selectionChanged();
    reload();
}

void VatRatesDialog::reload(const QString &select)
{
    whenReady(this, CatalogService(m_actor).vatRates(),
              [this, select](const Result<QList<VatRate>> &rates) {
                  if (rates)
                      showRates(rates.value(), select);
                  else
                      m_banner->showMessage(rates.error().message);
                  emit loaded();
              });
}

void VatRatesDialog::showRates(const QList<VatRate> &rates, const QString &select)
{
    m_rates = rates;
    m_table->setRowCount(int(rates.size()));
    for (int row = 0; row < rates.size(); ++row) {
        const VatRate &r = rates.at(row);
        const QStringList cells {r.label, OrderVat::rateText(r.rateBp), r.code,
                                 r.active ? tr("yes") : tr("no"), r.inUse ? tr("yes") : tr("no")};
        for (int column = 0; column < ColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (r.code == select)
            m_table->selectRow(row);
    }
    m_table->resizeColumnsToContents();
    selectionChanged();
}

void VatRatesDialog::selectionChanged()
{
    const int row = m_table->currentRow();
    const bool chosen = !m_table->selectedItems().isEmpty() && row >= 0 && row < m_rates.size();
    m_label->setEnabled(chosen);
    m_active->setEnabled(chosen);
    m_save->setEnabled(chosen);
    m_remove->setEnabled(chosen && !m_rates.at(row).inUse);
    if (!chosen)
        return;
    m_label->setText(m_rates.at(row).label);
    m_active->setChecked(m_rates.at(row).active);
}

QWidget *VatRatesDialog::fieldFor(const QString &name) const
{
    if (name == u"code"_s)
        return m_newCode;
    if (name == u"percent"_s)
        return m_newPercent;
    return m_newLabel;
}

void VatRatesDialog::add()
{
    VatRateInput rate;
    rate.code = m_newCode->text().trimmed();
    rate.label = m_newLabel->text();
    if (!m_newNoVat->isChecked()) {
        rate.rateBp = OrderVat::parseRate(m_newPercent->text());
        if (!rate.rateBp) {
            m_banner->showMessage(tr("Percentage: type a number such as 20 or 12.5."));
            m_newPercent->setFocus();
            return;
        }
    }
    m_add->setEnabled(false);
    whenReady(this, CatalogService(m_actor).addVatRate(rate), [this](const Result<VatRate> &made) {
        m_add->setEnabled(true);
        if (!made) {
            m_banner->showMessage(made.error().message);
            fieldFor(made.error().field)->setFocus();
            return;
        }
        m_banner->showMessage(tr("VAT rate %1 added.").arg(made->label),
                              MessageBanner::Type::Positive);
        m_newCode->clear();
        m_newLabel->clear();
        m_newPercent->clear();
        m_newNoVat->setChecked(false);
        reload(made->code);
    });
}

void VatRatesDialog::save()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_rates.size())
        return;
    VatRateInput rate;
    rate.code = m_rates.at(row).code;
    rate.label = m_label->text();
    rate.active = m_active->isChecked();
    m_save->setEnabled(false);
    whenReady(this, CatalogService(m_actor).updateVatRate(rate),
              [this](const Result<VatRate> &saved) {
                  m_save->setEnabled(true);
                  if (!saved) {
                      m_banner->showMessage(saved.error().message);
                      m_label->setFocus();
                      return;
                  }
                  m_banner->showMessage(tr("VAT rate %1 saved.").arg(saved->label),
                                        MessageBanner::Type::Positive);
                  reload(saved->code);
              });
}

void VatRatesDialog::remove()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_rates.size())
        return;
    const VatRate rate = m_rates.at(row);
    if (!Confirm::ask(this, tr("Delete a VAT rate"),
                      tr("Delete the VAT rate %1? No product or sale has it.").arg(rate.label)))
        return;
    m_remove->setEnabled(false);
    whenReady(this, CatalogService(m_actor).removeVatRate(rate.code),
              [this, rate](const Result<void> &gone) {
                  if (!gone) {
                      m_banner->showMessage(gone.error().message);
                      reload(rate.code);
                      return;
                  }
                  m_banner->showMessage(tr("VAT rate %1 deleted.").arg(rate.label),
                                        MessageBanner::Type::Positive);
                  reload();
              });
}

} // namespace shopdesk
