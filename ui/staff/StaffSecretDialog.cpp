#include "StaffSecretDialog.h"

#include "models/staff/StaffStore.h"
#include "ui/common/MessageBanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

StaffSecretDialog::StaffSecretDialog(Kind kind, const QString &who, bool hasPin, QWidget *parent)
    : QDialog(parent),
      m_kind(kind),
      m_banner(new MessageBanner(this)),
      m_secret(new QLineEdit(this)),
      m_confirm(new QLineEdit(this))
{
    const bool pin = kind == Kind::Pin;
    setObjectName(u"staffSecretDialog"_s);
    setWindowTitle(pin ? tr("PIN for %1").arg(who) : tr("New password for %1").arg(who));
    m_secret->setObjectName(u"secret"_s);
    m_confirm->setObjectName(u"confirm"_s);
    for (QLineEdit *field : {m_secret, m_confirm}) {
        field->setEchoMode(QLineEdit::Password);
        Qt::InputMethodHints hints =
            Qt::ImhSensitiveData | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase;
        if (pin) {
            hints |= Qt::ImhDigitsOnly;
            // Only ASCII digits get through (the store checks the same).
            field->setValidator(new QRegularExpressionValidator(
                QRegularExpression(u"[0-9]{0,%1}"_s.arg(StaffStore::kMaxPinLength)), field));
            field->setMaxLength(StaffStore::kMaxPinLength);
        }
        field->setInputMethodHints(hints);
    }
    m_secret->setPlaceholderText(
        pin ? tr("%1 to %2 digits").arg(StaffStore::kMinPinLength).arg(StaffStore::kMaxPinLength)
            : tr("at least %Ln characters", nullptr, StaffStore::kMinPasswordLength));

    auto *explanation = new QLabel(
        pin ? tr("A PIN lets %1 sign in on the till, and approve as a manager if their role "
                 "allows, with a few digits instead of the password.")
                  .arg(who)
            : tr("%1 signs in with this password from now on. A lockout after wrong "
                 "passwords ends with it.")
                  .arg(who),
        this);
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(pin ? tr("&PIN:") : tr("&Password:"), m_secret);
    form->addRow(pin ? tr("&Repeat PIN:") : tr("&Repeat password:"), m_confirm);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(pin ? tr("&Set PIN") : tr("&Set password"));
    ok->setDefault(true);
    if (pin) {
        QPushButton *remove = buttons->addButton(tr("Re&move PIN"), QDialogButtonBox::ResetRole);
        remove->setObjectName(u"removePin"_s);
        remove->setEnabled(hasPin);
        remove->setAutoDefault(false);
        if (!hasPin)
            remove->setToolTip(tr("%1 has no PIN.").arg(who));
        connect(remove, &QPushButton::clicked, this, [this] {
            m_removePin = true;
            m_secret->clear();
            m_confirm->clear();
            accept();
        });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &StaffSecretDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(400);
    m_secret->setFocus();
}

QString StaffSecretDialog::secret() const
{
    return m_removePin ? QString() : m_secret->text();
}

void StaffSecretDialog::submit()
{
    const QString typed = m_secret->text();
    // An empty PIN would mean "remove it": that has its own button.
    std::optional<StoreError> invalid;
    if (m_kind == Kind::Pin)
        invalid = typed.isEmpty() ? StoreError::invalid(u"pin"_s,
                                                        tr("Type a PIN of %1 to %2 digits.")
                                                            .arg(StaffStore::kMinPinLength)
                                                            .arg(StaffStore::kMaxPinLength))
                                  : StaffStore::validatePin(typed);
    else
        invalid = StaffStore::validatePassword(typed);
    if (invalid) {
        m_banner->showMessage(invalid->message);
        m_secret->selectAll();
        m_secret->setFocus();
        return;
    }
    if (m_confirm->text() != typed) {
        m_banner->showMessage(m_kind == Kind::Pin
                                  ? tr("The two PINs differ. Type the same PIN twice.")
                                  : tr("The two passwords differ. Type the same password twice."));
        m_confirm->selectAll();
        m_confirm->setFocus();
        return;
    }
    accept();
}

} // namespace shopdesk
