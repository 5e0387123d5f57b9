#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <deque>
#include <memory>

class QTcpSocket;

namespace shopdesk::test {

// A local HTTP/1.1 proxy in front of a real server, for testing clients
// against the failures of a real network: canned answers (429, 503, ...),
// connections dropped before or after the server did the work, a server that
// is not there. Each client request goes to the server on a connection of its
// own; the client's connection stays open between requests (keep-alive).
// Event-driven: it works while the test runs the event loop.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // A request as it arrived from the client.
    struct Seen
    {
        qint64 atMs = 0; // since the proxy was made, on a monotonic clock: for measuring gaps
        QByteArray method;
        QByteArray path; // with the query, as in the request line
        Headers headers;
        QByteArray body;

        QByteArray header(const QByteArray &name) const; // first one, case-insensitive
    };

    explicit FaultProxy(quint16 upstreamPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const; // http://127.0.0.1:port
    void setUpstreamPort(quint16 port) { m_upstreamPort = port; }

    // Faults for the next n requests, queued in the order they are set: after
    // answerNext(2, 500) and answerNext(1, 503) two requests get 500, the third 503.
    // Answers with this response and does not forward (Content-Length is added).
    void answerNext(int n, int status, const Headers &headers = {}, const QByteArray &body = {});
    // Closes the client's connection as soon as the request is in; does not forward.
    void dropNext(int n);
    // Forwards, waits for the server's whole response, then closes the
    // client's connection without passing it on: the server did the work,
    // the client never hears of it.
    void cutAfterForwardNext(int n);
    void clearFaults();
    int faultsLeft() const { return int(m_faults.size()); }

    // Down: every new connection is closed at once, like a host with nothing listening.
    void setDown(bool down) { m_down = down; }

    QList<Seen> seen() const { return m_seen; }
    void clearSeen() { m_seen.clear(); }

signals:
    void requestSeen(const QByteArray &method, const QByteArray &path);

private:
    enum class FaultKind { Answer, Drop, CutAfterForward };
    struct Fault
    {
        FaultKind kind = FaultKind::Answer;
        QByteArray response; // the whole canned response, for Answer
    };
    struct Client;

    void onNewConnection();
    void serve(const std::shared_ptr<Client> &client);
    void forward(const std::shared_ptr<Client> &client, const QByteArray &request,
                 bool cutAfterwards);
    void finishExchange(const std::shared_ptr<Client> &client, const QByteArray &response,
                        bool closeAfterwards);

    QTcpServer m_server;
    QElapsedTimer m_clock;
    quint16 m_upstreamPort;
    bool m_down = false;
    std::deque<Fault> m_faults;
    QList<Seen> m_seen;
    QHash<QTcpSocket *, std::shared_ptr<Client>> m_clients;
};

} // namespace shopdesk::test
