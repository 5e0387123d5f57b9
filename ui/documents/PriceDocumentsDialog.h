#pragma once

#include "PriceDocumentDialog.h"
#include "models/documents/DocumentsService.h"
#include "ui/Session.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace shopdesk {

class MessageBanner;

// The price-change documents, newest first: drafts to finish, posted ones
// to read. New opens an empty draft; Enter or a double click opens the
// selected one in PriceDocumentDialog.
class PriceDocumentsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PriceDocumentsDialog(const Session &session, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_tree; }

public slots:
    void load();
    void newDocument();
    void openSelected();

signals:
    void loaded(int count);
    // A document was opened: tests drive it through this signal.
    void documentOpened(shopdesk::PriceDocumentDialog *dialog);

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
