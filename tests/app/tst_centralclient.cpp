#include "CentralProcess.h"
#include "FaultProxy.h"
#include "TestDatabase.h"
#include "app/sync/CentralClient.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QMutex>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <map>
#include <optional>

using namespace Qt::StringLiterals;
using namespace shopdesk;
using test::FaultProxy;

namespace {

const FaultProxy::Headers jsonType {{"Content-Type"_ba, "application/json"_ba}};

QByteArray errorBody(const QString &code, const QString &message)
{
    return QJsonDocument(
               QJsonObject {{u"error"_s, QJsonObject {{u"code"_s, code}, {u"message"_s, message}}}})
        .toJson(QJsonDocument::Compact);
}

// One call, waited for; nothing when the handler was not called within `timeoutMs`.
std::optional<CentralReply> call(CentralClient &client, const QByteArray &verb, const QString &path,
                                 bool retry = true, int timeoutMs = 30000,
                                 const QUrlQuery &query = {}, const QJsonDocument &body = {})
{
    std::optional<CentralReply> result;
    QObject context; // gone on return: a late handler cannot touch `result`
    client.send(
        verb, path, query, body, &context, [&result](const CentralReply &r) { result = r; }, retry);
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        return std::nullopt;
    return result;
}

QByteArray httpDate(const QDateTime &utc, const QString &format)
{
    return QLocale::c().toString(utc.toUTC(), format).toLatin1();
}
const QString imfFixdate = u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s;

// All of ShopDesk's logging on, whatever QT_LOGGING_RULES says (it overrides
// QLoggingCategory::setFilterRules(), a category filter does not).
QLoggingCategory::CategoryFilter previousFilter = nullptr;
void enableShopdeskLogging(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrncmp(category->categoryName(), "shopdesk.", 9) == 0) {
        for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
            category->setEnabled(type, true);
    }
}

// Every message logged while a test runs, for looking for secrets in it.
QMutex capturedMutex;
QStringList captured;
QtMessageHandler previousHandler = nullptr;
void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&capturedMutex);
        captured.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

// The most requests that arrived within any 1000 ms.
int busiestSecond(const QList<FaultProxy::Seen> &seen)
{
    int most = 0;
    for (const FaultProxy::Seen &first : seen) {
        int inWindow = 0;
        for (const FaultProxy::Seen &other : seen) {
            // 990: arrival times are whole milliseconds, so requests spaced
            // exactly 100 ms apart can read as 1,000 ms for ten of them.
            if (other.atMs >= first.atMs && other.atMs < first.atMs + 990)
                ++inWindow;
        }
        most = std::max(most, inWindow);
    }
    return most;
}

} // namespace

// CentralClient against the real shopdesk-central, through a FaultProxy that
// plays the bad network and the overloaded server.
class TestCentralClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    std::unique_ptr<test::CentralProcess> m_central;
    std::unique_ptr<FaultProxy> m_proxy;

    // Fast retries and no rate limit, unless a test is about them.
    std::unique_ptr<CentralClient> makeClient(QUrl base = {})
    {
        auto client = std::make_unique<CentralClient>(base.isEmpty() ? m_proxy->url() : base);
        client->setBackoff(10, 50);
        client->setRateLimit(0);
        return client;
    }

