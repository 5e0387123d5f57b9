#pragma once

#include "models/orders/Payment.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace shopdesk {

// Taking the money: cash (what was handed over, the change shown as it is
// typed), or split between card and cash. Card alone needs no dialog.
class PaymentDialog : public QDialog
{
    Q_OBJECT
public:
    PaymentDialog(PaymentMethod method, qint64 total, QWidget *parent = nullptr);

    Payment payment() const;

private:
    void update();

    PaymentMethod m_method;
    qint64 m_total;
    QLineEdit *m_tendered;
    QLineEdit *m_card;
    QLabel *m_change;
    QPushButton *m_ok;
};

} // namespace shopdesk
