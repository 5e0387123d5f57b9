#include "LockScreen.h"

#include "models/core/TaskRunner.h"
#include "models/staff/StaffService.h"
#include "ui/common/BuddyLabel.h"
#include "ui/common/Icons.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

LockScreen::LockScreen(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_message(new QLabel(this)),
      m_login(new QLineEdit(this)),
      m_secret(new QLineEdit(this)),
      m_unlock(new QPushButton(Icons::icon(Icon::Lock), tr("&Unlock"), this))
{
    setObjectName(u"lockScreen"_s);
    setAutoFillBackground(false);
    m_title->setObjectName(u"lockTitle"_s);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setAlignment(Qt::AlignCenter);
    m_message->setObjectName(u"lockMessage"_s);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_login->setObjectName(u"lockLogin"_s);
    m_secret->setObjectName(u"lockSecret"_s);
    m_secret->setEchoMode(QLineEdit::Password);
    m_unlock->setObjectName(u"unlock"_s);
    m_unlock->setDefault(true);
    m_unlock->setMinimumHeight(44);
    for (QLineEdit *edit : {m_login, m_secret})
        edit->setMinimumHeight(44);

    auto *panel = new QWidget(this);
    panel->setObjectName(u"lockPanel"_s);
    panel->setMaximumWidth(420);
    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("&Login:"), m_login, panel), m_login);
    form->addRow(buddyLabel(tr("&Password or PIN:"), m_secret, panel), m_secret);
    auto *inner = new QVBoxLayout(panel);
    inner->addWidget(m_title);
    inner->addSpacing(12);
    inner->addLayout(form);
    inner->addWidget(m_unlock);
    inner->addWidget(m_message);

    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(panel, 0, Qt::AlignHCenter);
    outer->addStretch(2);

    connect(m_unlock, &QPushButton::clicked, this, &LockScreen::submit);
    connect(m_secret, &QLineEdit::returnPressed, this, &LockScreen::submit);
    connect(m_login, &QLineEdit::returnPressed, m_secret, qOverload<>(&QWidget::setFocus));
    hide();
}

void LockScreen::lock(const Actor &actor, qint64 shopId, bool switchUser)
{
    m_shopId = shopId;
    m_title->setText(switchUser ? tr("Who takes over the till?")
                                : tr("Locked by %1").arg(actor.displayName));
    m_message->setText(switchUser ? tr("The open sale stays as it is.")
                                  : tr("Sign in again, or as someone else to take over."));
    m_login->setText(switchUser ? QString() : actor.login);
    m_secret->clear();
    setInputsEnabled(true);
    if (parentWidget())
        setGeometry(parentWidget()->rect());
    show();
    raise();
    (switchUser || m_login->text().isEmpty() ? m_login : m_secret)->setFocus();
}

void LockScreen::setInputsEnabled(bool enabled)
{
    for (QWidget *input : {static_cast<QWidget *>(m_login), static_cast<QWidget *>(m_secret),
                           static_cast<QWidget *>(m_unlock)})
        input->setEnabled(enabled);
}

void LockScreen::hold(const QString &notice)
{
    m_message->setText(notice);
    setInputsEnabled(false);
    show();
    raise();
}

void LockScreen::submit()
{
    const QString login = m_login->text().trimmed();
    const QString secret = m_secret->text();
    if (m_busy)
        return;
    if (login.isEmpty() || secret.isEmpty()) {
        m_message->setText(tr("Type your login and your password or PIN."));
        (login.isEmpty() ? m_login : m_secret)->setFocus();
        return;
    }
    m_busy = true;
    m_unlock->setEnabled(false);
    m_secret->clear();
    // Hashing a password takes a moment (PBKDF2): off the GUI thread.
    whenReady(this, StaffService().authenticate(login, secret, m_shopId),
              [this](const Result<Actor> &actor) {
                  m_busy = false;
                  m_unlock->setEnabled(true);
                  if (!actor) {
                      m_message->setText(actor.error().message);
                      m_secret->setFocus();
                      return;
                  }
                  hide();
                  emit signedIn(actor.value());
              });
}

void LockScreen::paintEvent(QPaintEvent *)
{
    // Opaque: nothing of the page underneath (a customer's details, the
    // till's total) shows while the person is away.
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
}

} // namespace shopdesk
