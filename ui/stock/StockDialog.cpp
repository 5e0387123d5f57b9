#include "StockDialog.h"

#include "models/core/TaskRunner.h"
#include "models/stock/StockService.h"
#include "ui/common/MessageBanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

StockDialog::StockDialog(const Actor &actor, const QList<Shop> &shops, qint64 shopId,
                         QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_banner(new MessageBanner(this)),
      m_plu(new QLineEdit(this)),
      m_shop(new QComboBox(this)),
      m_shelf(new QSpinBox(this)),
      m_order(new QSpinBox(this))
{
    setWindowTitle(tr("New stock"));
    m_plu->setObjectName(u"plu"_s);
    m_shop->setObjectName(u"shop"_s);
    for (const Shop &shop : shops) {
        m_shop->addItem(shop.name, shop.id);
        if (shop.id == shopId)
            m_shop->setCurrentIndex(m_shop->count() - 1);
    }
    for (QSpinBox *box : {m_shelf, m_order}) {
        box->setRange(0, StockStore::kMaxQuantity);
        box->setToolTip(tr("Pieces, or grams for goods sold by weight."));
    }
    m_shelf->setObjectName(u"shelf"_s);
    m_order->setObjectName(u"order"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("Product &PLU:"), m_plu);
    form->addRow(tr("S&hop:"), m_shop);
    form->addRow(tr("On the &shelf:"), m_shelf);
    form->addRow(tr("In &orders:"), m_order);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &StockDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(400);
}

void StockDialog::setPlu(const QString &plu)
{
    m_plu->setText(plu);
}

void StockDialog::submit()
{
    const QString plu = m_plu->text().trimmed();
    if (plu.isEmpty()) {
        m_banner->showMessage(tr("Enter the product's PLU."));
        m_plu->setFocus();
        return;
    }
    if (m_shop->currentIndex() < 0) {
        m_banner->showMessage(tr("Choose the shop."));
        return;
    }
    m_ok->setEnabled(false);
    whenReady(this,
              StockService(m_actor).create(plu, m_shop->currentData().toLongLong(),
                                           m_shelf->value(), m_order->value()),
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
