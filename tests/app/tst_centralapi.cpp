// Contract tests of shopdesk-central's REST API: every endpoint of the real
// server process, on a free port, over a real throwaway database, checked as
// a client would check it (statuses, shapes, values) and in the database.
// Ends with a fuzz of every request body and query (issue 8: "the central
// server's JSON request parsing fuzzed with no crash").

#include "CentralProcess.h"
#include "TestDatabase.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

const QString kCentral = QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk-central");

// Bytes as readable text for failure messages: non-ASCII bytes as \xNN.
QString printable(const QByteArray &bytes, qsizetype max = 200)
{
    QString out;
    qsizetype i = 0;
    for (; i < bytes.size() && out.size() < max; ++i) {
        const auto c = uchar(bytes.at(i));
        if (c >= 0x20 && c < 0x7f)
            out += QChar(c);
        else
            out += u"\\x%1"_s.arg(uint(c), 2, 16, QChar(u'0'));
    }
    if (i < bytes.size())
        out += u"... (%1 bytes)"_s.arg(bytes.size());
    return out;
}

// One HTTP request of a test.
struct Request
{
    QByteArray verb;
    QString path;
    QByteArray query; // percent-encoded, without '?'
    QByteArray body;

    QString describe() const
    {
        QString text = QString::fromLatin1(verb) + u' ' + path;
        if (!query.isEmpty())
            text += u'?' + printable(query, 300);
        if (!body.isEmpty())
            text += u' ' + printable(body);
        return text;
    }
};

// What came back.
struct Answer
{
    QString request; // for messages
    int status = 0; // 0: no HTTP answer at all
    QString networkError;
    QByteArray body;
    QJsonDocument json;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject object() const { return json.object(); }
    QJsonArray items() const { return object().value(u"items"_s).toArray(); }
    QJsonObject error() const { return object().value(u"error"_s).toObject(); }
    QString code() const { return error().value(u"code"_s).toString(); }
    QString field() const { return error().value(u"field"_s).toString(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return {};
    }
    QString describe() const
    {
        // One arg() call: a "%00" in the request must not be taken for a placeholder.
        return u"%1 -> HTTP %2 %3%4"_s.arg(request, QString::number(status),
                                           networkError.isEmpty() ? QString()
                                                                  : u"(%1) "_s.arg(networkError),
                                           printable(body, 400));
    }
};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonValue &value)
{
    // QJsonDocument writes only objects and arrays: a value inside [ ].
    return QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
}

// "name=value&..." with both percent-encoded.
QByteArray params(const QList<std::pair<QString, QString>> &items)
{
    QByteArrayList parts;
    for (const auto &[name, value] : items)
        parts << QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    return parts.join('&');
}

QByteArray bearer(const QByteArray &token)
{
    return "Bearer " + token;
}

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject syncEvent(const QString &type, const QJsonObject &payload,
                      const QString &key = newKey())
{
    return {{u"idempotency_key"_s, key}, {u"event_type"_s, type}, {u"payload"_s, payload}};
}

QByteArray batch(const QJsonArray &events)
{
    return compact(QJsonObject {{u"events"_s, events}});
}

QJsonObject productCreated(const QString &plu, const QString &name, qint64 price = 100)
{
    return {{u"plu"_s, plu}, {u"name"_s, name}, {u"price"_s, price}};
}

QJsonObject stockChanged(const QString &plu, const QString &shopCode, const QString &action,
                         int shelfDelta, int orderDelta, int shelfAfter, int orderAfter,
                         const QString &at = {}, const QString &reason = {})
{
    QJsonObject p {{u"plu"_s, plu},
                   {u"shop_code"_s, shopCode},
                   {u"action"_s, action},
                   {u"shelf_delta"_s, shelfDelta},
                   {u"order_delta"_s, orderDelta},
                   {u"quantity_on_shelf"_s, shelfAfter},
                   {u"quantity_in_order"_s, orderAfter}};
    if (!at.isEmpty())
        p.insert(u"at"_s, at);
    if (!reason.isEmpty())
        p.insert(u"reason"_s, reason);
    return p;
}

QStringList valuesOf(const QJsonArray &items, const QString &key)
{
    QStringList out;
    for (const QJsonValue &item : items)
        out << item.toObject().value(key).toVariant().toString();
    return out;
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QString base64Url(const QByteArray &raw)
{
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The error shape of every refusal: {"error": {"code", "message"[, "field"]}}.
void verifyError(const Answer &a, int status, const QString &code = {}, const QString &field = {})
{
    QVERIFY2(a.status == status,
             qPrintable(u"expected HTTP %1: %2"_s.arg(status).arg(a.describe())));
    QVERIFY2(a.header("Content-Type").startsWith("application/json"),
             qPrintable(u"not JSON: "_s + a.describe()));
    QVERIFY2(a.json.isObject() && a.object().value(u"error"_s).isObject(),
             qPrintable(u"no error object: "_s + a.describe()));
    QVERIFY2(!a.code().isEmpty(), qPrintable(u"no error code: "_s + a.describe()));
    QVERIFY2(!a.error().value(u"message"_s).toString().isEmpty(),
             qPrintable(u"no error message: "_s + a.describe()));
    if (!code.isEmpty())
        QVERIFY2(a.code() == code, qPrintable(u"expected code %1: %2"_s.arg(code, a.describe())));
    if (!field.isEmpty())
        QVERIFY2(a.field() == field,
                 qPrintable(u"expected field %1: %2"_s.arg(field, a.describe())));
}

void verifyOk(const Answer &a, int status = 200)
{
    QVERIFY2(a.status == status,
             qPrintable(u"expected HTTP %1: %2"_s.arg(status).arg(a.describe())));
    QVERIFY2(a.header("Content-Type").startsWith("application/json"),
             qPrintable(u"not JSON: "_s + a.describe()));
    QVERIFY2(a.json.isObject(), qPrintable(u"not a JSON object: "_s + a.describe()));
}

const QStringList kProductKeys {u"active"_s,         u"barcode"_s,    u"barcodes"_s, u"category"_s,
                                u"category_id"_s,    u"name"_s,       u"plu"_s,      u"price"_s,
                                u"sold_by_weight"_s, u"updated_at"_s, u"vat_code"_s};
const QStringList kCategoryKeys {u"id"_s, u"name"_s, u"parent_id"_s, u"path"_s};
// A product in the catalog feed: the same and the prices scheduled after now.
const QStringList kCatalogKeys {
    u"active"_s,         u"barcode"_s,    u"barcodes"_s, u"category_id"_s,
    u"name"_s,           u"plu"_s,        u"price"_s,    u"scheduled_prices"_s,
    u"sold_by_weight"_s, u"updated_at"_s, u"vat_code"_s};
const QStringList kPriceKeys {u"created_at"_s, u"previous"_s, u"price"_s,     u"reason"_s,
                              u"scheduled"_s,  u"staff"_s,    u"valid_from"_s};
const QStringList kStockKeys {u"name"_s, u"plu"_s, u"quantity_in_order"_s, u"quantity_on_shelf"_s,
                              u"shop_id"_s};
const QStringList kHistoryKeys {u"action"_s,
                                u"at"_s,
                                u"id"_s,
                                u"name"_s,
                                u"order_delta"_s,
                                u"order_id"_s,
                                u"plu"_s,
                                u"quantity_in_order"_s,
                                u"quantity_on_shelf"_s,
                                u"reason"_s,
                                u"shelf_delta"_s,
                                u"shop_id"_s,
                                u"staff"_s};

// A deterministic generator of request bodies: valid ones with fields
// deleted, retyped, duplicated and added, and raw bytes of every kind.
class Fuzzer
{
public:
    explicit Fuzzer(quint32 seed) : m_random(seed) { }

    int bounded(int n) { return n <= 0 ? 0 : int(m_random.bounded(n)); }

    // A UUID from the seeded generator, so the corpus is the same every run.
    QString key()
    {
        QByteArray b(16, '\0');
        for (char &c : b)
            c = char(m_random.bounded(256));
        b[6] = char((uchar(b[6]) & 0x0f) | 0x40);
        b[8] = char((uchar(b[8]) & 0x3f) | 0x80);
        return QUuid::fromRfc4122(b).toString(QUuid::WithoutBraces);
    }

    static const QList<QJsonValue> &weirdValues()
    {
        static const QList<QJsonValue> values = [] {
            QJsonValue deep = QJsonArray();
            for (int i = 0; i < 200; ++i)
                deep = QJsonArray {deep};
            const QString nul = u"a"_s + QChar(u'\0') + u"b"_s;
            return QList<QJsonValue> {u"5"_s,
                                      3.5,
                                      1e300,
                                      -1,
                                      0,
                                      1,
                                      -0.0,
                                      1e-300,
                                      9007199254740993.0,
                                      -9.2e18,
                                      2147483648.0,
                                      2000000001,
                                      1000001,
                                      10000000001.0,
                                      true,
                                      false,
                                      QJsonValue(QJsonValue::Null),
                                      QJsonArray(),
                                      QJsonObject(),
                                      QString(),
                                      u"   "_s,
                                      QString(100000, u'x'),
                                      QString(201, u'y'),
                                      QString(33, u'Z'),
                                      u"\u0401\u0436\u0438\u043a \U0001F35E e\u0301 \u202e"_s,
                                      u"'; DROP TABLE products; --"_s,
                                      u"' OR '1'='1"_s,
                                      u"%"_s,
                                      u"_"_s,
                                      u"\\"_s,
                                      u"%_\\"_s,
                                      nul,
                                      QString(QChar(u'\0')),
                                      u"2024-03-10T20:30:00Z"_s,
                                      u"not-a-date"_s,
                                      u"not-a-uuid"_s,
                                      u"S1"_s,
                                      u"S2"_s,
                                      u"NOPE"_s,
                                      u"FZ-BASE"_s,
                                      u"product.created"_s,
                                      u"stock.changed"_s,
                                      u"sold"_s,
                                      u"stocktake"_s,
                                      deep,
                                      QJsonObject {{u"plu"_s, u"FZ-BASE"_s}},
                                      QJsonArray {1, 2, 3}};
        }();
        return values;
    }

    QJsonValue weird() { return weirdValues().at(bounded(int(weirdValues().size()))); }

    QJsonValue mutate(const QJsonValue &value, int depth)
    {
        if (value.isObject()) {
            QJsonObject o = value.toObject();
            const QStringList keys = o.keys();
            const QString name = keys.isEmpty() ? QString() : keys.at(bounded(int(keys.size())));
            switch (bounded(depth == 0 ? 5 : 6)) {
            case 0: // a field deleted
                o.remove(name);
                break;
            case 1: // retyped
                o.insert(name.isEmpty() ? u"x"_s : name, weird());
                break;
            case 2: // an unknown field
                o.insert(bounded(2) ? u"unknown"_s : u"plu "_s, weird());
                break;
            case 3: // deeper
                if (!name.isEmpty())
                    o.insert(name, mutate(o.value(name), depth + 1));
                break;
            case 4: // wrapped in an array
                if (!name.isEmpty())
                    o.insert(name, QJsonArray {o.value(name)});
                break;
            default: // replaced as a whole
                return weird();
            }
            return o;
        }
        if (value.isArray()) {
            QJsonArray a = value.toArray();
            const int i = bounded(int(a.size()));
            switch (bounded(5)) {
            case 0:
                if (!a.isEmpty())
                    a.removeAt(i);
                break;
            case 1: // the same element (and idempotency key) twice
                if (!a.isEmpty())
                    a.append(a.at(i));
                break;
            case 2:
                if (!a.isEmpty())
                    a.replace(i, mutate(a.at(i), depth + 1));
                break;
            case 3:
                a.append(weird());
                break;
            default:
                return weird();
            }
            return a;
        }
        return weird();
    }

    // A field given twice, the second time with another value.
    QByteArray duplicateKey(const QByteArray &text, const QStringList &names)
    {
        const QString name = names.isEmpty() ? u"plu"_s : names.at(bounded(int(names.size())));
        const QByteArray extra = compact(QJsonValue(name)) + ':' + compact(weird());
        if (text.size() <= 2)
            return '{' + extra + '}';
        return bounded(2) ? '{' + extra + ',' + text.mid(1) : text.chopped(1) + ',' + extra + '}';
    }

    QByteArray randomBytes(int size)
    {
        QByteArray b(size, '\0');
        for (char &c : b)
            c = char(m_random.bounded(256));
        return b;
    }

    QByteArray body(const QJsonObject &valid)
    {
        const QByteArray text = compact(valid);
        const int kind = bounded(100);
        if (kind < 8)
            return text;
        if (kind < 60) {
            QJsonValue v = valid;
            for (int n = 1 + bounded(3); n > 0; --n)
                v = mutate(v, 0);
            return v.isObject() ? compact(v.toObject()) : compact(v);
        }
        if (kind < 70)
            return duplicateKey(text, valid.keys());
        if (kind < 78)
            return text.left(bounded(int(text.size())));
        if (kind < 86) {
            QByteArray flipped = text;
            for (int n = 1 + bounded(3); n > 0 && !flipped.isEmpty(); --n)
                flipped[bounded(int(flipped.size()))] = char(m_random.bounded(256));
            return flipped;
        }
        if (kind < 90) {
            QByteArray withNul = text;
            withNul.insert(bounded(int(text.size()) + 1), '\0');
            return withNul;
        }
        if (kind < 95)
            return randomBytes(bounded(300));
        return specials().at(bounded(int(specials().size())));
    }

    // Bodies every endpoint gets once.
    static const QByteArrayList &specials()
    {
        static const QByteArrayList list = [] {
            QByteArrayList l {"",
                              " ",
                              "null",
                              "true",
                              "42",
                              "-1",
                              "\"text\"",
                              "[]",
                              "[{}]",
                              "{}",
                              "{",
                              "}",
                              "{\"",
                              "{\"plu\":}",
                              "{\"plu\" \"x\"}",
                              "{'plu':'x'}",
                              "{plu:1}",
                              "{\"plu\":\"x\",}",
                              "'; DROP TABLE products; --",
                              "{\"name\":\"'; DROP TABLE products; --\"}",
                              QByteArray(10000, '['),
                              QByteArray(10000, '[') + QByteArray(10000, ']'),
                              QByteArray(1025, '[') + QByteArray(1025, ']'),
                              "{\"events\":" + QByteArray(10000, '['),
                              "\xef\xbb\xbf{}",
                              "{\"name\":\"\xff\xfe\"}",
                              "{\"name\":\"\xc0\xaf\"}",
                              "{\"name\":\"\\ud800\"}",
                              "{\"name\":\"\\udc00\\ud800\"}",
                              "{\"name\":\"\\u0000\"}",
                              "{\"plu\":\"\\u0000\"}",
                              QByteArray("{\"name\":\"a\0b\"}", 14),
                              QByteArray(1, '\0'),
                              QByteArray(100, '\0'),
                              "{\"price\":1e400}",
                              "{\"price\":-0}",
                              "{\"price\":123456789012345678901234567890}",
                              "{\"shop_id\":NaN}",
                              "{\"shop_id\":Infinity}",
                              "{\"quantity_on_shelf\":1e-400}",
                              "{\"plu\":\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}"};
            QByteArray a = "{\"a", b = "{";
            for (int i = 0; i < 20000; ++i) {
                a += QByteArray::number(i) + "\":1,\"a";
                b += "\"plu\":" + QByteArray::number(i) + ',';
            }
            l << a + "x\":1}" << b + "\"plu\":1}";
            QByteArray deep;
            for (int i = 0; i < 5000; ++i)
                deep += "{\"a\":";
            l << deep + '1' + QByteArray(5000, '}');
            return l;
        }();
        return list;
    }

private:
    QRandomGenerator m_random;
};

} // namespace

// Runs a check helper and stops the test function when it failed.
#define SD_CHECK(call)                                                                             \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

class TestCentralApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    std::unique_ptr<test::CentralProcess> m_central;
    QNetworkAccessManager m_network;
    QByteArray m_head; // head-office token
    QByteArray m_s1; // shop S1's token
    QByteArray m_s2;
    qint64 m_shop1 = 0;
    qint64 m_shop2 = 0;

    // --- HTTP -------------------------------------------------------------

    // `authorization`: the Authorization header; nothing: the head office's token.
    QNetworkReply *send(const Request &r, const std::optional<QByteArray> &authorization)
    {
        QByteArray target = m_central->baseUrl().toEncoded() + r.path.toUtf8();
        if (!r.query.isEmpty())
            target += '?' + r.query;
        QUrl url = QUrl::fromEncoded(target, QUrl::StrictMode);
        if (!url.isValid())
            url = QUrl::fromEncoded(target, QUrl::TolerantMode);
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        request.setTransferTimeout(60000);
        const QByteArray auth = authorization.value_or(bearer(m_head));
        if (!auth.isEmpty())
            request.setRawHeader("Authorization", auth);
        return m_network.sendCustomRequest(request, r.verb, r.body);
    }

    static Answer read(QNetworkReply *reply, const Request &r)
    {
        Answer a;
        a.request = r.describe();
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError && a.status == 0)
            a.networkError = reply->errorString();
        a.body = reply->readAll();
        a.headers = reply->rawHeaderPairs();
        a.json = QJsonDocument::fromJson(a.body);
        return a;
    }

    Answer call(const Request &r, const std::optional<QByteArray> &authorization = std::nullopt)
    {
        QNetworkReply *reply = send(r, authorization);
        if (!reply->isFinished()) {
            QEventLoop loop;
            connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
        }
        const Answer a = read(reply, r);
        delete reply;
        return a;
    }

    // Several requests, `window` at a time; the answers in the same order.
    QList<Answer> callAll(const QList<Request> &requests, int window = 4)
    {
        QList<Answer> answers(requests.size());
        qsizetype next = 0, done = 0;
        QEventLoop loop;
        std::function<void()> launch = [&] {
            while (next < requests.size() && next - done < window) {
                const qsizetype i = next++;
                QNetworkReply *reply = send(requests.at(i), std::nullopt);
                connect(reply, &QNetworkReply::finished, &loop, [&, reply, i] {
                    answers[i] = read(reply, requests.at(i));
                    reply->deleteLater();
                    if (++done == requests.size())
                        loop.quit();
                    else
                        launch();
                });
            }
        };
        launch();
        if (done < requests.size())
            loop.exec();
        return answers;
    }

    Answer get(const QString &path, const QByteArray &query = {},
               const std::optional<QByteArray> &authorization = std::nullopt)
    {
        return call({"GET", path, query, {}}, authorization);
    }
    Answer post(const QString &path, const QByteArray &body,
                const std::optional<QByteArray> &authorization = std::nullopt)
    {
        return call({"POST", path, {}, body}, authorization);
    }
    Answer patch(const QString &path, const QByteArray &body,
                 const std::optional<QByteArray> &authorization = std::nullopt)
    {
        return call({"PATCH", path, {}, body}, authorization);
    }

    Answer del(const QString &path, const QByteArray &query,
               const std::optional<QByteArray> &authorization = std::nullopt)
    {
        return call({"DELETE", path, query, {}}, authorization);
    }

    // --- the database -----------------------------------------------------

    // The first column of the first row; -1 (and a warning) on an error.
    qint64 number(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery q(m_tdb->db());
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec() || !q.next()) {
            qWarning().noquote() << "SQL failed:" << sql << q.lastError().text();
            return -1;
        }
        return q.value(0).toLongLong();
    }

    QVariant value(const QString &sql, const QVariantList &values = {}) const
    {
        QSqlQuery q(m_tdb->db());
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }

    struct Counts
    {
        qint64 products = 0, stocks = 0, history = 0, outbox = 0, applied = 0, flagged = 0;
        qint64 quantities = 0; // sum over every stock of shelf * 1000003 + order
        friend bool operator==(const Counts &, const Counts &) = default;
    };
    Counts counts() const
    {
        return {number(u"SELECT count(*) FROM products"_s),
                number(u"SELECT count(*) FROM stocks"_s),
                number(u"SELECT count(*) FROM history"_s),
                number(u"SELECT count(*) FROM outbox"_s),
                number(u"SELECT count(*) FROM applied_events"_s),
                number(u"SELECT count(*) FROM customers WHERE problems"_s),
                number(u"SELECT coalesce(sum(shelf_qty::bigint * 1000003 + order_qty), 0) "
                       "FROM stocks"_s)};
    }
    static QString describe(const Counts &c)
    {
        return u"products %1, stocks %2, history %3, outbox %4, applied events %5, flagged %6, "
               "quantities %7"_s.arg(c.products)
                   .arg(c.stocks)
                   .arg(c.history)
                   .arg(c.outbox)
                   .arg(c.applied)
                   .arg(c.flagged)
                   .arg(c.quantities);
    }
    void verifyUnchanged(const Counts &before)
    {
        const Counts after = counts();
        QVERIFY2(before.products >= 0 && before.history >= 0 && before.applied >= 0 &&
                     after.products >= 0 && after.history >= 0 && after.applied >= 0,
                 "the counts could not be read");
        QVERIFY2(after == before,
                 qPrintable(u"the database changed: before %1; after %2"_s.arg(describe(before),
                                                                               describe(after))));
    }

    std::pair<int, int> stockOf(const QString &plu, qint64 shopId) const
    {
        QSqlQuery q(m_tdb->db());
        q.prepare(u"SELECT shelf_qty, order_qty FROM stocks s JOIN products p ON p.id = "
                  "s.product_id WHERE p.plu = ? AND s.shop_id = ?"_s);
        q.addBindValue(plu);
        q.addBindValue(shopId);
        if (!q.exec() || !q.next())
            return {-1, -1};
        return {q.value(0).toInt(), q.value(1).toInt()};
    }

    // --- fixtures through the API -------------------------------------------

    void makeProduct(const QString &plu, const QString &name, qint64 price = 100)
    {
        const Answer a =
            post(u"/products"_s,
                 compact(QJsonObject {{u"plu"_s, plu}, {u"name"_s, name}, {u"price"_s, price}}));
        QVERIFY2(a.status == 201, qPrintable(a.describe()));
    }

    void makeStock(const QString &plu, qint64 shopId, int shelf, int order)
    {
        const Answer a = post(u"/stocks"_s,
                              compact(QJsonObject {{u"plu"_s, plu},
                                                   {u"shop_id"_s, shopId},
                                                   {u"quantity_on_shelf"_s, shelf},
                                                   {u"quantity_in_order"_s, order}}));
        QVERIFY2(a.status == 201, qPrintable(a.describe()));
    }

    // Every item of a list, following next_cursor from the first page.
    void walk(const QString &path, const QList<std::pair<QString, QString>> &filter,
              QJsonArray *all, int *pages)
    {
        QString cursor;
        *pages = 0;
        do {
            auto query = filter;
            if (!cursor.isEmpty())
                query.append({u"cursor"_s, cursor});
            const Answer a = get(path, params(query));
            SD_CHECK(verifyOk(a));
            ++*pages;
            QVERIFY2(*pages < 1000, "next_cursor never ends");
            const QJsonValue next = a.object().value(u"next_cursor"_s);
            QVERIFY2(next.isNull() || next.isString(), qPrintable(a.describe()));
            for (const QJsonValue &item : a.items())
                all->append(item);
            cursor = next.toString();
            QVERIFY2(next.isNull() || !a.items().isEmpty(),
                     qPrintable(u"a next_cursor after an empty page: "_s + a.describe()));
        } while (!cursor.isEmpty());
    }

    // The answers a fuzz collected outside `allowed`, listed in full before failing.
    static void verifyNoneOutside(const QMap<QString, QStringList> &bad, const QString &allowed)
    {
        if (bad.isEmpty())
            return;
        QString report;
        for (auto it = bad.constBegin(); it != bad.constEnd(); ++it)
            report += u"\n  %1:\n      %2"_s.arg(it.key(), it.value().join(u"\n      "_s));
        qWarning().noquote() << u"answers outside %1:"_s.arg(allowed) + report;
        QVERIFY2(bad.isEmpty(),
                 qPrintable(u"%1 kinds of answers outside %2 (listed above): %3"_s.arg(bad.size())
                                .arg(allowed, QStringList(bad.keys()).join(u"; "_s))));
    }

