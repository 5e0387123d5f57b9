#include "PaymentDialog.h"

#include "models/core/Money.h"
#include "models/orders/OrderPricing.h"
#include "ui/common/NumericKeypad.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
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
      m_ok(nullptr),
      m_quickCash(new QHBoxLayout)
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
    }
    connect(m_card, &QLineEdit::textEdited, this, &PaymentDialog::update);
    connect(m_tendered, &QLineEdit::textEdited, this, [this] {
        m_cashTyped = true; // from now on the cash part is the cashier's
        update();
    });
    auto *form = new QFormLayout;
    form->addRow(tr("Total:"), totalLabel);
    if (method == PaymentMethod::Split)
        form->addRow(tr("On the &card:"), m_card);
    else
        m_card->hide();
    form->addRow(tr("Cash &handed over:"), m_tendered);
    form->addRow(QString(), m_quickCash);
    form->addRow(tr("Change:"), m_change);

    auto *keypad = new NumericKeypad(this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Paid (Enter)"));
    m_ok->setDefault(true);
    QPushButton *back = buttons->button(QDialogButtonBox::Cancel);
    back->setText(tr("&Back (Esc)"));
    // Enter must never cancel a sale: Back takes no focus (Tab goes from the
    // card part to the cash and on to Paid) and is never the default.
    back->setAutoDefault(false);
    back->setFocusPolicy(Qt::NoFocus);
    for (QPushButton *b : {m_ok, back})
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
    // Tabbing into the cash shows the rest due, selected: what is typed
    // replaces it.
    m_tendered->installEventFilter(this);
    setTabOrder(m_card, m_tendered);
    setTabOrder(m_tendered, m_ok);

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

bool PaymentDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tendered && event->type() == QEvent::FocusIn)
        QTimer::singleShot(0, m_tendered, &QLineEdit::selectAll);
    return QDialog::eventFilter(watched, event);
}

Payment PaymentDialog::payment() const
{
    Payment p;
    p.method = m_method;
    p.cashTendered = Money::parse(m_tendered->text()).value_or(0);
    p.card = m_method == PaymentMethod::Split ? Money::parse(m_card->text()).value_or(0) : 0;
    return p;
}

void PaymentDialog::offerQuickCash(qint64 due)
{
    if (due == m_quickDue)
        return;
    m_quickDue = due;
    // (deleteLater: the button clicked may be the one asking for this.)
    while (QLayoutItem *item = m_quickCash->takeAt(0)) {
        if (item->widget())
            item->widget()->deleteLater();
        delete item;
    }
    if (due <= 0)
        return;
    const QList<qint64> amounts = OrderPricing::quickCash(due);
    for (int i = 0; i < amounts.size(); ++i) {
        const qint64 amount = amounts.at(i);
        auto *b = new QPushButton(
            i == 0 ? tr("Exact %1").arg(Money::format(amount)) : Money::format(amount), this);
        b->setObjectName(i == 0 ? u"quickCashExact"_s : u"quickCash%1"_s.arg(amount));
        b->setMinimumHeight(44);
        b->setFocusPolicy(Qt::NoFocus); // the keyboard stays in the amount field
        b->setAutoDefault(false);
        connect(b, &QPushButton::clicked, this, [this, amount] {
            m_tendered->setText(Money::formatPlain(amount));
            m_cashTyped = true;
            update();
            m_tendered->setFocus();
            m_tendered->selectAll();
        });
        m_quickCash->addWidget(b);
    }
    m_quickCash->addStretch(1);
}

void PaymentDialog::update()
{
    const auto card = Money::parse(m_card->text());
    qint64 cashDue = m_total;
    QString problem;
    if (m_method == PaymentMethod::Split) {
        if (!card || *card <= 0 || *card >= m_total)
            problem = tr("The card part must be more than 0 and less than %1.")
                          .arg(Money::format(m_total));
        else
            cashDue = m_total - *card;
        // Until the cashier types the cash, it follows the card part: the
        // rest of the total, exactly.
        if (!m_cashTyped)
            m_tendered->setText(problem.isEmpty() ? Money::formatPlain(cashDue) : QString());
    }
    const auto tendered = Money::parse(m_tendered->text());
    if (problem.isEmpty()) {
        if (!tendered)
            problem = tr("Type the amount handed over, e.g. 1000 or 999,50.");
        else if (*tendered < cashDue)
            problem = tr("%1 more is needed.").arg(Money::format(cashDue - *tendered));
    }
    offerQuickCash(m_method == PaymentMethod::Split && (!card || *card <= 0 || *card >= m_total)
                       ? 0
                       : cashDue);
    m_ok->setEnabled(problem.isEmpty());
    m_change->setText(problem.isEmpty() ? Money::format(*tendered - cashDue) : problem);
}

} // namespace shopdesk
