#include "FirstRunDialog.h"

#include "models/core/TaskRunner.h"
#include "models/setup/SetupService.h"
#include "models/setup/SetupStore.h"
#include "models/shops/ShopStore.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

FirstRunDialog::FirstRunDialog(QWidget *parent)
    : QDialog(parent),
      m_banner(new MessageBanner(this)),
      m_shopName(new QLineEdit(this)),
      m_shopCode(new QLineEdit(this)),
      m_login(new QLineEdit(u"admin"_s, this)),
      m_displayName(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_confirm(new QLineEdit(this))
{
    setWindowTitle(tr("Set up ShopDesk"));
    auto *intro = new QLabel(tr("<b>Welcome to ShopDesk.</b><br>Name your shop and create the "
                                "administrator account. The administrator adds the other staff "
                                "later."),
                             this);
    intro->setWordWrap(true);
    m_shopName->setObjectName(u"shopName"_s);
    m_shopCode->setObjectName(u"shopCode"_s);
    m_shopCode->setText(u"SHOP-1"_s);
    m_shopCode->setToolTip(tr("A short code for head office, Latin letters and digits."));
    m_login->setObjectName(u"login"_s);
    m_displayName->setObjectName(u"displayName"_s);
    m_password->setObjectName(u"password"_s);
    m_confirm->setObjectName(u"confirm"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_confirm->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(
        tr("at least %Ln characters", nullptr, StaffStore::kMinPasswordLength));

    auto *form = new QFormLayout;
    form->addRow(tr("Shop &name:"), m_shopName);
    form->addRow(tr("Shop &code:"), m_shopCode);
    form->addRow(tr("Administrator &login:"), m_login);
    form->addRow(tr("Administrator's &full name:"), m_displayName);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Repeat password:"), m_confirm);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("&Create and sign in"), QDialogButtonBox::AcceptRole);
    m_create->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstRunDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(460);
    m_shopName->setFocus();
}

QLineEdit *FirstRunDialog::fieldFor(const QString &name) const
{
    if (name == u"code"_s)
        return m_shopCode;
    if (name == u"name"_s)
        return m_shopName;
    if (name == u"login"_s)
        return m_login;
    if (name == u"display_name"_s)
        return m_displayName;
    return m_password;
}

void FirstRunDialog::create()
{
    if (m_password->text() != m_confirm->text()) {
        m_banner->showMessage(tr("The two passwords differ. Type the same password twice."));
        m_confirm->selectAll();
        m_confirm->setFocus();
        return;
    }
    NewStaff admin;
    admin.login = m_login->text().trimmed();
    admin.displayName = m_displayName->text();
    admin.role = Role::Admin;
    admin.password = m_password->text();
    const QString code = m_shopCode->text().trimmed();
    const QString name = m_shopName->text();
    // Check the form here first, so mistakes are shown without a round trip.
    std::optional<StoreError> invalid = ShopStore::validate(code, name);
    if (!invalid)
        invalid = StaffStore::validate(admin);
    if (invalid) {
        m_banner->showMessage(invalid->message);
        fieldFor(invalid->field)->setFocus();
        return;
    }

    m_create->setEnabled(false);
    whenReady(this, SetupService().initialize(code, name, admin),
              [this, admin](const Result<SetupStore::Created> &result) {
                  m_create->setEnabled(true);
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      return;
                  }
                  m_actor.staffId = result->adminId;
                  m_actor.login = admin.login;
                  m_actor.displayName = admin.displayName.trimmed();
                  m_actor.role = Role::Admin;
                  m_actor.shopId = result->shopId;
                  accept();
              });
}

} // namespace shopdesk
