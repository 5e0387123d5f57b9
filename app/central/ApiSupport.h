#pragma once

#include "models/core/StoreError.h"
#include "models/sync/TokenStore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace shopdesk {

// What a route handler needs of an HTTP request, copied off the server's
// thread so a worker thread can answer it.
struct ApiRequest
{
    QByteArray method; // GET, POST, PATCH, ...
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray bearerToken; // empty without an Authorization: Bearer header
};

// The answer: a status and a JSON object.
struct ApiResponse
{
    int status = 200;
    QJsonObject body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonObject &body, int status = 200)
    {
        return {status, body, {}};
    }
    // {"error": {"code", "message"[, "field"]}}
    static ApiResponse error(int status, const QString &code, const QString &message,
                             const QString &field = {});
    // The HTTP status and code that tell a client what a store's refusal means.
    static ApiResponse fromStoreError(const StoreError &error);
};

// Reads a request's query parameters: only the known names are accepted, and
// each value must parse. The first problem becomes a 400 naming the parameter.
class QueryReader
{
public:
    QueryReader(const QUrlQuery &query, const QStringList &known);

    QString text(const QString &name, int maxLength = 200);
    std::optional<qint64> integer(const QString &name, qint64 min, qint64 max);

    const std::optional<ApiResponse> &problem() const { return m_problem; }

private:
    void fail(int status, const QString &code, const QString &message, const QString &field);
    QString value(const QString &name) const;

    QUrlQuery m_query;
    std::optional<ApiResponse> m_problem;
};

// next_cursor for lists paged on an id: opaque to clients, so the paging
// may change without breaking them.
QString idCursor(qint64 id);
// The id in a cursor, or nothing for a malformed one.
std::optional<qint64> idFromCursor(const QString &token);

// A cursor for lists paged on (key, id), tagged with which key it is.
QString pairCursor(int keyKind, qint64 key, qint64 id);
std::optional<std::pair<qint64, qint64>> pairFromCursor(const QString &token, int keyKind);

// A JSON object request body, or the 400 that says why it is not one.
std::optional<QJsonObject> parseJsonBody(const ApiRequest &request,
                                         std::optional<ApiResponse> *problem);

} // namespace shopdesk
