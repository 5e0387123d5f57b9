#include "ReceiptPrintQueue.h"

#include <QTcpSocket>
#include <QTimer>

namespace shopdesk {

ReceiptPrintQueue::ReceiptPrintQueue(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        finish(tr("The printer did not answer within %1 seconds.").arg(m_timeoutMs / 1000.0));
    });
}

ReceiptPrintQueue::~ReceiptPrintQueue() = default;

int ReceiptPrintQueue::enqueueAt(const QString &address, const QString &title,
                                 const QByteArray &bytes)
{
    const uint port = address.section(u':', 1, 1).toUInt();
    return enqueue(title, bytes, address.section(u':', 0, 0),
                   quint16(port > 0 && port < 65536 ? port : 9100));
}

int ReceiptPrintQueue::enqueue(const QString &title, const QByteArray &bytes, const QString &host,
                               quint16 port)
{
    Job job;
    job.id = m_nextId++;
    job.title = title;
    job.bytes = bytes;
    job.host = host;
    job.port = port;
    m_waiting.append(job);
    if (!m_current)
        QTimer::singleShot(0, this, &ReceiptPrintQueue::startNext);
    return job.id;
}

bool ReceiptPrintQueue::reprint(int id)
{
    for (qsizetype i = 0; i < m_failed.size(); ++i) {
        if (m_failed.at(i).id == id) {
            Job job = m_failed.takeAt(i);
            job.error.clear();
            m_waiting.append(job);
            if (!m_current)
                QTimer::singleShot(0, this, &ReceiptPrintQueue::startNext);
            return true;
        }
    }
    return false;
}

void ReceiptPrintQueue::startNext()
{
    if (m_current || m_waiting.isEmpty())
        return;
    m_current = m_waiting.takeFirst();
    m_written = 0;
    auto *socket = new QTcpSocket(this);
    m_socket = socket;
    connect(socket, &QTcpSocket::connected, this,
            [this, socket] { socket->write(m_current->bytes); });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket](qint64 n) {
        m_written += n;
        if (m_current && m_written >= m_current->bytes.size())
            socket->disconnectFromHost(); // all handed over: done once closed
    });
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        if (m_current && m_written >= m_current->bytes.size())
            finish({});
        else
            finish(tr("The printer closed the connection before the receipt was sent."));
    });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
        // A printer that closes after reading everything is not an error.
        if (socket->error() == QAbstractSocket::RemoteHostClosedError && m_current &&
            m_written >= m_current->bytes.size())
            return;
        finish(tr("Printer %1:%2: %3")
                   .arg(m_current ? m_current->host : QString())
                   .arg(m_current ? m_current->port : 0)
                   .arg(socket->errorString()));
    });
    m_timer->start(m_timeoutMs);
    socket->connectToHost(m_current->host, m_current->port);
}

void ReceiptPrintQueue::finish(const QString &error)
{
    if (!m_current)
        return;
    m_timer->stop();
    Job job = *m_current;
    m_current.reset();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    if (error.isEmpty()) {
        emit printed(job.id, job.title);
    } else {
        job.error = error;
        m_failed.append(job);
        // Keep the latest failures only: a printer off all day must not grow this forever.
        while (m_failed.size() > 50)
            m_failed.removeFirst();
        emit failed(job.id, job.title, error);
    }
    QTimer::singleShot(0, this, &ReceiptPrintQueue::startNext);
}

} // namespace shopdesk
