#include "CentralServer.h"

#include "db/Database.h"
#include "db/Sql.h"

#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCentral, "shopdesk.central")

namespace shopdesk {

namespace {

QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const QString &code,
                                  const QString &message)
{
    return QHttpServerResponse(
        QJsonObject {{u"error"_s, QJsonObject {{u"code"_s, code}, {u"message"_s, message}}}},
        status);
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
    m_http.route(u"/health"_s, QHttpServerRequest::Method::Get, [this] {
        return QtConcurrent::run(&m_workers, [] {
            QString error;
            QSqlDatabase db = Database::threadConnection(&error);
            bool databaseOk = db.isOpen();
            if (databaseOk)
                databaseOk = Sql::scalar(db, u"SELECT 1"_s).ok();
            else
                qCWarning(lcCentral).noquote() << "health: database unreachable:" << error;
            const QJsonObject body {{u"status"_s, databaseOk ? u"ok"_s : u"degraded"_s},
                                    {u"database"_s, databaseOk ? u"ok"_s : u"unreachable"_s},
                                    {u"version"_s, QCoreApplication::applicationVersion()}};
            return QHttpServerResponse(body,
                                       databaseOk
                                           ? QHttpServerResponse::StatusCode::Ok
                                           : QHttpServerResponse::StatusCode::ServiceUnavailable);
        });
    });
    m_http.setMissingHandler([](const QHttpServerRequest &request,
                                QHttpServerResponder &&responder) {
        const QHttpServerResponse response =
            errorResponse(QHttpServerResponse::StatusCode::NotFound, u"not_found"_s,
                          QCoreApplication::translate("CentralServer", "There is no %1 endpoint.")
                              .arg(request.url().path()));
        responder.write(response.data(), response.mimeType(),
                        QHttpServerResponder::StatusCode::NotFound);
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
    m_workers.waitForDone();
}

} // namespace shopdesk
