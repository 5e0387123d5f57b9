#include "CustomerDialog.h"

#include "models/core/TaskRunner.h"
#include "models/customers/CustomersService.h"
#include "ui/common/MessageBanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

CustomerDialog::CustomerDialog(const Actor &actor, const Customer &customer, QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_customer(customer),
      m_banner(new MessageBanner(this)),
      m_first(new QLineEdit(customer.firstName, this)),
      m_last(new QLineEdit(customer.lastName, this)),
      m_age(new QSpinBox(this)),
      m_gender(new QComboBox(this)),
      m_problems(new QCheckBox(tr("This customer has &problems"), this)),
      m_phone(new QLineEdit(customer.phone, this)),
      m_email(new QLineEdit(customer.email, this))
{
    setWindowTitle(customer.id ? tr("Edit customer") : tr("New customer"));
    m_first->setObjectName(u"firstName"_s);
    m_last->setObjectName(u"lastName"_s);
    m_age->setObjectName(u"age"_s);
    m_gender->setObjectName(u"gender"_s);
    m_problems->setObjectName(u"problems"_s);
    m_first->setMaxLength(CustomerStore::kMaxNameLength);
    m_last->setMaxLength(CustomerStore::kMaxNameLength);
    m_age->setRange(0, 150);
    m_age->setValue(customer.age);
    m_gender->addItem(tr("female"), u"female"_s);
    m_gender->addItem(tr("male"), u"male"_s);
    m_gender->setCurrentIndex(qMax(0, m_gender->findData(customer.gender)));
    m_problems->setChecked(customer.problems);

    auto *form = new QFormLayout;
    form->addRow(tr("&First name:"), m_first);
    form->addRow(tr("&Last name:"), m_last);
    form->addRow(tr("&Age:"), m_age);
    form->addRow(tr("&Gender:"), m_gender);
    form->addRow(QString(), m_problems);
    form->addRow(tr("P&hone:"), m_phone);
    form->addRow(tr("&E-mail:"), m_email);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Save);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomerDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QWidget *CustomerDialog::fieldFor(const QString &name) const
{
    if (name == u"last_name"_s)
        return m_last;
    if (name == u"age"_s)
        return m_age;
    if (name == u"gender"_s)
        return m_gender;
    if (name == u"email"_s)
        return m_email;
    if (name == u"phone"_s)
        return m_phone;
    return m_first;
}

void CustomerDialog::submit()
{
    Customer c = m_customer;
    c.firstName = m_first->text();
    c.lastName = m_last->text();
    c.age = m_age->value();
    c.gender = m_gender->currentData().toString();
    c.problems = m_problems->isChecked();
    c.phone = m_phone->text();
    c.email = m_email->text().trimmed();
    if (auto invalid = CustomerStore::validate(c)) {
        m_banner->showMessage(invalid->message);
        fieldFor(invalid->field)->setFocus();
        return;
    }
    setSaving(true);
    whenReady(this, CustomersService(m_actor).save(c), [this](const Result<Customer> &result) {
        setSaving(false);
        if (!result) {
            m_banner->showMessage(result.error().message);
            return;
        }
        m_customer = result.value();
        accept();
    });
}

void CustomerDialog::setSaving(bool saving)
{
    // While the change is on its way neither Save nor Cancel: a Cancel now
    // would close the dialog on a change that is still being committed.
    m_ok->setEnabled(!saving);
    if (auto *buttons = findChild<QDialogButtonBox *>())
        buttons->button(QDialogButtonBox::Cancel)->setEnabled(!saving);
}

} // namespace shopdesk
