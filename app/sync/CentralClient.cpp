#include "CentralClient.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCentralClient, "shopdesk.sync.client")

namespace shopdesk {

struct CentralClient::Call
{
    QByteArray verb;
    QString path;
    QUrlQuery query;
    QByteArray body; // compact JSON
    bool hasBody = false;
    QPointer<QObject> context;
    bool hasContext = false; // a null context means "as long as the client lives"
    ReplyHandler handler;
    bool retry = true;
    int attempts = 0;

    bool abandoned() const { return hasContext && !context; }
};

namespace {

// QNetworkAccessManager opens at most six HTTP/1.1 connections per server and
// parks further requests inside itself, where the rate limit cannot see them
// (they would leave in a burst when connections free up) and where their
// transfer timeout already runs. So no more than that are handed to it at once.
constexpr std::size_t maxInFlight = 6;

// The one- or two-digit day, three-letter month and the time of an HTTP-date.
std::optional<QDateTime> parseHttpDate(const QByteArray &value)
{
    static const QByteArray months = "JanFebMarAprMayJunJulAugSepOctNovDec"_ba;
    const auto monthOf = [](const QByteArray &name) {
        const qsizetype at = months.indexOf(name);
        return name.size() == 3 && at >= 0 && at % 3 == 0 ? int(at / 3) + 1 : 0;
    };
    const QList<QByteArray> parts = value.simplified().split(' ');
    int day = 0;
    int month = 0;
    int year = 0;
    QByteArray time;
    if (parts.size() == 6 && parts[5] == "GMT"_ba) {
        // IMF-fixdate, what servers send: "Sun, 06 Nov 1994 08:49:37 GMT"
        day = parts[1].toInt();
        month = monthOf(parts[2]);
        year = parts[3].toInt();
        time = parts[4];
    } else if (parts.size() == 4 && parts[3] == "GMT"_ba) {
        // RFC 850, obsolete but to be accepted (RFC 9110): "Sunday, 06-Nov-94 08:49:37 GMT"
        const QList<QByteArray> dayMonthYear = parts[1].split('-');
        if (dayMonthYear.size() != 3)
            return std::nullopt;
        day = dayMonthYear[0].toInt();
        month = monthOf(dayMonthYear[1]);
        year = dayMonthYear[2].toInt();
        if (dayMonthYear[2].size() == 2)
            year += year < 70 ? 2000 : 1900;
        time = parts[2];
    } else if (parts.size() == 5) {
        // asctime(), obsolete but to be accepted: "Sun Nov  6 08:49:37 1994"
        month = monthOf(parts[1]);
        day = parts[2].toInt();
        time = parts[3];
        year = parts[4].toInt();
    } else {
        return std::nullopt;
    }
    const QDate date(year, month, day);
    const QTime clock = QTime::fromString(QString::fromLatin1(time), u"HH:mm:ss"_s);
    if (!date.isValid() || !clock.isValid())
        return std::nullopt;
    return QDateTime(date, clock, Qt::UTC);
}

// How long the server asked us to wait (Retry-After: seconds or an HTTP-date),
// or nothing when it did not say or said something unreadable.
std::optional<qint64> retryAfterMs(const QNetworkReply *reply)
{
    const QByteArray value = reply->rawHeader("Retry-After"_ba).trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = value.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt
                           : std::optional<qint64>(std::min<qint64>(seconds, 1'000'000'000) * 1000);
    const std::optional<QDateTime> at = parseHttpDate(value);
    if (!at)
        return std::nullopt;
    // Measured against the server's own Date when it sent one: a shop PC whose
    // clock is off by minutes must not turn "in 30 s" into "now" or "in an hour".
    const std::optional<QDateTime> serverNow = parseHttpDate(reply->rawHeader("Date"_ba));
    const QDateTime now = serverNow.value_or(QDateTime::currentDateTimeUtc());
    return std::max<qint64>(0, now.msecsTo(*at));
}

// The failures that may well go away by themselves. Not TLS errors (a wrong
// certificate stays wrong) nor protocol errors.
bool isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts the reply
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

// Errors below the HTTP layer (QNetworkReply numbers them 1-199): whatever
// status line may have arrived, the answer did not arrive whole.
bool isNetworkLevel(QNetworkReply::NetworkError error)
{
    return error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied &&
        error != QNetworkReply::TooManyRedirectsError &&
        error != QNetworkReply::InsecureRedirectError;
}

bool isRetryableStatus(int status)
{
    // 420: "Enhance your calm", the rate limit answer of some gateways.
    return status == 420 || status == 429 || (status >= 500 && status <= 599);
}

} // namespace

CentralClient::CentralClient(QUrl baseUrl, QObject *parent)
    : QObject(parent),
      m_baseUrl(std::move(baseUrl)),
      m_network(new QNetworkAccessManager(this)),
      m_pumpTimer(new QTimer(this))
{
    m_pumpTimer->setSingleShot(true);
    // A coarse timer may fire up to 5 % early, i.e. before the rate limit allows.
    m_pumpTimer->setTimerType(Qt::PreciseTimer);
    connect(m_pumpTimer, &QTimer::timeout, this, &CentralClient::pump);
    m_clock.start();
    setRateLimit(10);
}

CentralClient::~CentralClient()
{
    // The replies die with m_network, after this destructor: none may call
    // back into a half-destroyed client.
    for (const auto &[reply, call] : m_inFlight) {
        reply->disconnect(this);
        reply->abort();
    }
}

void CentralClient::setToken(const QByteArray &bearerToken)
{
    m_token = bearerToken;
}

QString CentralClient::tokenFingerprint() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(m_token, QCryptographicHash::Sha256).toHex());
}

void CentralClient::setTimeout(int ms)
{
    m_timeoutMs = std::max(1, ms);
}

void CentralClient::setMaxAttempts(int n)
{
    m_maxAttempts = std::max(1, n);
}

void CentralClient::setBackoff(int initialMs, int maxMs)
{
    m_backoffInitialMs = std::max(0, initialMs);
    m_backoffMaxMs = std::max(m_backoffInitialMs, maxMs);
}

void CentralClient::setRateLimit(double requestsPerSecond)
{
    // 5 % above the exact spacing: the server sees our requests a little
    // earlier or later than we sent them (a new connection for one, a reused
    // one for the next), and N + 1 of them must not land in one second there.
    m_sendIntervalNs = requestsPerSecond > 0 ? qint64(std::ceil(1.05e9 / requestsPerSecond)) : 0;
    pump();
}

void CentralClient::setMaxRetryAfter(int ms)
{
    m_maxRetryAfterMs = std::max(0, ms);
}

int CentralClient::pendingRequests() const
{
    return int(m_queue.size() + m_inFlight.size()) + m_waitingToRetry;
}

void CentralClient::send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                         const QJsonDocument &body, QObject *context, ReplyHandler handler,
                         bool retry)
{
    auto call = std::make_shared<Call>();
    call->verb = verb;
    call->path = path;
    call->query = query;
    call->hasBody = !body.isNull();
    if (call->hasBody)
        call->body = body.toJson(QJsonDocument::Compact);
    call->context = context;
    call->hasContext = context != nullptr;
    call->handler = std::move(handler);
    call->retry = retry;
    enqueue(call);
}

