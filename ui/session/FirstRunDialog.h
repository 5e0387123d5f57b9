#pragma once

#include "models/core/Actor.h"

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace shopdesk {

class MessageBanner;

// First start on an empty database (outside demo mode): name the shop and
// create its first administrator, who is then signed in.
class FirstRunDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FirstRunDialog(QWidget *parent = nullptr);

    Actor actor() const { return m_actor; }

private:
    void create();
    QLineEdit *fieldFor(const QString &name) const;

    Actor m_actor;
    MessageBanner *m_banner;
    QLineEdit *m_shopName;
    QLineEdit *m_shopCode;
    QLineEdit *m_login;
    QLineEdit *m_displayName;
    QLineEdit *m_password;
    QLineEdit *m_confirm;
    QPushButton *m_create;
};

} // namespace shopdesk
