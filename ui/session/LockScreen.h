#pragma once

#include "models/core/Actor.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace shopdesk {

// Covers the main window while the till is locked: whatever was on it (an
// open sale included) stays as it was underneath. The person who locked it
// signs back in with their password or PIN; someone else signing in is a
// change of user.
class LockScreen : public QWidget
{
    Q_OBJECT
public:
    explicit LockScreen(QWidget *parent = nullptr);

    // Shows the lock for `actor` at `shopId`; with `switchUser` the login
    // field starts empty, for the next person.
    void lock(const Actor &actor, qint64 shopId, bool switchUser);
    // Stays up, taking no sign-in, and says why (the till is finishing something).
    void hold(const QString &notice);

signals:
    // Someone signed in: the same staff member (unlock) or another (switch).
    void signedIn(const shopdesk::Actor &actor);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void setInputsEnabled(bool enabled); // login, secret and Unlock
    void submit();

    qint64 m_shopId = 0;
    QLabel *m_title;
    QLabel *m_message;
    QLineEdit *m_login;
    QLineEdit *m_secret;
    QPushButton *m_unlock;
    bool m_busy = false;
};

} // namespace shopdesk