void CentralClient::checkHealth()
{
    send(
        "GET"_ba, u"/health"_s, {}, {}, this,
        [this](const CentralReply &reply) {
            const QJsonObject body = reply.body.object();
            if (reply.ok() && body.value(u"status"_s).toString() == u"ok"_s) {
                emit healthChecked(true, QString());
            } else if (body.contains(u"database"_s)) {
                emit healthChecked(
                    false,
                    tr("Central's database is %1.").arg(body.value(u"database"_s).toString()));
            } else {
                emit healthChecked(false,
                                   reply.errorMessage.isEmpty()
                                       ? tr("Central gave an unexpected answer.")
                                       : reply.errorMessage);
            }
        },
        false);
}

void CentralClient::enqueue(const CallPtr &call)
{
    m_queue.push_back(call);
    pump();
}

// Starts queued requests, in order, as fast as the rate limit and the
// in-flight cap allow; otherwise comes back when they do.
void CentralClient::pump()
{
    while (!m_queue.empty()) {
        if (m_queue.front()->abandoned()) {
            m_queue.pop_front(); // nobody is waiting for the answer any more
            continue;
        }
        if (m_inFlight.size() >= maxInFlight)
            return; // onFinished() pumps again
        if (m_sendIntervalNs > 0 && m_lastSendNs >= 0) {
            const qint64 waitNs = m_lastSendNs + m_sendIntervalNs - m_clock.nsecsElapsed();
            if (waitNs > 0) {
                if (!m_pumpTimer->isActive())
                    m_pumpTimer->start(int(std::min<qint64>((waitNs + 999'999) / 1'000'000,
                                                            std::numeric_limits<int>::max())));
                return;
            }
        }
        const CallPtr call = m_queue.front();
        m_queue.pop_front();
        start(call);
    }
}

void CentralClient::start(const CallPtr &call)
{
    ++call->attempts;
    m_lastSendNs = m_clock.nsecsElapsed();

    QNetworkRequest request(endpoint(call->path, call->query));
    request.setTransferTimeout(m_timeoutMs);
    // Following a redirect to another host would hand it the bearer token.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    request.setRawHeader("Accept"_ba, "application/json"_ba);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("ShopDesk/" SHOPDESK_VERSION));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization"_ba, "Bearer "_ba + m_token);
    if (call->hasBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);

    qCDebug(lcCentralClient).noquote() << call->verb << call->path << "attempt" << call->attempts
                                       << "of" << (call->retry ? m_maxAttempts : 1);
    QNetworkReply *reply = call->verb == "GET"_ba && !call->hasBody
        ? m_network->get(request)
        : m_network->sendCustomRequest(request, call->verb, call->body);
    m_inFlight.emplace(reply, call);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void CentralClient::onFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    const auto found = m_inFlight.find(reply);
    if (found == m_inFlight.end())
        return;
    const CallPtr call = found->second;
    m_inFlight.erase(found);

    CentralReply answer;
    answer.attempts = call->attempts;
    const QNetworkReply::NetworkError error = reply->error();
    bool retryable = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (isNetworkLevel(error) || status == 0) {
        // Only the transfer timeout aborts a reply while this client lives.
        const bool timedOut =
            error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError;
        answer.errorCode = timedOut ? u"timeout"_s : u"network"_s;
        answer.errorMessage = timedOut
            ? tr("Central did not answer within %1 seconds.").arg(double(m_timeoutMs) / 1000.0)
            : redacted(reply->errorString());
        retryable = isTransient(error);
    } else {
        answer.status = status;
        answer.body = QJsonDocument::fromJson(reply->readAll());
        if (!answer.ok()) {
            const QJsonObject centralError = answer.body.object().value(u"error"_s).toObject();
            answer.errorCode = centralError.value(u"code"_s).toString();
            answer.errorMessage = redacted(centralError.value(u"message"_s).toString());
            if (answer.errorCode.isEmpty())
                answer.errorCode = u"http"_s;
            if (answer.errorMessage.isEmpty())
                answer.errorMessage =
                    tr("Central answered %1 %2.")
                        .arg(answer.status)
                        .arg(redacted(QString::fromUtf8(
                            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute)
                                .toByteArray())));
            retryable = isRetryableStatus(answer.status);
        }
    }

    if (retryable && call->retry && !call->abandoned()) {
        if (call->attempts < m_maxAttempts) {
            const std::optional<qint64> askedMs = retryAfterMs(reply);
            const int delayMs = askedMs ? int(std::min<qint64>(*askedMs, m_maxRetryAfterMs))
                                        : backoffDelay(call->attempts);
            const QString why = answer.status != 0
                ? tr("HTTP %1: %2").arg(answer.status).arg(answer.errorMessage)
                : answer.errorMessage;
            // Debug only: requestRetrying is there for whoever wants to log or show it.
            qCDebug(lcCentralClient).noquote()
                << call->verb << call->path << "failed:" << why << "- attempt" << call->attempts + 1
                << "in" << delayMs << "ms";
            ++m_waitingToRetry;
            QTimer::singleShot(delayMs, Qt::PreciseTimer, this, [this, call] {
                --m_waitingToRetry;
                enqueue(call);
            });
            pump();
            // Last: a slot may destroy this client.
            emit requestRetrying(call->path, call->attempts + 1, delayMs, why);
            return;
        }
        answer.errorMessage = tr("%1 (gave up after %Ln attempt(s))", nullptr, call->attempts)
                                  .arg(answer.errorMessage);
    }
    pump();
    finish(call, answer); // last: the handler may destroy this client
}

void CentralClient::finish(const CallPtr &call, const CentralReply &reply)
{
    if (call->abandoned() || !call->handler)
        return;
    call->handler(reply);
}

int CentralClient::backoffDelay(int failedAttempts) const
{
    // Full jitter (uniform in [0, cap]): shops that lost central together do
    // not come back together.
    const int doublings = std::clamp(failedAttempts - 1, 0, 30);
    const qint64 cap = std::min<qint64>(m_backoffMaxMs, qint64(m_backoffInitialMs) << doublings);
    return int(QRandomGenerator::global()->bounded(cap + 1));
}

QUrl CentralClient::endpoint(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(query);
    return url;
}

// Central's messages, and Qt's, are shown and logged; none may carry the token.
QString CentralClient::redacted(QString text) const
{
    if (!m_token.isEmpty())
        text.replace(QString::fromUtf8(m_token), u"[token]"_s);
    return text;
}

} // namespace shopdesk
