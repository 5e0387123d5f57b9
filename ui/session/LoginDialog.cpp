#include "LoginDialog.h"

#include "models/core/TaskRunner.h"
#include "models/staff/StaffService.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

LoginDialog::LoginDialog(const Shop &shop, const QString &lastLogin, QWidget *parent)
    : QDialog(parent),
      m_shop(shop),
      m_login(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_banner(new MessageBanner(this)),
      m_hint(new QLabel(this))
{
    setWindowTitle(tr("Sign in to ShopDesk"));
    setObjectName(u"loginDialog"_s);

    auto *title = new QLabel(
        tr("<b>%1</b><br>Sign in to start your shift.").arg(shop.name.toHtmlEscaped()), this);
    m_login->setObjectName(u"login"_s);
    m_login->setText(lastLogin);
    m_login->setPlaceholderText(tr("e.g. cashier"));
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_hint->setWordWrap(true);
    m_hint->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Login:"), m_login);
    form->addRow(tr("&Password or PIN:"), m_password);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(u"signIn"_s);
    m_signIn->setDefault(true);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Quit"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(buttons);
    setMinimumWidth(380);

    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::signIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    (lastLogin.isEmpty() ? m_login : m_password)->setFocus();
}

void LoginDialog::setHint(const QString &html)
{
    m_hint->setText(html);
    m_hint->setVisible(!html.isEmpty());
}

void LoginDialog::setBusy(bool busy)
{
    m_login->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_signIn->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("&Sign in"));
}

void LoginDialog::signIn()
{
    const QString login = m_login->text().trimmed();
    if (login.isEmpty()) {
        m_banner->showMessage(tr("Enter your login."));
        m_login->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        m_banner->showMessage(tr("Enter your password or PIN."));
        m_password->setFocus();
        return;
    }
    setBusy(true);
    m_banner->hideMessage();
    whenReady(this, StaffService().authenticate(login, m_password->text(), m_shop.id),
              [this](const Result<Actor> &result) {
                  setBusy(false);
                  if (result) {
                      m_actor = result.value();
                      accept();
                      return;
                  }
                  m_banner->showMessage(result.error().message);
                  m_password->selectAll();
                  m_password->setFocus();
              });
}

} // namespace shopdesk
