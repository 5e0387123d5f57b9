#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class QTcpSocket;
class QTimer;

namespace shopdesk {

// Receipts on their way to network receipt printers (ESC/POS over raw TCP,
// port 9100), one at a time, without blocking the till. A job that fails
// (printer off, paper out, cable pulled) stays in the queue's failed list
// with the reason, to be printed again; the sale it belongs to is paid
// whatever happens here.
class ReceiptPrintQueue : public QObject
{
    Q_OBJECT
public:
    struct Job
    {
        int id = 0;
        QString title; // e.g. the order number
        QByteArray bytes;
        QString host;
        quint16 port = 9100;
        QString error; // why the last attempt failed
    };

    explicit ReceiptPrintQueue(QObject *parent = nullptr);
    ~ReceiptPrintQueue() override;

    // Queues a job; returns its id.
    int enqueue(const QString &title, const QByteArray &bytes, const QString &host,
                quint16 port = 9100);
    // The same for a printer given as the settings keep it: "host" or
    // "host:port" (9100 when none or an impossible one is given).
    int enqueueAt(const QString &address, const QString &title, const QByteArray &bytes);
    // Queues a failed job again; false if there is no such failed job.
    bool reprint(int id);
    QList<Job> failedJobs() const { return m_failed; }
    bool isBusy() const { return m_current.has_value(); }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

signals:
    void printed(int id, const QString &title);
    void failed(int id, const QString &title, const QString &error);

private:
    void startNext();
    void finish(const QString &error);

    QList<Job> m_waiting;
    QList<Job> m_failed;
    std::optional<Job> m_current;
    QPointer<QTcpSocket> m_socket;
    QTimer *m_timer;
    int m_nextId = 1;
    int m_timeoutMs = 5000;
    qint64 m_written = 0;
};

} // namespace shopdesk
