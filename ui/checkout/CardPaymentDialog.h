#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace shopdesk {

class PaymentTerminal;

// Paying by card: the amount, large, and what the terminal says. With a
// standalone terminal the cashier keys the amount into it and confirms its
// approval here (Enter), or goes back (Esc); a connected terminal answers by
// itself. No sale is paid by card in one key press.
class CardPaymentDialog : public QDialog
{
    Q_OBJECT
public:
    CardPaymentDialog(qint64 amount, const QString &orderNumber, PaymentTerminal *terminal,
                      QWidget *parent = nullptr);

private:
    PaymentTerminal *m_terminal;
    QLabel *m_status;
    QPushButton *m_approved;
};

} // namespace shopdesk
