#include "CardPaymentDialog.h"

#include "models/checkout/PaymentTerminal.h"
#include "models/core/Money.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

CardPaymentDialog::CardPaymentDialog(qint64 amount, const QString &orderNumber,
                                     PaymentTerminal *terminal, QWidget *parent)
    : QDialog(parent), m_terminal(terminal), m_status(new QLabel(this))
{
    setWindowTitle(tr("Card payment — order %1").arg(orderNumber));
    auto *total = new QLabel(Money::format(amount), this);
    total->setObjectName(u"cardAmount"_s);
    QFont huge = font();
    huge.setPointSizeF(huge.pointSizeF() * 2.4);
    huge.setBold(true);
    total->setFont(huge);
    total->setAlignment(Qt::AlignCenter);
    m_status->setObjectName(u"terminalStatus"_s);
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignCenter);

    auto *buttons = new QDialogButtonBox(this);
    m_approved = buttons->addButton(tr("&Approved (Enter)"), QDialogButtonBox::AcceptRole);
    m_approved->setObjectName(u"cardApproved"_s);
    QPushButton *back = buttons->addButton(tr("&Back (Esc)"), QDialogButtonBox::RejectRole);
    back->setObjectName(u"cardBack"_s);
    // Enter means "approved" only; focus never rests on Back, so Enter can
    // never go back by accident, and Esc always does.
    back->setAutoDefault(false);
    back->setFocusPolicy(Qt::NoFocus);
    for (QPushButton *b : {m_approved, back})
        b->setMinimumHeight(44);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_approved->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        m_terminal->abort();
        reject();
    });

    if (terminal->isStandalone()) {
        m_status->setText(tr("Key the amount into the card terminal. When the terminal shows "
                             "the payment approved, press Enter. Esc goes back to the sale."));
        m_approved->setDefault(true);
    } else {
        // A connected terminal answers by itself; the cashier can only go back.
        m_status->setText(tr("Waiting for the card terminal…"));
        m_approved->setEnabled(false);
        m_approved->hide();
        connect(terminal, &PaymentTerminal::approved, this, &QDialog::accept);
        connect(terminal, &PaymentTerminal::declined, this, [this](const QString &reason) {
            m_status->setText(tr("The terminal declined the payment: %1").arg(reason));
        });
        terminal->charge(amount, orderNumber);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(total);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    setMinimumWidth(480); // the amount and the instruction readable from a step back
    m_approved->setFocus();
}

} // namespace shopdesk
