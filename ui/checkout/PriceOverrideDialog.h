#pragma once

#include "models/catalog/ProductStore.h"
#include "models/staff/StaffStore.h"

#include <QDialog>

#include <optional>

class QLineEdit;
class QPushButton;

namespace shopdesk {

class MessageBanner;

// A line's price changed at the till (a damaged pack, a price tag that
// differs from the system): a manager types their login and password or PIN
// on the till. Accepted only with their approval in hand.
class PriceOverrideDialog : public QDialog
{
    Q_OBJECT
public:
    PriceOverrideDialog(const Product &product, qint64 currentPrice, qint64 shopId,
                        QWidget *parent = nullptr);

    qint64 newPrice() const { return m_price; }
    std::optional<ManagerApproval> approval() const { return m_approval; }

public slots:
    void accept() override;
    void reject() override;

private:
    qint64 m_shopId;
    qint64 m_price = 0;
    std::optional<ManagerApproval> m_approval;
    QLineEdit *m_newPrice;
    QLineEdit *m_login;
    QLineEdit *m_secret;
    MessageBanner *m_banner;
    QPushButton *m_ok = nullptr;
    bool m_busy = false;
};

} // namespace shopdesk
