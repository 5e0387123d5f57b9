#include "PriceOverrideDialog.h"

#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "models/orders/OrdersService.h"
#include "ui/common/BuddyLabel.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

PriceOverrideDialog::PriceOverrideDialog(const Product &product, qint64 currentPrice, qint64 shopId,
                                         QWidget *parent)
    : QDialog(parent),
      m_shopId(shopId),
      m_newPrice(new QLineEdit(this)),
      m_login(new QLineEdit(this)),
      m_secret(new QLineEdit(this)),
      m_banner(new MessageBanner(this))
{
    setWindowTitle(tr("Change the price"));
    setObjectName(u"priceOverrideDialog"_s);
    m_newPrice->setObjectName(u"newPrice"_s);
    m_newPrice->setPlaceholderText(Money::formatPlain(currentPrice));
    m_login->setObjectName(u"managerLogin"_s);
    m_secret->setObjectName(u"managerSecret"_s);
    m_secret->setEchoMode(QLineEdit::Password);
    for (QLineEdit *edit : {m_newPrice, m_login, m_secret})
        edit->setMinimumHeight(44);

    auto *what =
        new QLabel(tr("<b>%1</b> (PLU %2)<br>Catalog price %3%4")
                       .arg(product.name.toHtmlEscaped(), product.plu, Money::format(product.price),
                            product.soldByWeight ? tr(" per kg") : QString()),
                   this);
    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("New &price:"), m_newPrice, this), m_newPrice);
    form->addRow(new QLabel(tr("A manager approves it:"), this));
    form->addRow(buddyLabel(tr("Manager's &login:"), m_login, this), m_login);
    form->addRow(buddyLabel(tr("Password or &PIN:"), m_secret, this), m_secret);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Change the price"));
    connect(buttons, &QDialogButtonBox::accepted, this, &PriceOverrideDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PriceOverrideDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    m_newPrice->setFocus();
}

void PriceOverrideDialog::accept()
{
    if (m_busy)
        return;
    const auto price = Money::parse(m_newPrice->text());
    if (!price) {
        m_newPrice->setFocus();
        return m_banner->showMessage(
            tr("New price: \"%1\" is not an amount (e.g. 89.90).").arg(m_newPrice->text()));
    }
    if (*price > ProductStore::kMaxPrice) {
        m_newPrice->setFocus();
        return m_banner->showMessage(
            tr("New price: at most %1.").arg(Money::format(ProductStore::kMaxPrice)));
    }
    const QString login = m_login->text().trimmed();
    const QString secret = m_secret->text();
    if (login.isEmpty() || secret.isEmpty()) {
        (login.isEmpty() ? m_login : m_secret)->setFocus();
        return m_banner->showMessage(
            tr("A manager types their login and password or PIN to approve the price."));
    }
    m_busy = true;
    m_ok->setEnabled(false);
    m_secret->clear();
    whenReady(this, OrdersService::approveAsManager({login, secret, m_shopId}),
              [this, price = *price](const Result<ManagerApproval> &approval) {
                  m_busy = false;
                  m_ok->setEnabled(true);
                  if (!approval) {
                      m_secret->setFocus();
                      return m_banner->showMessage(approval.error().message);
                  }
                  m_price = price;
                  m_approval = approval.value();
                  QDialog::accept();
              });
}

void PriceOverrideDialog::reject()
{
    if (m_busy)
        return; // the approval is being checked; its answer closes the dialog
    QDialog::reject();
}

} // namespace shopdesk
