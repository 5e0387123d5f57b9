#include "CashMovementDialog.h"

#include "AmountEdit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

CashMovementDialog::CashMovementDialog(QWidget *parent)
    : QDialog(parent),
      m_in(new QRadioButton(tr("Cash &in"), this)),
      m_out(new QRadioButton(tr("Cash &out"), this)),
      m_amount(new AmountEdit(this)),
      m_reason(new QComboBox(this)),
      m_problem(new QLabel(this))
{
    setWindowTitle(tr("Cash in or out"));
    m_in->setObjectName(u"cashIn"_s);
    m_out->setObjectName(u"cashOut"_s);
    m_amount->setObjectName(u"cashAmount"_s);
    m_reason->setObjectName(u"cashReason"_s);
    m_problem->setObjectName(u"cashProblem"_s);
    m_in->setChecked(true);
    m_reason->setEditable(true);
    m_reason->setInsertPolicy(QComboBox::NoInsert);
    m_reason->lineEdit()->setPlaceholderText(tr("Why: a top-up, a collection, what was bought"));
    auto suggest = [this] {
        const QString typed = m_reason->currentText();
        m_reason->clear();
        if (m_in->isChecked())
            m_reason->addItems({tr("Float top-up"), tr("Change brought from the safe")});
        else
            m_reason->addItems({tr("Collection"), tr("Petty expense: "), tr("Change to the safe")});
        m_reason->setCurrentText(typed);
    };
    suggest();
    m_reason->setCurrentText(QString());

    auto *directions = new QHBoxLayout;
    directions->addWidget(m_in);
    directions->addWidget(m_out);
    directions->addStretch(1);
    auto *form = new QFormLayout;
    form->addRow(tr("Direction:"), directions);
    form->addRow(tr("&Amount:"), m_amount);
    form->addRow(tr("&Reason:"), m_reason);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Record"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_ok->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_amount, &QLineEdit::textEdited, this, &CashMovementDialog::check);
    connect(m_reason, &QComboBox::currentTextChanged, this, &CashMovementDialog::check);
    connect(m_in, &QRadioButton::toggled, this, suggest);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    m_amount->setFocus();
    check();
}

CashMovement::Direction CashMovementDialog::direction() const
{
    return m_out->isChecked() ? CashMovement::Direction::Out : CashMovement::Direction::In;
}

qint64 CashMovementDialog::amount() const
{
    return m_amount->amount().value_or(0);
}

QString CashMovementDialog::reason() const
{
    return m_reason->currentText().trimmed();
}

void CashMovementDialog::check()
{
    const auto amount = m_amount->amount();
    QString problem;
    if (!amount || *amount <= 0)
        problem = tr("Type an amount of more than zero.");
    else if (reason().isEmpty() || reason().endsWith(u':'))
        problem = tr("Say why the cash goes in or out.");
    m_problem->setText(problem);
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace shopdesk
