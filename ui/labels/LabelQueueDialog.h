#pragma once

#include "models/labels/LabelQueueStore.h"
#include "ui/Session.h"

#include <QDialog>
#include <QList>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace shopdesk {

class MessageBanner;

// The labels waiting to be printed: queued by price changes (a scheduled
// price's "from" tag ahead of its day) or on request. Print prints the
// selected ones (all when none is selected) through LabelPrintDialog and
// marks them printed; they leave the list.
class LabelQueueDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LabelQueueDialog(const Session &session, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_tree; }
    // Print to this PDF without asking (tests).
    void setPdfPath(const QString &path) { m_pdfPath = path; }

public slots:
    void load();
    void printLabels();

signals:
    void loaded(int waiting);
    void marked(int printed);

private:
    void showLabels(const QList<QueuedLabel> &labels);

    Session m_session;
    MessageBanner *m_banner;
    QTreeWidget *m_tree;
    QLabel *m_summary;
    QPushButton *m_print;
    QList<QueuedLabel> m_labels;
    QString m_pdfPath;
    int m_request = 0;
};

} // namespace shopdesk
