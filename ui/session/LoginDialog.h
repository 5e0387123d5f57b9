#pragma once

#include "models/core/Actor.h"
#include "models/shops/ShopStore.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace shopdesk {

class MessageBanner;

// Sign-in at start: login and password, usable from the keyboard alone
// (type, Tab, type, Enter). The check runs off the GUI thread.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    LoginDialog(const Shop &shop, const QString &lastLogin, QWidget *parent = nullptr);

    // Shown under the fields, e.g. the demo accounts.
    void setHint(const QString &html);
    Actor actor() const { return m_actor; }

private:
    void signIn();
    void setBusy(bool busy);

    Shop m_shop;
    Actor m_actor;
    QLineEdit *m_login;
    QLineEdit *m_password;
    MessageBanner *m_banner;
    QLabel *m_hint;
    QPushButton *m_signIn;
};

} // namespace shopdesk
