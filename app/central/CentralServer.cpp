#include "CentralServer.h"

#include "CentralApi.h"
#include "models/db/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCentral, "shopdesk.central")
Q_LOGGING_CATEGORY(lcRequests, "shopdesk.central.request")

namespace shopdesk {

namespace {

// Bodies above this are refused before any parsing (a push of 1,000 events is
// well under 1 MB).
constexpr qsizetype kMaxBody = 8 * 1024 * 1024;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    default:
        break;
    }
    return "OTHER";
}

ApiRequest copyRequest(const QHttpServerRequest &request)
{
    ApiRequest r;
    r.method = methodName(request.method());
    r.path = request.url().path();
    r.query = request.query();
    r.body = request.body();
    const QByteArray authorization = request.value("Authorization").trimmed();
    if (authorization.size() > 7 &&
        authorization.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        r.bearerToken = authorization.mid(7).trimmed();
    return r;
}

QHttpServerResponse toHttp(const ApiResponse &api)
{
    QHttpServerResponse response(QByteArray("application/json"),
                                 QJsonDocument(api.body).toJson(QJsonDocument::Compact),
                                 QHttpServerResponse::StatusCode(api.status));
    for (const auto &[name, value] : api.headers)
        response.addHeader(name, value);
    return response;
}

// One structured log line per request: what, how it ended, how long, for
// whom. Never the token or the body.
void logRequest(const ApiRequest &request, const ApiResponse &response, qint64 micros,
                const QString &remote)
{
    QJsonObject line {{u"method"_s, QString::fromLatin1(request.method)},
                      {u"path"_s, request.path},
                      {u"status"_s, response.status},
                      {u"ms"_s, double(micros) / 1000.0},
                      {u"remote"_s, remote}};
    if (response.status >= 400)
        line.insert(u"error"_s,
                    response.body.value(u"error"_s).toObject().value(u"code"_s).toString());
    qCInfo(lcRequests).noquote() << QJsonDocument(line).toJson(QJsonDocument::Compact);
}

} // namespace

CentralServer::CentralServer(const CentralOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    m_workers.setMaxThreadCount(options.workerThreads);
    Database::setDefaultConfig(*options.database);
    addRoutes();
}

CentralServer::~CentralServer()
{
    finishRequests();
}

void CentralServer::addRoutes()
{
    // Every request is copied off the server's thread and answered by
    // CentralApi::handle on a worker, which reads the path parameters itself.
    auto answer = [this](const QHttpServerRequest &request) {
        ApiRequest copy = copyRequest(request);
        const QString remote = request.remoteAddress().toString();
        return QtConcurrent::run(&m_workers, [copy = std::move(copy), remote] {
            QElapsedTimer timer;
            timer.start();
            const ApiResponse response = copy.body.size() > kMaxBody
                ? ApiResponse::error(413, u"too_large"_s,
                                     QCoreApplication::translate(
                                         "CentralServer", "The body is larger than %1 bytes.")
                                         .arg(kMaxBody))
                : CentralApi::handle(copy);
            logRequest(copy, response, timer.nsecsElapsed() / 1000, remote);
            return toHttp(response);
        });
    };
    for (const QString &path : CentralApi::paths()) {
        // The router passes each <arg> to the view; handle() has them from the path.
        switch (path.count(u"<arg>"_s)) {
        case 0:
            m_http.route(path, answer);
            break;
        case 1:
            m_http.route(path, [answer](const QString &, const QHttpServerRequest &request) {
                return answer(request);
            });
            break;
        default:
            qCCritical(lcCentral).noquote() << "a route with more than one parameter:" << path;
            break;
        }
    }
    m_http.setMissingHandler(
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const ApiResponse response = ApiResponse::error(
                404, u"not_found"_s,
                QCoreApplication::translate("CentralServer", "There is no %1 endpoint.")
                    .arg(request.url().path()));
            logRequest(copyRequest(request), response, 0, request.remoteAddress().toString());
            responder.write(QJsonDocument(response.body).toJson(QJsonDocument::Compact),
                            "application/json", QHttpServerResponder::StatusCode::NotFound);
        });
}

quint16 CentralServer::listen(QString *error)
{
    const quint16 port = m_http.listen(m_options.listen, m_options.port);
    if (port == 0 && error)
        *error = QCoreApplication::translate("CentralServer", "Cannot listen on %1:%2.")
                     .arg(m_options.listen.toString())
                     .arg(m_options.port);
    return port;
}

void CentralServer::finishRequests()
{
    // No new connections; the requests already running finish here. Their
    // answers are written by the event loop, so the caller lets it run on a
    // moment before the process ends.
    for (QTcpServer *server : m_http.servers())
        server->close();
    m_workers.waitForDone();
}

} // namespace shopdesk
