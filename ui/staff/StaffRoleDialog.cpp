#include "StaffRoleDialog.h"

#include "StaffDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

StaffRoleDialog::StaffRoleDialog(const QString &who, Role current, QWidget *parent)
    : QDialog(parent), m_role(new QComboBox(this))
{
    setObjectName(u"staffRoleDialog"_s);
    setWindowTitle(tr("Role of %1").arg(who));
    m_role->setObjectName(u"role"_s);
    addRoles(m_role);
    m_role->setCurrentIndex(m_role->findData(QVariant::fromValue(current)));

    // The store trusts the role a session signed in with, so say when it takes effect.
    auto *explanation =
        new QLabel(tr("The new role applies from %1's next sign-in.").arg(who), this);
    explanation->setTextFormat(Qt::PlainText);
    explanation->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Role:"), m_role);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Change role"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(360);
    m_role->setFocus();
}

Role StaffRoleDialog::role() const
{
    return m_role->currentData().value<Role>();
}

} // namespace shopdesk
