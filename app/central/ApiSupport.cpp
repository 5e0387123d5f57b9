#include "ApiSupport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcCentral)

namespace shopdesk {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralApi)
};
} // namespace

ApiResponse ApiResponse::error(int status, const QString &code, const QString &message,
                               const QString &field)
{
    QJsonObject error {{u"code"_s, code}, {u"message"_s, message}};
    if (!field.isEmpty())
        error.insert(u"field"_s, field);
    return {status, QJsonObject {{u"error"_s, error}}, {}};
}

ApiResponse ApiResponse::fromStoreError(const StoreError &e)
{
    switch (e.code) {
    case StoreError::Code::Invalid:
        return error(422, u"invalid"_s, e.message, e.field);
    case StoreError::Code::NotFound:
        return error(404, u"not_found"_s, e.message, e.field);
    case StoreError::Code::Conflict:
        return error(409, u"conflict"_s, e.message, e.field);
    case StoreError::Code::Permission:
        return error(403, u"forbidden"_s, e.message, e.field);
    case StoreError::Code::Locked:
        return error(423, u"locked"_s, e.message, e.field);
    case StoreError::Code::Cancelled:
    case StoreError::Code::Database:
        break;
    }
    // The driver's text stays in the server's log; the client learns only
    // that it may try again.
    qCWarning(lcCentral).noquote() << "database error:" << e.message;
    return error(503, u"unavailable"_s,
                 Text::tr("The central database is not available; try again."));
}

QueryReader::QueryReader(const QUrlQuery &query, const QStringList &known) : m_query(query)
{
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        Q_UNUSED(value);
        if (!known.contains(name)) {
            fail(400, u"unknown_parameter"_s,
                 Text::tr("Unknown parameter \"%1\" (known: %2).")
                     .arg(name.left(64), known.join(u", "_s)),
                 name.left(64));
            return;
        }
        if (query.allQueryItemValues(name).size() > 1) {
            fail(400, u"bad_request"_s, Text::tr("The parameter %1 is given twice.").arg(name),
                 name);
            return;
        }
    }
}

void QueryReader::fail(int status, const QString &code, const QString &message,
                       const QString &field)
{
    if (!m_problem)
        m_problem = ApiResponse::error(status, code, message, field);
}

QString QueryReader::value(const QString &name) const
{
    return m_query.queryItemValue(name, QUrl::FullyDecoded);
}

QString QueryReader::text(const QString &name, int maxLength)
{
    if (m_problem || !m_query.hasQueryItem(name))
        return {};
    const QString v = value(name);
    if (v.contains(QChar(u'\0'))) {
        fail(422, u"invalid"_s, Text::tr("%1 must not contain NUL characters.").arg(name), name);
        return {};
    }
    if (v.size() > maxLength) {
        fail(422, u"invalid"_s,
             Text::tr("%1 must be at most %2 characters.").arg(name).arg(maxLength), name);
        return {};
    }
    return v;
}

std::optional<qint64> QueryReader::integer(const QString &name, qint64 min, qint64 max)
{
    if (m_problem || !m_query.hasQueryItem(name))
        return std::nullopt;
    bool ok = false;
    const QString v = value(name);
    const qint64 number = v.toLongLong(&ok);
    if (!ok) {
        fail(400, u"bad_request"_s,
             Text::tr("%1 must be a whole number, not \"%2\".").arg(name, v.left(32)), name);
        return std::nullopt;
    }
    if (number < min || number > max) {
        fail(422, u"invalid"_s,
             Text::tr("%1 must be between %2 and %3.").arg(name).arg(min).arg(max), name);
        return std::nullopt;
    }
    return number;
}

QString idCursor(qint64 id)
{
    const QByteArray raw = "id:" + QByteArray::number(id);
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qint64> idFromCursor(const QString &token)
{
    if (token.size() > 64)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !decoded.decoded.startsWith("id:"))
        return std::nullopt;
    bool ok = false;
    const qint64 id = decoded.decoded.mid(3).toLongLong(&ok);
    if (!ok || id < 0)
        return std::nullopt;
    return id;
}

QString pairCursor(int keyKind, qint64 key, qint64 id)
{
    const QByteArray raw = "k" + QByteArray::number(keyKind) + ':' + QByteArray::number(key) + ':' +
        QByteArray::number(id);
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<std::pair<qint64, qint64>> pairFromCursor(const QString &token, int keyKind)
{
    if (token.size() > 96)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        token.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    const QList<QByteArray> parts = decoded.decoded.split(':');
    if (parts.size() != 3 || parts[0] != "k" + QByteArray::number(keyKind))
        return std::nullopt;
    bool keyOk = false, idOk = false;
    const qint64 key = parts[1].toLongLong(&keyOk);
    const qint64 id = parts[2].toLongLong(&idOk);
    if (!keyOk || !idOk || id < 0)
        return std::nullopt;
    return std::pair {key, id};
}

std::optional<QJsonObject> parseJsonBody(const ApiRequest &request,
                                         std::optional<ApiResponse> *problem)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *problem = ApiResponse::error(400, u"bad_json"_s,
                                      Text::tr("The body is not valid JSON: %1 at offset %2.")
                                          .arg(parseError.errorString())
                                          .arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        *problem =
            ApiResponse::error(400, u"bad_json"_s, Text::tr("The body must be a JSON object."));
        return std::nullopt;
    }
    return document.object();
}

} // namespace shopdesk
