#pragma once

#include "ui/Session.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace shopdesk {

class GoodsReceiptDialog;
class MessageBanner;

// The shop's goods receipts, newest first: drafts to finish (whoever
// started them), posted ones to read or cancel. New (Ctrl+N) opens an empty
// receipt; Enter or a double click opens the selected one.
class GoodsReceiptsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GoodsReceiptsDialog(const Session &session, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_tree; }

public slots:
    void load();
    void newReceipt();
    void openSelected();

signals:
    void loaded(int count);
    // A receipt was opened: tests drive it through this signal.
    void receiptOpened(shopdesk::GoodsReceiptDialog *dialog);

private:
    void open(qint64 id);

    Session m_session;
    MessageBanner *m_banner;
    QTreeWidget *m_tree;
    QLabel *m_summary;
    QPushButton *m_open;
    int m_request = 0;
};

} // namespace shopdesk
