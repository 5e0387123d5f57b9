#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <deque>
#include <functional>
#include <map>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace shopdesk {

// What one call to central came to, after all its attempts.
struct CentralReply
{
    int status = 0; // HTTP status; 0 = no HTTP answer (network error, timeout, refused)
    QJsonDocument body; // parsed JSON body (null when there was none or it was not JSON)
    // From central's {"error": {"code", "message"}}; "network" or "timeout" when
    // there was no HTTP answer; "http" for an error answer without that body
    // (a reverse proxy's HTML page, say). Empty on success.
    QString errorCode;
    QString errorMessage; // human readable; never contains the bearer token
    int attempts = 0; // how many times the request was sent
    bool ok() const { return status >= 200 && status < 300; }
    bool reachedServer() const { return status != 0; }
};

using ReplyHandler = std::function<void(const CentralReply &)>;

// The shop's side of the REST API of shopdesk-central. Asynchronous and
// careful with a head office that is far away, busy or down:
// - a transfer timeout per attempt;
// - retries of network errors, timeouts and HTTP 420, 429 and 5xx with
//   exponential backoff and full jitter, or after the server's Retry-After;
// - a rate limit over every request this object sends, retries included;
// - the shop's bearer token on every request, never in a log or a message.
class CentralClient : public QObject
{
    Q_OBJECT
public:
    explicit CentralClient(QUrl baseUrl, QObject *parent = nullptr);
    ~CentralClient() override;

    QUrl baseUrl() const { return m_baseUrl; }

    // Sent as "Authorization: Bearer <token>"; empty sends no Authorization.
    void setToken(const QByteArray &bearerToken);
    // Names the token without revealing it (its SHA-256 in hex): which head
    // office, and as which shop, this client speaks to.
    QString tokenFingerprint() const;
    // Per attempt: the longest central may stay silent (QNetworkRequest::setTransferTimeout).
    void setTimeout(int ms);
    // Sends of one request at most, the first included; at least 1.
    void setMaxAttempts(int n);
    // The wait before retry k (k = 1, 2, ...) is random in
    // [0, min(maxMs, initialMs * 2^(k-1))] ("full jitter").
    void setBackoff(int initialMs, int maxMs);
    // At most this many sends per second over all requests of this object;
    // <= 0 sends as fast as requests come.
    void setRateLimit(double requestsPerSecond);
    // The longest wait a server's Retry-After can impose.
    void setMaxRetryAfter(int ms);

    // Requests not answered yet: queued, waiting to be retried, or in flight.
    int pendingRequests() const;

    // Sends `verb` ("GET", "POST", "PATCH", ...) to `path` (like "/sync/events")
    // with `query` (may be empty) and a JSON `body` (a null document sends none),
    // and calls `handler` once with the outcome. The handler is not called once
    // `context` is destroyed (a null context: as long as this client lives);
    // then the request is not retried either. `retry`: false for calls that
    // must not be repeated (one attempt only). Beware: QNetworkAccessManager
    // itself sends a request again, twice at most, when its connection closes
    // before any answer; so even one attempt can reach central more than
    // once, and a call that must not be applied twice needs an idempotency key.
    void send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
              const QJsonDocument &body, QObject *context, ReplyHandler handler, bool retry = true);

    // GET /health, once (a status probe is repeated by its caller, not here).
    void checkHealth();

signals:
    // `online`: central answered and its database is fine; `detail` says why not.
    void healthChecked(bool online, const QString &detail);
    // A request failed and is sent again, as attempt `attempt`, in `delayMs`;
    // `why` is the failure (human readable, without the token).
    void requestRetrying(const QString &path, int attempt, int delayMs, const QString &why);

private:
    struct Call;
    using CallPtr = std::shared_ptr<Call>;

    void enqueue(const CallPtr &call);
    void pump();
    void start(const CallPtr &call);
    void onFinished(QNetworkReply *reply);
    void finish(const CallPtr &call, const CentralReply &reply);
    int backoffDelay(int failedAttempts) const;
    QUrl endpoint(const QString &path, const QUrlQuery &query) const;
    QString redacted(QString text) const;

    QUrl m_baseUrl;
    QNetworkAccessManager *m_network;
    QTimer *m_pumpTimer; // wakes the queue when the rate limit allows the next send
    QByteArray m_token;
    int m_timeoutMs = 10000;
    int m_maxAttempts = 6;
    int m_backoffInitialMs = 500;
    int m_backoffMaxMs = 30000;
    int m_maxRetryAfterMs = 120000;
    qint64 m_sendIntervalNs = 0; // least time between two sends; 0 = no limit

    std::deque<CallPtr> m_queue; // waiting for the rate limit, first in first out
    std::map<QNetworkReply *, CallPtr> m_inFlight;
    int m_waitingToRetry = 0;
    QElapsedTimer m_clock; // monotonic: the rate limit must not follow wall-clock jumps
    qint64 m_lastSendNs = -1;
};

} // namespace shopdesk
