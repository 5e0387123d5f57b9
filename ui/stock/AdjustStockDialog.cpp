#include "AdjustStockDialog.h"

#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/stock/StockService.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/QuantitySpinBox.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

QStringList AdjustStockDialog::increaseReasons()
{
    return {tr("Delivery"), tr("Return from customer"), tr("Found in stock"), tr("Correction"),
            tr("Other")};
}

QStringList AdjustStockDialog::decreaseReasons()
{
    return {tr("Write-off: damaged"), tr("Write-off: expired"), tr("Return to supplier"),
            tr("Theft or loss"),      tr("Correction"),         tr("Other")};
}

AdjustStockDialog::AdjustStockDialog(const Actor &actor, const StockRow &stock, QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_stock(stock),
      m_banner(new MessageBanner(this)),
      m_increase(new QRadioButton(tr("&Increase"), this)),
      m_decrease(new QRadioButton(tr("&Decrease"), this)),
      m_shelf(new QRadioButton(tr("On the s&helf"), this)),
      m_order(new QRadioButton(tr("In o&rders"), this)),
      m_amount(new QuantitySpinBox(this)),
      m_reason(new QComboBox(this)),
      m_note(new QLineEdit(this)),
      m_preview(new QLabel(this))
{
    setWindowTitle(tr("Adjust stock"));
    setObjectName(u"adjustStockDialog"_s);
    auto *title =
        new QLabel(u"<b>%1</b><br>%2 · %3"_s.arg(stock.name.toHtmlEscaped(),
                                                 tr("PLU %1").arg(stock.plu.toHtmlEscaped()),
                                                 stock.shopName.toHtmlEscaped()),
                   this);
    title->setWordWrap(true);
    auto *current = new QLabel(tr("Now: %1 on the shelf, %2 in orders")
                                   .arg(Quantity::format(stock.shelfQty, stock.soldByWeight),
                                        Quantity::format(stock.orderQty, stock.soldByWeight)),
                               this);

    auto *direction = new QButtonGroup(this);
    direction->addButton(m_increase);
    direction->addButton(m_decrease);
    auto *which = new QButtonGroup(this);
    which->addButton(m_shelf);
    which->addButton(m_order);
    m_increase->setChecked(true);
    m_shelf->setChecked(true);
    m_increase->setObjectName(u"increase"_s);
    m_decrease->setObjectName(u"decrease"_s);
    m_order->setObjectName(u"orderQuantity"_s);
    m_amount->setObjectName(u"amount"_s);
    // Weighed goods in kilograms to the gram, the rest in whole pieces.
    m_amount->setSoldByWeight(stock.soldByWeight);
    m_amount->setUnitsRange(1, StockStore::kMaxAmount);
    m_amount->setMinimumHeight(32);
    m_reason->setObjectName(u"reason"_s);
    m_note->setObjectName(u"note"_s);
    m_note->setPlaceholderText(tr("optional note, e.g. invoice number"));
    m_note->setMaxLength(300);
    m_preview->setObjectName(u"preview"_s);

    auto *directionRow = new QHBoxLayout;
    directionRow->addWidget(m_increase);
    directionRow->addWidget(m_decrease);
    directionRow->addStretch(1);
    auto *whichRow = new QHBoxLayout;
    whichRow->addWidget(m_shelf);
    whichRow->addWidget(m_order);
    whichRow->addStretch(1);
    auto *form = new QFormLayout;
    form->addRow(tr("Change:"), directionRow);
    form->addRow(tr("Quantity:"), whichRow);
    form->addRow(tr("&Amount:"), m_amount);
    form->addRow(tr("R&eason:"), m_reason);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(QString(), m_preview);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Save"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AdjustStockDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(current);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    for (QRadioButton *b : {m_increase, m_decrease, m_shelf, m_order})
        connect(b, &QRadioButton::toggled, this, &AdjustStockDialog::updateForm);
    connect(m_amount, &QuantitySpinBox::unitsChanged, this, &AdjustStockDialog::updateForm);
    connect(m_amount, &QuantitySpinBox::refused, m_banner,
            [this](const QString &message) { m_banner->showMessage(message); });
    updateForm();
    m_amount->setFocus();
    m_amount->selectAll();
}

void AdjustStockDialog::updateForm()
{
    const bool increase = m_increase->isChecked();
    const QStringList reasons = increase ? increaseReasons() : decreaseReasons();
    if (m_reason->count() != reasons.size() || m_reason->itemText(0) != reasons.first()) {
        m_reason->clear();
        m_reason->addItems(reasons);
    }
    const int now = m_shelf->isChecked() ? m_stock.shelfQty : m_stock.orderQty;
    const qint64 amountUnits = m_amount->units();
    const qint64 after = increase ? now + amountUnits : now - amountUnits;
    const auto amount = [this](qint64 units) {
        return Quantity::format(units, m_stock.soldByWeight).toHtmlEscaped();
    };
    if (after < 0) {
        m_preview->setText(tr("<span style='color:#b00020'>Only %1 there; cannot take %2.</span>")
                               .arg(amount(now), amount(amountUnits)));
        m_ok->setEnabled(false);
    } else {
        m_preview->setText(tr("After the change: %1").arg(amount(after)));
        m_ok->setEnabled(true);
    }
}

void AdjustStockDialog::submit()
{
    if (const auto problem = m_amount->problem()) {
        m_banner->showMessage(*problem);
        m_amount->setFocus();
        return;
    }
    StockAdjustment adjustment;
    adjustment.shopId = m_stock.shopId;
    adjustment.plu = m_stock.plu;
    adjustment.quantity = m_shelf->isChecked() ? StockQuantity::Shelf : StockQuantity::Order;
    adjustment.amount = int(m_amount->units());
    const QString note = m_note->text().trimmed();
    adjustment.reason =
        note.isEmpty() ? m_reason->currentText() : u"%1: %2"_s.arg(m_reason->currentText(), note);
    const StockService stock(m_actor);
    setSaving(true);
    whenReady(this,
              m_increase->isChecked() ? stock.increase(adjustment) : stock.decrease(adjustment),
              [this](const Result<StockRow> &result) {
                  setSaving(false);
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      return;
                  }
                  m_stock = result.value();
                  accept();
              });
}

void AdjustStockDialog::setSaving(bool saving)
{
    // While the change is on its way neither Save nor Cancel: a Cancel now
    // would close the dialog on a change that is still being committed.
    m_ok->setEnabled(!saving);
    if (auto *buttons = findChild<QDialogButtonBox *>())
        buttons->button(QDialogButtonBox::Cancel)->setEnabled(!saving);
}

} // namespace shopdesk
