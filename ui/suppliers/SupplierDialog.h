#pragma once

#include "models/suppliers/Supplier.h"
#include "ui/Session.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace shopdesk {

class MessageBanner;

// A new supplier: its name (required, unique), tax id and contacts, saved
// through SuppliersService. A refused field gets the focus and the message.
class SupplierDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SupplierDialog(const Session &session, QWidget *parent = nullptr);

    // The supplier as saved (valid once accepted).
    const Supplier &supplier() const { return m_supplier; }
    void setName(const QString &name);

public slots:
    void accept() override;

signals:
    void failed(const QString &message); // for tests: what the banner said

private:
    Session m_session;
    Supplier m_supplier;
    MessageBanner *m_banner;
    QLineEdit *m_name;
    QLineEdit *m_taxId;
    QPlainTextEdit *m_contacts;
    QDialogButtonBox *m_buttons;
};

} // namespace shopdesk
