#pragma once

#include "models/orders/Payment.h"

#include <QDialog>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace shopdesk {

// Taking the money: cash (what was handed over, the change shown as it is
// typed, a button for the exact amount and each next round note), or split
// between card and cash (the card part first, Tab to the cash). Enter pays
// when the money is enough and never cancels; Esc goes back to the sale.
class PaymentDialog : public QDialog
{
    Q_OBJECT
public:
    PaymentDialog(PaymentMethod method, qint64 total, QWidget *parent = nullptr);

    Payment payment() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void update();
    // The quick-cash buttons for what is due in cash now.
    void offerQuickCash(qint64 due);

    PaymentMethod m_method;
    qint64 m_total;
    QLineEdit *m_tendered;
    QLineEdit *m_card;
    QLabel *m_change;
    QPushButton *m_ok;
    QHBoxLayout *m_quickCash;
    qint64 m_quickDue = -1; // what the quick-cash buttons are for
    bool m_cashTyped = false; // the cashier typed the cash part themselves
};

} // namespace shopdesk
