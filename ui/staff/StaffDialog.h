#pragma once

#include "models/core/Actor.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace shopdesk {

class MessageBanner;

// A new staff account: login, name, role and the password typed twice. The
// form is checked as it is sent (the message names the field and the
// keyboard goes there); the account is created off the GUI thread and a
// refusal (a login already taken) keeps the dialog open.
class StaffDialog : public QDialog
{
    Q_OBJECT
public:
    explicit StaffDialog(const Actor &admin, QWidget *parent = nullptr);

    // Set once accepted.
    QString login() const;
    QString displayName() const;

public slots:
    // Not while the account is being created.
    void reject() override;

private:
    void submit();
    QLineEdit *fieldFor(const QString &name) const;
    void setBusy(bool busy);

    Actor m_admin;
    MessageBanner *m_banner;
    QLineEdit *m_login;
    QLineEdit *m_displayName;
    QComboBox *m_role;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QPushButton *m_ok = nullptr;
    bool m_busy = false;
};

// Fills `combo` with the roles, cashier first, each with its Role as data.
void addRoles(QComboBox *combo);

} // namespace shopdesk
