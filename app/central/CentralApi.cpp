#include "CentralApi.h"

#include "ApiHandlers.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <functional>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcCentral)

namespace shopdesk {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralApi)
};

using Handler = ApiResponse (*)(const ApiCall &);

const QList<QPair<QString, Handler>> &routes()
{
    static const QList<QPair<QString, Handler>> table {
        {u"/products"_s, &ApiHandlers::products},
        {u"/stocks"_s, &ApiHandlers::stocks},
        {u"/stocks/increase"_s, &ApiHandlers::stocksIncrease},
        {u"/stocks/decrease"_s, &ApiHandlers::stocksDecrease},
        {u"/history"_s, &ApiHandlers::history},
        {u"/users/resetProblems"_s, &ApiHandlers::resetProblems},
        {u"/sync/events"_s, &ApiHandlers::syncEvents},
        {u"/sync/catalog"_s, &ApiHandlers::syncCatalog},
    };
    return table;
}

ApiResponse health(const ApiRequest &request, QSqlDatabase db)
{
    if (request.method != "GET") {
        ApiResponse refused = ApiResponse::error(405, u"method_not_allowed"_s,
                                                 Text::tr("%1 allows only GET.").arg(request.path));
        refused.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET")));
        return refused;
    }
    const bool databaseOk = db.isOpen() && Sql::scalar(db, u"SELECT 1"_s).ok();
    return ApiResponse::json({{u"status"_s, databaseOk ? u"ok"_s : u"degraded"_s},
                              {u"database"_s, databaseOk ? u"ok"_s : u"unreachable"_s},
                              {u"version"_s, QCoreApplication::applicationVersion()}},
                             databaseOk ? 200 : 503);
}
} // namespace

QStringList CentralApi::paths()
{
    QStringList list {u"/health"_s};
    for (const auto &route : routes())
        list << route.first;
    return list;
}

ApiResponse CentralApi::handle(const ApiRequest &request)
{
    QString connectError;
    QSqlDatabase db = Database::threadConnection(&connectError);
    if (!db.isOpen())
        qCWarning(lcCentral).noquote() << "database unreachable:" << connectError;
    if (request.path == u"/health"_s)
        return health(request, db);
    if (!db.isOpen())
        return ApiResponse::error(503, u"unavailable"_s,
                                  Text::tr("The central database is not available; try again."));

    Handler handler = nullptr;
    for (const auto &route : routes())
        if (route.first == request.path)
            handler = route.second;
    if (!handler)
        return ApiResponse::error(404, u"not_found"_s,
                                  Text::tr("There is no %1 endpoint.").arg(request.path));

    if (request.bearerToken.isEmpty()) {
        ApiResponse refused = ApiResponse::error(
            401, u"unauthorized"_s,
            Text::tr("This endpoint needs a token: send \"Authorization: Bearer <token>\"."));
        refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
        return refused;
    }
    auto owner = TokenStore(db).verify(request.bearerToken);
    if (!owner)
        return ApiResponse::fromStoreError(owner.error());
    if (!owner.value()) {
        ApiResponse refused = ApiResponse::error(
            401, u"unauthorized"_s, Text::tr("The token is not valid or has been revoked."));
        refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                         QByteArray("Bearer error=\"invalid_token\"")));
        return refused;
    }
    Actor actor;
    actor.login = u"central"_s;
    actor.displayName = u"shopdesk-central"_s;
    actor.role = Role::Admin;
    actor.shopId = owner.value()->shopId;
    return handler(ApiCall {request, *owner.value(), actor, db});
}

ApiResponse ApiHandlers::methodNotAllowed(const ApiCall &call, const QString &allowed)
{
    ApiResponse r = ApiResponse::error(
        405, u"method_not_allowed"_s,
        Text::tr("%1 allows %2, not %3.")
            .arg(call.request.path, allowed, QString::fromLatin1(call.request.method.left(16))));
    r.headers.append(qMakePair(QByteArray("Allow"), allowed.toLatin1()));
    return r;
}

} // namespace shopdesk
