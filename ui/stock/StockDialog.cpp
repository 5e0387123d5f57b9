#include "StockDialog.h"

#include "models/catalog/CatalogService.h"
#include "models/core/TaskRunner.h"
#include "models/stock/StockService.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/QuantitySpinBox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

StockDialog::StockDialog(const Actor &actor, const QList<Shop> &shops, qint64 shopId,
                         QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_banner(new MessageBanner(this)),
      m_plu(new QLineEdit(this)),
      m_product(new QLabel(this)),
      m_shop(new QComboBox(this)),
      m_shelf(new QuantitySpinBox(this)),
      m_order(new QuantitySpinBox(this)),
      m_lookUp(new QTimer(this))
{
    setWindowTitle(tr("New stock"));
    m_plu->setObjectName(u"plu"_s);
    m_product->setObjectName(u"product"_s);
    m_product->setWordWrap(true);
    m_shop->setObjectName(u"shop"_s);
    for (const Shop &shop : shops) {
        m_shop->addItem(shop.name, shop.id);
        if (shop.id == shopId)
            m_shop->setCurrentIndex(m_shop->count() - 1);
    }
    for (QuantitySpinBox *box : {m_shelf, m_order}) {
        box->setUnitsRange(0, StockStore::kMaxQuantity);
        connect(box, &QuantitySpinBox::refused, m_banner,
                [this](const QString &message) { m_banner->showMessage(message); });
    }
    m_shelf->setObjectName(u"shelf"_s);
    m_order->setObjectName(u"order"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("Product &PLU:"), m_plu);
    form->addRow(QString(), m_product);
    form->addRow(tr("S&hop:"), m_shop);
    form->addRow(tr("On the &shelf:"), m_shelf);
    form->addRow(tr("In &orders:"), m_order);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create"));
    m_ok->setEnabled(false); // until the PLU names a product
    connect(buttons, &QDialogButtonBox::accepted, this, &StockDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(400);

    // Look the product up once typing pauses, or at once on leaving the field.
    m_lookUp->setSingleShot(true);
    m_lookUp->setInterval(250);
    connect(m_lookUp, &QTimer::timeout, this, &StockDialog::lookUpProduct);
    connect(m_plu, &QLineEdit::textEdited, this, [this] {
        m_foundPlu.clear();
        m_ok->setEnabled(false);
        m_lookUp->start();
    });
    connect(m_plu, &QLineEdit::editingFinished, this, [this] {
        if (m_lookUp->isActive()) {
            m_lookUp->stop();
            lookUpProduct();
        }
    });
    showProduct({}, tr("Type the product's PLU."), false, false);
}

void StockDialog::setPlu(const QString &plu)
{
    m_plu->setText(plu);
    m_foundPlu.clear();
    lookUpProduct();
}

void StockDialog::lookUpProduct()
{
    const QString plu = m_plu->text().trimmed();
    if (plu.isEmpty())
        return showProduct({}, tr("Type the product's PLU."), false, false);
    whenReady(this, CatalogService(m_actor).byPlu(plu),
              [this, plu](const Result<std::optional<Product>> &found) {
                  // A later keystroke asks again; only the current PLU's answer counts.
                  if (plu != m_plu->text().trimmed())
                      return;
                  if (!found)
                      return showProduct({}, found.error().message, false, false);
                  if (!found.value())
                      return showProduct({}, tr("No product has PLU %1.").arg(plu), false, false);
                  const Product &p = *found.value();
                  showProduct(plu,
                              p.soldByWeight ? tr("%1 — sold by weight, in kilograms").arg(p.name)
                                             : tr("%1 — counted in pieces").arg(p.name),
                              true, p.soldByWeight);
              });
}

void StockDialog::showProduct(const QString &plu, const QString &text, bool found,
                              bool soldByWeight)
{
    m_foundPlu = plu;
    m_product->setText(text);
    m_product->setStyleSheet(found || m_plu->text().trimmed().isEmpty() ? QString()
                                                                        : u"color: #b00020"_s);
    if (found) {
        m_shelf->setSoldByWeight(soldByWeight);
        m_order->setSoldByWeight(soldByWeight);
    }
    m_ok->setEnabled(found);
}

void StockDialog::submit()
{
    const QString plu = m_plu->text().trimmed();
    if (plu.isEmpty()) {
        m_banner->showMessage(tr("Enter the product's PLU."));
        m_plu->setFocus();
        return;
    }
    // The quantities are in the product's unit only once it is known.
    if (plu != m_foundPlu) {
        m_banner->showMessage(tr("Wait for the product of PLU %1, or correct the PLU.").arg(plu));
        m_plu->setFocus();
        return;
    }
    if (m_shop->currentIndex() < 0) {
        m_banner->showMessage(tr("Choose the shop."));
        return;
    }
    for (QuantitySpinBox *box : {m_shelf, m_order}) {
        if (const auto problem = box->problem()) {
            m_banner->showMessage(*problem);
            box->setFocus();
            return;
        }
    }
    m_ok->setEnabled(false);
    whenReady(this,
              StockService(m_actor).create(plu, m_shop->currentData().toLongLong(),
                                           int(m_shelf->units()), int(m_order->units())),
              [this](const Result<StockRow> &result) {
                  m_ok->setEnabled(true);
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      return;
                  }
                  m_stock = result.value();
                  accept();
              });
}

} // namespace shopdesk