private slots:
    void initTestCase()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"centralclient"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        m_central = std::make_unique<test::CentralProcess>(
            QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk-central"), m_tdb->config().toUrl());
        QVERIFY2(m_central->start(), qPrintable(m_central->errorText()));
        m_proxy = std::make_unique<FaultProxy>(m_central->port());
        QVERIFY(m_proxy->isListening());
    }

    void init()
    {
        if (!m_central->isRunning())
            QVERIFY2(m_central->start(m_central->port()), qPrintable(m_central->errorText()));
        m_proxy->setUpstreamPort(m_central->port());
        m_proxy->setDown(false);
        m_proxy->clearFaults();
        m_proxy->clearSeen();
    }

    void cleanupTestCase()
    {
        m_proxy.reset();
        if (m_central && m_central->isRunning())
            QVERIFY2(m_central->stop(), qPrintable(m_central->errorText()));
        m_central.reset();
        m_tdb.reset();
    }

    void healthThroughTheProxy()
    {
        auto client = makeClient();
        QSignalSpy health(client.get(), &CentralClient::healthChecked);
        client->checkHealth();
        QVERIFY(health.wait(15000));
        QCOMPARE(health.first().at(0).toBool(), true);

        const auto reply = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QVERIFY(reply->ok());
        QCOMPARE(reply->attempts, 1);
        QVERIFY(reply->errorCode.isEmpty());
        QCOMPARE(reply->body.object().value(u"status"_s).toString(), u"ok"_s);

        const auto seen = m_proxy->seen();
        QCOMPARE(seen.size(), 2);
        for (const auto &request : seen) {
            QCOMPARE(request.method, "GET"_ba);
            QCOMPARE(request.path, "/health"_ba);
            QCOMPARE(request.header("Accept"_ba), "application/json"_ba);
            QVERIFY(request.header("Authorization"_ba).isEmpty()); // no token set
        }
        QCOMPARE(client->pendingRequests(), 0);
    }

    void sendsVerbQueryAndJsonBody()
    {
        auto client = makeClient();
        QUrlQuery query;
        query.addQueryItem(u"product_id"_s, u"7"_s);
        const QJsonDocument body(QJsonObject {{u"quantity"_s, 3}});
        const auto reply =
            call(*client, "PATCH"_ba, u"/no/such/stocks/increase"_s, false, 15000, query, body);
        QVERIFY(reply);
        QCOMPARE(reply->status, 404);

        const auto seen = m_proxy->seen();
        QCOMPARE(seen.size(), 1);
        QCOMPARE(seen[0].method, "PATCH"_ba);
        QCOMPARE(seen[0].path, "/no/such/stocks/increase?product_id=7"_ba);
        QCOMPARE(seen[0].header("Content-Type"_ba), "application/json"_ba);
        QCOMPARE(QJsonDocument::fromJson(seen[0].body), body);
    }

    void retryAfterSecondsIsHonoured()
    {
        auto client = makeClient();
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        m_proxy->answerNext(1, 429, jsonType + FaultProxy::Headers {{"Retry-After"_ba, "2"_ba}},
                            errorBody(u"rate_limited"_s, u"Slow down."_s));
        const auto reply = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->attempts, 2);

        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying[0][0].toString(), u"/health"_s);
        QCOMPARE(retrying[0][1].toInt(), 2);
        QCOMPARE(retrying[0][2].toInt(), 2000); // the server's wait, not the 10-50 ms backoff
        QVERIFY(retrying[0][3].toString().contains(u"Slow down."_s));

        const auto seen = m_proxy->seen();
        QCOMPARE(seen.size(), 2);
        const qint64 gap = seen[1].atMs - seen[0].atMs;
        // Not sooner than the server asked; how much later is the machine's
        // load, and the scheduled wait is checked above.
        QVERIFY2(gap >= 2000, qPrintable(QString::number(gap)));
    }

    void retryAfterHttpDate_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("inSeconds");
        QTest::addColumn<int>("serverClockOffset"); // seconds; the server's Date header
        QTest::addColumn<bool>("sendDate");
        // Without Date the client's own clock counts.
        QTest::newRow("IMF-fixdate, client's clock") << imfFixdate << 3 << 0 << false;
        // A client that ignored Date would retry at once (or after an hour).
        QTest::newRow("IMF-fixdate, server an hour behind") << imfFixdate << 2 << -3600 << true;
        QTest::newRow("RFC 850, server a day ahead")
            << u"dddd, dd-MMM-yy HH:mm:ss 'GMT'"_s << 2 << 86400 << true;
        QTest::newRow("asctime") << u"ddd MMM d HH:mm:ss yyyy"_s << 2 << 0 << true;
    }
    void retryAfterHttpDate()
    {
        QFETCH(QString, format);
        QFETCH(int, inSeconds);
        QFETCH(int, serverClockOffset);
        QFETCH(bool, sendDate);

        const QDateTime serverNow = QDateTime::currentDateTimeUtc().addSecs(serverClockOffset);
        FaultProxy::Headers headers {
            {"Retry-After"_ba, httpDate(serverNow.addSecs(inSeconds), format)}};
        if (sendDate)
            headers.append({"Date"_ba, httpDate(serverNow, imfFixdate)});
        m_proxy->answerNext(1, 503, headers);

        auto client = makeClient();
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        const auto reply = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->attempts, 2);
        const auto seen = m_proxy->seen();
        QCOMPARE(seen.size(), 2);
        const qint64 gap = seen[1].atMs - seen[0].atMs;
        // Without Date, the whole seconds of the date may take up to one second
        // off the wait (less the few ms between the test's clock and the request).
        const qint64 least = sendDate ? inSeconds * 1000 : (inSeconds - 1) * 1000 - 100;
        // Not sooner than the server asked (how much later depends on the load),
        // and the wait the client scheduled is no longer than it asked either.
        QVERIFY2(gap >= least, qPrintable(u"waited %1 ms"_s.arg(gap)));
        QCOMPARE(retrying.size(), 1);
        const int scheduled = retrying[0][2].toInt();
        QVERIFY2(scheduled >= least && scheduled <= inSeconds * 1000,
                 qPrintable(u"scheduled %1 ms"_s.arg(scheduled)));
    }

    void retryAfterIsCapped()
    {
        auto client = makeClient();
        client->setMaxRetryAfter(300);
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        m_proxy->answerNext(1, 503, {{"Retry-After"_ba, "3600"_ba}});
        const auto reply = call(*client, "GET"_ba, u"/health"_s, true, 10000);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying[0][2].toInt(), 300);
    }

    void serverErrorsAreRetried_data()
    {
        QTest::addColumn<QList<int>>("statuses");
        QTest::newRow("500, 500") << QList<int> {500, 500};
        QTest::newRow("500, 503") << QList<int> {500, 503};
        QTest::newRow("502, 503, 504") << QList<int> {502, 503, 504};
        QTest::newRow("420 enhance your calm") << QList<int> {420};
        QTest::newRow("429 without Retry-After") << QList<int> {429};
    }
    void serverErrorsAreRetried()
    {
        QFETCH(QList<int>, statuses);
        for (int status : statuses)
            m_proxy->answerNext(1, status, jsonType, errorBody(u"busy"_s, u"Busy."_s));
        auto client = makeClient();
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        const auto reply = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QVERIFY(reply->errorCode.isEmpty());
        QCOMPARE(reply->attempts, statuses.size() + 1);
        QCOMPARE(m_proxy->seen().size(), statuses.size() + 1);
        QCOMPARE(m_proxy->faultsLeft(), 0);
        QCOMPARE(retrying.size(), statuses.size());
        for (int i = 0; i < retrying.size(); ++i) {
            QCOMPARE(retrying[i][1].toInt(), i + 2);
            QVERIFY(retrying[i][3].toString().contains(QString::number(statuses[i])));
        }
    }

    void droppedConnectionIsRetried_data()
    {
        QTest::addColumn<bool>("cutAfterForward");
        QTest::newRow("dropped before the server") << false;
        QTest::newRow("answer lost after the server") << true;
    }
    void droppedConnectionIsRetried()
    {
        QFETCH(bool, cutAfterForward);
        // QNetworkAccessManager itself sends a request again (twice at most)
        // when a connection closes before any answer; the third loss reaches
        // the client's own retry.
        if (cutAfterForward)
            m_proxy->cutAfterForwardNext(3);
        else
            m_proxy->dropNext(3);
        auto client = makeClient();
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        const auto reply = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QCOMPARE(m_proxy->faultsLeft(), 0);
        QCOMPARE(m_proxy->seen().size(), 4);
        QVERIFY(reply->attempts >= 2);
        QCOMPARE(retrying.size(), reply->attempts - 1);
    }

    void clientErrorsAreNotRetried_data()
    {
        QTest::addColumn<int>("cannedStatus"); // 0: central's own answer
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("404 from central")
            << 0 << u"/no/such/thing"_s << 404 << u"not_found"_s << u"/no/such/thing"_s;
        QTest::newRow("400") << 400 << u"/health"_s << 400 << u"bad_request"_s
                             << u"The limit must be a number."_s;
        QTest::newRow("401") << 401 << u"/health"_s << 401 << u"unauthorized"_s
                             << u"Unknown token."_s;
        QTest::newRow("422") << 422 << u"/health"_s << 422 << u"invalid"_s
                             << u"The quantity must be positive."_s;
        QTest::newRow("400 without a JSON body")
            << -400 << u"/health"_s << 400 << u"http"_s << u"400"_s;
    }
    void clientErrorsAreNotRetried()
    {
        QFETCH(int, cannedStatus);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, message);
        if (cannedStatus > 0)
            m_proxy->answerNext(1, cannedStatus, jsonType, errorBody(code, message));
        else if (cannedStatus < 0)
            m_proxy->answerNext(1, -cannedStatus, {{"Content-Type"_ba, "text/html"_ba}},
                                "<html><body>Bad request</body></html>"_ba);
        auto client = makeClient();
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        const auto reply = call(*client, "GET"_ba, path);
        QVERIFY(reply);
        QCOMPARE(reply->status, status);
        QVERIFY(!reply->ok());
        QVERIFY(reply->reachedServer());
        QCOMPARE(reply->attempts, 1);
        QCOMPARE(reply->errorCode, code);
        QVERIFY2(reply->errorMessage.contains(message), qPrintable(reply->errorMessage));
        QCOMPARE(m_proxy->seen().size(), 1);
        QCOMPARE(retrying.size(), 0);
    }

    void noRetryWhenNotAllowed()
    {
        m_proxy->answerNext(1, 503, jsonType, errorBody(u"busy"_s, u"Busy."_s));
        auto client = makeClient();
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        const auto reply = call(*client, "POST"_ba, u"/health"_s, false);
        QVERIFY(reply);
        QCOMPARE(reply->status, 503);
        QCOMPARE(reply->attempts, 1);
        QCOMPARE(reply->errorCode, u"busy"_s);
        QCOMPARE(m_proxy->seen().size(), 1);
        QCOMPARE(retrying.size(), 0);
    }

    void givesUpAfterMaxAttempts()
    {
        m_proxy->answerNext(5, 503, jsonType,
                            errorBody(u"maintenance"_s, u"Central is being updated."_s));
        auto client = makeClient();
        client->setMaxAttempts(3);
        const auto reply = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(reply);
        QCOMPARE(reply->status, 503);
        QCOMPARE(reply->attempts, 3);
        QCOMPARE(reply->errorCode, u"maintenance"_s);
        QVERIFY(reply->errorMessage.contains(u"Central is being updated."_s));
        QVERIFY2(reply->errorMessage.contains(u"after 3 attempt"_s),
                 qPrintable(reply->errorMessage));
        QCOMPARE(m_proxy->seen().size(), 3);
        QCOMPARE(m_proxy->faultsLeft(), 2);
    }

    void unreachableCentralIsANetworkError_data()
    {
        QTest::addColumn<bool>("proxyDown");
        QTest::newRow("connections closed at once") << true;
        QTest::newRow("connection refused") << false;
    }
    void unreachableCentralIsANetworkError()
    {
        QFETCH(bool, proxyDown);
        m_proxy->setDown(proxyDown);
        auto client = makeClient(proxyDown ? QUrl() : QUrl(u"http://127.0.0.1:1"_s));
        client->setMaxAttempts(3);
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        const auto reply = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(reply);
        QCOMPARE(reply->status, 0);
        QVERIFY(!reply->reachedServer());
        QCOMPARE(reply->errorCode, u"network"_s);
        QCOMPARE(reply->attempts, 3);
        QCOMPARE(retrying.size(), 2);
        QVERIFY2(reply->errorMessage.contains(u"after 3 attempt"_s),
                 qPrintable(reply->errorMessage));
        QCOMPARE(m_proxy->seen().size(), 0);
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // the kernel accepts the connections; nobody ever answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        auto client = makeClient(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())));
        client->setTimeout(300);
        client->setMaxAttempts(2);
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        QElapsedTimer clock;
        clock.start();
        const auto reply = call(*client, "GET"_ba, u"/health"_s, true, 10000);
        QVERIFY(reply);
        // Two 300 ms timeouts (a coarse timer may fire up to 5 % early).
        QVERIFY2(clock.elapsed() >= 550, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(reply->status, 0);
        QCOMPARE(reply->errorCode, u"timeout"_s);
        QCOMPARE(reply->attempts, 2);
        QCOMPARE(retrying.size(), 1);
        QVERIFY(!reply->errorMessage.isEmpty());
    }

    void rateLimitSpacesRequests()
    {
        auto client = std::make_unique<CentralClient>(m_proxy->url()); // default: 10 per second
        int succeeded = 0;
        int answered = 0;
        for (int i = 0; i < 25; ++i) {
            client->send("GET"_ba, u"/health"_s, {}, {}, this, [&](const CentralReply &reply) {
                ++answered;
                succeeded += reply.ok() ? 1 : 0;
            });
        }
        QCOMPARE(client->pendingRequests(), 25);
        QTRY_COMPARE_WITH_TIMEOUT(answered, 25, 20000);
        QCOMPARE(succeeded, 25);
        QCOMPARE(client->pendingRequests(), 0);

        const auto seen = m_proxy->seen();
        QCOMPARE(seen.size(), 25);
        QVERIFY2(busiestSecond(seen) <= 10, qPrintable(QString::number(busiestSecond(seen))));
        QVERIFY(seen.last().atMs - seen.first().atMs >= 2000); // 25 at 10/s
    }

    void rateLimitCoversRetries()
    {
        auto client = makeClient();
        client->setRateLimit(5);
        client->setBackoff(0, 0); // only the rate limit spaces the retries
        m_proxy->answerNext(6, 503);
        int succeeded = 0;
        int attempts = 0;
        for (int i = 0; i < 3; ++i) {
            client->send("GET"_ba, u"/health"_s, {}, {}, this, [&](const CentralReply &reply) {
                succeeded += reply.ok() ? 1 : 0;
                attempts += reply.attempts;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(succeeded, 3, 20000);
        QCOMPARE(attempts, 9);
        const auto seen = m_proxy->seen();
        QCOMPARE(seen.size(), 9);
        for (qsizetype i = 1; i < seen.size(); ++i) {
            // 190: arrival times are whole milliseconds, a 200 ms spacing can read 199.
            QVERIFY2(seen[i].atMs - seen[i - 1].atMs >= 190,
                     qPrintable(u"requests %1 and %2 were %3 ms apart"_s.arg(i - 1).arg(i).arg(
                         seen[i].atMs - seen[i - 1].atMs)));
        }
    }

    void tokenIsSentButNeverShown()
    {
        const QByteArray token = "s3cr3t-T0KEN-of-shop-0042"_ba;
        const QString tokenText = QString::fromLatin1(token);
        // A careless server could echo the token back; the client must not pass it on.
        m_proxy->answerNext(
            2, 503, jsonType,
            errorBody(u"busy"_s, u"Token %1 is fine, try again later."_s.arg(tokenText)));

        {
            QMutexLocker lock(&capturedMutex);
            captured.clear();
        }
        previousFilter = QLoggingCategory::installFilter(enableShopdeskLogging);
        previousHandler = qInstallMessageHandler(captureMessage);
        const auto restore = qScopeGuard([] {
            qInstallMessageHandler(previousHandler);
            previousHandler = nullptr;
            QLoggingCategory::installFilter(previousFilter);
            previousFilter = nullptr;
        });

        auto client = makeClient();
        client->setToken(token);
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        const auto reply = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->attempts, 3);

        m_proxy->answerNext(1, 401, jsonType,
                            errorBody(u"unauthorized"_s, u"Unknown token %1."_s.arg(tokenText)));
        const auto refused = call(*client, "GET"_ba, u"/health"_s);
        QVERIFY(refused);
        QCOMPARE(refused->status, 401);
        QVERIFY2(!refused->errorMessage.contains(tokenText), qPrintable(refused->errorMessage));
        QVERIFY(refused->errorMessage.contains(u"Unknown token"_s));

        const auto seen = m_proxy->seen();
        QCOMPARE(seen.size(), 4);
        for (const auto &request : seen)
            QCOMPARE(request.header("Authorization"_ba), "Bearer "_ba + token);

        QCOMPARE(retrying.size(), 2);
        for (const auto &signal : retrying) {
            QVERIFY(signal[3].toString().contains(u"try again later"_s));
            QVERIFY2(!signal[3].toString().contains(tokenText), qPrintable(signal[3].toString()));
        }
        QMutexLocker lock(&capturedMutex);
        QVERIFY(!captured.isEmpty()); // the client's logging was on and got here
        for (const QString &message : std::as_const(captured))
            QVERIFY2(!message.contains(tokenText), qPrintable(message));
    }

    void centralChecksTheIssuedToken()
    {
        QString error;
        const QByteArray token = m_central->issueToken(u"S017"_s, &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));

        auto client = makeClient();
        const auto anonymous = call(*client, "GET"_ba, u"/stocks"_s);
        QVERIFY(anonymous);
        QCOMPARE(anonymous->status, 401);
        QCOMPARE(anonymous->attempts, 1);
        QCOMPARE(anonymous->errorCode, u"unauthorized"_s);

        client->setToken(token + "-forged"_ba);
        const auto forged = call(*client, "GET"_ba, u"/stocks"_s);
        QVERIFY(forged);
        QCOMPARE(forged->status, 401);

        client->setToken(token);
        const auto authorized = call(*client, "GET"_ba, u"/stocks"_s);
        QVERIFY(authorized);
        QVERIFY2(authorized->reachedServer() && authorized->status != 401,
                 qPrintable(u"%1 %2"_s.arg(authorized->status).arg(authorized->errorMessage)));
        QCOMPARE(m_proxy->seen().last().header("Authorization"_ba), "Bearer "_ba + token);
    }

    void noHandlerAfterContextIsGone_data()
    {
        QTest::addColumn<QString>("when");
        QTest::newRow("in flight") << u"in flight"_s;
        QTest::newRow("waiting to retry") << u"waiting to retry"_s;
        QTest::newRow("held by the rate limit") << u"held by the rate limit"_s;
    }
    void noHandlerAfterContextIsGone()
    {
        QFETCH(QString, when);
        auto client = makeClient();
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        int earlierAnswered = 0;
        if (when == u"waiting to retry"_s)
            m_proxy->answerNext(1, 503, {{"Retry-After"_ba, "1"_ba}});
        if (when == u"held by the rate limit"_s) {
            client->setRateLimit(1);
            client->send("GET"_ba, u"/health"_s, {}, {}, this,
                         [&](const CentralReply &) { ++earlierAnswered; });
        }

        auto *context = new QObject;
        bool called = false;
        client->send("GET"_ba, u"/health"_s, {}, {}, context,
                     [&called](const CentralReply &) { called = true; });
        if (when == u"waiting to retry"_s)
            QVERIFY(retrying.wait(5000));
        delete context;

        QTRY_COMPARE_WITH_TIMEOUT(client->pendingRequests(), 0, 10000);
        QTest::qWait(200);
        QVERIFY(!called);
        // Nobody waits for the answer: it is not asked for again.
        QCOMPARE(m_proxy->seen().size(), 1);
        if (when == u"held by the rate limit"_s)
            QCOMPARE(earlierAnswered, 1);
    }

    void backoffGrowsWithJitter()
    {
        auto client = makeClient();
        client->setBackoff(20, 100);
        client->setMaxAttempts(5);
        m_proxy->answerNext(100, 503);
        std::map<int, QList<int>> delaysByAttempt;
        connect(client.get(), &CentralClient::requestRetrying, this,
                [&](const QString &, int attempt, int delayMs, const QString &) {
                    delaysByAttempt[attempt].append(delayMs);
                });
        int gaveUp = 0;
        for (int i = 0; i < 20; ++i) {
            client->send("GET"_ba, u"/health"_s, {}, {}, this, [&](const CentralReply &reply) {
                gaveUp += reply.status == 503 && reply.attempts == 5 ? 1 : 0;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(gaveUp, 20, 20000);
        QCOMPARE(m_proxy->faultsLeft(), 0);

        QCOMPARE(int(delaysByAttempt.size()), 4); // attempts 2 to 5
        int previousLargest = -1;
        for (const auto &[attempt, delays] : delaysByAttempt) {
            QCOMPARE(delays.size(), 20);
            const int cap = std::min(100, 20 << (attempt - 2)); // 20, 40, 80, 100
            const int largest = *std::max_element(delays.begin(), delays.end());
            const int smallest = *std::min_element(delays.begin(), delays.end());
            QVERIFY2(
                smallest >= 0 && largest <= cap,
                qPrintable(
                    u"attempt %1: %2..%3 ms, cap %4"_s.arg(attempt).arg(smallest).arg(largest).arg(
                        cap)));
            QVERIFY2(smallest != largest, "no jitter"); // 20 equal draws: p < 1e-25
            // Twenty draws below the cap before: p <= (41/81)^20 < 1e-5.
            QVERIFY2(
                largest > previousLargest || attempt == 5,
                qPrintable(u"attempt %1 waited at most %2 ms, attempt %3 at most %4"_s.arg(attempt)
                               .arg(largest)
                               .arg(attempt - 1)
                               .arg(previousLargest)));
            if (attempt == 5)
                QVERIFY(largest > 40); // (41/101)^20 < 1e-7
            previousLargest = largest;
        }
    }

    void centralRestartIsRiddenOut_data()
    {
        QTest::addColumn<bool>("crash");
        QTest::newRow("stopped") << false;
        QTest::newRow("killed") << true;
    }
    void centralRestartIsRiddenOut()
    {
        QFETCH(bool, crash);
        const quint16 port = m_central->port();
        if (crash)
            m_central->kill();
        else
            QVERIFY2(m_central->stop(), qPrintable(m_central->errorText()));
        QVERIFY(!m_central->isRunning());

        auto client = makeClient();
        client->setBackoff(100, 400);
        client->setMaxAttempts(100);
        QSignalSpy retrying(client.get(), &CentralClient::requestRetrying);
        std::optional<CentralReply> reply;
        client->send("GET"_ba, u"/health"_s, {}, {}, this,
                     [&reply](const CentralReply &r) { reply = r; });
        QVERIFY(retrying.wait(10000));
        QVERIFY(!reply);
        QVERIFY2(m_central->start(port), qPrintable(m_central->errorText()));
        QCOMPARE(m_central->port(), port);
        QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 30000);
        QCOMPARE(reply->status, 200);
        QVERIFY(reply->attempts >= 2);
    }
};

QTEST_GUILESS_MAIN(TestCentralClient)
#include "tst_centralclient.moc"
