#pragma once

#include "ui/Session.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace shopdesk {

class MessageBanner;
class WriteOffDialog;

// The shop's write-offs, newest first: drafts to finish (whoever started
// them), posted ones to read. New (Ctrl+N) opens an empty write-off; Enter
// or a double click opens the selected one.
class WriteOffsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WriteOffsDialog(const Session &session, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_tree; }

public slots:
    void load();
    void newWriteOff();
    void openSelected();

signals:
    void loaded(int count);
    // A write-off was opened: tests drive it through this signal.
    void writeOffOpened(shopdesk::WriteOffDialog *dialog);

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
