#pragma once

#include "models/core/Role.h"

#include <QDialog>

class QComboBox;

namespace shopdesk {

// Choosing another role for an account. The caller makes the change.
class StaffRoleDialog : public QDialog
{
    Q_OBJECT
public:
    StaffRoleDialog(const QString &who, Role current, QWidget *parent = nullptr);
    Role role() const;

private:
    QComboBox *m_role;
};

} // namespace shopdesk
