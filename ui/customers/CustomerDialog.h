#pragma once

#include "models/core/Actor.h"
#include "models/customers/CustomerStore.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace shopdesk {

class MessageBanner;

// Create or edit a customer, with the store's validation shown in the form.
class CustomerDialog : public QDialog
{
    Q_OBJECT
public:
    CustomerDialog(const Actor &actor, const Customer &customer, QWidget *parent = nullptr);
    Customer customer() const { return m_customer; }

private:
    void submit();
    void setSaving(bool saving);
    QWidget *fieldFor(const QString &name) const;

    Actor m_actor;
    Customer m_customer;
    MessageBanner *m_banner;
    QLineEdit *m_first;
    QLineEdit *m_last;
    QSpinBox *m_age;
    QComboBox *m_gender;
    QCheckBox *m_problems;
    QLineEdit *m_phone;
    QLineEdit *m_email;
    QPushButton *m_ok;
};

} // namespace shopdesk
