#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace shopdesk {

class MessageBanner;

// A new password, or a new PIN, for someone's account: typed twice, masked,
// checked here by the store's own rules before the dialog closes. For a PIN
// it also offers to remove the one set. The caller makes the change.
class StaffSecretDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { Password, Pin };

    // `who` names the account in the title; `hasPin` enables "Remove PIN".
    StaffSecretDialog(Kind kind, const QString &who, bool hasPin, QWidget *parent = nullptr);

    // What was typed (accepted); empty when the PIN is to be removed.
    QString secret() const;
    bool removesPin() const { return m_removePin; }

private:
    void submit();

    Kind m_kind;
    MessageBanner *m_banner;
    QLineEdit *m_secret;
    QLineEdit *m_confirm;
    bool m_removePin = false;
};

} // namespace shopdesk
