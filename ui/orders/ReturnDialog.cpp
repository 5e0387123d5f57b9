#include "ReturnDialog.h"

#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/orders/OrdersService.h"
#include "models/settings/AppSettings.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

ReturnDialog::ReturnDialog(const Actor &cashier, const Order &order, qint64 shopId, QWidget *parent)
    : QDialog(parent),
      m_cashier(cashier),
      m_order(order),
      m_shopId(shopId),
      m_reason(new QLineEdit(this)),
      m_managerLogin(new QLineEdit(this)),
      m_managerPassword(new QLineEdit(this)),
      m_banner(new MessageBanner(this))
{
    setWindowTitle(tr("Return from order %1").arg(order.number));
    auto *lines = new QGroupBox(tr("Items coming back"), this);
    auto *grid = new QGridLayout(lines);
    int row = 0;
    for (const OrderLine &l : order.lines) {
        const int open = l.qty - l.returnedQty;
        auto *qty = new QSpinBox(this);
        qty->setObjectName(u"returnQty%1"_s.arg(l.lineNo));
        qty->setRange(0, qMax(0, open));
        qty->setEnabled(open > 0);
        if (l.weighed) // the line's quantity is grams, as the scale weighed it
            qty->setSuffix(tr(" g"));
        qty->setMinimumHeight(36);
        grid->addWidget(new QLabel(u"%1 — %2"_s.arg(l.plu, l.name), this), row, 0);
        grid->addWidget(
            new QLabel(tr("%1 of %2 × %3")
                           .arg(Quantity::format(open, l.weighed),
                                Quantity::format(l.qty, l.weighed), Money::format(l.unitPrice)),
                       this),
            row, 1);
        grid->addWidget(qty, row, 2);
        m_quantities << qty;
        ++row;
    }
    m_reason->setObjectName(u"returnReason"_s);
    m_reason->setMaxLength(500);
    m_managerLogin->setObjectName(u"managerLogin"_s);
    m_managerPassword->setObjectName(u"managerPassword"_s);
    m_managerPassword->setEchoMode(QLineEdit::Password);
    m_managerPassword->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                                           Qt::ImhNoAutoUppercase);
    // A PIN is quicker to type at a busy till than a password; either will do.
    m_managerPassword->setPlaceholderText(tr("the manager's password or PIN"));
    auto *approval = new QGroupBox(tr("A manager approves"), this);
    auto *form = new QFormLayout(approval);
    form->addRow(tr("Manager's &login:"), m_managerLogin);
    form->addRow(tr("Password or &PIN:"), m_managerPassword);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Take back"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ReturnDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(lines);
    auto *reasonForm = new QFormLayout;
    reasonForm->addRow(tr("&Why:"), m_reason);
    layout->addLayout(reasonForm);
    layout->addWidget(approval);
    layout->addWidget(buttons);
}

void ReturnDialog::submit()
{
    QList<ReturnLine> lines;
    for (int i = 0; i < m_quantities.size(); ++i)
        if (m_quantities.at(i)->value() > 0)
            lines.append({m_order.lines.at(i).lineNo, m_quantities.at(i)->value()});
    if (lines.isEmpty()) {
        m_banner->showMessage(tr("Choose how many of which items come back."),
                              MessageBanner::Type::Warning);
        return;
    }
    if (m_managerLogin->text().trimmed().isEmpty() || m_managerPassword->text().isEmpty()) {
        m_banner->showMessage(tr("A manager approves the return here with their login and "
                                 "their password or PIN."),
                              MessageBanner::Type::Warning);
        m_managerLogin->setFocus();
        return;
    }
    const OrdersService::ManagerSignIn manager {m_managerLogin->text().trimmed(),
                                                m_managerPassword->text(), m_shopId};
    m_managerPassword->clear();
    m_ok->setEnabled(false);
    m_busy = true;
    whenReady(this,
              OrdersService(m_cashier).returnItems(m_order.id, lines, AppSettings().tillName(),
                                                   m_reason->text().trimmed(), manager),
              [this](const Result<ReturnedItems> &returned) {
                  m_busy = false;
                  m_ok->setEnabled(true);
                  if (!returned) {
                      m_banner->showMessage(returned.error().message);
                      return;
                  }
                  m_result = returned.value();
                  accept();
              });
}

void ReturnDialog::reject()
{
    if (m_busy)
        return; // the return is being made; its answer closes the dialog
    QDialog::reject();
}

} // namespace shopdesk
