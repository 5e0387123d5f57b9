#include "ManagerApprovalDialog.h"

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

ManagerApprovalDialog::ManagerApprovalDialog(const QString &why, qint64 shopId, QWidget *parent)
    : QDialog(parent),
      m_shopId(shopId),
      m_login(new QLineEdit(this)),
      m_secret(new QLineEdit(this)),
      m_banner(new MessageBanner(this))
{
    setObjectName(u"managerApprovalDialog"_s);
    setWindowTitle(tr("A manager approves"));
    auto *text = new QLabel(why, this);
    text->setWordWrap(true);
    m_login->setObjectName(u"managerLogin"_s);
    m_secret->setObjectName(u"managerSecret"_s);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                                  Qt::ImhNoAutoUppercase);
    // A PIN is quicker to type than a password; either will do.
    m_secret->setPlaceholderText(tr("the manager's password or PIN"));
    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("Manager's &login:"), m_login, this), m_login);
    form->addRow(buddyLabel(tr("Password or &PIN:"), m_secret, this), m_secret);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Approve"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ManagerApprovalDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    // Wide enough for the reason's text, the window title and the
    // fields' hints in Russian as in English.
    setMinimumWidth(460);
    m_login->setFocus();
}

OrdersService::ManagerSignIn ManagerApprovalDialog::signIn() const
{
    return {m_login->text().trimmed(), m_secret->text(), m_shopId};
}

void ManagerApprovalDialog::accept()
{
    if (m_login->text().trimmed().isEmpty() || m_secret->text().isEmpty()) {
        (m_login->text().trimmed().isEmpty() ? m_login : m_secret)->setFocus();
        m_banner->showMessage(tr("A manager types their login and password or PIN to approve."));
        return;
    }
    QDialog::accept();
}

} // namespace shopdesk
