#include "PaymentDialog.h"

#include "models/core/Money.h"
#include "ui/common/NumericKeypad.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

PaymentDialog::PaymentDialog(PaymentMethod method, qint64 total, QWidget *parent)
    : QDialog(parent),
      m_method(method),
      m_total(total),
      m_tendered(new QLineEdit(this)),
      m_card(new QLineEdit(this)),
      m_change(new QLabel(this)),
      m_ok(nullptr)
{
    setWindowTitle(method == PaymentMethod::Split ? tr("Card and cash") : tr("Cash"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    auto *totalLabel = new QLabel(Money::format(total), this);
    totalLabel->setFont(big);
    totalLabel->setObjectName(u"paymentTotal"_s);
    m_tendered->setObjectName(u"cashTendered"_s);
    m_card->setObjectName(u"cardPart"_s);
    m_change->setObjectName(u"change"_s);
    m_change->setFont(big);
    for (QLineEdit *edit : {m_tendered, m_card}) {
        edit->setFont(big);
        edit->setMinimumHeight(44);
        edit->setAlignment(Qt::AlignRight);
        connect(edit, &QLineEdit::textEdited, this, &PaymentDialog::update);
    }
    auto *form = new QFormLayout;
    form->addRow(tr("Total:"), totalLabel);
    if (method == PaymentMethod::Split)
        form->addRow(tr("On the &card:"), m_card);
    else
        m_card->hide();
    form->addRow(tr("Cash &handed over:"), m_tendered);
    form->addRow(tr("Change:"), m_change);

    auto *keypad = new NumericKeypad(this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Paid"));
    for (QPushButton *b : {m_ok, buttons->button(QDialogButtonBox::Cancel)})
        b->setMinimumHeight(44);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_ok->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(keypad, &NumericKeypad::enterPressed, this, [this] {
        if (m_ok->isEnabled())
            accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(keypad);
    layout->addWidget(buttons);
    // Exact money is the common case for cash: start with the total. A split
    // starts empty: the cash part is known only once the card part is.
    if (method == PaymentMethod::Cash)
        m_tendered->setText(Money::formatPlain(total));
    m_tendered->selectAll();
    (method == PaymentMethod::Split ? m_card : m_tendered)->setFocus();
    update();
}

Payment PaymentDialog::payment() const
{
    Payment p;
    p.method = m_method;
    p.cashTendered = Money::parse(m_tendered->text()).value_or(0);
    p.card = m_method == PaymentMethod::Split ? Money::parse(m_card->text()).value_or(0) : 0;
    return p;
}

void PaymentDialog::update()
{
    const auto tendered = Money::parse(m_tendered->text());
    const auto card = Money::parse(m_card->text());
    qint64 cashDue = m_total;
    QString problem;
    if (m_method == PaymentMethod::Split) {
        if (!card || *card <= 0 || *card >= m_total)
            problem = tr("The card part must be more than 0 and less than %1.")
                          .arg(Money::format(m_total));
        else
            cashDue = m_total - *card;
    }
    if (problem.isEmpty()) {
        if (!tendered)
            problem = tr("Type the amount handed over, e.g. 1000 or 999,50.");
        else if (*tendered < cashDue)
            problem = tr("%1 more is needed.").arg(Money::format(cashDue - *tendered));
    }
    m_ok->setEnabled(problem.isEmpty());
    m_change->setText(problem.isEmpty() ? Money::format(*tendered - cashDue) : problem);
}

} // namespace shopdesk
