#include "CentralApi.h"

#include "ApiHandlers.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcCentral)

namespace shopdesk {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralApi)
};

using Handler = ApiResponse (*)(const ApiCall &);

// A path segment written kParam in a route takes any non-empty segment and
// hands it to the handler (ApiCall::params); QHttpServer's router spells it
// the same way, so the table is the server's route list too.
const QString kParam = u"<arg>"_s;

const QList<QPair<QString, Handler>> &routes()
{
    static const QList<QPair<QString, Handler>> table {
        {u"/products"_s, &ApiHandlers::products},
        {u"/products/<arg>"_s, &ApiHandlers::product},
        {u"/products/<arg>/prices"_s, &ApiHandlers::productPrices},
        {u"/categories"_s, &ApiHandlers::categories},
        {u"/categories/<arg>"_s, &ApiHandlers::category},
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

// Whether `path` fits `route`, segment by segment; the parameters it gives.
std::optional<QStringList> match(const QString &route, const QString &path)
{
    const QStringList want = route.split(u'/');
    const QStringList have = path.split(u'/');
    if (want.size() != have.size())
        return std::nullopt;
    QStringList params;
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (want.at(i) == kParam) {
            if (have.at(i).isEmpty())
                return std::nullopt;
            params << have.at(i);
        } else if (want.at(i) != have.at(i)) {
            return std::nullopt;
        }
    }
    return params;
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
    QStringList params;
    for (const auto &route : routes()) {
        if (auto found = match(route.first, request.path)) {
            handler = route.second;
            params = *found;
            break;
        }
    }
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
    return handler(ApiCall {request, *owner.value(), actor, db, params});
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
