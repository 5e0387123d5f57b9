#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace shopdesk {

class AmountEdit;

// Opening a till's shift: the cash put in the drawer to give change from
// (the float).
class OpenShiftDialog : public QDialog
{
    Q_OBJECT
public:
    OpenShiftDialog(const QString &till, qint64 suggestedFloat, QWidget *parent = nullptr);

    qint64 openingCash() const;

private:
    void check();

    AmountEdit *m_float;
    QLabel *m_problem;
    QPushButton *m_ok;
};

} // namespace shopdesk
