#include "FaultProxy.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace shopdesk::test {

namespace {

QByteArray headerValue(const FaultProxy::Headers &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// One HTTP/1.1 message at the front of a buffer.
struct Message
{
    QByteArray startLine;
    FaultProxy::Headers headers;
    QByteArray body; // without chunk framing
    qsizetype rawSize = 0; // how many bytes of the buffer it took
    bool endsAtClose = false; // a response framed by the end of the connection
};

enum class Parsed { Incomplete, Complete, Bad };

// Message framing as in RFC 9112 section 6: Content-Length, chunked, or (for a
// response with neither) the end of the connection. `atEof`: no more bytes will come.
Parsed parseMessage(const QByteArray &buffer, bool isResponse, bool headRequest, bool atEof,
                    Message *out)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return atEof ? Parsed::Bad : Parsed::Incomplete;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    out->startLine = lines.first().trimmed();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            return Parsed::Bad;
        out->headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    qsizetype pos = headerEnd + 4;

    bool bodyless = false;
    if (isResponse) {
        const int status = out->startLine.split(' ').value(1).toInt();
        bodyless = headRequest || status / 100 == 1 || status == 204 || status == 304;
    }
    const QByteArray transferEncoding = headerValue(out->headers, "Transfer-Encoding"_ba).toLower();
    const QByteArray contentLength = headerValue(out->headers, "Content-Length"_ba);
    if (bodyless) {
        // nothing to read
    } else if (transferEncoding.contains("chunked")) {
        for (;;) {
            const qsizetype lineEnd = buffer.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return atEof ? Parsed::Bad : Parsed::Incomplete;
            QByteArray sizeText = buffer.mid(pos, lineEnd - pos);
            if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
                sizeText.truncate(semicolon); // chunk extensions
            bool ok = false;
            const qlonglong size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return Parsed::Bad;
            pos = lineEnd + 2;
            if (size == 0) {
                for (;;) { // trailer fields up to an empty line
                    const qsizetype trailerEnd = buffer.indexOf("\r\n", pos);
                    if (trailerEnd < 0)
                        return atEof ? Parsed::Bad : Parsed::Incomplete;
                    const bool empty = trailerEnd == pos;
                    pos = trailerEnd + 2;
                    if (empty)
                        break;
                }
                break;
            }
            if (buffer.size() < pos + size + 2)
                return atEof ? Parsed::Bad : Parsed::Incomplete;
            out->body += buffer.mid(pos, size);
            pos += size + 2;
        }
    } else if (!contentLength.isEmpty()) {
        bool ok = false;
        const qlonglong length = contentLength.toLongLong(&ok);
        if (!ok || length < 0)
            return Parsed::Bad;
        if (buffer.size() < pos + length)
            return atEof ? Parsed::Bad : Parsed::Incomplete;
        out->body = buffer.mid(pos, length);
        pos += length;
    } else if (isResponse) {
        if (!atEof)
            return Parsed::Incomplete;
        out->body = buffer.mid(pos);
        pos = buffer.size();
        out->endsAtClose = true;
    }
    out->rawSize = pos;
    return Parsed::Complete;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 204:
        return "No Content"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 409:
        return "Conflict"_ba;
    case 420:
        return "Enhance Your Calm"_ba;
    case 422:
        return "Unprocessable Entity"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 502:
        return "Bad Gateway"_ba;
    case 503:
        return "Service Unavailable"_ba;
    case 504:
        return "Gateway Timeout"_ba;
    default:
        return "Unknown"_ba;
    }
}

} // namespace

struct FaultProxy::Client
{
    QPointer<QTcpSocket> socket;
    QByteArray buffer;
    bool busy = false; // one of its requests is at the server; later ones wait
};

QByteArray FaultProxy::Seen::header(const QByteArray &name) const
{
    return headerValue(headers, name);
}

FaultProxy::FaultProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent), m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
    m_clock.start();
}

FaultProxy::~FaultProxy()
{
    // The sockets' last signals must not reach a half-destroyed proxy.
    m_server.close();
    const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect();
        socket->abort();
    }
}

QUrl FaultProxy::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(port()));
}

void FaultProxy::answerNext(int n, int status, const Headers &headers, const QByteArray &body)
{
    QByteArray response =
        "HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n"_ba;
    for (const auto &[name, value] : headers)
        response += name + ": "_ba + value + "\r\n"_ba;
    if (headerValue(headers, "Content-Length"_ba).isEmpty())
        response += "Content-Length: "_ba + QByteArray::number(body.size()) + "\r\n"_ba;
    response += "\r\n"_ba + body;
    for (int i = 0; i < n; ++i)
        m_faults.push_back({FaultKind::Answer, response});
}

void FaultProxy::dropNext(int n)
{
    for (int i = 0; i < n; ++i)
        m_faults.push_back({FaultKind::Drop, {}});
}

