#pragma once

#include "models/orders/OrdersService.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace shopdesk {

class MessageBanner;

// A manager approving something at this computer: their login and their
// password or PIN. It only collects them; the call that needs the approval
// checks them on the database (StaffStore::approveAsManager) with what it
// does, so no approval passes through the page.
class ManagerApprovalDialog : public QDialog
{
    Q_OBJECT
public:
    // `why` says what is approved (one or two sentences).
    ManagerApprovalDialog(const QString &why, qint64 shopId, QWidget *parent = nullptr);

    OrdersService::ManagerSignIn signIn() const;

public slots:
    void accept() override;

private:
    qint64 m_shopId;
    QLineEdit *m_login;
    QLineEdit *m_secret;
    MessageBanner *m_banner;
};

} // namespace shopdesk
