#pragma once

#include "store/OrderStore.h"

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace shopdesk {

class MessageBanner;

// Taking items of a paid order back: how many of each line, why, and a
// manager's sign-in on the till to approve. The manager is checked with
// their password before the return is made.
class ReturnDialog : public QDialog
{
    Q_OBJECT
public:
    ReturnDialog(const Actor &cashier, const Order &order, qint64 shopId,
                 QWidget *parent = nullptr);

    // The order after the return (set when the dialog was accepted).
    std::optional<Order> result() const { return m_result; }

private:
    void submit();

    Actor m_cashier;
    Order m_order;
    qint64 m_shopId;
    QList<QSpinBox *> m_quantities;
    QLineEdit *m_reason;
    QLineEdit *m_managerLogin;
    QLineEdit *m_managerPassword;
    MessageBanner *m_banner;
    QPushButton *m_ok = nullptr;
    std::optional<Order> m_result;
};

} // namespace shopdesk
