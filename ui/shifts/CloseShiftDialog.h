#pragma once

#include "models/shifts/CashCount.h"

#include <QDialog>
#include <QList>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace shopdesk {

class AmountEdit;

// The Z report's first step: the cashier counts the drawer, as one total or
// note by note, before seeing what was expected (a blind count).
class CloseShiftDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CloseShiftDialog(const QString &till, QWidget *parent = nullptr);

    CashCount counted() const;

private:
    void update();

    AmountEdit *m_total;
    QCheckBox *m_byNotes;
    QStackedWidget *m_modes;
    QList<QPair<qint64, QSpinBox *>> m_notes;
    QLabel *m_sum;
    QPushButton *m_ok;
};

} // namespace shopdesk
