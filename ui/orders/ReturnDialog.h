#pragma once

#include "models/core/Actor.h"
#include "models/orders/Returns.h"

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace shopdesk {

class MessageBanner;

// Taking items of a paid order back: how many of each line, why, and a
// manager's sign-in on the till to approve. The manager is checked with
// their password or PIN (StaffStore::approveAsManager) before the return is made.
class ReturnDialog : public QDialog
{
    Q_OBJECT
public:
    ReturnDialog(const Actor &cashier, const Order &order, qint64 shopId,
                 QWidget *parent = nullptr);

    // The order after the return and the refund (set when accepted).
    std::optional<ReturnedItems> result() const { return m_result; }

public slots:
    // Not while a return is on its way.
    void reject() override;

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
    std::optional<ReturnedItems> m_result;
    bool m_busy = false; // a return is on its way: it cannot be cancelled now
};

} // namespace shopdesk