void FaultProxy::cutAfterForwardNext(int n)
{
    for (int i = 0; i < n; ++i)
        m_faults.push_back({FaultKind::CutAfterForward, {}});
}

void FaultProxy::clearFaults()
{
    m_faults.clear();
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        if (m_down) {
            socket->close();
            socket->deleteLater();
            continue;
        }
        auto client = std::make_shared<Client>();
        client->socket = socket;
        m_clients.insert(socket, client);
        connect(socket, &QTcpSocket::readyRead, this, [this, client] {
            if (!client->socket)
                return;
            client->buffer += client->socket->readAll();
            serve(client);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_clients.remove(socket);
            socket->deleteLater();
        });
    }
}

// Handles the client's requests in order, one at a time.
void FaultProxy::serve(const std::shared_ptr<Client> &client)
{
    while (!client->busy && client->socket) {
        Message request;
        const Parsed parsed = parseMessage(client->buffer, false, false, false, &request);
        if (parsed == Parsed::Incomplete)
            return;
        if (parsed == Parsed::Bad) {
            client->socket->abort();
            return;
        }
        const QByteArray raw = client->buffer.left(request.rawSize);
        client->buffer.remove(0, request.rawSize);

        const QList<QByteArray> requestLine = request.startLine.split(' ');
        Seen seen;
        seen.atMs = m_clock.elapsed();
        seen.method = requestLine.value(0);
        seen.path = requestLine.value(1);
        seen.headers = request.headers;
        seen.body = request.body;
        m_seen.append(seen);
        emit requestSeen(seen.method, seen.path);

        if (m_faults.empty()) {
            client->busy = true;
            forward(client, raw, false);
            return;
        }
        const Fault fault = m_faults.front();
        m_faults.pop_front();
        switch (fault.kind) {
        case FaultKind::Answer:
            client->socket->write(fault.response);
            if (headerValue(request.headers, "Connection"_ba).toLower() == "close"_ba)
                client->socket->disconnectFromHost();
            break;
        case FaultKind::Drop:
            client->socket->close();
            return;
        case FaultKind::CutAfterForward:
            client->busy = true;
            forward(client, raw, true);
            return;
        }
    }
}

// Sends one request to the server on a connection of its own and passes the
// whole response back (or, with `cutAfterwards`, closes the client instead).
void FaultProxy::forward(const std::shared_ptr<Client> &client, const QByteArray &request,
                         bool cutAfterwards)
{
    auto *upstream = new QTcpSocket(this);
    auto received = std::make_shared<QByteArray>();
    auto done = std::make_shared<bool>(false);
    const bool headRequest = request.startsWith("HEAD "_ba);
    const bool clientAskedClose = [&] {
        Message parsed;
        parseMessage(request, false, false, true, &parsed);
        return headerValue(parsed.headers, "Connection"_ba).toLower() == "close"_ba;
    }();

    const auto complete = [this, client, upstream, received, done, headRequest, cutAfterwards,
                           clientAskedClose](bool atEof) {
        if (*done)
            return;
        Message response;
        const Parsed parsed = parseMessage(*received, true, headRequest, atEof, &response);
        if (parsed == Parsed::Incomplete)
            return;
        *done = true;
        upstream->disconnect();
        upstream->abort();
        upstream->deleteLater();
        if (parsed == Parsed::Bad || cutAfterwards) {
            // A server that failed mid-answer looks to the client like the
            // network failing: the connection just ends.
            if (client->socket)
                client->socket->close();
            return;
        }
        const bool close = response.endsAtClose || clientAskedClose ||
            headerValue(response.headers, "Connection"_ba).toLower() == "close"_ba;
        finishExchange(client, received->left(response.rawSize), close);
    };

    connect(upstream, &QTcpSocket::connected, upstream,
            [upstream, request] { upstream->write(request); });
    connect(upstream, &QTcpSocket::readyRead, upstream, [upstream, received, complete] {
        *received += upstream->readAll();
        complete(false);
    });
    connect(upstream, &QTcpSocket::disconnected, upstream, [upstream, received, complete] {
        *received += upstream->readAll();
        complete(true);
    });
    connect(upstream, &QTcpSocket::errorOccurred, upstream,
            [upstream, received, complete](QAbstractSocket::SocketError) {
                *received += upstream->readAll();
                complete(true); // refused, reset, or closed
            });
    upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
}

void FaultProxy::finishExchange(const std::shared_ptr<Client> &client, const QByteArray &response,
                                bool closeAfterwards)
{
    client->busy = false;
    if (!client->socket)
        return;
    client->socket->write(response);
    if (closeAfterwards) {
        client->socket->disconnectFromHost();
        return;
    }
    serve(client); // requests that came in meanwhile
}

} // namespace shopdesk::test
