#include "StaffDialog.h"

#include "models/core/TaskRunner.h"
#include "models/staff/StaffService.h"
#include "ui/common/MessageBanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

void addRoles(QComboBox *combo)
{
    for (Role role : kAllRoles)
        combo->addItem(roleDisplayName(role), QVariant::fromValue(role));
}

StaffDialog::StaffDialog(const Actor &admin, QWidget *parent)
    : QDialog(parent),
      m_admin(admin),
      m_banner(new MessageBanner(this)),
      m_login(new QLineEdit(this)),
      m_displayName(new QLineEdit(this)),
      m_role(new QComboBox(this)),
      m_password(new QLineEdit(this)),
      m_confirm(new QLineEdit(this))
{
    setWindowTitle(tr("New staff account"));
    setObjectName(u"staffDialog"_s);
    m_login->setObjectName(u"login"_s);
    m_login->setMaxLength(64);
    // Capitals are let through and lowered when sent: logins are matched
    // without regard to case anyway, and a swallowed key would puzzle.
    m_login->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z0-9._-]*"_s), m_login));
    m_login->setPlaceholderText(tr("e.g. kate.s"));
    m_displayName->setObjectName(u"displayName"_s);
    m_displayName->setMaxLength(100);
    m_displayName->setPlaceholderText(tr("as shown on receipts and in the history"));
    m_role->setObjectName(u"role"_s);
    addRoles(m_role);
    for (QLineEdit *secret : {m_password, m_confirm}) {
        secret->setEchoMode(QLineEdit::Password);
        secret->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                                    Qt::ImhNoAutoUppercase);
    }
    m_password->setObjectName(u"password"_s);
    m_password->setPlaceholderText(
        tr("at least %Ln characters", nullptr, StaffStore::kMinPasswordLength));
    m_confirm->setObjectName(u"confirm"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("&Login:"), m_login);
    form->addRow(tr("&Full name:"), m_displayName);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("R&epeat password:"), m_confirm);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Create"));
    m_ok->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &StaffDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &StaffDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(440);
    m_login->setFocus();
}

QString StaffDialog::login() const
{
    return m_login->text().trimmed().toLower();
}

QString StaffDialog::displayName() const
{
    return m_displayName->text().trimmed();
}

QLineEdit *StaffDialog::fieldFor(const QString &name) const
{
    if (name == u"login"_s)
        return m_login;
    if (name == u"display_name"_s)
        return m_displayName;
    return m_password;
}

void StaffDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_ok->setEnabled(!busy);
    m_ok->setText(busy ? tr("Creating…") : tr("&Create"));
}

void StaffDialog::submit()
{
    if (m_busy)
        return;
    NewStaff staff;
    staff.login = login();
    staff.displayName = m_displayName->text();
    staff.role = m_role->currentData().value<Role>();
    staff.password = m_password->text();
    // The form first, so a mistake is shown at once and names its field.
    if (auto invalid = StaffStore::validate(staff)) {
        m_banner->showMessage(invalid->message);
        fieldFor(invalid->field)->setFocus();
        fieldFor(invalid->field)->selectAll();
        return;
    }
    if (m_confirm->text() != m_password->text()) {
        m_banner->showMessage(tr("The two passwords differ. Type the same password twice."));
        m_confirm->selectAll();
        m_confirm->setFocus();
        return;
    }
    m_banner->hideMessage();
    setBusy(true);
    whenReady(this, StaffService(m_admin).create(staff), [this](const Result<qint64> &created) {
        setBusy(false);
        if (!created) {
            m_banner->showMessage(created.error().message);
            if (!created.error().field.isEmpty()) {
                fieldFor(created.error().field)->setFocus();
                fieldFor(created.error().field)->selectAll();
            }
            return;
        }
        accept();
    });
}

void StaffDialog::reject()
{
    if (m_busy)
        return; // the account is being created; the answer closes the dialog
    QDialog::reject();
}

} // namespace shopdesk
