#include "OpenShiftDialog.h"

#include "AmountEdit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

OpenShiftDialog::OpenShiftDialog(const QString &till, qint64 suggestedFloat, QWidget *parent)
    : QDialog(parent), m_float(new AmountEdit(this)), m_problem(new QLabel(this))
{
    setWindowTitle(tr("Open the shift at till %1").arg(till));
    m_float->setObjectName(u"openingCash"_s);
    m_float->setAmount(suggestedFloat);
    m_float->selectAll();
    m_problem->setObjectName(u"openShiftProblem"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("&Cash in the drawer (the float):"), m_float);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Open shift"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_ok->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_float, &QLineEdit::textEdited, this, &OpenShiftDialog::check);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Count the cash you put in the drawer to give change from."), this));
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    check();
}

qint64 OpenShiftDialog::openingCash() const
{
    return m_float->amount().value_or(0);
}

void OpenShiftDialog::check()
{
    const auto amount = m_float->amount();
    QString problem;
    if (!amount)
        problem = tr("Type the float as an amount, e.g. 5000 or 4999,50.");
    else if (*amount < 0)
        problem = tr("The float cannot be negative.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_ok->setEnabled(problem.isEmpty());
}

} // namespace shopdesk
