#pragma once

#include "models/shifts/ShiftReport.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;

namespace shopdesk {

class AmountEdit;

// Cash into the drawer (a float top-up) or out of it (a collection, a petty
// expense), always with the reason.
class CashMovementDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CashMovementDialog(QWidget *parent = nullptr);

    CashMovement::Direction direction() const;
    qint64 amount() const;
    QString reason() const;

private:
    void check();

    QRadioButton *m_in;
    QRadioButton *m_out;
    AmountEdit *m_amount;
    QComboBox *m_reason;
    QLabel *m_problem;
    QPushButton *m_ok;
};

} // namespace shopdesk