private slots:
    void initTestCase()
    {
        // One log line per request would bury the test's own output.
        qputenv("QT_LOGGING_RULES", "shopdesk.*.debug=false;shopdesk.central.request.info=false");
        m_tdb = std::make_unique<test::TestDatabase>(u"centralapi"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop1 = m_tdb->addShop(u"S1"_s, u"Shop one"_s);
        m_shop2 = m_tdb->addShop(u"S2"_s, u"Shop two"_s);
        QVERIFY2(m_shop1 > 0 && m_shop2 > 0, qPrintable(m_tdb->errorText()));
        // Literal request bodies below name shop 1 (S1) and shop 2 (S2).
        QCOMPARE(m_shop1, 1);
        QCOMPARE(m_shop2, 2);
        m_central = std::make_unique<test::CentralProcess>(kCentral, m_tdb->config().toUrl());
        QString error;
        m_head = m_central->issueToken(u"head-office"_s, &error);
        QVERIFY2(!m_head.isEmpty(), qPrintable(error));
        m_s1 = m_central->issueToken(u"S1"_s, &error);
        QVERIFY2(!m_s1.isEmpty(), qPrintable(error));
        m_s2 = m_central->issueToken(u"S2"_s, &error);
        QVERIFY2(!m_s2.isEmpty(), qPrintable(error));
        QVERIFY(m_head != m_s1 && m_s1 != m_s2);
        QVERIFY2(m_central->start(0), qPrintable(m_central->errorText()));
    }

    void cleanupTestCase()
    {
        m_central.reset();
        m_tdb.reset();
    }

    // --- /health ---------------------------------------------------------------

    void health()
    {
        for (const QByteArray &authorization :
             {QByteArray(), bearer("not-a-token"), bearer(m_s1)}) {
            const Answer a = get(u"/health"_s, {}, authorization);
            SD_CHECK(verifyOk(a));
            QCOMPARE(a.object().value(u"status"_s).toString(), u"ok"_s);
            QCOMPARE(a.object().value(u"database"_s).toString(), u"ok"_s);
            const QString version = a.object().value(u"version"_s).toString();
            QVERIFY2(QRegularExpression(u"^\\d+\\.\\d+"_s).match(version).hasMatch(),
                     qPrintable(a.describe()));
        }
    }

    // --- tokens ---------------------------------------------------------------

    void withoutAValidTokenNothingHappens_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("GET /products") << "GET"_ba << u"/products"_s << QByteArray();
        QTest::newRow("POST /products")
            << "POST"_ba << u"/products"_s << compact(productCreated(u"AUTH-1"_s, u"Nope"_s));
        QTest::newRow("GET /stocks") << "GET"_ba << u"/stocks"_s << QByteArray();
        QTest::newRow("POST /stocks")
            << "POST"_ba << u"/stocks"_s << R"({"plu":"AUTH-1","shop_id":1})"_ba;
        QTest::newRow("PATCH /stocks/increase")
            << "PATCH"_ba << u"/stocks/increase"_s
            << R"({"plu":"AUTH-1","shop_id":1,"quantity_on_shelf":1})"_ba;
        QTest::newRow("PATCH /stocks/decrease")
            << "PATCH"_ba << u"/stocks/decrease"_s
            << R"({"plu":"AUTH-1","shop_id":1,"quantity_on_shelf":1})"_ba;
        QTest::newRow("GET /history") << "GET"_ba << u"/history"_s << QByteArray();
        QTest::newRow("PATCH /users/resetProblems")
            << "PATCH"_ba << u"/users/resetProblems"_s << QByteArray();
        QTest::newRow("POST /sync/events")
            << "POST"_ba << u"/sync/events"_s
            << batch({syncEvent(u"product.created"_s, productCreated(u"AUTH-2"_s, u"Nope"_s))});
        QTest::newRow("GET /sync/catalog") << "GET"_ba << u"/sync/catalog"_s << QByteArray();
    }
    void withoutAValidTokenNothingHappens()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QSqlQuery flag(m_tdb->db());
        QVERIFY(flag.exec(u"INSERT INTO customers (first_name, last_name, age, gender, problems) "
                          "VALUES ('Auth', 'Flagged', 40, 'female', true)"_s));
        const Counts before = counts();
        QByteArray tampered = m_head;
        tampered[tampered.size() - 1] = tampered.endsWith('A') ? 'B' : 'A';
        const QList<std::pair<const char *, QByteArray>> variants {
            {"no header", QByteArray()},
            {"Bearer without a token", "Bearer"_ba},
            {"unknown token", bearer("sdk_thisIsNotAnIssuedTokenAtAll0123456789abcde")},
            {"tampered token", bearer(tampered)},
            {"huge token", bearer(QByteArray(5000, 'a'))},
            {"Basic credentials", "Basic YWRtaW46YWRtaW4="_ba},
            {"token without Bearer", m_head},
        };
        for (const auto &[what, authorization] : variants) {
            const Answer a = call({verb, path, {}, body}, authorization);
            SD_CHECK(verifyError(a, 401, u"unauthorized"_s));
            QVERIFY2(a.header("WWW-Authenticate").startsWith("Bearer"),
                     qPrintable(u"%1: no WWW-Authenticate: Bearer: %2"_s.arg(
                         QString::fromLatin1(what), a.describe())));
        }
        SD_CHECK(verifyUnchanged(before));
        QCOMPARE(number(u"SELECT count(*) FROM products WHERE plu LIKE 'AUTH-%'"_s), 0);
        QVERIFY(flag.exec(u"DELETE FROM customers WHERE first_name = 'Auth'"_s));
    }

    void revokedTokenIsRefused()
    {
        QString error;
        const QByteArray s3 = m_central->issueToken(u"S3"_s, &error);
        QVERIFY2(!s3.isEmpty(), qPrintable(error));
        QCOMPARE(number(u"SELECT count(*) FROM shops WHERE code = 'S3'"_s), 1);
        SD_CHECK(verifyOk(get(u"/products"_s, "limit=1", bearer(s3))));

        QProcess revoke;
        revoke.start(kCentral, {u"--db"_s, m_tdb->config().toUrl(), u"--revoke-tokens"_s, u"S3"_s});
        QVERIFY(revoke.waitForFinished(60000));
        QVERIFY2(revoke.exitStatus() == QProcess::NormalExit && revoke.exitCode() == 0,
                 revoke.readAllStandardError().constData());

        const Answer refused = get(u"/products"_s, "limit=1", bearer(s3));
        SD_CHECK(verifyError(refused, 401, u"unauthorized"_s));
        QVERIFY2(refused.header("WWW-Authenticate").startsWith("Bearer"),
                 qPrintable(refused.describe()));
        // Other shops' tokens and the head office's go on working.
        SD_CHECK(verifyOk(get(u"/products"_s, "limit=1", bearer(m_s1))));
        SD_CHECK(verifyOk(get(u"/products"_s, "limit=1")));
    }

    // A token for a shop code central does not know creates that shop, and
    // says so (a typo would otherwise go unseen); a known code says nothing.
    void issuingForANewShopSaysSo()
    {
        const auto issue = [&](const QString &code) {
            QProcess p;
            p.start(kCentral, {u"--db"_s, m_tdb->config().toUrl(), u"--issue-token"_s, code});
            const bool finished = p.waitForFinished(60000) && p.exitCode() == 0;
            return std::make_pair(finished, QString::fromLocal8Bit(p.readAllStandardError()));
        };
        const auto made = issue(u"S9X"_s);
        QVERIFY2(made.first, qPrintable(made.second));
        QVERIFY2(made.second.contains(u"no shop with the code S9X"_s), qPrintable(made.second));
        QCOMPARE(number(u"SELECT count(*) FROM shops WHERE code = 'S9X'"_s), 1);
        const auto again = issue(u"S9X"_s);
        QVERIFY2(again.first, qPrintable(again.second));
        QVERIFY2(!again.second.contains(u"no shop"_s), qPrintable(again.second));
    }

    // --- routing -----------------------------------------------------------------

    void wrongMethodIs405_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("allowed");
        QTest::newRow("DELETE /products") << "DELETE"_ba << u"/products"_s << u"GET, POST"_s;
        QTest::newRow("PUT /products") << "PUT"_ba << u"/products"_s << u"GET, POST"_s;
        QTest::newRow("PATCH /stocks") << "PATCH"_ba << u"/stocks"_s << u"GET, POST"_s;
        QTest::newRow("GET /stocks/increase") << "GET"_ba << u"/stocks/increase"_s << u"PATCH"_s;
        QTest::newRow("POST /stocks/decrease") << "POST"_ba << u"/stocks/decrease"_s << u"PATCH"_s;
        QTest::newRow("POST /history") << "POST"_ba << u"/history"_s << u"GET"_s;
        QTest::newRow("GET /users/resetProblems")
            << "GET"_ba << u"/users/resetProblems"_s << u"PATCH"_s;
        QTest::newRow("POST /users/resetProblems")
            << "POST"_ba << u"/users/resetProblems"_s << u"PATCH"_s;
        QTest::newRow("GET /sync/events") << "GET"_ba << u"/sync/events"_s << u"POST"_s;
        QTest::newRow("POST /sync/catalog") << "POST"_ba << u"/sync/catalog"_s << u"GET"_s;
        QTest::newRow("DELETE /products/{plu}")
            << "DELETE"_ba << u"/products/WM-1"_s << u"GET, PATCH"_s;
        QTest::newRow("POST /products/{plu}")
            << "POST"_ba << u"/products/WM-1"_s << u"GET, PATCH"_s;
        QTest::newRow("PATCH /products/{plu}/prices")
            << "PATCH"_ba << u"/products/WM-1/prices"_s << u"GET, POST, DELETE"_s;
        QTest::newRow("PUT /categories") << "PUT"_ba << u"/categories"_s << u"GET, POST"_s;
        QTest::newRow("POST /categories/{id}")
            << "POST"_ba << u"/categories/1"_s << u"GET, PATCH, DELETE"_s;
        QTest::newRow("POST /health") << "POST"_ba << u"/health"_s << u"GET"_s;
        QTest::newRow("DELETE /health") << "DELETE"_ba << u"/health"_s << u"GET"_s;
    }
    void wrongMethodIs405()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QString, allowed);
        QSqlQuery flag(m_tdb->db());
        QVERIFY(flag.exec(u"INSERT INTO customers (first_name, last_name, age, gender, problems) "
                          "VALUES ('Method', 'Flagged', 40, 'male', true)"_s));
        const Counts before = counts();
        const Answer a = call({verb, path, {}, "{}"_ba});
        SD_CHECK(verifyError(a, 405, u"method_not_allowed"_s));
        QSet<QString> allow;
        for (const QByteArray &m : a.header("Allow").split(','))
            if (!m.trimmed().isEmpty())
                allow.insert(QString::fromLatin1(m.trimmed()));
        const QStringList expected = allowed.split(u", "_s);
        QVERIFY2(allow == QSet<QString>(expected.begin(), expected.end()),
                 qPrintable(u"Allow: \"%1\", expected \"%2\": %3"_s.arg(
                     QString::fromLatin1(a.header("Allow")), allowed, a.describe())));
        SD_CHECK(verifyUnchanged(before));
        QVERIFY(flag.exec(u"DELETE FROM customers WHERE first_name = 'Method'"_s));
    }

    void unknownPathIs404_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &p :
             {u"/"_s, u"/nothing"_s, u"/products/1/x"_s, u"/products/"_s, u"/products//prices"_s,
              u"/products/1/prices/x"_s, u"/Products"_s, u"/stocks/increase/x"_s, u"/sync"_s,
              u"/health/db"_s, u"/users"_s, u"/users/resetproblems"_s})
            QTest::newRow(qPrintable(p)) << p;
    }
    void unknownPathIs404()
    {
        QFETCH(QString, path);
        for (const std::optional<QByteArray> &authorization :
             {std::optional<QByteArray>(), std::optional<QByteArray>(QByteArray())}) {
            for (const QByteArray &verb : {"GET"_ba, "POST"_ba, "PATCH"_ba}) {
                const Answer a =
                    call({verb, path, {}, verb == "GET" ? QByteArray() : "{}"_ba}, authorization);
                SD_CHECK(verifyError(a, 404, u"not_found"_s));
            }
        }
    }

    // --- /products ------------------------------------------------------------------

    void createProduct()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-60);
        const Answer a = post(u"/products"_s, R"({"plu":"CP-1","name":"Hazelnut spread",
                                                  "price":45900})"_ba);
        SD_CHECK(verifyOk(a, 201));
        const QJsonObject p = a.object();
        QCOMPARE(sortedKeys(p), kProductKeys);
        QCOMPARE(p.value(u"plu"_s).toString(), u"CP-1"_s);
        QCOMPARE(p.value(u"name"_s).toString(), u"Hazelnut spread"_s);
        QCOMPARE(p.value(u"price"_s).toInteger(), 45900);
        QVERIFY(p.value(u"barcode"_s).isNull());
        QCOMPARE(p.value(u"sold_by_weight"_s), QJsonValue(false));
        const QDateTime updated =
            QDateTime::fromString(p.value(u"updated_at"_s).toString(), Qt::ISODateWithMs);
        QVERIFY2(updated.isValid() && updated.timeSpec() == Qt::UTC,
                 qPrintable(p.value(u"updated_at"_s).toString()));
        QVERIFY(updated >= before && updated <= QDateTime::currentDateTimeUtc().addSecs(60));
        QCOMPARE(value(u"SELECT name FROM products WHERE plu = 'CP-1'"_s).toString(),
                 u"Hazelnut spread"_s);
        QCOMPARE(number(u"SELECT price FROM products WHERE plu = 'CP-1'"_s), 45900);
        QCOMPARE(number(u"SELECT count(*) FROM history WHERE plu = 'CP-1' "
                        "AND action = 'product_created'"_s),
                 1);

        // What GET /products says of it is what POST said.
        const Answer listed = get(u"/products"_s, "plu=CP-1");
        SD_CHECK(verifyOk(listed));
        QCOMPARE(listed.items().size(), 1);
        QVERIFY2(listed.items().at(0).toObject() == p, qPrintable(listed.describe()));

        // Optional fields: barcode, sold by weight, no price (0).
        const Answer weighed = post(u"/products"_s, R"({"plu":"CP-2","name":"Walnuts",
                                   "barcode":"4006381333931","sold_by_weight":true})"_ba);
        SD_CHECK(verifyOk(weighed, 201));
        QCOMPARE(weighed.object().value(u"barcode"_s).toString(), u"4006381333931"_s);
        QCOMPARE(weighed.object().value(u"sold_by_weight"_s), QJsonValue(true));
        QCOMPARE(weighed.object().value(u"price"_s).toInteger(), 0);
        QCOMPARE(value(u"SELECT barcode FROM products WHERE plu = 'CP-2'"_s).toString(),
                 u"4006381333931"_s);
        QCOMPARE(value(u"SELECT sold_by_weight FROM products WHERE plu = 'CP-2'"_s).toBool(), true);

        // The largest price there is, and whole numbers written as 1.0e2.
        const Answer dear =
            post(u"/products"_s, R"({"plu":"CP-4","name":"Dear","price":10000000000})"_ba);
        SD_CHECK(verifyOk(dear, 201));
        QCOMPARE(dear.object().value(u"price"_s).toInteger(), 10000000000);
        const Answer exponent =
            post(u"/products"_s, R"({"plu":"CP-5","name":"Cheap","price":1.0e2})"_ba);
        SD_CHECK(verifyOk(exponent, 201));
        QCOMPARE(exponent.object().value(u"price"_s).toInteger(), 100);
    }

    void duplicateProductIs409()
    {
        const Counts before = counts();
        const Answer again =
            post(u"/products"_s, R"({"plu":"CP-1","name":"Another name","price":1})"_ba);
        SD_CHECK(verifyError(again, 409, u"conflict"_s, u"plu"_s));
        const Answer barcode = post(u"/products"_s, R"({"plu":"CP-3","name":"Same barcode",
                                                      "barcode":"4006381333931"})"_ba);
        SD_CHECK(verifyError(barcode, 409, u"conflict"_s, u"barcode"_s));
        SD_CHECK(verifyUnchanged(before));
        QCOMPARE(value(u"SELECT name FROM products WHERE plu = 'CP-1'"_s).toString(),
                 u"Hazelnut spread"_s);
    }

    void badProductIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        const QString invalid = u"invalid"_s;
        auto row = [&](const char *name, const QByteArray &body, const QString &field) {
            QTest::newRow(name) << body << 422 << invalid << field;
        };
        row("no plu", R"({"name":"x","price":1})", u"plu"_s);
        row("no name", R"({"plu":"BAD-1","price":1})", u"name"_s);
        row("null name", R"({"plu":"BAD-1","name":null})", u"name"_s);
        row("price as a string", R"({"plu":"BAD-1","name":"x","price":"5"})", u"price"_s);
        row("fractional price", R"({"plu":"BAD-1","name":"x","price":3.5})", u"price"_s);
        row("price 1e300", R"({"plu":"BAD-1","name":"x","price":1e300})", u"price"_s);
        row("price true", R"({"plu":"BAD-1","name":"x","price":true})", u"price"_s);
        row("negative price", R"({"plu":"BAD-1","name":"x","price":-1})", u"price"_s);
        row("huge price", R"({"plu":"BAD-1","name":"x","price":10000000001})", u"price"_s);
        row("price beyond 2^53", R"({"plu":"BAD-1","name":"x","price":9007199254740993})",
            u"price"_s);
        row("price an object", R"({"plu":"BAD-1","name":"x","price":{}})", u"price"_s);
        row("plu a number", R"({"plu":5,"name":"x"})", u"plu"_s);
        row("empty plu", R"({"plu":"","name":"x"})", u"plu"_s);
        row("plu with a space", R"({"plu":"BAD 1","name":"x"})", u"plu"_s);
        row("plu of 33 characters", R"({"plu":"ABCDEFGHIJABCDEFGHIJABCDEFGHIJABC","name":"x"})",
            u"plu"_s);
        // (A raw string with a quote in it confuses moc.)
        row("plu with SQL", "{\"plu\":\"'; DROP TABLE products; --\",\"name\":\"x\"}", u"plu"_s);
        row("blank name", R"({"plu":"BAD-1","name":"   "})", u"name"_s);
        row("name of 201 characters",
            "{\"plu\":\"BAD-1\",\"name\":\"" + QByteArray(201, 'n') + "\"}", u"name"_s);
        row("name an array", R"({"plu":"BAD-1","name":["x"]})", u"name"_s);
        row("short barcode", R"({"plu":"BAD-1","name":"x","barcode":"123"})", u"barcode"_s);
        row("barcode with a wrong check digit",
            R"({"plu":"BAD-1","name":"x","barcode":"4006381333932"})", u"barcode"_s);
        row("barcode a number", R"({"plu":"BAD-1","name":"x","barcode":4006381333931})",
            u"barcode"_s);
        row("sold_by_weight a string", R"({"plu":"BAD-1","name":"x","sold_by_weight":"yes"})",
            u"sold_by_weight"_s);
        row("sold_by_weight 1", R"({"plu":"BAD-1","name":"x","sold_by_weight":1})",
            u"sold_by_weight"_s);
        row("unknown field", R"({"plu":"BAD-1","name":"x","colour":"red"})", u"colour"_s);
        row("misspelt field", R"({"plu":"BAD-1","name":"x","prise":1})", u"prise"_s);
        row("barcodes a string", R"({"plu":"BAD-1","name":"x","barcodes":"4006381333931"})",
            u"barcodes"_s);
        row("barcodes of numbers", R"({"plu":"BAD-1","name":"x","barcodes":[4006381333931]})",
            u"barcodes"_s);
        row("barcodes with a wrong check digit",
            R"({"plu":"BAD-1","name":"x","barcodes":["4601234567893","4006381333932"]})",
            u"barcodes"_s);
        row("barcode not the first of barcodes",
            R"({"plu":"BAD-1","name":"x","barcode":"4601234567893",
                "barcodes":["4600000000008","4601234567893"]})",
            u"barcode"_s);
        row("category_id a string", R"({"plu":"BAD-1","name":"x","category_id":"1"})",
            u"category_id"_s);
        row("category_id fractional", R"({"plu":"BAD-1","name":"x","category_id":1.5})",
            u"category_id"_s);
        row("category_id 0", R"({"plu":"BAD-1","name":"x","category_id":0})", u"category_id"_s);
        row("an unknown category", R"({"plu":"BAD-1","name":"x","category_id":999999})",
            u"category_id"_s);
        QTest::newRow("malformed JSON")
            << R"({"plu":"BAD-1","name":)"_ba << 400 << u"bad_json"_s << QString();
        QTest::newRow("empty body") << QByteArray() << 400 << u"bad_json"_s << QString();
        QTest::newRow("an array") << R"([{"plu":"BAD-1","name":"x"}])"_ba << 400 << QString()
                                  << QString();
        QTest::newRow("a string") << R"("BAD-1")"_ba << 400 << QString() << QString();
        QTest::newRow("null") << "null"_ba << 400 << QString() << QString();
        QTest::newRow("trailing garbage")
            << R"({"plu":"BAD-1","name":"x"} {})"_ba << 400 << u"bad_json"_s << QString();
    }
    void badProductIsRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const Counts before = counts();
        SD_CHECK(verifyError(post(u"/products"_s, body), status, code, field));
        SD_CHECK(verifyUnchanged(before));
        QCOMPARE(number(u"SELECT count(*) FROM products WHERE plu = 'BAD-1'"_s), 0);
    }

    void listProducts()
    {
        const QList<std::pair<QString, QString>> made {
            {u"LP-1"_s, u"Zebra Milk 3.2% fat"_s}, {u"LP-2"_s, u"zebra milk 32 fat"_s},
            {u"LP-3"_s, u"Zebra_Bread"_s},         {u"LP-4"_s, u"ZebraXBread"_s},
            {u"LP-5"_s, u"Zebra\\Path"_s},         {u"LP-6"_s, u"ZebraPath"_s},
        };
        for (const auto &[plu, name] : made)
            SD_CHECK(makeProduct(plu, name));

        auto found = [&](const QList<std::pair<QString, QString>> &filter) {
            const Answer a = get(u"/products"_s, params(filter));
            return a.status == 200 ? valuesOf(a.items(), u"plu"_s) : QStringList {a.describe()};
        };
        // A case-insensitive substring, in id order.
        QCOMPARE(found({{u"name"_s, u"ZEBRA MILK"_s}}), (QStringList {u"LP-1"_s, u"LP-2"_s}));
        QCOMPARE(found({{u"name"_s, u"zebra"_s}}),
                 (QStringList {u"LP-1"_s, u"LP-2"_s, u"LP-3"_s, u"LP-4"_s, u"LP-5"_s, u"LP-6"_s}));
        // %, _ and \ are themselves, not wildcards or escapes.
        QCOMPARE(found({{u"name"_s, u"zebra milk 3%"_s}}), QStringList());
        QCOMPARE(found({{u"name"_s, u"2% fat"_s}}), QStringList {u"LP-1"_s});
        QCOMPARE(found({{u"name"_s, u"a_B"_s}}), QStringList {u"LP-3"_s});
        QCOMPARE(found({{u"name"_s, u"a\\P"_s}}), QStringList {u"LP-5"_s});
        const Answer percent = get(u"/products"_s, params({{u"name"_s, u"%"_s}}));
        SD_CHECK(verifyOk(percent));
        QVERIFY(valuesOf(percent.items(), u"plu"_s).contains(u"LP-1"_s));
        for (const QString &name : valuesOf(percent.items(), u"name"_s))
            QVERIFY2(name.contains(u'%'), qPrintable(percent.describe()));
        const Answer underscore = get(u"/products"_s, params({{u"name"_s, u"_"_s}}));
        SD_CHECK(verifyOk(underscore));
        QVERIFY(valuesOf(underscore.items(), u"plu"_s).contains(u"LP-3"_s));
        for (const QString &name : valuesOf(underscore.items(), u"name"_s))
            QVERIFY2(name.contains(u'_'), qPrintable(underscore.describe()));
        // PLU: exact, case and all.
        QCOMPARE(found({{u"plu"_s, u"LP-1"_s}}), QStringList {u"LP-1"_s});
        QCOMPARE(found({{u"plu"_s, u"LP"_s}}), QStringList());
        QCOMPARE(found({{u"plu"_s, u"lp-1"_s}}), QStringList());
        QCOMPARE(found({{u"plu"_s, u"LP-%"_s}}), QStringList());
        QCOMPARE(found({{u"name"_s, u"bread"_s}, {u"plu"_s, u"LP-3"_s}}), QStringList {u"LP-3"_s});
        QCOMPARE(found({{u"name"_s, u"milk"_s}, {u"plu"_s, u"LP-3"_s}}), QStringList());

        // Pages of 2 and 4: every product once, then next_cursor null.
        for (const int limit : {2, 4, 5}) {
            QJsonArray all;
            int pages = 0;
            SD_CHECK(walk(u"/products"_s,
                          {{u"name"_s, u"zebra"_s}, {u"limit"_s, QString::number(limit)}}, &all,
                          &pages));
            QCOMPARE(
                valuesOf(all, u"plu"_s),
                (QStringList {u"LP-1"_s, u"LP-2"_s, u"LP-3"_s, u"LP-4"_s, u"LP-5"_s, u"LP-6"_s}));
            QCOMPARE(pages, (6 + limit - 1) / limit);
            for (const QJsonValue &item : all)
                QCOMPARE(sortedKeys(item.toObject()), kProductKeys);
        }
        const Answer first = get(u"/products"_s, "name=zebra&limit=2");
        SD_CHECK(verifyOk(first));
        QVERIFY(first.object().value(u"next_cursor"_s).isString());
        const Answer last = get(u"/products"_s, "name=zebra&limit=6");
        SD_CHECK(verifyOk(last));
        QCOMPARE(last.items().size(), 6);
        QVERIFY2(last.object().contains(u"next_cursor"_s) &&
                     last.object().value(u"next_cursor"_s).isNull(),
                 qPrintable(last.describe()));
    }

    void sqlInjectionIsLiteral()
    {
        const QString drop = u"'; DROP TABLE products; --"_s;
        const QString other = u"Robert'); DELETE FROM stocks;-- ? $1 :name"_s;
        SD_CHECK(makeProduct(u"INJ-1"_s, drop));
        SD_CHECK(makeProduct(u"INJ-2"_s, other));
        SD_CHECK(makeStock(u"INJ-1"_s, m_shop1, 3, 0));
        const qint64 products = number(u"SELECT count(*) FROM products"_s);
        const qint64 stocks = number(u"SELECT count(*) FROM stocks"_s);
        QVERIFY(products > 0 && stocks > 0);

        const Answer byName = get(u"/products"_s, params({{u"name"_s, drop}}));
        SD_CHECK(verifyOk(byName));
        QCOMPARE(valuesOf(byName.items(), u"plu"_s), QStringList {u"INJ-1"_s});
        QCOMPARE(byName.items().at(0).toObject().value(u"name"_s).toString(), drop);
        const Answer byOther = get(u"/products"_s, params({{u"name"_s, other}}));
        SD_CHECK(verifyOk(byOther));
        QCOMPARE(valuesOf(byOther.items(), u"plu"_s), QStringList {u"INJ-2"_s});

        for (const auto &[path, name, text] : QList<std::tuple<QString, QString, QString>> {
                 {u"/products"_s, u"plu"_s, u"' OR '1'='1"_s},
                 {u"/products"_s, u"name"_s, u"' OR 1=1 --"_s},
                 {u"/stocks"_s, u"plu"_s, u"' OR 1=1 --"_s},
                 {u"/stocks"_s, u"name"_s, u"x' OR 'a'='a"_s},
                 {u"/history"_s, u"plu"_s, u"' OR 1=1 --"_s},
                 {u"/history"_s, u"action"_s, u"sold' OR 1=1 --"_s}}) {
            const Answer a = get(path, params({{name, text}}));
            if (name == u"action"_s) {
                SD_CHECK(verifyError(a, 422, u"invalid"_s, u"action"_s));
                continue;
            }
            SD_CHECK(verifyOk(a));
            QVERIFY2(a.items().isEmpty(), qPrintable(a.describe()));
        }
        const Answer stock = get(u"/stocks"_s, params({{u"name"_s, drop}}));
        SD_CHECK(verifyOk(stock));
        QCOMPARE(valuesOf(stock.items(), u"plu"_s), QStringList {u"INJ-1"_s});
        QCOMPARE(stock.items().at(0).toObject().value(u"name"_s).toString(), drop);

        // The tables are all there, with every row.
        QCOMPARE(number(u"SELECT count(*) FROM products"_s), products);
        QCOMPARE(number(u"SELECT count(*) FROM stocks"_s), stocks);
        QCOMPARE(value(u"SELECT name FROM products WHERE plu = 'INJ-1'"_s).toString(), drop);
    }

    // --- query parameters, every GET ---------------------------------------

    void badQueryIsRefused_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QList<int>>("statuses");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        const QList<int> bad {400}, invalid {422}, either {400, 422};
        const QByteArray hugeCursor = base64Url("9223372036854775807.1").toLatin1();
        const QByteArray hugeNegative = base64Url("-9223372036854775807.1").toLatin1();
        auto row = [](const char *name, const QString &path, const QByteArray &query,
                      const QList<int> &statuses, const QString &code, const QString &field,
                      const QByteArray &verb = "GET"_ba) {
            QTest::newRow(name) << verb << path << query << statuses << code << field;
        };
        const QString badRequest = u"bad_request"_s, unknown = u"unknown_parameter"_s,
                      inv = u"invalid"_s;
        row("products limit=abc", u"/products"_s, "limit=abc", bad, badRequest, u"limit"_s);
        row("products limit=1.5", u"/products"_s, "limit=1.5", bad, badRequest, u"limit"_s);
        row("products limit=0", u"/products"_s, "limit=0", invalid, inv, u"limit"_s);
        row("products limit=-1", u"/products"_s, "limit=-1", invalid, inv, u"limit"_s);
        row("products limit=1001", u"/products"_s, "limit=1001", invalid, inv, u"limit"_s);
        row("products limit huge", u"/products"_s, "limit=99999999999999999999", either, {},
            u"limit"_s);
        row("products unknown parameter", u"/products"_s, "colour=red", bad, unknown, u"colour"_s);
        row("products name twice", u"/products"_s, "name=a&name=b", bad, {}, u"name"_s);
        row("products bad cursor", u"/products"_s, "cursor=garbage!", invalid, inv, u"cursor"_s);
        row("products cursor of another list", u"/products"_s, "cursor=" + hugeCursor, invalid, inv,
            u"cursor"_s);
        row("products plu of 33", u"/products"_s, "plu=" + QByteArray(33, 'P'), invalid, inv,
            u"plu"_s);
        row("stocks shop_id=abc", u"/stocks"_s, "shop_id=abc", bad, badRequest, u"shop_id"_s);
        row("stocks shop_id=1.0", u"/stocks"_s, "shop_id=1.0", bad, badRequest, u"shop_id"_s);
        row("stocks shop_id=0", u"/stocks"_s, "shop_id=0", invalid, inv, u"shop_id"_s);
        row("stocks shop_id=-1", u"/stocks"_s, "shop_id=-1", invalid, inv, u"shop_id"_s);
        row("stocks shop_id huge", u"/stocks"_s, "shop_id=99999999999999999999", either, {},
            u"shop_id"_s);
        row("stocks shelf min > max", u"/stocks"_s,
            "quantity_on_shelf_min=5&quantity_on_shelf_max=1", invalid, inv,
            u"quantity_on_shelf_min"_s);
        row("stocks order min > max", u"/stocks"_s,
            "quantity_in_order_min=5&quantity_in_order_max=1", invalid, inv,
            u"quantity_in_order_min"_s);
        row("stocks negative shelf min", u"/stocks"_s, "quantity_on_shelf_min=-1", invalid, inv,
            u"quantity_on_shelf_min"_s);
        row("stocks shelf max too big", u"/stocks"_s, "quantity_on_shelf_max=2000000001", invalid,
            inv, u"quantity_on_shelf_max"_s);
        row("stocks order max not a number", u"/stocks"_s, "quantity_in_order_max=lots", bad,
            badRequest, u"quantity_in_order_max"_s);
        row("stocks unknown parameter", u"/stocks"_s, "shop=1", bad, unknown, u"shop"_s);
        row("stocks shop_id twice", u"/stocks"_s, "shop_id=1&shop_id=1", bad, {}, u"shop_id"_s);
        row("stocks bad cursor", u"/stocks"_s, "cursor=%%%", invalid, inv, u"cursor"_s);
        row("stocks limit=0", u"/stocks"_s, "limit=0", invalid, inv, u"limit"_s);
        row("history shop_id=abc", u"/history"_s, "shop_id=abc", bad, badRequest, u"shop_id"_s);
        row("history unknown action", u"/history"_s, "action=flying", invalid, inv, u"action"_s);
        row("history unknown action in a list", u"/history"_s, "action=sold,flying", invalid, inv,
            u"action"_s);
        row("history action in capitals", u"/history"_s, "action=SOLD", invalid, inv, u"action"_s);
        row("history date_min not a date", u"/history"_s, "date_min=yesterday", either, {},
            u"date_min"_s);
        row("history date_min 30 February", u"/history"_s, "date_min=2024-02-30", either, {},
            u"date_min"_s);
        row("history date_max with a time", u"/history"_s, "date_max=2024-02-01T10:00:00", either,
            {}, u"date_max"_s);
        row("history date_min > date_max", u"/history"_s, "date_min=2024-05-02&date_max=2024-05-01",
            invalid, inv, u"date_min"_s);
        row("history cursor and page", u"/history"_s, "cursor=" + hugeCursor + "&page=1", bad, {},
            {});
        row("history page=0", u"/history"_s, "page=0", invalid, inv, u"page"_s);
        row("history page=abc", u"/history"_s, "page=abc", bad, badRequest, u"page"_s);
        row("history limit=0", u"/history"_s, "limit=0", invalid, inv, u"limit"_s);
        row("history limit=1001", u"/history"_s, "limit=1001", invalid, inv, u"limit"_s);
        row("history bad cursor", u"/history"_s, "cursor=garbage", invalid, inv, u"cursor"_s);
        row("history cursor of products", u"/history"_s, "cursor=aWQ6MQ", invalid, inv,
            u"cursor"_s);
        row("history cursor far in the future", u"/history"_s, "cursor=" + hugeCursor, invalid, inv,
            u"cursor"_s);
        row("history cursor far in the past", u"/history"_s, "cursor=" + hugeNegative, invalid, inv,
            u"cursor"_s);
        row("history unknown parameter", u"/history"_s, "staff=1", bad, unknown, u"staff"_s);
        row("history action twice", u"/history"_s, "action=sold&action=sold", bad, {}, u"action"_s);
        row("catalog bad since", u"/sync/catalog"_s, "since=garbage", invalid, inv, u"since"_s);
        row("catalog since far in the future", u"/sync/catalog"_s, "since=" + hugeCursor, invalid,
            inv, u"since"_s);
        row("catalog since far in the past", u"/sync/catalog"_s, "since=" + hugeNegative, invalid,
            inv, u"since"_s);
        row("catalog limit=0", u"/sync/catalog"_s, "limit=0", invalid, inv, u"limit"_s);
        row("catalog limit=x", u"/sync/catalog"_s, "limit=x", bad, badRequest, u"limit"_s);
        row("catalog unknown parameter", u"/sync/catalog"_s, "cursor=x", bad, unknown, u"cursor"_s);
        row("resetProblems unknown parameter", u"/users/resetProblems"_s, "all=1", bad, unknown,
            u"all"_s, "PATCH"_ba);
    }
    void badQueryIsRefused()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, query);
        QFETCH(QList<int>, statuses);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const Counts before = counts();
        const Answer a = call({verb, path, query, {}});
        QVERIFY2(statuses.contains(a.status), qPrintable(a.describe()));
        SD_CHECK(verifyError(a, a.status, code, field));
        SD_CHECK(verifyUnchanged(before));
    }

    void nulCharactersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field"); // empty: a rejected event in a 200
        auto row = [](const char *name, const QByteArray &verb, const QString &path,
                      const QByteArray &query, const QByteArray &body, const QString &field) {
            QTest::newRow(name) << verb << path << query << body << field;
        };
        row("POST /products name", "POST", u"/products"_s, {},
            R"({"plu":"NUL-1","name":"Nul\u0000byte"})", u"name"_s);
        row("POST /products raw NUL byte", "POST", u"/products"_s, {},
            QByteArray(R"({"plu":"NUL-1","name":"Nul@byte"})").replace('@', '\0'), u"name"_s);
        row("POST /stocks plu", "POST", u"/stocks"_s, {}, R"({"plu":"CP-1\u0000","shop_id":1})",
            u"plu"_s);
        row("PATCH /stocks/increase reason", "PATCH", u"/stocks/increase"_s, {},
            R"({"plu":"INJ-1","shop_id":1,"quantity_on_shelf":1,"reason":"a\u0000b"})",
            u"reason"_s);
        row("GET /products?name=%00", "GET", u"/products"_s, "name=%00", {}, u"name"_s);
        row("GET /stocks?plu=%00", "GET", u"/stocks"_s, "plu=%00", {}, u"plu"_s);
        row("GET /history?plu=%00", "GET", u"/history"_s, "plu=%00", {}, u"plu"_s);
        row("POST /sync/events idempotency key", "POST", u"/sync/events"_s, {},
            R"({"events":[{"idempotency_key":"\u0000","event_type":"product.created",)"
            R"("payload":{"plu":"NUL-3","name":"x","price":1}}]})",
            u"events[0].idempotency_key"_s);
        row("POST /sync/events product name", "POST", u"/sync/events"_s, {},
            batch({syncEvent(u"product.created"_s,
                             productCreated(u"NUL-2"_s, u"a"_s + QChar(u'\0')))}),
            {});
        row("POST /sync/events stock reason", "POST", u"/sync/events"_s, {},
            batch({syncEvent(u"stock.changed"_s,
                             stockChanged(u"INJ-1"_s, u"S1"_s, u"sold"_s, -1, 0, 2, 0, {},
                                          u"x"_s + QChar(u'\0')))}),
            {});
    }
    // PostgreSQL text cannot hold U+0000 (and the driver would cut the value
    // there): refused as invalid, naming the field, never a 5xx.
    void nulCharactersAreRefused()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const Counts before = counts();
        const Answer a = call({verb, path, query, body});
        if (field.isEmpty()) {
            SD_CHECK(verifyOk(a));
            QCOMPARE(a.object().value(u"rejected"_s).toInt(), 1);
            const QJsonObject ack = a.object().value(u"acks"_s).toArray().at(0).toObject();
            QCOMPARE(ack.value(u"error"_s).toObject().value(u"code"_s).toString(), u"invalid"_s);
        } else {
            SD_CHECK(verifyError(a, 422, u"invalid"_s, field));
        }
        SD_CHECK(verifyUnchanged(before));
    }

    // --- /stocks ---------------------------------------------------------------------

    void createStock()
    {
        SD_CHECK(makeProduct(u"ST-1"_s, u"Stock apple"_s));
        const Answer a = post(u"/stocks"_s,
                              compact(QJsonObject {{u"plu"_s, u"ST-1"_s},
                                                   {u"shop_id"_s, m_shop1},
                                                   {u"quantity_on_shelf"_s, 12},
                                                   {u"quantity_in_order"_s, 3}}));
        SD_CHECK(verifyOk(a, 201));
        QCOMPARE(sortedKeys(a.object()), kStockKeys);
        QCOMPARE(a.object().value(u"plu"_s).toString(), u"ST-1"_s);
        QCOMPARE(a.object().value(u"name"_s).toString(), u"Stock apple"_s);
        QCOMPARE(a.object().value(u"shop_id"_s).toInteger(), m_shop1);
        QCOMPARE(a.object().value(u"quantity_on_shelf"_s).toInteger(), 12);
        QCOMPARE(a.object().value(u"quantity_in_order"_s).toInteger(), 3);
        QCOMPARE(stockOf(u"ST-1"_s, m_shop1), std::make_pair(12, 3));
        QCOMPARE(number(u"SELECT count(*) FROM history WHERE plu = 'ST-1' AND shop_id = ? "
                        "AND action = 'stock_created'"_s,
                        {m_shop1}),
                 1);

        // Quantities default to 0; a shop's token may create its own shop's stock.
        const Answer own = post(
            u"/stocks"_s, compact(QJsonObject {{u"plu"_s, u"ST-1"_s}, {u"shop_id"_s, m_shop2}}),
            bearer(m_s2));
        SD_CHECK(verifyOk(own, 201));
        QCOMPARE(own.object().value(u"quantity_on_shelf"_s).toInteger(), 0);
        QCOMPARE(own.object().value(u"quantity_in_order"_s).toInteger(), 0);
        QCOMPARE(stockOf(u"ST-1"_s, m_shop2), std::make_pair(0, 0));

        // GET /stocks says the same.
        const Answer listed =
            get(u"/stocks"_s,
                params({{u"plu"_s, u"ST-1"_s}, {u"shop_id"_s, QString::number(m_shop1)}}));
        SD_CHECK(verifyOk(listed));
        QCOMPARE(listed.items().size(), 1);
        QVERIFY2(listed.items().at(0).toObject() == a.object(), qPrintable(listed.describe()));
    }

    void createStockRefusals()
    {
        SD_CHECK(makeProduct(u"ST-2"_s, u"Stock pear"_s));
        const Counts before = counts();
        auto body = [](const QString &plu, qint64 shop) {
            return compact(
                QJsonObject {{u"plu"_s, plu}, {u"shop_id"_s, shop}, {u"quantity_on_shelf"_s, 5}});
        };
        SD_CHECK(verifyError(post(u"/stocks"_s, body(u"ST-1"_s, m_shop1)), 409, u"conflict"_s));
        SD_CHECK(verifyError(post(u"/stocks"_s, body(u"NO-SUCH"_s, m_shop1)), 404, u"not_found"_s));
        SD_CHECK(verifyError(post(u"/stocks"_s, body(u"ST-2"_s, 999999)), 404, u"not_found"_s));
        // A shop's token may not write another shop's stock, not even a new one.
        SD_CHECK(verifyError(post(u"/stocks"_s, body(u"ST-2"_s, m_shop2), bearer(m_s1)), 403,
                             u"forbidden"_s));
        SD_CHECK(verifyError(post(u"/stocks"_s, body(u"ST-1"_s, m_shop1), bearer(m_s2)), 403,
                             u"forbidden"_s));
        SD_CHECK(verifyUnchanged(before));
        QCOMPARE(stockOf(u"ST-2"_s, m_shop2), std::make_pair(-1, -1));
        QCOMPARE(stockOf(u"ST-1"_s, m_shop1), std::make_pair(12, 3));
    }

    void badStockIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        auto row = [](const char *name, const QByteArray &body, const QString &field) {
            QTest::newRow(name) << body << 422 << field;
        };
        row("no plu", R"({"shop_id":1})", u"plu"_s);
        row("no shop_id", R"({"plu":"ST-2"})", u"shop_id"_s);
        row("shop_id a string", R"({"plu":"ST-2","shop_id":"1"})", u"shop_id"_s);
        row("shop_id 1.5", R"({"plu":"ST-2","shop_id":1.5})", u"shop_id"_s);
        row("shop_id 0", R"({"plu":"ST-2","shop_id":0})", u"shop_id"_s);
        row("shop_id -1", R"({"plu":"ST-2","shop_id":-1})", u"shop_id"_s);
        row("shop_id 1e300", R"({"plu":"ST-2","shop_id":1e300})", u"shop_id"_s);
        row("shop_id true", R"({"plu":"ST-2","shop_id":true})", u"shop_id"_s);
        row("negative shelf", R"({"plu":"ST-2","shop_id":1,"quantity_on_shelf":-1})",
            u"quantity_on_shelf"_s);
        row("huge shelf", R"({"plu":"ST-2","shop_id":1,"quantity_on_shelf":2000000001})",
            u"quantity_on_shelf"_s);
        row("shelf as a string", R"({"plu":"ST-2","shop_id":1,"quantity_on_shelf":"5"})",
            u"quantity_on_shelf"_s);
        row("fractional order", R"({"plu":"ST-2","shop_id":1,"quantity_in_order":0.5})",
            u"quantity_in_order"_s);
        row("plu an array", R"({"plu":["ST-2"],"shop_id":1})", u"plu"_s);
        row("unknown field", R"({"plu":"ST-2","shop_id":1,"price":5})", u"price"_s);
        QTest::newRow("malformed JSON") << R"({"plu":"ST-2",)"_ba << 400 << QString();
        QTest::newRow("an array") << "[1]"_ba << 400 << QString();
    }
    void badStockIsRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const Counts before = counts();
        const Answer a = post(u"/stocks"_s, body);
        SD_CHECK(verifyError(a, status, status == 422 ? u"invalid"_s : QString(), field));
        SD_CHECK(verifyUnchanged(before));
    }

    void increaseAndDecrease()
    {
        SD_CHECK(makeProduct(u"CH-1"_s, u"Change plum"_s));
        SD_CHECK(makeStock(u"CH-1"_s, m_shop1, 10, 0));
        const qint64 history = number(u"SELECT count(*) FROM history WHERE plu = 'CH-1'"_s);

        auto change = [&](const QString &path, const QJsonObject &amounts,
                          const QByteArray &authorization) {
            QJsonObject body = amounts;
            body.insert(u"plu"_s, u"CH-1"_s);
            body.insert(u"shop_id"_s, m_shop1);
            return patch(path, compact(body), authorization);
        };
        const Answer up =
            change(u"/stocks/increase"_s,
                   {{u"quantity_on_shelf"_s, 5}, {u"reason"_s, u"delivery 7"_s}}, bearer(m_head));
        SD_CHECK(verifyOk(up));
        QCOMPARE(sortedKeys(up.object()), kStockKeys);
        QCOMPARE(up.object().value(u"quantity_on_shelf"_s).toInteger(), 15);
        QCOMPARE(up.object().value(u"quantity_in_order"_s).toInteger(), 0);
        QCOMPARE(up.object().value(u"shop_id"_s).toInteger(), m_shop1);
        QCOMPARE(up.object().value(u"name"_s).toString(), u"Change plum"_s);

        // Both quantities at once, with the shop's own token.
        const Answer both =
            change(u"/stocks/increase"_s,
                   {{u"quantity_on_shelf"_s, 2}, {u"quantity_in_order"_s, 3}}, bearer(m_s1));
        SD_CHECK(verifyOk(both));
        QCOMPARE(both.object().value(u"quantity_on_shelf"_s).toInteger(), 17);
        QCOMPARE(both.object().value(u"quantity_in_order"_s).toInteger(), 3);

        const Answer down = change(u"/stocks/decrease"_s,
                                   {{u"quantity_on_shelf"_s, 17},
                                    {u"quantity_in_order"_s, 1},
                                    {u"reason"_s, u"written off"_s}},
                                   bearer(m_s1));
        SD_CHECK(verifyOk(down));
        QCOMPARE(down.object().value(u"quantity_on_shelf"_s).toInteger(), 0);
        QCOMPARE(down.object().value(u"quantity_in_order"_s).toInteger(), 2);
        QCOMPARE(stockOf(u"CH-1"_s, m_shop1), std::make_pair(0, 2));

        // One history row per change, newest first, with what changed and why.
        QCOMPARE(number(u"SELECT count(*) FROM history WHERE plu = 'CH-1'"_s), history + 3);
        const Answer h = get(u"/history"_s,
                             params({{u"plu"_s, u"CH-1"_s},
                                     {u"shop_id"_s, QString::number(m_shop1)},
                                     {u"limit"_s, u"3"_s}}));
        SD_CHECK(verifyOk(h));
        QCOMPARE(valuesOf(h.items(), u"action"_s),
                 (QStringList {u"stock_decreased"_s, u"stock_increased"_s, u"stock_increased"_s}));
        const QJsonObject last = h.items().at(0).toObject();
        QCOMPARE(last.value(u"shelf_delta"_s).toInteger(), -17);
        QCOMPARE(last.value(u"order_delta"_s).toInteger(), -1);
        QCOMPARE(last.value(u"quantity_on_shelf"_s).toInteger(), 0);
        QCOMPARE(last.value(u"quantity_in_order"_s).toInteger(), 2);
        QCOMPARE(last.value(u"reason"_s).toString(), u"written off"_s);
        QCOMPARE(h.items().at(2).toObject().value(u"reason"_s).toString(), u"delivery 7"_s);
        QCOMPARE(h.items().at(2).toObject().value(u"shelf_delta"_s).toInteger(), 5);
        // Nothing at the head office sends an outbox on: none is queued there
        // (a shop's own changes do queue theirs; tst_sync).
        QCOMPARE(number(u"SELECT count(*) FROM outbox WHERE payload->>'plu' = 'CH-1'"_s), 0);
        QCOMPARE(number(u"SELECT count(*) FROM outbox"_s), 0);
    }

    void decreaseBelowZeroChangesNothing()
    {
        SD_CHECK(makeProduct(u"CH-2"_s, u"Change cherry"_s));
        SD_CHECK(makeStock(u"CH-2"_s, m_shop1, 3, 2));
        const Counts before = counts();
        auto decrease = [&](int shelf, int order) {
            QJsonObject body {{u"plu"_s, u"CH-2"_s}, {u"shop_id"_s, m_shop1}};
            if (shelf)
                body.insert(u"quantity_on_shelf"_s, shelf);
            if (order)
                body.insert(u"quantity_in_order"_s, order);
            return patch(u"/stocks/decrease"_s, compact(body));
        };
        SD_CHECK(verifyError(decrease(4, 0), 409, u"conflict"_s));
        SD_CHECK(verifyError(decrease(0, 3), 409, u"conflict"_s));
        // The shelf part would fit; the order part does not: neither happens.
        SD_CHECK(verifyError(decrease(1, 3), 409, u"conflict"_s));
        SD_CHECK(verifyError(decrease(4, 1), 409, u"conflict"_s));
        SD_CHECK(verifyUnchanged(before));
        QCOMPARE(stockOf(u"CH-2"_s, m_shop1), std::make_pair(3, 2));
        const Answer listed = get(u"/stocks"_s, "plu=CH-2");
        SD_CHECK(verifyOk(listed));
        QCOMPARE(listed.items().at(0).toObject().value(u"quantity_on_shelf"_s).toInteger(), 3);
        QCOMPARE(listed.items().at(0).toObject().value(u"quantity_in_order"_s).toInteger(), 2);

        // Exactly all of it is fine.
        SD_CHECK(verifyOk(decrease(3, 2)));
        QCOMPARE(stockOf(u"CH-2"_s, m_shop1), std::make_pair(0, 0));

        // Above the largest quantity: refused the same way.
        SD_CHECK(makeProduct(u"CH-3"_s, u"Change lots"_s));
        SD_CHECK(makeStock(u"CH-3"_s, m_shop1, 2000000000, 0));
        const Counts full = counts();
        const Answer over = patch(u"/stocks/increase"_s,
                                  compact(QJsonObject {{u"plu"_s, u"CH-3"_s},
                                                       {u"shop_id"_s, m_shop1},
                                                       {u"quantity_on_shelf"_s, 1}}));
        QVERIFY2(over.status == 409 || over.status == 422, qPrintable(over.describe()));
        SD_CHECK(verifyError(over, over.status));
        SD_CHECK(verifyUnchanged(full));
    }

    void concurrentDecreasesNeverOversell()
    {
        SD_CHECK(makeProduct(u"CC-1"_s, u"Concurrent cake"_s));
        SD_CHECK(makeStock(u"CC-1"_s, m_shop1, 30, 0));
        const qint64 history = number(u"SELECT count(*) FROM history WHERE plu = 'CC-1'"_s);
        const QByteArray body = compact(QJsonObject {
            {u"plu"_s, u"CC-1"_s}, {u"shop_id"_s, m_shop1}, {u"quantity_on_shelf"_s, 1}});
        const QList<Request> requests(40, Request {"PATCH"_ba, u"/stocks/decrease"_s, {}, body});
        int sold = 0, refused = 0;
        QSet<qint64> left;
        for (const Answer &a : callAll(requests, 8)) {
            if (a.status == 200) {
                ++sold;
                left.insert(a.object().value(u"quantity_on_shelf"_s).toInteger());
            } else {
                SD_CHECK(verifyError(a, 409, u"conflict"_s));
                ++refused;
            }
        }
        QCOMPARE(sold, 30);
        QCOMPARE(refused, 10);
        QCOMPARE(left.size(), 30); // each one saw its own quantity after: 29 .. 0
        QCOMPARE(stockOf(u"CC-1"_s, m_shop1), std::make_pair(0, 0));
        QCOMPARE(number(u"SELECT count(*) FROM history WHERE plu = 'CC-1'"_s), history + 30);
    }

    void changeStockRefusals_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("token"); // head, s1, s2
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        const QString inv = u"invalid"_s;
        for (const QString &path : {u"/stocks/increase"_s, u"/stocks/decrease"_s}) {
            auto row = [&](const char *name, const QByteArray &body, int status,
                           const QString &code, const QString &field,
                           const QString &token = u"head"_s) {
                QTest::newRow(qPrintable(path + u": "_s + QString::fromLatin1(name)))
                    << path << body << token << status << code << field;
            };
            row("no quantity", R"({"plu":"CH-4","shop_id":1})", 422, inv, {});
            row("both zero",
                R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":0,"quantity_in_order":0})", 422,
                inv, {});
            row("negative", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":-1})", 422, inv,
                u"quantity_on_shelf"_s);
            row("as a string", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":"1"})", 422, inv,
                u"quantity_on_shelf"_s);
            row("fractional", R"({"plu":"CH-4","shop_id":1,"quantity_in_order":3.5})", 422, inv,
                u"quantity_in_order"_s);
            row("1e300", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":1e300})", 422, inv,
                u"quantity_on_shelf"_s);
            row("true", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":true})", 422, inv,
                u"quantity_on_shelf"_s);
            row("too much at once", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":1000001})",
                422, inv, u"quantity_on_shelf"_s);
            row("no plu", R"({"shop_id":1,"quantity_on_shelf":1})", 422, inv, u"plu"_s);
            row("no shop", R"({"plu":"CH-4","quantity_on_shelf":1})", 422, inv, u"shop_id"_s);
            row("shop_id a string", R"({"plu":"CH-4","shop_id":"1","quantity_on_shelf":1})", 422,
                inv, u"shop_id"_s);
            row("reason a number", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":1,"reason":5})",
                422, inv, u"reason"_s);
            row("reason of 501",
                "{\"plu\":\"CH-4\",\"shop_id\":1,\"quantity_on_shelf\":1,\"reason\":\"" +
                    QByteArray(501, 'r') + "\"}",
                422, inv, u"reason"_s);
            row("unknown field", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":1,"amount":1})",
                422, inv, u"amount"_s);
            row("malformed JSON", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":1)", 400,
                u"bad_json"_s, {});
            row("not an object", "[1,2]", 400, {}, {});
            row("empty body", "", 400, {}, {});
            row("unknown product", R"({"plu":"NO-SUCH","shop_id":1,"quantity_on_shelf":1})", 404,
                u"not_found"_s, {});
            row("no stock in that shop", R"({"plu":"CH-4","shop_id":2,"quantity_on_shelf":1})", 404,
                u"not_found"_s, {});
            row("another shop's token", R"({"plu":"CH-4","shop_id":1,"quantity_on_shelf":1})", 403,
                u"forbidden"_s, {}, u"s2"_s);
        }
    }
    void changeStockRefusals()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, token);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);
        if (number(u"SELECT count(*) FROM products WHERE plu = 'CH-4'"_s) == 0) {
            SD_CHECK(makeProduct(u"CH-4"_s, u"Change fig"_s));
            SD_CHECK(makeStock(u"CH-4"_s, m_shop1, 5, 5));
        }
        const Counts before = counts();
        const QByteArray authorization = bearer(token == u"s2"_s       ? m_s2
                                                    : token == u"s1"_s ? m_s1
                                                                       : m_head);
        const Answer a = patch(path, body, authorization);
        SD_CHECK(verifyError(a, status, code, field));
        if (field.isEmpty() && status == 422)
            QVERIFY2(a.field().startsWith(u"quantity_"_s), qPrintable(a.describe()));
        SD_CHECK(verifyUnchanged(before));
        QCOMPARE(stockOf(u"CH-4"_s, m_shop1), std::make_pair(5, 5));
    }

    void listStocks()
    {
        const QList<std::pair<QString, QString>> products {
            {u"LS-1"_s, u"Quokka Apple"_s},    {u"LS-2"_s, u"Quokka Pear"_s},
            {u"LS-3"_s, u"Quokka Plum"_s},     {u"LS-4"_s, u"Quokka Fig"_s},
            {u"LS-5"_s, u"Quokka 5% juice"_s}, {u"LS-6"_s, u"Quokka 50 juice"_s}};
        for (const auto &[plu, name] : products)
            SD_CHECK(makeProduct(plu, name));
        struct Row
        {
            QString plu;
            qint64 shop;
            int shelf, order;
        };
        const QList<Row> rows {{u"LS-1"_s, m_shop1, 10, 0}, {u"LS-1"_s, m_shop2, 0, 5},
                               {u"LS-2"_s, m_shop1, 3, 2},  {u"LS-3"_s, m_shop1, 100, 50},
                               {u"LS-4"_s, m_shop2, 1, 1},  {u"LS-5"_s, m_shop1, 1, 0},
                               {u"LS-6"_s, m_shop1, 1, 0}};
        for (const Row &r : rows)
            SD_CHECK(makeStock(r.plu, r.shop, r.shelf, r.order));

        const QString s1 = QString::number(m_shop1), s2 = QString::number(m_shop2);
        auto found = [&](QList<std::pair<QString, QString>> filter) {
            filter.append({u"name"_s, u"quokka"_s});
            const Answer a = get(u"/stocks"_s, params(filter));
            if (a.status != 200)
                return QStringList {a.describe()};
            QStringList out;
            for (const QJsonValue &v : a.items()) {
                const QJsonObject o = v.toObject();
                out << u"%1@%2"_s.arg(o.value(u"plu"_s).toString(),
                                      o.value(u"shop_id"_s).toInteger() == m_shop1 ? u"S1"_s
                                                                                   : u"S2"_s);
            }
            return out;
        };
        QCOMPARE(found({}),
                 (QStringList {u"LS-1@S1"_s, u"LS-1@S2"_s, u"LS-2@S1"_s, u"LS-3@S1"_s, u"LS-4@S2"_s,
                               u"LS-5@S1"_s, u"LS-6@S1"_s}));
        QCOMPARE(found({{u"shop_id"_s, s2}}), (QStringList {u"LS-1@S2"_s, u"LS-4@S2"_s}));
        QCOMPARE(found({{u"plu"_s, u"LS-1"_s}}), (QStringList {u"LS-1@S1"_s, u"LS-1@S2"_s}));
        QCOMPARE(found({{u"plu"_s, u"LS-1"_s}, {u"shop_id"_s, s1}}), QStringList {u"LS-1@S1"_s});
        QCOMPARE(
            found({{u"quantity_on_shelf_min"_s, u"3"_s}, {u"quantity_on_shelf_max"_s, u"10"_s}}),
            (QStringList {u"LS-1@S1"_s, u"LS-2@S1"_s}));
        QCOMPARE(found({{u"quantity_on_shelf_min"_s, u"100"_s}}), QStringList {u"LS-3@S1"_s});
        QCOMPARE(found({{u"quantity_in_order_min"_s, u"2"_s}}),
                 (QStringList {u"LS-1@S2"_s, u"LS-2@S1"_s, u"LS-3@S1"_s}));
        QCOMPARE(found({{u"quantity_in_order_max"_s, u"1"_s}, {u"shop_id"_s, s2}}),
                 QStringList {u"LS-4@S2"_s});
        QCOMPARE(
            found({{u"quantity_on_shelf_min"_s, u"5"_s}, {u"quantity_on_shelf_max"_s, u"5"_s}}),
            QStringList());
        // The name: a case-insensitive substring, % taken literally.
        const Answer pear = get(u"/stocks"_s, params({{u"name"_s, u"QUOKKA PEAR"_s}}));
        SD_CHECK(verifyOk(pear));
        QCOMPARE(valuesOf(pear.items(), u"plu"_s), QStringList {u"LS-2"_s});
        const Answer percent = get(u"/stocks"_s, params({{u"name"_s, u"5%"_s}}));
        SD_CHECK(verifyOk(percent));
        QCOMPARE(valuesOf(percent.items(), u"plu"_s), QStringList {u"LS-5"_s});

        // Values as stored.
        const Answer one = get(u"/stocks"_s, params({{u"plu"_s, u"LS-3"_s}}));
        SD_CHECK(verifyOk(one));
        QCOMPARE(one.items().size(), 1);
        const QJsonObject item = one.items().at(0).toObject();
        QCOMPARE(sortedKeys(item), kStockKeys);
        QCOMPARE(item.value(u"name"_s).toString(), u"Quokka Plum"_s);
        QCOMPARE(item.value(u"shop_id"_s).toInteger(), m_shop1);
        QCOMPARE(item.value(u"quantity_on_shelf"_s).toInteger(), 100);
        QCOMPARE(item.value(u"quantity_in_order"_s).toInteger(), 50);

        // Paging: each stock once, next_cursor null at the end.
        for (const int limit : {1, 2, 3, 7}) {
            QJsonArray all;
            int pages = 0;
            SD_CHECK(walk(u"/stocks"_s,
                          {{u"name"_s, u"quokka"_s}, {u"limit"_s, QString::number(limit)}}, &all,
                          &pages));
            QCOMPARE(all.size(), rows.size());
            QCOMPARE(pages, int((rows.size() + limit - 1) / limit));
            QSet<QString> seen;
            for (const QJsonValue &v : all)
                seen.insert(v.toObject().value(u"plu"_s).toString() + u'@' +
                            QString::number(v.toObject().value(u"shop_id"_s).toInteger()));
            QCOMPARE(seen.size(), rows.size());
        }
    }

    // --- /history ---------------------------------------------------------------------

    void history()
    {
        QCOMPARE(value(u"SELECT time_zone FROM shops WHERE id = ?"_s, {m_shop1}).toString(),
                 u"Europe/Moscow"_s);
        SD_CHECK(makeProduct(u"HS-1"_s, u"History honey"_s));
        // Known instants through the sync API (Moscow is UTC+3):
        const Answer pushed = post(
            u"/sync/events"_s,
            batch(
                {syncEvent(u"stock.changed"_s,
                           stockChanged(u"HS-1"_s, u"S1"_s, u"stock_increased"_s, 5, 0, 5, 0,
                                        u"2024-03-10T20:30:00Z"_s, u"first"_s)), // MSK 10th 23:30
                 syncEvent(u"stock.changed"_s,
                           stockChanged(u"HS-1"_s, u"S1"_s, u"sold"_s, -1, 0, 4, 0,
                                        u"2024-03-10T21:30:00Z"_s)), // MSK 11th 00:30
                 syncEvent(u"stock.changed"_s,
                           stockChanged(u"HS-1"_s, u"S1"_s, u"reserved"_s, -1, 1, 3, 1,
                                        u"2024-03-11T20:59:00Z"_s, u"order 5"_s)), // MSK 11th 23:59
                 syncEvent(u"stock.changed"_s,
                           stockChanged(u"HS-1"_s, u"S1"_s, u"released"_s, 1, -1, 4, 0,
                                        u"2024-03-11T21:00:00Z"_s)), // MSK 12th 00:00
                 syncEvent(u"stock.changed"_s,
                           stockChanged(u"HS-1"_s, u"S2"_s, u"stocktake"_s, 7, 0, 7, 0,
                                        u"2024-03-11T12:00:00Z"_s))}));
        SD_CHECK(verifyOk(pushed));
        QCOMPARE(pushed.object().value(u"applied"_s).toInt(), 5);

        auto actions = [&](QList<std::pair<QString, QString>> filter) {
            filter.prepend({u"plu"_s, u"HS-1"_s});
            const Answer a = get(u"/history"_s, params(filter));
            return a.status == 200 ? valuesOf(a.items(), u"action"_s) : QStringList {a.describe()};
        };
        const QString s1 = QString::number(m_shop1), s2 = QString::number(m_shop2);
        // Newest first.
        QCOMPARE(actions({}),
                 (QStringList {u"product_created"_s, u"released"_s, u"reserved"_s, u"stocktake"_s,
                               u"sold"_s, u"stock_increased"_s}));
        // The shop's days (Europe/Moscow).
        QCOMPARE(actions({{u"shop_id"_s, s1},
                          {u"date_min"_s, u"2024-03-11"_s},
                          {u"date_max"_s, u"2024-03-11"_s}}),
                 (QStringList {u"reserved"_s, u"sold"_s}));
        QCOMPARE(actions({{u"shop_id"_s, s1}, {u"date_max"_s, u"2024-03-10"_s}}),
                 QStringList {u"stock_increased"_s});
        QCOMPARE(actions({{u"shop_id"_s, s1},
                          {u"date_min"_s, u"2024-03-12"_s},
                          {u"date_max"_s, u"2024-03-12"_s}}),
                 QStringList {u"released"_s});
        // UTC days without a shop.
        QCOMPARE(actions({{u"date_min"_s, u"2024-03-11"_s}, {u"date_max"_s, u"2024-03-11"_s}}),
                 (QStringList {u"released"_s, u"reserved"_s, u"stocktake"_s}));
        QCOMPARE(actions({{u"date_min"_s, u"2024-03-10"_s}, {u"date_max"_s, u"2024-03-10"_s}}),
                 (QStringList {u"sold"_s, u"stock_increased"_s}));
        // Actions, one or a comma list; shops.
        QCOMPARE(actions({{u"action"_s, u"sold,reserved"_s}}),
                 (QStringList {u"reserved"_s, u"sold"_s}));
        QCOMPARE(actions({{u"action"_s, u"stocktake"_s}, {u"shop_id"_s, s1}}), QStringList());
        QCOMPARE(actions({{u"shop_id"_s, s2}}), QStringList {u"stocktake"_s});

        // Every field of an entry.
        const Answer a =
            get(u"/history"_s, params({{u"plu"_s, u"HS-1"_s}, {u"action"_s, u"reserved"_s}}));
        SD_CHECK(verifyOk(a));
        QCOMPARE(a.items().size(), 1);
        const QJsonObject e = a.items().at(0).toObject();
        QCOMPARE(sortedKeys(e), kHistoryKeys);
        QVERIFY(e.value(u"id"_s).toInteger() > 0);
        QCOMPARE(e.value(u"at"_s).toString(), u"2024-03-11T20:59:00.000Z"_s);
        QCOMPARE(e.value(u"shop_id"_s).toInteger(), m_shop1);
        QCOMPARE(e.value(u"plu"_s).toString(), u"HS-1"_s);
        QCOMPARE(e.value(u"name"_s).toString(), u"History honey"_s);
        QCOMPARE(e.value(u"shelf_delta"_s).toInteger(), -1);
        QCOMPARE(e.value(u"order_delta"_s).toInteger(), 1);
        QCOMPARE(e.value(u"quantity_on_shelf"_s).toInteger(), 3);
        QCOMPARE(e.value(u"quantity_in_order"_s).toInteger(), 1);
        QVERIFY(e.value(u"order_id"_s).isNull());
        QCOMPARE(e.value(u"reason"_s).toString(), u"order 5"_s);
        QVERIFY(e.value(u"staff"_s).isString() || e.value(u"staff"_s).isNull());
        // The product's own row belongs to no shop.
        const Answer created = get(
            u"/history"_s, params({{u"plu"_s, u"HS-1"_s}, {u"action"_s, u"product_created"_s}}));
        SD_CHECK(verifyOk(created));
        QVERIFY(created.items().at(0).toObject().value(u"shop_id"_s).isNull());

        // Paging by cursor and by page number give the same pages.
        QJsonArray all;
        int pages = 0;
        SD_CHECK(walk(u"/history"_s, {{u"plu"_s, u"HS-1"_s}, {u"limit"_s, u"2"_s}}, &all, &pages));
        QCOMPARE(pages, 3);
        QCOMPARE(valuesOf(all, u"action"_s),
                 (QStringList {u"product_created"_s, u"released"_s, u"reserved"_s, u"stocktake"_s,
                               u"sold"_s, u"stock_increased"_s}));
        const QStringList ids = valuesOf(all, u"id"_s);
        QStringList byPage;
        for (int page = 1; page <= 4; ++page) {
            const Answer p = get(u"/history"_s,
                                 params({{u"plu"_s, u"HS-1"_s},
                                         {u"limit"_s, u"2"_s},
                                         {u"page"_s, QString::number(page)}}));
            SD_CHECK(verifyOk(p));
            QCOMPARE(p.items().size(), page <= 3 ? 2 : 0);
            byPage << valuesOf(p.items(), u"id"_s);
        }
        QCOMPARE(byPage, ids);
        // Entries never come out of order: (at, id) descending.
        for (qsizetype i = 1; i < all.size(); ++i) {
            const QJsonObject newer = all.at(i - 1).toObject(), older = all.at(i).toObject();
            QVERIFY(newer.value(u"at"_s).toString() > older.value(u"at"_s).toString() ||
                    (newer.value(u"at"_s).toString() == older.value(u"at"_s).toString() &&
                     newer.value(u"id"_s).toInteger() > older.value(u"id"_s).toInteger()));
        }
    }

    // --- /users/resetProblems ------------------------------------------------------

    void resetProblems()
    {
        QSqlQuery q(m_tdb->db());
        QVERIFY2(q.exec(u"INSERT INTO customers (first_name, last_name, age, gender, problems) "
                        "VALUES ('Ann', 'One', 30, 'female', true), "
                        "('Bob', 'Two', 41, 'male', true), ('Cid', 'Three', 52, 'male', true), "
                        "('Dee', 'Four', 23, 'female', false), "
                        "('Eve', 'Five', 35, 'female', false)"_s),
                 qPrintable(q.lastError().text()));
        const qint64 flagged = number(u"SELECT count(*) FROM customers WHERE problems"_s);
        QVERIFY(flagged >= 3);
        const qint64 customers = number(u"SELECT count(*) FROM customers"_s);

        // Refusals first: they clear nothing.
        SD_CHECK(verifyError(patch(u"/users/resetProblems"_s, R"({"all":true})"_ba), 422,
                             u"invalid"_s, u"all"_s));
        SD_CHECK(verifyError(patch(u"/users/resetProblems"_s, "[]"_ba), 400));
        SD_CHECK(verifyError(patch(u"/users/resetProblems"_s, "{"_ba), 400, u"bad_json"_s));
        QCOMPARE(number(u"SELECT count(*) FROM customers WHERE problems"_s), flagged);

        const Answer a = patch(u"/users/resetProblems"_s, {});
        SD_CHECK(verifyOk(a));
        QCOMPARE(sortedKeys(a.object()), QStringList {u"count"_s});
        QCOMPARE(a.object().value(u"count"_s).toInteger(), flagged);
        QCOMPARE(number(u"SELECT count(*) FROM customers WHERE problems"_s), 0);
        QCOMPARE(number(u"SELECT count(*) FROM customers"_s), customers);

        const Answer again = patch(u"/users/resetProblems"_s, "{}"_ba);
        SD_CHECK(verifyOk(again));
        QCOMPARE(again.object().value(u"count"_s).toInteger(), 0);

        QVERIFY(q.exec(u"UPDATE customers SET problems = true WHERE first_name = 'Dee'"_s));
        // Customers are central's: a shop's token may not clear them all.
        const Answer shop = patch(u"/users/resetProblems"_s, {}, bearer(m_s2));
        SD_CHECK(verifyError(shop, 403, u"forbidden"_s));
        QCOMPARE(number(u"SELECT count(*) FROM customers WHERE problems"_s), 1);
        const Answer one = patch(u"/users/resetProblems"_s, {});
        SD_CHECK(verifyOk(one));
        QCOMPARE(one.object().value(u"count"_s).toInteger(), 1);
    }

    // The catalog is central's: a shop adds products through its events only.
    void shopTokenCannotCreateProducts()
    {
        const qint64 before = number(u"SELECT count(*) FROM products"_s);
        const Answer a =
            post(u"/products"_s, compact(productCreated(u"SHOP-OWN-1"_s, u"Mine"_s)), bearer(m_s1));
        SD_CHECK(verifyError(a, 403, u"forbidden"_s));
        QCOMPARE(number(u"SELECT count(*) FROM products"_s), before);
    }

    // --- /products/{plu} ----------------------------------------------------------------

    // What a product is in central's database, and what its edits left.
    QString productState(const QString &plu) const
    {
        QSqlQuery q(m_tdb->db());
        q.prepare(u"SELECT p.name, p.price, coalesce(p.barcode, '-'), p.sold_by_weight, p.active, "
                  "p.updated_at, p.price_from, "
                  "(SELECT count(*) FROM product_changes c WHERE c.product_id = p.id), "
                  "(SELECT count(*) FROM product_prices pp WHERE pp.product_id = p.id), "
                  "(SELECT count(*) FROM label_queue l WHERE l.product_id = p.id), "
                  "(SELECT count(*) FROM history h WHERE h.product_id = p.id) "
                  "FROM products p WHERE p.plu = ?"_s);
        q.addBindValue(plu);
        if (!q.exec() || !q.next())
            return u"no product %1: %2"_s.arg(plu, q.lastError().text());
        QStringList fields;
        for (int i = 0; i < 11; ++i)
            fields << q.value(i).toString();
        return fields.join(u'|');
    }

    void getProduct()
    {
        SD_CHECK(makeProduct(u"GP-1"_s, u"Oolong"_s, 3100));
        for (const QByteArray &token : {m_head, m_s1}) {
            const Answer a = get(u"/products/GP-1"_s, {}, bearer(token));
            SD_CHECK(verifyOk(a));
            QCOMPARE(sortedKeys(a.object()), kProductKeys);
            QCOMPARE(a.object().value(u"plu"_s).toString(), u"GP-1"_s);
            QCOMPARE(a.object().value(u"name"_s).toString(), u"Oolong"_s);
            QCOMPARE(a.object().value(u"price"_s).toInteger(), 3100);
            QCOMPARE(a.object().value(u"active"_s), QJsonValue(true));
            // The same as the list says.
            const Answer listed = get(u"/products"_s, "plu=GP-1");
            QCOMPARE(listed.items().size(), 1);
            QVERIFY2(listed.items().at(0).toObject() == a.object(), qPrintable(listed.describe()));
        }
        const Answer none = get(u"/products/NO-SUCH-1"_s);
        SD_CHECK(verifyError(none, 404, u"not_found"_s, u"plu"_s));
        QVERIFY2(none.error().value(u"message"_s).toString().contains(u"NO-SUCH-1"_s),
                 qPrintable(none.describe()));
        SD_CHECK(verifyError(get(u"/products/GP-1"_s, "colour=red"), 400, u"unknown_parameter"_s,
                             u"colour"_s));
        SD_CHECK(verifyError(get(u"/products/GP-1"_s, {}, QByteArray()), 401, u"unauthorized"_s));
    }

    void patchProduct()
    {
        SD_CHECK(makeProduct(u"PP-1"_s, u"Green tea"_s, 1000));
        const qint64 labelsBefore =
            number(u"SELECT count(*) FROM label_queue l JOIN products p ON p.id = l.product_id "
                   "WHERE p.plu = 'PP-1'"_s);

        const Answer priced = patch(u"/products/PP-1"_s, R"({"price":1250,"reason":"supplier"})");
        SD_CHECK(verifyOk(priced));
        QCOMPARE(sortedKeys(priced.object()), kProductKeys);
        QCOMPARE(priced.object().value(u"price"_s).toInteger(), 1250);
        QCOMPARE(priced.object().value(u"name"_s).toString(), u"Green tea"_s);
        QCOMPARE(number(u"SELECT price FROM products WHERE plu = 'PP-1'"_s), 1250);
        QCOMPARE(value(u"SELECT c.reason || ' ' || c.before::text || ' ' || c.after::text "
                       "FROM product_changes c JOIN products p ON p.id = c.product_id "
                       "WHERE p.plu = 'PP-1'"_s)
                     .toString(),
                 uR"(supplier {"price": 1000} {"price": 1250})"_s);
        QCOMPARE(number(u"SELECT count(*) FROM history WHERE plu = 'PP-1' "
                        "AND action = 'product_changed' AND reason = 'supplier'"_s),
                 1);
        // A new shelf tag waits in the head office's queue too.
        QCOMPARE(number(u"SELECT count(*) FROM label_queue l JOIN products p ON "
                        "p.id = l.product_id WHERE p.plu = 'PP-1'"_s),
                 labelsBefore + 1);

        // Other fields, each alone; what is not given stays.
        const Answer renamed =
            patch(u"/products/PP-1"_s, R"({"name":"Green tea, loose","barcode":"4601234567893"})");
        SD_CHECK(verifyOk(renamed));
        QCOMPARE(renamed.object().value(u"name"_s).toString(), u"Green tea, loose"_s);
        QCOMPARE(renamed.object().value(u"barcode"_s).toString(), u"4601234567893"_s);
        QCOMPARE(renamed.object().value(u"price"_s).toInteger(), 1250);
        const Answer archived = patch(u"/products/PP-1"_s, R"({"active":false})");
        SD_CHECK(verifyOk(archived));
        QCOMPARE(archived.object().value(u"active"_s), QJsonValue(false));
        QCOMPARE(value(u"SELECT active FROM products WHERE plu = 'PP-1'"_s).toBool(), false);
        // The VAT rate: 20 % unless given.
        QCOMPARE(renamed.object().value(u"vat_code"_s).toString(), u"vat20"_s);
        const Answer reduced = patch(u"/products/PP-1"_s, R"({"vat_code":"vat10"})");
        SD_CHECK(verifyOk(reduced));
        QCOMPARE(reduced.object().value(u"vat_code"_s).toString(), u"vat10"_s);
        QCOMPARE(value(u"SELECT vat_code FROM products WHERE plu = 'PP-1'"_s).toString(),
                 u"vat10"_s);
        SD_CHECK(verifyOk(patch(u"/products/PP-1"_s, R"({"active":true,"barcode":null})")));
        QCOMPARE(value(u"SELECT active::text || coalesce(barcode, '-') FROM products "
                       "WHERE plu = 'PP-1'"_s)
                     .toString(),
                 u"true-"_s);

        // Nothing to change: nothing written.
        const QString state = productState(u"PP-1"_s);
        const Answer same = patch(u"/products/PP-1"_s, R"({"price":1250})");
        SD_CHECK(verifyOk(same));
        QCOMPARE(same.object().value(u"price"_s).toInteger(), 1250);
        SD_CHECK(verifyOk(patch(u"/products/PP-1"_s, "{}")));
        QCOMPARE(productState(u"PP-1"_s), state);

        // A shop's token reads the catalog but does not change it.
        const Answer shop = patch(u"/products/PP-1"_s, R"({"price":1})", bearer(m_s1));
        SD_CHECK(verifyError(shop, 403, u"forbidden"_s));
        QCOMPARE(productState(u"PP-1"_s), state);

        const Answer unknown = patch(u"/products/NO-SUCH-2"_s, R"({"price":1})");
        SD_CHECK(verifyError(unknown, 404, u"not_found"_s, u"plu"_s));
        QVERIFY2(unknown.error().value(u"message"_s).toString().contains(u"NO-SUCH-2"_s),
                 qPrintable(unknown.describe()));
        QCOMPARE(number(u"SELECT count(*) FROM products WHERE plu = 'NO-SUCH-2'"_s), 0);
    }

    // A product's barcodes and category over REST: POST and PATCH take the
    // whole list (main first) and the category, GET and the list give them.
    void productBarcodesAndCategory()
    {
        const qint64 drinks = makeCategory(u"Drinks"_s);
        QVERIFY(drinks > 0);
        const qint64 water = makeCategory(u"Water"_s, drinks);
        QVERIFY(water > 0);
        const QString main = u"4600000000015"_s, second = u"4600000000022"_s,
                      third = u"4600000000039"_s;

        const Answer made = post(u"/products"_s,
                                 compact(QJsonObject {{u"plu"_s, u"BC-1"_s},
                                                      {u"name"_s, u"Spring water"_s},
                                                      {u"price"_s, 4500},
                                                      {u"barcodes"_s, QJsonArray {main, second}},
                                                      {u"category_id"_s, water}}));
        SD_CHECK(verifyOk(made, 201));
        QCOMPARE(sortedKeys(made.object()), kProductKeys);
        QCOMPARE(made.object().value(u"barcode"_s).toString(), main);
        QCOMPARE(made.object().value(u"barcodes"_s).toArray(), (QJsonArray {main, second}));
        QCOMPARE(made.object().value(u"category_id"_s).toInteger(), water);
        QCOMPARE(made.object().value(u"category"_s).toString(), u"Drinks / Water"_s);
        QCOMPARE(value(u"SELECT product_barcode_list(id)::text || ' ' || category_id "
                       "FROM products WHERE plu = 'BC-1'"_s)
                     .toString(),
                 u"[\"%1\", \"%2\"] %3"_s.arg(main, second).arg(water));
        const Answer read = get(u"/products/BC-1"_s, {}, bearer(m_s1));
        SD_CHECK(verifyOk(read));
        QCOMPARE(read.object(), made.object());
        QCOMPARE(get(u"/products"_s, "plu=BC-1").items().at(0).toObject(), made.object());
        // A product without either says so.
        SD_CHECK(makeProduct(u"BC-2"_s, u"Sparkling water"_s, 4700));
        const Answer plain = get(u"/products/BC-2"_s);
        QCOMPARE(plain.object().value(u"barcodes"_s).toArray(), QJsonArray());
        QVERIFY(plain.object().value(u"category_id"_s).isNull());
        QVERIFY(plain.object().value(u"category"_s).isNull());

        // PATCH: the list as it is to be, the main one first; the category.
        const Answer listed =
            patch(u"/products/BC-1"_s,
                  compact(QJsonObject {{u"barcodes"_s, QJsonArray {second, third}},
                                       {u"category_id"_s, drinks},
                                       {u"reason"_s, u"new labels"_s}}));
        SD_CHECK(verifyOk(listed));
        QCOMPARE(listed.object().value(u"barcode"_s).toString(), second);
        QCOMPARE(listed.object().value(u"barcodes"_s).toArray(), (QJsonArray {second, third}));
        QCOMPARE(listed.object().value(u"category_id"_s).toInteger(), drinks);
        QCOMPARE(listed.object().value(u"category"_s).toString(), u"Drinks"_s);
        QCOMPARE(value(u"SELECT c.before::text || ' ' || c.after::text FROM product_changes c "
                       "JOIN products p ON p.id = c.product_id WHERE p.plu = 'BC-1' "
                       "AND c.reason = 'new labels'"_s)
                     .toString(),
                 uR"({"barcode": "%1", "barcodes": ["%1", "%2"], "category": "Drinks / Water", )"
                 uR"("category_id": %4} {"barcode": "%2", "barcodes": ["%2", "%3"], )"
                 uR"("category": "Drinks", "category_id": %5})"_s.arg(main, second, third)
                     .arg(water)
                     .arg(drinks));
        // The barcode that left it is free: another product takes it.
        SD_CHECK(verifyOk(
            patch(u"/products/BC-2"_s, compact(QJsonObject {{u"barcodes"_s, QJsonArray {main}}}))));

        // A barcode of another product: 409 naming it and its PLU; nothing written.
        const QString state = productState(u"BC-1"_s);
        const Counts before = counts();
        const Answer taken = patch(u"/products/BC-1"_s,
                                   compact(QJsonObject {{u"barcodes"_s, QJsonArray {second, main}},
                                                        {u"name"_s, u"Renamed"_s}}));
        SD_CHECK(verifyError(taken, 409, u"conflict"_s, u"barcodes"_s));
        QVERIFY2(taken.error().value(u"message"_s).toString().contains(main) &&
                     taken.error().value(u"message"_s).toString().contains(u"BC-2"_s),
                 qPrintable(taken.describe()));
        const Answer takenNew = post(u"/products"_s,
                                     compact(QJsonObject {{u"plu"_s, u"BC-3"_s},
                                                          {u"name"_s, u"Copy"_s},
                                                          {u"barcodes"_s, QJsonArray {third}}}));
        SD_CHECK(verifyError(takenNew, 409, u"conflict"_s, u"barcodes"_s));
        QVERIFY2(takenNew.error().value(u"message"_s).toString().contains(u"BC-1"_s),
                 qPrintable(takenNew.describe()));
        // A wrong check digit: 422 naming the list and the barcode.
        const Answer wrong = patch(u"/products/BC-1"_s, R"({"barcodes":["4601234567894"]})");
        SD_CHECK(verifyError(wrong, 422, u"invalid"_s, u"barcodes"_s));
        QVERIFY2(wrong.error().value(u"message"_s).toString().contains(u"4601234567894"_s),
                 qPrintable(wrong.describe()));
        QCOMPARE(productState(u"BC-1"_s), state);
        SD_CHECK(verifyUnchanged(before));

        // null: no category; []: no barcodes.
        const Answer none = patch(u"/products/BC-1"_s, R"({"category_id":null,"barcodes":[]})");
        SD_CHECK(verifyOk(none));
        QVERIFY(none.object().value(u"category_id"_s).isNull());
        QVERIFY(none.object().value(u"barcode"_s).isNull());
        QCOMPARE(none.object().value(u"barcodes"_s).toArray(), QJsonArray());
        QCOMPARE(value(u"SELECT coalesce(barcode, '-') || coalesce(category_id::text, '-') || "
                       "product_barcode_list(id)::text FROM products WHERE plu = 'BC-1'"_s)
                     .toString(),
                 u"--[]"_s);
        // The same again: nothing written.
        const QString after = productState(u"BC-1"_s);
        SD_CHECK(verifyOk(patch(u"/products/BC-1"_s, R"({"category_id":null,"barcodes":[]})")));
        QCOMPARE(productState(u"BC-1"_s), after);
    }

    void badPatchIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        auto row = [](const char *name, const QByteArray &body, const QString &field) {
            QTest::newRow(name) << body << 422 << field;
        };
        row("unknown field", R"({"price":5,"colour":"red"})", u"colour"_s);
        row("the PLU itself", R"({"plu":"PP-2"})", u"plu"_s);
        row("price as a string", R"({"price":"5"})", u"price"_s);
        row("fractional price", R"({"price":3.5})", u"price"_s);
        row("negative price", R"({"price":-1})", u"price"_s);
        row("huge price", R"({"price":10000000001})", u"price"_s);
        row("price null", R"({"price":null})", u"price"_s);
        row("blank name", R"({"name":"   "})", u"name"_s);
        row("name null", R"({"name":null})", u"name"_s);
        row("name of 201 characters", "{\"name\":\"" + QByteArray(201, 'n') + "\"}", u"name"_s);
        row("barcode with a wrong check digit", R"({"barcode":"4601234567894"})", u"barcode"_s);
        row("barcode a number", R"({"barcode":4601234567893})", u"barcode"_s);
        // CP-2 has it (createProduct): a conflict, as when POST /products is given it.
        QTest::newRow("another product's barcode")
            << R"({"name":"Renamed","barcode":"4006381333931"})"_ba << 409 << u"barcode"_s;
        row("sold_by_weight a string", R"({"sold_by_weight":"yes"})", u"sold_by_weight"_s);
        row("an unknown VAT rate", R"({"vat_code":"vat99"})", u"vat_code"_s);
        row("vat_code a number", R"({"vat_code":20})", u"vat_code"_s);
        row("vat_code null", R"({"vat_code":null})", u"vat_code"_s);
        row("active 0", R"({"active":0})", u"active"_s);
        row("active null", R"({"active":null})", u"active"_s);
        row("reason of 501 characters", "{\"price\":7,\"reason\":\"" + QByteArray(501, 'r') + "\"}",
            u"reason"_s);
        row("barcodes null", R"({"barcodes":null})", u"barcodes"_s);
        row("barcodes an object", R"({"barcodes":{"main":"4601234567893"}})", u"barcodes"_s);
        row("barcodes with an empty one", R"({"barcodes":["4601234567893",""]})", u"barcodes"_s);
        row("barcode apart from barcodes",
            R"({"barcode":"4601234567893","barcodes":["4006381333931"]})", u"barcode"_s);
        row("category_id a string", R"({"category_id":"3"})", u"category_id"_s);
        row("category_id negative", R"({"category_id":-3})", u"category_id"_s);
        row("category_id true", R"({"category_id":true})", u"category_id"_s);
        row("an unknown category", R"({"category_id":999999})", u"category_id"_s);
        QTest::newRow("malformed JSON") << R"({"price":)"_ba << 400 << QString();
        QTest::newRow("an array") << R"([{"price":5}])"_ba << 400 << QString();
    }
    void badPatchIsRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const QString state = productState(u"PP-1"_s);
        QVERIFY2(!state.startsWith(u"no product"_s), qPrintable(state));
        const Counts before = counts();
        const Answer a = patch(u"/products/PP-1"_s, body);
        SD_CHECK(verifyError(a, status,
                             status == 422       ? u"invalid"_s
                                 : status == 409 ? u"conflict"_s
                                                 : QString(),
                             field));
        // The message names the field too, for a person reading it.
        if (!field.isEmpty())
            QVERIFY2(a.error().value(u"message"_s).toString().contains(field.section(u'_', 0, 0)),
                     qPrintable(a.describe()));
        QCOMPARE(productState(u"PP-1"_s), state);
        SD_CHECK(verifyUnchanged(before));
    }

    // --- /categories ----------------------------------------------------------------------

    // Central's whole tree as the database has it: id, parent, name.
    QString categoryState() const
    {
        return value(u"SELECT string_agg(id || ' ' || coalesce(parent_id, 0) || ' ' || name, "
                     "', ' ORDER BY id) FROM categories"_s)
            .toString();
    }

    QJsonObject categoryById(const Answer &list, qint64 id) const
    {
        for (const QJsonValue &item : list.items())
            if (item.toObject().value(u"id"_s).toInteger() == id)
                return item.toObject();
        return {};
    }

    // A category at central, made over REST; its id.
    qint64 makeCategory(const QString &name, qint64 parentId = 0)
    {
        QJsonObject body {{u"name"_s, name}};
        if (parentId)
            body.insert(u"parent_id"_s, parentId);
        const Answer a = post(u"/categories"_s, compact(body));
        if (a.status != 201) {
            qWarning().noquote() << a.describe();
            return 0;
        }
        return a.object().value(u"id"_s).toInteger();
    }

    void categoriesOverRest()
    {
        const Answer food = post(u"/categories"_s, R"({"name":"Food"})");
        SD_CHECK(verifyOk(food, 201));
        QCOMPARE(sortedKeys(food.object()), kCategoryKeys);
        QVERIFY(food.object().value(u"parent_id"_s).isNull());
        QCOMPARE(food.object().value(u"path"_s).toString(), u"Food"_s);
        const qint64 foodId = food.object().value(u"id"_s).toInteger();
        const qint64 dairy = makeCategory(u"Dairy"_s, foodId);
        const qint64 milk = makeCategory(u"Milk"_s, dairy);
        QVERIFY(dairy > 0 && milk > 0);
        QCOMPARE(value(u"SELECT category_path(?)"_s, {milk}).toString(), u"Food / Dairy / Milk"_s);

        // Any token reads the tree, parents before their children.
        const Answer tree = get(u"/categories"_s, {}, bearer(m_s1));
        SD_CHECK(verifyOk(tree));
        QCOMPARE(sortedKeys(tree.object()), QStringList {u"items"_s});
        QCOMPARE(categoryById(tree, milk),
                 (QJsonObject {{u"id"_s, milk},
                               {u"parent_id"_s, dairy},
                               {u"name"_s, u"Milk"_s},
                               {u"path"_s, u"Food / Dairy / Milk"_s}}));
        QCOMPARE(number(u"SELECT count(*) FROM categories"_s), tree.items().size());
        const QStringList paths = valuesOf(tree.items(), u"path"_s);
        QVERIFY(paths.indexOf(u"Food"_s) < paths.indexOf(u"Food / Dairy"_s));
        QVERIFY(paths.indexOf(u"Food / Dairy"_s) < paths.indexOf(u"Food / Dairy / Milk"_s));
        const Answer one = get(u"/categories/%1"_s.arg(dairy), {}, bearer(m_s1));
        SD_CHECK(verifyOk(one));
        QCOMPARE(one.object().value(u"path"_s).toString(), u"Food / Dairy"_s);
        SD_CHECK(verifyError(get(u"/categories/999999"_s), 404, u"not_found"_s));
        SD_CHECK(verifyError(get(u"/categories/abc"_s), 404, u"not_found"_s));

        // Renamed; moved to the top; both at once.
        const Answer renamed = patch(u"/categories/%1"_s.arg(milk), R"({"name":"Milk and cream"})");
        SD_CHECK(verifyOk(renamed));
        QCOMPARE(renamed.object().value(u"path"_s).toString(), u"Food / Dairy / Milk and cream"_s);
        const Answer top = patch(u"/categories/%1"_s.arg(dairy), R"({"parent_id":null})");
        SD_CHECK(verifyOk(top));
        QVERIFY(top.object().value(u"parent_id"_s).isNull());
        QCOMPARE(value(u"SELECT category_path(?)"_s, {milk}).toString(),
                 u"Dairy / Milk and cream"_s);
        const Answer both =
            patch(u"/categories/%1"_s.arg(milk),
                  compact(QJsonObject {{u"name"_s, u"Milk"_s}, {u"parent_id"_s, foodId}}));
        SD_CHECK(verifyOk(both));
        QCOMPARE(both.object().value(u"path"_s).toString(), u"Food / Milk"_s);
        SD_CHECK(verifyOk(
            patch(u"/categories/%1"_s.arg(milk), compact(QJsonObject {{u"parent_id"_s, dairy}}))));

        // Refused, nothing written: a loop, a sibling's name (whatever its
        // case), a shop's token, an unknown category.
        const QString state = categoryState();
        const Answer loop =
            patch(u"/categories/%1"_s.arg(dairy),
                  compact(QJsonObject {{u"name"_s, u"Dairy products"_s}, {u"parent_id"_s, milk}}));
        SD_CHECK(verifyError(loop, 422, u"invalid"_s, u"parent_id"_s));
        SD_CHECK(verifyError(
            patch(u"/categories/%1"_s.arg(dairy), compact(QJsonObject {{u"parent_id"_s, dairy}})),
            422, u"invalid"_s, u"parent_id"_s));
        SD_CHECK(verifyError(post(u"/categories"_s, R"({"name":"dairy"})"), 409, u"conflict"_s,
                             u"name"_s));
        SD_CHECK(verifyError(patch(u"/categories/%1"_s.arg(foodId), R"({"name":"DAIRY"})"), 409,
                             u"conflict"_s, u"name"_s));
        // The name would clash where it goes: the move does not happen either.
        const qint64 otherMilk = makeCategory(u"milk"_s);
        QVERIFY(otherMilk > 0);
        const QString withOther = categoryState();
        SD_CHECK(verifyError(patch(u"/categories/%1"_s.arg(otherMilk),
                                   compact(QJsonObject {{u"parent_id"_s, dairy}})),
                             409, u"conflict"_s, u"name"_s));
        QCOMPARE(categoryState(), withOther);
        SD_CHECK(verifyOk(del(u"/categories/%1"_s.arg(otherMilk), {})));
        QCOMPARE(categoryState(), state);
        SD_CHECK(verifyError(post(u"/categories"_s, R"({"name":"Bread"})", bearer(m_s1)), 403,
                             u"forbidden"_s));
        SD_CHECK(verifyError(patch(u"/categories/%1"_s.arg(milk), R"({"name":"x"})", bearer(m_s1)),
                             403, u"forbidden"_s));
        SD_CHECK(
            verifyError(del(u"/categories/%1"_s.arg(milk), {}, bearer(m_s1)), 403, u"forbidden"_s));
        SD_CHECK(
            verifyError(patch(u"/categories/999999"_s, R"({"name":"x"})"), 404, u"not_found"_s));
        QCOMPARE(categoryState(), state);

        // Deleted: an empty one at once; one with contents only when they
        // move up (its products with a trail).
        SD_CHECK(makeProduct(u"CT-1"_s, u"Kefir"_s));
        QCOMPARE(number(u"UPDATE products SET category_id = ? WHERE plu = 'CT-1' "
                        "RETURNING category_id"_s,
                        {milk}),
                 milk);
        const Answer full = del(u"/categories/%1"_s.arg(milk), {});
        SD_CHECK(verifyError(full, 409, u"conflict"_s));
        SD_CHECK(verifyError(del(u"/categories/%1"_s.arg(milk), "move_contents_up=yes"), 400,
                             u"bad_request"_s, u"move_contents_up"_s));
        SD_CHECK(verifyError(del(u"/categories/%1"_s.arg(milk), "colour=red"), 400,
                             u"unknown_parameter"_s, u"colour"_s));
        QCOMPARE(categoryState(), state);
        const Answer gone = del(u"/categories/%1"_s.arg(milk), "move_contents_up=true");
        SD_CHECK(verifyOk(gone));
        QCOMPARE(gone.object().value(u"id"_s).toInteger(), milk);
        QCOMPARE(number(u"SELECT count(*) FROM categories WHERE id = ?"_s, {milk}), 0);
        QCOMPARE(value(u"SELECT category_path(category_id) FROM products WHERE plu = 'CT-1'"_s)
                     .toString(),
                 u"Dairy"_s);
        QCOMPARE(number(u"SELECT count(*) FROM product_changes c JOIN products p "
                        "ON p.id = c.product_id WHERE p.plu = 'CT-1' "
                        "AND c.after ->> 'category' = 'Dairy'"_s),
                 1);
        SD_CHECK(verifyError(del(u"/categories/%1"_s.arg(milk), {}), 404, u"not_found"_s));
    }

    void badCategoryIsRefused_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        auto postRow = [](const char *name, const QByteArray &body, const QString &field) {
            QTest::newRow(name) << "POST"_ba << body << field;
        };
        auto patchRow = [](const char *name, const QByteArray &body, const QString &field) {
            QTest::newRow(name) << "PATCH"_ba << body << field;
        };
        postRow("POST without a name", R"({"parent_id":null})", u"name"_s);
        postRow("POST name a number", R"({"name":5})", u"name"_s);
        postRow("POST name null", R"({"name":null})", u"name"_s);
        postRow("POST blank name", R"({"name":"   "})", u"name"_s);
        postRow("POST name of 101 characters", "{\"name\":\"" + QByteArray(101, 'n') + "\"}",
                u"name"_s);
        postRow("POST parent_id a string", R"({"name":"Bad","parent_id":"1"})", u"parent_id"_s);
        postRow("POST parent_id fractional", R"({"name":"Bad","parent_id":1.5})", u"parent_id"_s);
        postRow("POST parent_id an array", R"({"name":"Bad","parent_id":[1]})", u"parent_id"_s);
        postRow("POST an unknown parent", R"({"name":"Bad","parent_id":999999})", u"parent_id"_s);
        postRow("POST an unknown field", R"({"name":"Bad","colour":"red"})", u"colour"_s);
        patchRow("PATCH name null", R"({"name":null})", u"name"_s);
        patchRow("PATCH name an object", R"({"name":{}})", u"name"_s);
        patchRow("PATCH blank name", R"({"name":""})", u"name"_s);
        patchRow("PATCH parent_id a string", R"({"parent_id":"top"})", u"parent_id"_s);
        patchRow("PATCH parent_id 0", R"({"parent_id":0})", u"parent_id"_s);
        patchRow("PATCH an unknown parent", R"({"name":"Bad","parent_id":999999})", u"parent_id"_s);
        patchRow("PATCH an unknown field", R"({"id":3})", u"id"_s);
    }
    void badCategoryIsRefused()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const qint64 dairy =
            number(u"SELECT id FROM categories WHERE name = 'Dairy' AND parent_id IS NULL"_s);
        QVERIFY(dairy > 0);
        const QString state = categoryState();
        const Answer a = call(
            {verb, verb == "POST" ? u"/categories"_s : u"/categories/%1"_s.arg(dairy), {}, body});
        SD_CHECK(verifyError(a, 422, u"invalid"_s, field));
        QCOMPARE(categoryState(), state);
        QCOMPARE(number(u"SELECT count(*) FROM categories WHERE name = 'Bad'"_s), 0);
    }

    // --- /products/{plu}/prices ---------------------------------------------------------

    // Where the catalog feed ends now.
    QString catalogEnd()
    {
        QString since;
        for (int pages = 0; pages < 1000; ++pages) {
            QList<std::pair<QString, QString>> query {{u"limit"_s, u"5000"_s}};
            if (!since.isEmpty())
                query.append({u"since"_s, since});
            const Answer a = get(u"/sync/catalog"_s, params(query));
            if (a.status != 200)
                return {};
            since = a.object().value(u"next_cursor"_s).toString();
            if (!a.object().value(u"has_more"_s).toBool())
                break;
        }
        return since;
    }

    void schedulePrice()
    {
        SD_CHECK(makeProduct(u"SP-1"_s, u"Coffee beans"_s, 2000));
        const QString since = catalogEnd();
        QVERIFY(!since.isEmpty());
        QDateTime from = QDateTime::currentDateTimeUtc().addDays(1);
        from.setTime(QTime(from.time().hour(), 0));
        const QString fromText = from.toString(Qt::ISODateWithMs);

        const Answer made = post(u"/products/SP-1/prices"_s,
                                 compact(QJsonObject {{u"price"_s, 2400},
                                                      {u"valid_from"_s, fromText},
                                                      {u"reason"_s, u"new season"_s}}));
        SD_CHECK(verifyOk(made, 201));
        QCOMPARE(sortedKeys(made.object()), kPriceKeys);
        QCOMPARE(made.object().value(u"price"_s).toInteger(), 2400);
        QCOMPARE(made.object().value(u"previous"_s).toInteger(), 2000);
        QCOMPARE(made.object().value(u"scheduled"_s), QJsonValue(true));
        QCOMPARE(made.object().value(u"reason"_s).toString(), u"new season"_s);
        QCOMPARE(QDateTime::fromString(made.object().value(u"valid_from"_s).toString(),
                                       Qt::ISODateWithMs),
                 from);
        // The price now is still the old one; from the moment on, the new one.
        QCOMPARE(get(u"/products/SP-1"_s).object().value(u"price"_s).toInteger(), 2000);
        QCOMPARE(number(u"SELECT price_at(p, ?::timestamptz) FROM products p "
                        "WHERE plu = 'SP-1'"_s,
                        {from}),
                 2400);

        // An offset other than Z names the same moment.
        const QDateTime later = from.addDays(1);
        const Answer offset =
            post(u"/products/SP-1/prices"_s,
                 compact(QJsonObject {
                     {u"price"_s, 2600},
                     {u"valid_from"_s, later.toOffsetFromUtc(3 * 3600).toString(Qt::ISODate)}}));
        SD_CHECK(verifyOk(offset, 201));
        QCOMPARE(QDateTime::fromString(offset.object().value(u"valid_from"_s).toString(),
                                       Qt::ISODateWithMs),
                 later);

        // The list: the later moments first.
        for (const QByteArray &token : {m_head, m_s2}) {
            const Answer list = get(u"/products/SP-1/prices"_s, {}, bearer(token));
            SD_CHECK(verifyOk(list));
            QCOMPARE(list.object().value(u"plu"_s).toString(), u"SP-1"_s);
            QCOMPARE(valuesOf(list.items(), u"price"_s),
                     (QStringList {u"2600"_s, u"2400"_s, u"2000"_s}));
            QCOMPARE(valuesOf(list.items(), u"scheduled"_s),
                     (QStringList {u"true"_s, u"true"_s, u"false"_s}));
            QCOMPARE(sortedKeys(list.items().at(0).toObject()), kPriceKeys);
        }
        SD_CHECK(verifyError(get(u"/products/NO-SUCH-3/prices"_s), 404, u"not_found"_s, u"plu"_s));

        // The feed sends the product again, with its schedule.
        const Answer feed = get(u"/sync/catalog"_s, params({{u"since"_s, since}}));
        SD_CHECK(verifyOk(feed));
        QCOMPARE(valuesOf(feed.items(), u"plu"_s), QStringList {u"SP-1"_s});
        const QJsonObject item = feed.items().at(0).toObject();
        QCOMPARE(sortedKeys(item), kCatalogKeys);
        QCOMPARE(item.value(u"price"_s).toInteger(), 2000);
        QCOMPARE(item.value(u"active"_s), QJsonValue(true));
        const QJsonArray scheduled = item.value(u"scheduled_prices"_s).toArray();
        QCOMPARE(scheduled.size(), 2);
        QCOMPARE(scheduled.at(0).toObject().value(u"price"_s).toInteger(), 2400);
        QCOMPARE(QDateTime::fromString(scheduled.at(0).toObject().value(u"valid_from"_s).toString(),
                                       Qt::ISODateWithMs),
                 from);
        QCOMPARE(scheduled.at(1).toObject().value(u"price"_s).toInteger(), 2600);
    }

    void badScheduleIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QByteArray tomorrow =
            QDateTime::currentDateTimeUtc().addDays(1).addSecs(123).toString(Qt::ISODate).toUtf8();
        const QByteArray past =
            QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate).toUtf8();
        const QByteArray taken =
            QDateTime::currentDateTimeUtc().addDays(1).toString(u"yyyy-MM-ddTHH:00:00Z"_s).toUtf8();
        auto row = [](const char *name, const QByteArray &body, const QString &field) {
            QTest::newRow(name) << body << field;
        };
        row("no price", "{\"valid_from\":\"" + tomorrow + "\"}", u"price"_s);
        row("negative price", "{\"price\":-1,\"valid_from\":\"" + tomorrow + "\"}", u"price"_s);
        row("huge price", "{\"price\":10000000001,\"valid_from\":\"" + tomorrow + "\"}",
            u"price"_s);
        row("price a string", "{\"price\":\"9\",\"valid_from\":\"" + tomorrow + "\"}", u"price"_s);
        row("no valid_from", R"({"price":9})", u"valid_from"_s);
        row("valid_from a number", R"({"price":9,"valid_from":1700000000})", u"valid_from"_s);
        row("valid_from not a date", R"({"price":9,"valid_from":"tomorrow"})", u"valid_from"_s);
        row("valid_from without an offset", R"({"price":9,"valid_from":"2030-01-01T10:00:00"})",
            u"valid_from"_s);
        row("valid_from in the past", "{\"price\":9,\"valid_from\":\"" + past + "\"}",
            u"valid_from"_s);
        // schedulePrice took this moment (tomorrow, on the hour).
        row("valid_from taken", "{\"price\":9,\"valid_from\":\"" + taken + "\"}", u"valid_from"_s);
        row("reason of 501 characters",
            "{\"price\":9,\"valid_from\":\"" + tomorrow + "\",\"reason\":\"" +
                QByteArray(501, 'r') + "\"}",
            u"reason"_s);
        row("unknown field", "{\"price\":9,\"valid_from\":\"" + tomorrow + "\",\"until\":1}",
            u"until"_s);
    }
    void badScheduleIsRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const QString state = productState(u"SP-1"_s);
        QVERIFY2(!state.startsWith(u"no product"_s), qPrintable(state));
        const Counts before = counts();
        SD_CHECK(verifyError(post(u"/products/SP-1/prices"_s, body), 422, u"invalid"_s, field));
        QCOMPARE(productState(u"SP-1"_s), state);
        SD_CHECK(verifyUnchanged(before));
    }

    void scheduleRefusals()
    {
        const QString state = productState(u"SP-1"_s);
        const QByteArray body = compact(QJsonObject {
            {u"price"_s, 9},
            {u"valid_from"_s, QDateTime::currentDateTimeUtc().addDays(3).toString(Qt::ISODate)}});
        SD_CHECK(
            verifyError(post(u"/products/SP-1/prices"_s, body, bearer(m_s1)), 403, u"forbidden"_s));
        QCOMPARE(productState(u"SP-1"_s), state);
        SD_CHECK(verifyError(post(u"/products/NO-SUCH-4/prices"_s, body), 404, u"not_found"_s,
                             u"plu"_s));
    }

    // The head office takes back a scheduled price before it starts: it goes
    // from the list and from the feed, and the change is kept.
    void cancelScheduledPrice()
    {
        const Answer list = get(u"/products/SP-1/prices"_s);
        SD_CHECK(verifyOk(list));
        QCOMPARE(valuesOf(list.items(), u"price"_s),
                 (QStringList {u"2600"_s, u"2400"_s, u"2000"_s}));
        const QString latest = list.items().at(0).toObject().value(u"valid_from"_s).toString();
        const QString started = list.items().at(2).toObject().value(u"valid_from"_s).toString();
        const QString since = catalogEnd();
        const auto at = [](const QString &validFrom, const QString &reason = {}) {
            QList<std::pair<QString, QString>> query {{u"valid_from"_s, validFrom}};
            if (!reason.isEmpty())
                query.append({u"reason"_s, reason});
            return params(query);
        };

        // Refused, with nothing written.
        const QString state = productState(u"SP-1"_s);
        const Counts before = counts();
        SD_CHECK(verifyError(del(u"/products/SP-1/prices"_s, at(latest), bearer(m_s1)), 403,
                             u"forbidden"_s));
        SD_CHECK(
            verifyError(del(u"/products/SP-1/prices"_s, {}), 422, u"invalid"_s, u"valid_from"_s));
        SD_CHECK(verifyError(del(u"/products/SP-1/prices"_s, at(u"2030-01-01T10:00:00"_s)), 422,
                             u"invalid"_s, u"valid_from"_s));
        SD_CHECK(verifyError(del(u"/products/SP-1/prices"_s, at(started)), 422, u"invalid"_s,
                             u"valid_from"_s));
        SD_CHECK(verifyError(del(u"/products/SP-1/prices"_s,
                                 at(QDateTime::fromString(latest, Qt::ISODateWithMs)
                                        .addSecs(1)
                                        .toString(Qt::ISODateWithMs))),
                             422, u"invalid"_s, u"valid_from"_s));
        SD_CHECK(verifyError(del(u"/products/NO-SUCH-5/prices"_s, at(latest)), 404, u"not_found"_s,
                             u"plu"_s));
        QCOMPARE(productState(u"SP-1"_s), state);
        SD_CHECK(verifyUnchanged(before));

        const Answer cancelled =
            del(u"/products/SP-1/prices"_s, at(latest, u"supplier kept the price"_s));
        SD_CHECK(verifyOk(cancelled));
        QCOMPARE(cancelled.object().value(u"price"_s).toInteger(), 2600);
        QCOMPARE(valuesOf(get(u"/products/SP-1/prices"_s).items(), u"price"_s),
                 (QStringList {u"2400"_s, u"2000"_s}));
        QCOMPARE(number(u"SELECT count(*) FROM product_changes c JOIN products p "
                        "ON p.id = c.product_id WHERE p.plu = 'SP-1' "
                        "AND c.reason = 'supplier kept the price' "
                        "AND (c.before -> 'scheduled_price' ->> 'price')::bigint = 2600"_s),
                 1);
        QCOMPARE(counts().history, before.history + 1);
        // Only once.
        SD_CHECK(verifyError(del(u"/products/SP-1/prices"_s, at(latest)), 422, u"invalid"_s,
                             u"valid_from"_s));

        // The feed sends the product again with what is left of its schedule.
        const Answer feed = get(u"/sync/catalog"_s, params({{u"since"_s, since}}));
        SD_CHECK(verifyOk(feed));
        QCOMPARE(valuesOf(feed.items(), u"plu"_s), QStringList {u"SP-1"_s});
        const QJsonArray scheduled =
            feed.items().at(0).toObject().value(u"scheduled_prices"_s).toArray();
        QCOMPARE(scheduled.size(), 1);
        QCOMPARE(scheduled.at(0).toObject().value(u"price"_s).toInteger(), 2400);
    }

    // --- /sync/events --------------------------------------------------------------------

    void syncEventsApplyOnce()
    {
        const QString k1 = newKey(), k2 = newKey(), k3 = newKey();
        QJsonObject product = productCreated(u"SE-1"_s, u"Sync apple"_s, 1234);
        product.insert(u"sold_by_weight"_s, true);
        const QJsonArray events {
            syncEvent(u"product.created"_s, product, k1),
            syncEvent(u"stock.created"_s,
                      {{u"plu"_s, u"SE-1"_s},
                       {u"shop_code"_s, u"S1"_s},
                       {u"quantity_on_shelf"_s, 10},
                       {u"quantity_in_order"_s, 0}},
                      k2),
            syncEvent(u"stock.changed"_s,
                      stockChanged(u"SE-1"_s, u"S1"_s, u"sold"_s, -3, 0, 7, 0,
                                   u"2024-05-01T10:00:00.123Z"_s, u"sale 17"_s),
                      k3)};
        const Answer a = post(u"/sync/events"_s, batch(events), bearer(m_s1));
        SD_CHECK(verifyOk(a));
        QCOMPARE(sortedKeys(a.object()),
                 (QStringList {u"acks"_s, u"applied"_s, u"duplicates"_s, u"rejected"_s}));
        QCOMPARE(a.object().value(u"applied"_s).toInt(), 3);
        QCOMPARE(a.object().value(u"duplicates"_s).toInt(), 0);
        QCOMPARE(a.object().value(u"rejected"_s).toInt(), 0);
        const QJsonArray acks = a.object().value(u"acks"_s).toArray();
        QCOMPARE(valuesOf(acks, u"idempotency_key"_s), (QStringList {k1, k2, k3}));
        QCOMPARE(valuesOf(acks, u"status"_s),
                 (QStringList {u"applied"_s, u"applied"_s, u"applied"_s}));

        QCOMPARE(number(u"SELECT price FROM products WHERE plu = 'SE-1'"_s), 1234);
        QCOMPARE(value(u"SELECT sold_by_weight FROM products WHERE plu = 'SE-1'"_s).toBool(), true);
        QCOMPARE(stockOf(u"SE-1"_s, m_shop1), std::make_pair(7, 0));
        const Answer h =
            get(u"/history"_s, params({{u"plu"_s, u"SE-1"_s}, {u"action"_s, u"sold"_s}}));
        SD_CHECK(verifyOk(h));
        QCOMPARE(h.items().size(), 1);
        const QJsonObject sold = h.items().at(0).toObject();
        QCOMPARE(sold.value(u"at"_s).toString(), u"2024-05-01T10:00:00.123Z"_s);
        QCOMPARE(sold.value(u"shop_id"_s).toInteger(), m_shop1);
        QCOMPARE(sold.value(u"shelf_delta"_s).toInteger(), -3);
        QCOMPARE(sold.value(u"quantity_on_shelf"_s).toInteger(), 7);
        QCOMPARE(sold.value(u"reason"_s).toString(), u"sale 17"_s);
        QCOMPARE(sold.value(u"name"_s).toString(), u"Sync apple"_s);

        // The same batch again: all duplicates, nothing applied twice.
        const qint64 history = number(u"SELECT count(*) FROM history"_s);
        const Counts before = counts();
        const Answer again = post(u"/sync/events"_s, batch(events), bearer(m_s1));
        SD_CHECK(verifyOk(again));
        QCOMPARE(valuesOf(again.object().value(u"acks"_s).toArray(), u"status"_s),
                 (QStringList {u"duplicate"_s, u"duplicate"_s, u"duplicate"_s}));
        QCOMPARE(again.object().value(u"duplicates"_s).toInt(), 3);
        QCOMPARE(again.object().value(u"applied"_s).toInt(), 0);
        SD_CHECK(verifyUnchanged(before));
        // Even if central's stock moved meanwhile, a duplicate does not set it back.
        SD_CHECK(verifyOk(patch(u"/stocks/increase"_s,
                                compact(QJsonObject {{u"plu"_s, u"SE-1"_s},
                                                     {u"shop_id"_s, m_shop1},
                                                     {u"quantity_on_shelf"_s, 1}}))));
        SD_CHECK(verifyOk(post(u"/sync/events"_s, batch({events.at(2)}), bearer(m_s1))));
        QCOMPARE(stockOf(u"SE-1"_s, m_shop1), std::make_pair(8, 0));

        // A new event takes the shop's quantities as the truth; its key twice
        // in one batch is applied once.
        const QString k4 = newKey();
        const QJsonObject fresh = syncEvent(
            u"stock.changed"_s, stockChanged(u"SE-1"_s, u"S1"_s, u"returned"_s, 1, 0, 20, 0), k4);
        const Answer mixed =
            post(u"/sync/events"_s, batch({fresh, events.at(2), fresh}), bearer(m_s1));
        SD_CHECK(verifyOk(mixed));
        QCOMPARE(valuesOf(mixed.object().value(u"acks"_s).toArray(), u"status"_s),
                 (QStringList {u"applied"_s, u"duplicate"_s, u"duplicate"_s}));
        QCOMPARE(mixed.object().value(u"applied"_s).toInt(), 1);
        QCOMPARE(mixed.object().value(u"duplicates"_s).toInt(), 2);
        QCOMPARE(stockOf(u"SE-1"_s, m_shop1), std::make_pair(20, 0));
        QCOMPARE(number(u"SELECT count(*) FROM history"_s), history + 2); // increase + returned
    }

    // A refused event retried later (after newer ones went through) must not
    // put back an old quantity: the shop's history id orders a stock's changes.
    void lateEventDoesNotOverwriteNewerQuantities()
    {
        SD_CHECK(makeProduct(u"SL-1"_s, u"Late lime"_s));
        SD_CHECK(makeStock(u"SL-1"_s, m_shop1, 20, 0));
        auto changed = [](int delta, int after, qint64 historyId) {
            QJsonObject p = stockChanged(u"SL-1"_s, u"S1"_s, u"sold"_s, delta, 0, after, 0);
            p.insert(u"history_id"_s, historyId);
            return syncEvent(u"stock.changed"_s, p);
        };
        const qint64 rows =
            number(u"SELECT count(*) FROM history WHERE plu = 'SL-1' AND shop_id = ?"_s, {m_shop1});
        SD_CHECK(verifyOk(post(u"/sync/events"_s, batch({changed(-5, 12, 900)}), bearer(m_s1))));
        QCOMPARE(stockOf(u"SL-1"_s, m_shop1), std::make_pair(12, 0));
        // The older change (history id 800, after which 17 were left) arrives last.
        const Answer late = post(u"/sync/events"_s, batch({changed(-3, 17, 800)}), bearer(m_s1));
        SD_CHECK(verifyOk(late));
        QCOMPARE(valuesOf(late.object().value(u"acks"_s).toArray(), u"status"_s),
                 QStringList {u"applied"_s});
        QCOMPARE(stockOf(u"SL-1"_s, m_shop1), std::make_pair(12, 0));
        // Its history row is kept all the same.
        QCOMPARE(
            number(u"SELECT count(*) FROM history WHERE plu = 'SL-1' AND shop_id = ?"_s, {m_shop1}),
            rows + 2);
        SD_CHECK(verifyOk(post(u"/sync/events"_s, batch({changed(-2, 10, 901)}), bearer(m_s1))));
        QCOMPARE(stockOf(u"SL-1"_s, m_shop1), std::make_pair(10, 0));
    }

    void syncEventsForeignShop()
    {
        SD_CHECK(makeProduct(u"SF-1"_s, u"Foreign fig"_s));
        SD_CHECK(makeStock(u"SF-1"_s, m_shop1, 10, 0));
        SD_CHECK(makeStock(u"SF-1"_s, m_shop2, 4, 0));
        const qint64 s2History =
            number(u"SELECT count(*) FROM history WHERE plu = 'SF-1' AND shop_id = ?"_s, {m_shop2});
        const QString foreign = newKey();
        const QJsonArray events {
            syncEvent(u"stock.changed"_s, stockChanged(u"SF-1"_s, u"S1"_s, u"sold"_s, -1, 0, 9, 0)),
            syncEvent(u"stock.changed"_s, stockChanged(u"SF-1"_s, u"S2"_s, u"sold"_s, -4, 0, 0, 0),
                      foreign),
            syncEvent(u"product.created"_s, productCreated(u"SF-2"_s, u"Foreign date"_s))};
        const Answer a = post(u"/sync/events"_s, batch(events), bearer(m_s1));
        SD_CHECK(verifyOk(a));
        const QJsonArray acks = a.object().value(u"acks"_s).toArray();
        QCOMPARE(valuesOf(acks, u"status"_s),
                 (QStringList {u"applied"_s, u"rejected"_s, u"applied"_s}));
        const QJsonObject refusal = acks.at(1).toObject().value(u"error"_s).toObject();
        QCOMPARE(refusal.value(u"code"_s).toString(), u"forbidden"_s);
        QVERIFY(!refusal.value(u"message"_s).toString().isEmpty());
        QCOMPARE(acks.at(1).toObject().value(u"idempotency_key"_s).toString(), foreign);
        QCOMPARE(a.object().value(u"applied"_s).toInt(), 2);
        QCOMPARE(a.object().value(u"rejected"_s).toInt(), 1);
        QCOMPARE(stockOf(u"SF-1"_s, m_shop1), std::make_pair(9, 0));
        QCOMPARE(stockOf(u"SF-1"_s, m_shop2), std::make_pair(4, 0));
        QCOMPARE(
            number(u"SELECT count(*) FROM history WHERE plu = 'SF-1' AND shop_id = ?"_s, {m_shop2}),
            s2History);
        QCOMPARE(number(u"SELECT count(*) FROM products WHERE plu = 'SF-2'"_s), 1);

        // A refused event's key is not used up: the head office may send it.
        const Answer head = post(u"/sync/events"_s, batch({events.at(1)}));
        SD_CHECK(verifyOk(head));
        QCOMPARE(valuesOf(head.object().value(u"acks"_s).toArray(), u"status"_s),
                 QStringList {u"applied"_s});
        QCOMPARE(stockOf(u"SF-1"_s, m_shop2), std::make_pair(0, 0));
    }

    void syncEventRejected_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        // What is at fault, for the shop to say why in its own words.
        QTest::addColumn<QString>("field");
        auto row = [](const char *name, const QString &type, const QJsonObject &payload,
                      const QString &code, const QString &field, const QString &key = newKey()) {
            QTest::newRow(name) << batch({syncEvent(type, payload, key)}) << code << field;
        };
        const QString inv = u"invalid"_s, notFound = u"not_found"_s;
        const QJsonObject sold = stockChanged(u"SE-1"_s, u"S1"_s, u"sold"_s, -1, 0, 5, 0);
        auto with = [](QJsonObject o, const QString &name, const QJsonValue &v) {
            if (v.isUndefined())
                o.remove(name);
            else
                o.insert(name, v);
            return o;
        };
        const QString type = u"event_type"_s, key = u"idempotency_key"_s;
        row("unknown event type", u"stock.exploded"_s, sold, inv, type);
        row("event type in capitals", u"STOCK.CHANGED"_s, sold, inv, type);
        row("key not a UUID", u"stock.changed"_s, sold, inv, key, u"not-a-uuid"_s);
        row("empty key", u"stock.changed"_s, sold, inv, key, QString());
        row("unknown shop", u"stock.changed"_s, with(sold, u"shop_code"_s, u"NOPE"_s), notFound,
            u"payload.shop_code"_s);
        row("product central lacks", u"stock.changed"_s, with(sold, u"plu"_s, u"NOPE-1"_s),
            notFound, u"payload.plu"_s);
        row("unknown action", u"stock.changed"_s, with(sold, u"action"_s, u"flying"_s), inv,
            u"payload.action"_s);
        row("product action", u"stock.changed"_s, with(sold, u"action"_s, u"product_created"_s),
            inv, u"payload.action"_s);
        row("negative quantity", u"stock.changed"_s, with(sold, u"quantity_on_shelf"_s, -1), inv,
            u"payload.quantity_on_shelf"_s);
        row("quantity as a string", u"stock.changed"_s, with(sold, u"quantity_in_order"_s, u"0"_s),
            inv, u"payload.quantity_in_order"_s);
        row("fractional delta", u"stock.changed"_s, with(sold, u"shelf_delta"_s, 0.5), inv,
            u"payload.shelf_delta"_s);
        row("no shop code", u"stock.changed"_s, with(sold, u"shop_code"_s, QJsonValue()), inv,
            u"payload.shop_code"_s);
        row("no action", u"stock.changed"_s, with(sold, u"action"_s, QJsonValue()), inv,
            u"payload.action"_s);
        row("stock.created without quantities", u"stock.created"_s,
            {{u"plu"_s, u"SE-1"_s}, {u"shop_code"_s, u"S1"_s}}, inv,
            u"payload.quantity_on_shelf"_s);
        row("product without price", u"product.created"_s,
            {{u"plu"_s, u"SR-1"_s}, {u"name"_s, u"x"_s}}, inv, u"payload.price"_s);
        row("product with a bad PLU", u"product.created"_s, productCreated(u"SR 1"_s, u"x"_s), inv,
            u"payload.plu"_s);
        row("product with a bad barcode", u"product.created"_s,
            with(productCreated(u"SR-1"_s, u"x"_s), u"barcode"_s, u"4006381333932"_s), inv,
            u"payload.barcode"_s);
        row("product with a negative price", u"product.created"_s,
            productCreated(u"SR-1"_s, u"x"_s, -5), inv, u"payload.price"_s);
    }
    void syncEventRejected()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, field);
        const Counts before = counts();
        const Answer a = post(u"/sync/events"_s, body);
        SD_CHECK(verifyOk(a));
        QCOMPARE(a.object().value(u"rejected"_s).toInt(), 1);
        QCOMPARE(a.object().value(u"applied"_s).toInt(), 0);
        const QJsonObject ack = a.object().value(u"acks"_s).toArray().at(0).toObject();
        QCOMPARE(ack.value(u"status"_s).toString(), u"rejected"_s);
        QCOMPARE(ack.value(u"error"_s).toObject().value(u"code"_s).toString(), code);
        QCOMPARE(ack.value(u"error"_s).toObject().value(u"field"_s).toString(), field);
        QVERIFY(!ack.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
        SD_CHECK(verifyUnchanged(before));
    }

    void syncEnvelopeMalformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        // Each batch starts with a valid event that must not be applied.
        int n = 0;
        auto row = [&](const char *name, const QJsonValue &second, const QString &field) {
            const QJsonObject valid = syncEvent(
                u"product.created"_s, productCreated(u"ENV-%1"_s.arg(++n), u"Envelope"_s));
            QTest::newRow(name) << batch({valid, second}) << 422 << field;
        };
        const QJsonObject good =
            syncEvent(u"stock.changed"_s, stockChanged(u"SE-1"_s, u"S1"_s, u"sold"_s, -1, 0, 1, 0));
        auto without = [&](const QString &name) {
            QJsonObject o = good;
            o.remove(name);
            return o;
        };
        auto with = [&](const QString &name, const QJsonValue &v) {
            QJsonObject o = good;
            o.insert(name, v);
            return o;
        };
        row("no idempotency_key", without(u"idempotency_key"_s), u"events[1].idempotency_key"_s);
        row("null idempotency_key", with(u"idempotency_key"_s, QJsonValue()),
            u"events[1].idempotency_key"_s);
        row("idempotency_key a number", with(u"idempotency_key"_s, 5),
            u"events[1].idempotency_key"_s);
        row("idempotency_key of 65", with(u"idempotency_key"_s, QString(65, u'a')),
            u"events[1].idempotency_key"_s);
        row("no event_type", without(u"event_type"_s), u"events[1].event_type"_s);
        row("event_type an object", with(u"event_type"_s, QJsonObject()),
            u"events[1].event_type"_s);
        row("no payload", without(u"payload"_s), u"events[1].payload"_s);
        row("payload a string", with(u"payload"_s, u"{}"_s), u"events[1].payload"_s);
        row("payload an array", with(u"payload"_s, QJsonArray {QJsonObject()}),
            u"events[1].payload"_s);
        row("payload null", with(u"payload"_s, QJsonValue()), u"events[1].payload"_s);
        row("created_at a number", with(u"created_at"_s, 1700000000), u"events[1].created_at"_s);
        row("unknown envelope field", with(u"shop_code"_s, u"S1"_s), u"events[1].shop_code"_s);
        row("event a number", 7, u"events[1]"_s);
        row("event an array", QJsonArray {good}, u"events[1]"_s);
        row("event null", QJsonValue(), u"events[1]"_s);

        const QJsonObject valid =
            syncEvent(u"product.created"_s, productCreated(u"ENV-%1"_s.arg(++n), u"Envelope"_s));
        QTest::newRow("events an object")
            << compact(QJsonObject {{u"events"_s, valid}}) << 422 << u"events"_s;
        QTest::newRow("events a string")
            << compact(QJsonObject {{u"events"_s, u"[]"_s}}) << 422 << u"events"_s;
        QTest::newRow("no events") << "{}"_ba << 422 << u"events"_s;
        QTest::newRow("unknown top-level field")
            << compact(QJsonObject {{u"events"_s, QJsonArray {valid}}, {u"shop"_s, u"S1"_s}}) << 422
            << u"shop"_s;
        QJsonArray many;
        for (int i = 0; i < 1001; ++i)
            many.append(syncEvent(u"product.created"_s,
                                  productCreated(u"ENV-B%1"_s.arg(i), u"Envelope"_s)));
        QTest::newRow("1001 events") << batch(many) << 422 << u"events"_s;
        QTest::newRow("malformed JSON") << batch({valid}).chopped(2) << 400 << QString();
        QTest::newRow("an array") << compact(QJsonValue(QJsonArray {valid})) << 400 << QString();
    }
    void syncEnvelopeMalformed()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const Counts before = counts();
        const Answer a = post(u"/sync/events"_s, body, bearer(m_s1));
        SD_CHECK(verifyError(a, status, status == 422 ? u"invalid"_s : QString(), field));
        SD_CHECK(verifyUnchanged(before));
        QCOMPARE(number(u"SELECT count(*) FROM products WHERE plu LIKE 'ENV-%'"_s), 0);
    }

    void syncBatchOfAThousand()
    {
        QJsonArray events;
        for (int i = 0; i < 1000; ++i)
            events.append(syncEvent(u"product.created"_s,
                                    productCreated(u"BT-%1"_s.arg(i), u"Batch %1"_s.arg(i), i)));
        const Answer a = post(u"/sync/events"_s, batch(events), bearer(m_s2));
        SD_CHECK(verifyOk(a));
        QCOMPARE(a.object().value(u"applied"_s).toInt(), 1000);
        QCOMPARE(a.object().value(u"acks"_s).toArray().size(), 1000);
        QCOMPARE(number(u"SELECT count(*) FROM products WHERE plu LIKE 'BT-%'"_s), 1000);
        QCOMPARE(number(u"SELECT price FROM products WHERE plu = 'BT-999'"_s), 999);
    }

    // --- /sync/catalog ------------------------------------------------------------------

    void syncCatalogWalksEveryProductOnce()
    {
        QStringList expected;
        QSqlQuery q(m_tdb->db());
        QVERIFY(q.exec(u"SELECT plu FROM products ORDER BY plu"_s));
        while (q.next())
            expected << q.value(0).toString();
        QVERIFY(expected.size() > 20);
        // About ten pages, whatever the tests before made.
        const int limit = int(expected.size() / 10) + 1;

        QVERIFY(QSqlQuery(m_tdb->db())
                    .exec(u"INSERT INTO promo_codes (code, kind, value) "
                          "VALUES ('WALK5', 'percent', 5)"_s));
        QStringList walked, codes;
        QString since, lastUpdated;
        int pages = 0;
        for (bool more = true; more; ++pages) {
            QVERIFY2(pages < 1000, "has_more never ends");
            QList<std::pair<QString, QString>> query {{u"limit"_s, QString::number(limit)}};
            if (!since.isEmpty())
                query.append({u"since"_s, since});
            const Answer a = get(u"/sync/catalog"_s, params(query));
            SD_CHECK(verifyOk(a));
            // The promo codes come with the last page only.
            QStringList keys {u"categories"_s, u"has_more"_s, u"items"_s, u"next_cursor"_s,
                              u"vat_rates"_s};
            if (!a.object().value(u"has_more"_s).toBool())
                keys.insert(4, u"promo_codes"_s);
            QCOMPARE(sortedKeys(a.object()), keys);
            for (const QJsonValue &code : a.object().value(u"promo_codes"_s).toArray()) {
                codes << code.toObject().value(u"code"_s).toString();
                QCOMPARE(sortedKeys(code.toObject()),
                         (QStringList {u"active"_s, u"automatic"_s, u"category_ids"_s, u"code"_s,
                                       u"kind"_s, u"max_uses"_s, u"max_uses_per_customer"_s,
                                       u"min_total"_s, u"plus"_s, u"valid_from"_s, u"valid_until"_s,
                                       u"value"_s}));
            }
            // And central's whole category tree.
            QStringList tree;
            for (const QJsonValue &c : a.object().value(u"categories"_s).toArray()) {
                QCOMPARE(sortedKeys(c.toObject()),
                         (QStringList {u"id"_s, u"name"_s, u"parent_id"_s}));
                tree << u"%1 %2 %3"_s.arg(c.toObject().value(u"id"_s).toInteger())
                            .arg(c.toObject().value(u"parent_id"_s).toInteger())
                            .arg(c.toObject().value(u"name"_s).toString());
            }
            QCOMPARE(tree.join(u", "_s), categoryState());
            // Every page carries the VAT rates its products name.
            QCOMPARE(valuesOf(a.object().value(u"vat_rates"_s).toArray(), u"code"_s),
                     (QStringList {u"vat20"_s, u"vat10"_s, u"vat0"_s, u"novat"_s}));
            QVERIFY2(a.object().value(u"has_more"_s).isBool(), qPrintable(a.describe()));
            more = a.object().value(u"has_more"_s).toBool();
            QVERIFY2(a.items().size() == limit || !more, qPrintable(a.describe()));
            for (const QJsonValue &v : a.items()) {
                const QJsonObject item = v.toObject();
                QCOMPARE(sortedKeys(item), kCatalogKeys);
                walked << item.value(u"plu"_s).toString();
                // Its category by central's id, or null.
                const QVariant category =
                    value(u"SELECT category_id FROM products WHERE plu = ?"_s, {walked.last()});
                QCOMPARE(item.value(u"category_id"_s).isNull(), category.isNull());
                QCOMPARE(item.value(u"category_id"_s).toInteger(), category.toLongLong());
                // In change order.
                const QString updated = item.value(u"updated_at"_s).toString();
                QVERIFY2(QDateTime::fromString(updated, Qt::ISODateWithMs).isValid(),
                         qPrintable(updated));
                QVERIFY2(updated >= lastUpdated, qPrintable(updated + u" < "_s + lastUpdated));
                lastUpdated = updated;
            }
            QVERIFY2(a.object().value(u"next_cursor"_s).isString(), qPrintable(a.describe()));
            since = a.object().value(u"next_cursor"_s).toString();
        }
        QCOMPARE(walked.size(), expected.size());
        walked.sort();
        QCOMPARE(walked, expected);
        QVERIFY2(codes.contains(u"WALK5"_s), qPrintable(codes.join(u", "_s)));

        // Nothing new since the end; then only the new product.
        const Answer none = get(u"/sync/catalog"_s, params({{u"since"_s, since}}));
        SD_CHECK(verifyOk(none));
        QVERIFY(none.items().isEmpty());
        QCOMPARE(none.object().value(u"has_more"_s), QJsonValue(false));
        SD_CHECK(makeProduct(u"CAT-NEW"_s, u"Catalog newcomer"_s, 777));
        const Answer fresh = get(u"/sync/catalog"_s, params({{u"since"_s, since}}));
        SD_CHECK(verifyOk(fresh));
        QCOMPARE(valuesOf(fresh.items(), u"plu"_s), QStringList {u"CAT-NEW"_s});
        const QJsonObject item = fresh.items().at(0).toObject();
        QCOMPARE(item.value(u"name"_s).toString(), u"Catalog newcomer"_s);
        QCOMPARE(item.value(u"price"_s).toInteger(), 777);
        QVERIFY(item.value(u"barcode"_s).isNull());
        QCOMPARE(item.value(u"sold_by_weight"_s), QJsonValue(false));
        QCOMPARE(fresh.object().value(u"has_more"_s), QJsonValue(false));
    }

    // --- limits -------------------------------------------------------------------------

    void bodyTooLargeIs413()
    {
        const Counts before = counts();
        const QByteArray huge =
            "{\"plu\":\"BIG-1\",\"name\":\"" + QByteArray(9 * 1024 * 1024, 'x') + "\"}";
        for (const auto &[verb, path] :
             QList<std::pair<QByteArray, QString>> {{"POST"_ba, u"/products"_s},
                                                    {"POST"_ba, u"/sync/events"_s},
                                                    {"PATCH"_ba, u"/stocks/increase"_s}})
            SD_CHECK(verifyError(call({verb, path, {}, huge}), 413, u"too_large"_s));
        SD_CHECK(verifyUnchanged(before));
        SD_CHECK(verifyOk(get(u"/health"_s, {}, QByteArray())));
    }

    // --- fuzz -----------------------------------------------------------------------------

    void fuzzRequestBodies()
    {
        // What the valid bodies name.
        SD_CHECK(makeProduct(u"FZ-BASE"_s, u"Fuzz base"_s));
        SD_CHECK(makeStock(u"FZ-BASE"_s, m_shop1, 1000000, 1000));
        SD_CHECK(makeStock(u"FZ-BASE"_s, m_shop2, 1000000, 1000));

        const qint64 productsBefore = number(u"SELECT count(*) FROM products"_s);
        Fuzzer fuzz(20240611);
        const QSet<int> allowed {200, 201, 400, 404, 409, 413, 422};
        int serial = 0;
        auto productBody = [&] {
            return QJsonObject {{u"plu"_s, u"FZ-%1"_s.arg(++serial)},
                                {u"name"_s, u"Fuzz %1"_s.arg(serial)},
                                {u"price"_s, 100},
                                {u"barcode"_s, u"4006381333931"_s},
                                {u"sold_by_weight"_s, false}};
        };
        auto stockBody = [&] {
            return QJsonObject {{u"plu"_s, fuzz.bounded(2) ? u"FZ-BASE"_s : u"CP-1"_s},
                                {u"shop_id"_s, m_shop1},
                                {u"quantity_on_shelf"_s, 5},
                                {u"quantity_in_order"_s, 0}};
        };
        auto changeBody = [&] {
            return QJsonObject {{u"plu"_s, u"FZ-BASE"_s},
                                {u"shop_id"_s, fuzz.bounded(2) ? m_shop1 : m_shop2},
                                {u"quantity_on_shelf"_s, 1},
                                {u"quantity_in_order"_s, 1},
                                {u"reason"_s, u"fuzz"_s}};
        };
        auto eventsBody = [&] {
            ++serial;
            return QJsonObject {
                {u"events"_s,
                 QJsonArray {
                     QJsonObject {
                         {u"idempotency_key"_s, fuzz.key()},
                         {u"event_type"_s, u"product.created"_s},
                         {u"payload"_s,
                          productCreated(u"FZE-%1"_s.arg(serial), u"Fuzz event %1"_s.arg(serial))}},
                     QJsonObject {{u"idempotency_key"_s, fuzz.key()},
                                  {u"event_type"_s, u"stock.changed"_s},
                                  {u"payload"_s,
                                   stockChanged(u"FZ-BASE"_s, u"S1"_s, u"sold"_s, -1, 0, 500, 0,
                                                u"2024-03-10T20:30:00Z"_s, u"fuzz"_s)},
                                  {u"created_at"_s, u"2024-03-10T20:30:00Z"_s}},
                     QJsonObject {{u"idempotency_key"_s, fuzz.key()},
                                  {u"event_type"_s, u"stock.created"_s},
                                  {u"payload"_s,
                                   QJsonObject {{u"plu"_s, u"FZ-BASE"_s},
                                                {u"shop_code"_s, u"S2"_s},
                                                {u"quantity_on_shelf"_s, 1},
                                                {u"quantity_in_order"_s, 0}}}}}}};
        };
        struct Endpoint
        {
            QByteArray verb;
            QString path;
            std::function<QJsonObject()> valid;
            int random; // generated bodies besides the systematic ones
        };
        const QList<Endpoint> endpoints {
            {"POST"_ba, u"/products"_s, productBody, 1500},
            {"POST"_ba, u"/stocks"_s, stockBody, 1000},
            {"PATCH"_ba, u"/stocks/increase"_s, changeBody, 1000},
            {"PATCH"_ba, u"/stocks/decrease"_s, changeBody, 1000},
            {"PATCH"_ba, u"/users/resetProblems"_s, [] { return QJsonObject(); }, 600},
            {"POST"_ba, u"/sync/events"_s, eventsBody, 1500},
            {"POST"_ba, u"/categories"_s,
             [&] {
                 return QJsonObject {{u"name"_s, u"Fuzz category %1"_s.arg(++serial)},
                                     {u"parent_id"_s, QJsonValue()}};
             },
             600},
        };

        QMap<QString, QStringList> bad; // "PATH -> status": examples
        int sent = 0;
        QElapsedTimer timer;
        timer.start();
        for (const Endpoint &endpoint : endpoints) {
            QList<Request> corpus;
            auto add = [&](const QByteArray &body) {
                corpus.append({endpoint.verb, endpoint.path, {}, body});
            };
            // Every field of a valid body, retyped to every odd value.
            const QJsonObject template_ = endpoint.valid();
            for (const QString &name : template_.keys()) {
                for (const QJsonValue &v : Fuzzer::weirdValues()) {
                    QJsonObject body = endpoint.valid();
                    body.insert(name, v);
                    add(compact(body));
                }
            }
            // Every field of each event's payload (one event a batch).
            if (endpoint.path == u"/sync/events"_s) {
                for (const QJsonValue &e : template_.value(u"events"_s).toArray()) {
                    const QJsonObject payload = e.toObject().value(u"payload"_s).toObject();
                    for (const QString &name : payload.keys()) {
                        for (const QJsonValue &v : Fuzzer::weirdValues()) {
                            QJsonObject changed = payload;
                            changed.insert(name, v);
                            QJsonObject one = e.toObject();
                            one.insert(u"payload"_s, changed);
                            one.insert(u"idempotency_key"_s, fuzz.key());
                            add(batch({one}));
                        }
                    }
                }
            }
            for (const QByteArray &special : Fuzzer::specials())
                add(special);
            for (int i = 0; i < endpoint.random; ++i)
                add(fuzz.body(endpoint.valid()));

            for (qsizetype from = 0; from < corpus.size(); from += 64) {
                const QList<Request> chunk = corpus.mid(from, 64);
                const QList<Answer> answers = callAll(chunk);
                sent += int(chunk.size());
                for (qsizetype i = 0; i < chunk.size(); ++i) {
                    const Answer &a = answers.at(i);
                    const bool shaped = a.json.isObject() &&
                        (a.status >= 400 ? a.object().value(u"error"_s).isObject() : true);
                    if (allowed.contains(a.status) && shaped)
                        continue;
                    QStringList &examples =
                        bad[u"%1 %2 -> %3%4"_s
                                .arg(QString::fromLatin1(endpoint.verb), endpoint.path)
                                .arg(a.status)
                                .arg((shaped ? QString() : u" (not a JSON error object)"_s) +
                                     (chunk.at(i).body.contains("\\u0000") ||
                                              chunk.at(i).body.contains('\0')
                                          ? u" (a string holds a NUL)"_s
                                          : QString()))];
                    if (examples.size() < 3)
                        examples << u"%1\n        answer: %2 %3"_s.arg(
                            printable(chunk.at(i).body, 500), a.networkError,
                            printable(a.body, 160));
                    else
                        examples.last().append(u"+"_s);
                }
                QVERIFY2(m_central->isRunning(),
                         qPrintable(u"shopdesk-central died during %1 %2 bodies %3..%4"_s
                                        .arg(QString::fromLatin1(endpoint.verb), endpoint.path)
                                        .arg(from)
                                        .arg(from + chunk.size())));
            }
        }
        qInfo("%d fuzzed bodies in %lld ms", sent, qint64(timer.elapsed()));
        QVERIFY(sent > 3000);

        // Still up, still answering, the tables all there.
        QVERIFY(m_central->isRunning());
        SD_CHECK(verifyOk(get(u"/health"_s, {}, QByteArray())));
        SD_CHECK(verifyOk(get(u"/products"_s, "plu=CP-1")));
        QVERIFY(number(u"SELECT count(*) FROM products"_s) > productsBefore);
        QCOMPARE(number(u"SELECT count(*) FROM stocks WHERE shelf_qty < 0 OR order_qty < 0"_s), 0);

        SD_CHECK(verifyNoneOutside(bad, u"200/201/400/404/409/413/422"_s));
    }

    void fuzzQueryParameters()
    {
        Fuzzer fuzz(977);
        const QString nul = u"a"_s + QChar(u'\0');
        const QStringList values {QString(),
                                  u"0"_s,
                                  u"1"_s,
                                  u"2"_s,
                                  u"-1"_s,
                                  u"abc"_s,
                                  u"1.5"_s,
                                  u"1e3"_s,
                                  u"99999999999999999999"_s,
                                  u"9223372036854775807"_s,
                                  u"-9223372036854775808"_s,
                                  u" 5"_s,
                                  u"+5"_s,
                                  u"0x10"_s,
                                  u"%"_s,
                                  u"_"_s,
                                  u"\\"_s,
                                  u"'; DROP TABLE products; --"_s,
                                  u"' OR '1'='1"_s,
                                  nul,
                                  u"\u0401\u0436\u0438\u043a \U0001F35E"_s,
                                  QString(300, u'q'),
                                  u"2024-03-11"_s,
                                  u"2024-02-30"_s,
                                  u"9999-12-31"_s,
                                  u"0001-01-01"_s,
                                  u"2024-1-1"_s,
                                  u"sold"_s,
                                  u"sold,reserved"_s,
                                  u","_s,
                                  u"sold,,flying"_s,
                                  u"product_created"_s,
                                  u"aWQ6MQ"_s,
                                  base64Url("id:-1"),
                                  base64Url("id:9223372036854775807"),
                                  base64Url("9223372036854775807.1"),
                                  base64Url("-9223372036854775807.1"),
                                  base64Url("1.1"),
                                  base64Url("0.0"),
                                  base64Url("1700000000000000.5"),
                                  u"FZ-BASE"_s,
                                  u"CP-1"_s,
                                  u"S1"_s,
                                  u"999"_s};
        struct Endpoint
        {
            QString path;
            QStringList known;
        };
        const QList<Endpoint> endpoints {
            {u"/products"_s, {u"name"_s, u"plu"_s, u"limit"_s, u"cursor"_s}},
            {u"/stocks"_s,
             {u"plu"_s, u"shop_id"_s, u"quantity_on_shelf_min"_s, u"quantity_on_shelf_max"_s,
              u"quantity_in_order_min"_s, u"quantity_in_order_max"_s, u"name"_s, u"limit"_s,
              u"cursor"_s}},
            {u"/history"_s,
             {u"shop_id"_s, u"plu"_s, u"date_min"_s, u"date_max"_s, u"action"_s, u"limit"_s,
              u"cursor"_s, u"page"_s}},
            {u"/sync/catalog"_s, {u"since"_s, u"limit"_s}},
        };
        const QByteArrayList raw {"a",         "=",       "&&",    "=x",
                                  "%zz",       "%",       "name",  "name=%FF%FE",
                                  "limit=%00", "x=1&x=2", "%00=1", "cursor=%C0%AF"};
        const QSet<int> allowed {200, 400, 404, 422};
        QMap<QString, QStringList> bad;
        int sent = 0;
        for (const Endpoint &endpoint : endpoints) {
            QList<Request> corpus;
            for (const QByteArray &r : raw)
                corpus.append({"GET"_ba, endpoint.path, r, {}});
            for (const QString &name : endpoint.known)
                for (const QString &v : values)
                    corpus.append({"GET"_ba, endpoint.path, params({{name, v}}), {}});
            for (int i = 0; i < 150; ++i) {
                QList<std::pair<QString, QString>> query;
                for (int n = fuzz.bounded(5); n > 0; --n) {
                    const QString name = fuzz.bounded(12) == 0
                        ? u"unknown"_s
                        : endpoint.known.at(fuzz.bounded(int(endpoint.known.size())));
                    query.append({name, values.at(fuzz.bounded(int(values.size())))});
                }
                corpus.append({"GET"_ba, endpoint.path, params(query), {}});
            }
            for (qsizetype from = 0; from < corpus.size(); from += 64) {
                const QList<Request> chunk = corpus.mid(from, 64);
                const QList<Answer> answers = callAll(chunk);
                sent += int(chunk.size());
                for (qsizetype i = 0; i < chunk.size(); ++i) {
                    const Answer &a = answers.at(i);
                    if (allowed.contains(a.status) && a.json.isObject())
                        continue;
                    QStringList &examples = bad[u"GET %1 -> %2"_s.arg(endpoint.path).arg(a.status)];
                    if (examples.size() < 4)
                        examples << u"?%1 -> %2"_s.arg(printable(chunk.at(i).query, 120),
                                                       printable(a.body, 120));
                }
                QVERIFY2(m_central->isRunning(),
                         qPrintable(u"shopdesk-central died during GET %1"_s.arg(endpoint.path)));
            }
        }
        qInfo("%d fuzzed queries", sent);
        SD_CHECK(verifyOk(get(u"/health"_s, {}, QByteArray())));
        SD_CHECK(verifyNoneOutside(bad, u"200/400/404/422"_s));
    }

    // Last: stops the server.
    void stopsCleanly()
    {
        QVERIFY(m_central->isRunning());
        QVERIFY2(m_central->stop(), qPrintable(m_central->errorText()));
    }
};

QTEST_GUILESS_MAIN(TestCentralApi)
#include "tst_centralapi.moc"
