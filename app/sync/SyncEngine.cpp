#include "SyncEngine.h"

#include "CentralClient.h"
#include "models/core/DatabaseTask.h"
#include "models/core/TaskRunner.h"
#include "models/sync/CatalogStore.h"
#include "models/sync/OutboxStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSync, "shopdesk.sync")

namespace shopdesk {

namespace {
// Sync yields after this many batches so one run cannot go on forever while
// the shop keeps writing; the next timer tick carries on.
constexpr int kMaxBatchesPerRun = 200;

struct Batch
{
    QList<qint64> ids;
    QJsonArray events;
};

QString describe(const CentralReply &reply)
{
    if (!reply.reachedServer())
        return SyncEngine::tr("central is unreachable: %1").arg(reply.errorMessage);
    return SyncEngine::tr("central answered %1: %2")
        .arg(reply.status)
        .arg(reply.errorMessage.isEmpty() ? reply.errorCode : reply.errorMessage);
}
} // namespace

SyncEngine::SyncEngine(CentralClient *client, QObject *parent)
    : SyncMonitor(parent), m_client(client)
{
    qRegisterMetaType<SyncStatus>();
    m_timer.setInterval(30000);
    connect(&m_timer, &QTimer::timeout, this, &SyncEngine::syncNow);
    m_status.configured = true;
}

void SyncEngine::setInterval(int milliseconds)
{
    m_timer.setInterval(qMax(1000, milliseconds));
}

void SyncEngine::setBatchSize(int events)
{
    m_batchSize = qBound(1, events, 1000);
}

void SyncEngine::setCatalogPageSize(int products)
{
    m_catalogPage = qBound(1, products, CatalogStore::kMaxPage);
}

void SyncEngine::setShopCode(const QString &code)
{
    m_shopCode = code;
}

void SyncEngine::start()
{
    m_timer.start();
    syncNow();
}

void SyncEngine::stop()
{
    m_timer.stop();
}

void SyncEngine::syncNow()
{
    if (m_status.running) {
        m_again = true;
        return;
    }
    m_status.running = true;
    m_batchesThisRun = 0;
    emitStatus();
    introduce();
}

void SyncEngine::introduce()
{
    runThenCallback(
        this,
        [centralId = m_client->tokenFingerprint(), shopCode = m_shopCode] {
            return onThreadDatabase([&](const QSqlDatabase &db) {
                return OutboxStore(db).introduceTo(centralId, shopCode);
            });
        },
        [this](const Result<OutboxStore::Introduction> &introduced) {
            if (!introduced)
                return finish(tr("The shop's products and stock could not be queued for "
                                 "central: %1")
                                  .arg(introduced.error().message));
            if (introduced.value().queued)
                qCInfo(lcSync).noquote()
                    << "introducing the shop to central:" << introduced.value().products
                    << "products," << introduced.value().stocks << "stocks queued";
            pushNextBatch();
        });
}

void SyncEngine::refreshCounts()
{
    runThenCallback(
        this,
        [] {
            return onThreadDatabase(
                [](const QSqlDatabase &db) { return OutboxStore(db).counts(); });
        },
        [this](const Result<OutboxCounts> &counts) {
            if (!counts)
                return;
            m_status.unsent = counts.value().unsent;
            m_status.rejected = counts.value().rejected;
            emitStatus();
        });
}

void SyncEngine::pushNextBatch()
{
    if (++m_batchesThisRun > kMaxBatchesPerRun) {
        pullNextPage(); // the rest at the next timer tick
        return;
    }
    const int limit = m_batchSize;
    runThenCallback(
        this,
        [limit] {
            return onThreadDatabase([limit](const QSqlDatabase &db) -> Result<Batch> {
                auto events = OutboxStore(db).nextBatch(limit);
                if (!events)
                    return events.error();
                Batch batch;
                for (const OutboxEvent &e : events.value()) {
                    batch.ids.append(e.id);
                    batch.events.append(QJsonObject {{u"idempotency_key"_s, e.idempotencyKey},
                                                     {u"event_type"_s, e.type},
                                                     {u"payload"_s, e.payload},
                                                     {u"created_at"_s, e.createdAtIso}});
                }
                return batch;
            });
        },
        [this](const Result<Batch> &batch) {
            if (!batch)
                return finish(tr("The outbox cannot be read: %1").arg(batch.error().message));
            if (batch.value().ids.isEmpty())
                return pullNextPage();
            const QList<qint64> ids = batch.value().ids;
            // Resending a batch is safe (central applies each key once), so
            // the client may retry it as often as it needs to.
            m_client->send("POST", u"/sync/events"_s, {},
                           QJsonDocument(QJsonObject {{u"events"_s, batch.value().events}}), this,
                           [this, ids](const CentralReply &reply) { onPushed(ids, reply); });
        });
}

void SyncEngine::onPushed(const QList<qint64> &ids, const CentralReply &reply)
{
    setOnline(reply.reachedServer() && reply.status < 500);
    if (!reply.ok()) {
        return failPush(ids, describe(reply));
    }
    const QJsonArray acks = reply.body.object().value(u"acks"_s).toArray();
    // An answer that does not acknowledge this batch (a proxy's page, another
    // server) must not count as delivery, or the same batch would go round
    // and round.
    if (acks.size() != ids.size() || !acks.first().toObject().contains(u"idempotency_key"_s)) {
        return failPush(ids,
                        tr("central's answer does not acknowledge the %Ln event(s) sent", nullptr,
                           int(ids.size())));
    }
    runThenCallback(
        this,
        [acks] {
            return onThreadDatabase([&](const QSqlDatabase &db) -> Result<void> {
                OutboxStore outbox(db);
                QStringList done;
                for (const QJsonValue &value : acks) {
                    const QJsonObject ack = value.toObject();
                    const QString key = ack.value(u"idempotency_key"_s).toString();
                    const QString status = ack.value(u"status"_s).toString();
                    if (status == u"applied"_s || status == u"duplicate"_s) {
                        done.append(key);
                    } else if (status == u"rejected"_s) {
                        const QJsonObject error = ack.value(u"error"_s).toObject();
                        auto marked = outbox.markRejected(key, error.value(u"code"_s).toString(),
                                                          error.value(u"field"_s).toString(),
                                                          error.value(u"message"_s).toString());
                        if (!marked)
                            return marked.error();
                    }
                }
                auto products = outbox.markSent(done);
                if (!products)
                    return products.error();
                // Stock events refused before central had these products
                // go in the next batches of this run.
                auto cured = outbox.requeueCured(products.value());
                if (!cured)
                    return cured.error();
                return {};
            });
        },
        [this](const Result<void> &marked) {
            if (!marked)
                return finish(
                    tr("Could not record central's answer: %1").arg(marked.error().message));
            pushNextBatch();
        });
}

void SyncEngine::failPush(const QList<qint64> &ids, const QString &error)
{
    // The events stay queued, with the attempt and why it failed counted.
    runThenCallback(
        this,
        [ids, error] {
            return onThreadDatabase(
                [&](const QSqlDatabase &db) { return OutboxStore(db).recordFailure(ids, error); });
        },
        [this, error](const Result<void> &) { finish(error); });
}

void SyncEngine::pullNextPage()
{
    ++m_pull;
    m_fetched.reset();
    m_fetchError.reset();
    m_applying = false;
    runThenCallback(
        this,
        [] {
            return onThreadDatabase(
                [](const QSqlDatabase &db) { return CatalogStore(db).cursor(); });
        },
        [this](const Result<std::optional<HistoryCursor>> &cursor) {
            if (!cursor)
                return finish(
                    tr("The catalog cursor cannot be read: %1").arg(cursor.error().message));
            fetchPage(cursor.value());
        });
}

void SyncEngine::fetchPage(const std::optional<HistoryCursor> &since)
{
    QUrlQuery query;
    if (since)
        query.addQueryItem(u"since"_s, since->toToken());
    query.addQueryItem(u"limit"_s, QString::number(m_catalogPage));
    m_client->send("GET", u"/sync/catalog"_s, query, {}, this,
                   [this, pull = m_pull](const CentralReply &reply) {
                       if (pull != m_pull)
                           return; // that pull has stopped
                       setOnline(reply.reachedServer() && reply.status < 500);
                       if (!reply.ok()) {
                           if (m_applying)
                               m_fetchError = describe(reply); // said once the page is in
                           else
                               finish(describe(reply));
                           return;
                       }
                       m_fetched = CatalogPage::fromJson(reply.body.object());
                       if (!m_applying)
                           applyFetched();
                   });
}

void SyncEngine::applyFetched()
{
    const CatalogPage page = *m_fetched;
    m_fetched.reset();
    m_applying = true;
    if (page.hasMore)
        fetchPage(page.next);
    runThenCallback(
        this,
        [page] {
            return onThreadDatabase([&](const QSqlDatabase &db) -> Result<qint64> {
                auto applied = CatalogStore(db).applyPage(page);
                if (!applied)
                    return applied.error();
                // Central has these products now: what it
                // refused for lack of them can go again.
                QStringList plus;
                for (const QJsonValue &item : page.items)
                    plus << item.toObject().value(u"plu"_s).toString();
                return OutboxStore(db).requeueCured(plus);
            });
        },
        [this, more = page.hasMore](const Result<qint64> &cured) {
            m_applying = false;
            if (!cured) {
                ++m_pull; // the page fetched meanwhile waits for the next sync
                return finish(
                    tr("A catalog page could not be applied: %1").arg(cured.error().message));
            }
            if (cured.value() > 0)
                m_again = true; // push them at once
            if (!more)
                return finish({});
            if (m_fetchError) {
                ++m_pull;
                return finish(*m_fetchError);
            }
            if (m_fetched)
                applyFetched();
            // else the next page is still on its way: its reply applies it.
        });
}

void SyncEngine::finish(const QString &error)
{
    if (!error.isEmpty())
        qCWarning(lcSync).noquote() << "sync stopped:" << error;
    m_status.lastError = error;
    if (error.isEmpty())
        m_status.lastSync = QDateTime::currentDateTime();
    runThenCallback(
        this,
        [] {
            return onThreadDatabase(
                [](const QSqlDatabase &db) { return OutboxStore(db).counts(); });
        },
        [this, ok = error.isEmpty()](const Result<OutboxCounts> &counts) {
            if (counts) {
                m_status.unsent = counts.value().unsent;
                m_status.rejected = counts.value().rejected;
            }
            m_status.running = false;
            emitStatus();
            emit finished(ok);
            if (m_again) {
                m_again = false;
                syncNow();
            }
        });
}

void SyncEngine::setOnline(bool online)
{
    if (m_status.online == online)
        return;
    m_status.online = online;
    emitStatus();
}

void SyncEngine::emitStatus()
{
    emit statusChanged(m_status);
}

} // namespace shopdesk
