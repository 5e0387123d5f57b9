// Sync end to end: shops with their own databases, the real shopdesk-central
// process, and the faults of a real network (central down, killed mid-batch,
// an acknowledgement lost, 429) through a local proxy.

#include "CentralProcess.h"
#include "FaultProxy.h"
#include "TestDatabase.h"
#include "app/sync/CentralClient.h"
#include "app/sync/SyncEngine.h"
#include "models/catalog/CatalogService.h"
#include "models/catalog/CategoryStore.h"
#include "models/catalog/Ean13.h"
#include "models/catalog/PriceStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/orders/PromoCodeStore.h"
#include "models/promotions/PromoStore.h"
#include "models/stock/StockStore.h"
#include "models/sync/CatalogStore.h"
#include "models/sync/OutboxStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

// A shop's own database and the people working in it.
struct ShopSite
{
    std::unique_ptr<test::TestDatabase> tdb;
    QString code;
    qint64 shopId = 0;
    Actor keeper;
    Actor manager;
};

QStringList rows(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return {u"SQL failed: "_s + sql};
    QStringList out;
    while (q.next()) {
        QStringList fields;
        for (int i = 0; i < q.record().count(); ++i)
            fields << q.value(i).toString();
        out << fields.join(u'|');
    }
    return out;
}

// A shop's stock and history as central must mirror them: by shop code, so
// the shops' and central's ids may differ.
QStringList stockOf(const QSqlDatabase &db, const QString &shopCode)
{
    return rows(db,
                u"SELECT s.plu, s.shelf_qty, s.order_qty FROM stocks s "
                "JOIN shops sh ON sh.id = s.shop_id WHERE sh.code = ? ORDER BY s.plu"_s,
                {shopCode});
}

QStringList historyOf(const QSqlDatabase &db, const QString &shopCode)
{
    return rows(db,
                u"SELECT (extract(epoch FROM h.at) * 1000000)::bigint, h.plu, h.action, "
                "h.shelf_delta, h.order_delta, h.shelf_after, h.order_after, h.reason "
                "FROM history h JOIN shops sh ON sh.id = h.shop_id WHERE sh.code = ? "
                "ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"_s,
                {shopCode});
}

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_central;
    std::unique_ptr<test::CentralProcess> m_server;
    std::unique_ptr<test::FaultProxy> m_proxy;
    QHash<QString, QByteArray> m_tokens;

    ShopSite makeShop(const QString &code)
    {
        ShopSite site;
        site.code = code;
        site.tdb = std::make_unique<test::TestDatabase>(u"shop_"_s + code.toLower());
        if (!site.tdb->isReady() || !site.tdb->migrate())
            return site;
        site.shopId = site.tdb->addShop(code, u"Shop "_s + code);
        site.keeper =
            site.tdb->addStaff(code.toLower() + u".keeper"_s, Role::StockKeeper, site.shopId);
        site.manager =
            site.tdb->addStaff(code.toLower() + u".manager"_s, Role::Manager, site.shopId);
        if (!m_tokens.contains(code)) {
            QString error;
            m_tokens.insert(code, m_server->issueToken(code, &error));
        }
        return site;
    }

    // Products, stock and sales in the shop: every change queues outbox events.
    static bool work(ShopSite &site, const QString &prefix, int products, int salesEach)
    {
        ProductStore products_(site.tdb->db());
        StockStore stock(site.tdb->db());
        for (int i = 0; i < products; ++i) {
            const QString plu = u"%1-%2"_s.arg(prefix).arg(i);
            if (!products_.create(site.keeper,
                                  {plu, u"Product %1"_s.arg(plu), 1000 + i, {}, false}))
                return false;
            if (!stock.create(site.keeper, plu, site.shopId, 100, 0))
                return false;
            for (int s = 0; s < salesEach; ++s) {
                StockAdjustment sale {site.shopId, plu, StockQuantity::Shelf, 1 + s % 3,
                                      u"sale %1"_s.arg(s)};
                if (!stock.decrease(site.keeper, sale))
                    return false;
            }
        }
        return true;
    }

    std::unique_ptr<CentralClient> clientFor(const ShopSite &site)
    {
        auto client = std::make_unique<CentralClient>(m_proxy->url());
        client->setToken(m_tokens.value(site.code));
        client->setBackoff(50, 300);
        client->setMaxAttempts(3);
        client->setTimeout(5000);
        client->setRateLimit(50);
        return client;
    }

    // A request with a head-office token: the HTTP status (0: no answer) and the body.
    std::pair<int, QJsonObject> atHeadOffice(const QByteArray &verb, const QString &path,
                                             const QJsonObject &body = {},
                                             const QUrlQuery &query = {})
    {
        QString error;
        const QByteArray office = m_server->issueToken(u"head-office"_s, &error);
        if (office.isEmpty()) {
            qWarning().noquote() << "no head-office token:" << error;
            return {0, {}};
        }
        CentralClient officeClient(m_server->baseUrl());
        officeClient.setToken(office);
        int status = 0;
        QJsonObject answer;
        officeClient.send(verb, path, query, verb == "GET" ? QJsonDocument() : QJsonDocument(body),
                          this, [&](const CentralReply &reply) {
                              answer = reply.body.object();
                              status = reply.status;
                          });
        // 0 when central never answered; the caller's comparison says so.
        if (!QTest::qWaitFor([&] { return status != 0; }, 15000))
            return {0, {}};
        return {status, answer};
    }

    // POST /products with a head-office token; the HTTP status (0: no answer).
    int createAtHeadOffice(const QJsonObject &product)
    {
        return atHeadOffice("POST", u"/products"_s, product).first;
    }

    // Runs one sync of `site` to its end; whether it went well.
    static bool syncOnce(const ShopSite &site, SyncEngine &engine)
    {
        Database::setDefaultConfig(site.tdb->config());
        QSignalSpy finished(&engine, &SyncEngine::finished);
        engine.syncNow();
        if (!finished.wait(120000))
            return false;
        return finished.first().at(0).toBool();
    }

    // A run the engine started by itself (more to push after a pull) ends
    // before the test looks or goes on.
    static bool settle(SyncEngine &engine)
    {
        if (!engine.status().running)
            return true;
        QSignalSpy finished(&engine, &SyncEngine::finished);
        return finished.wait(120000);
    }

    void verifyMirrored(const ShopSite &site)
    {
        QCOMPARE(stockOf(m_central->db(), site.code), stockOf(site.tdb->db(), site.code));
        QCOMPARE(historyOf(m_central->db(), site.code), historyOf(site.tdb->db(), site.code));
        QCOMPARE(count(site.tdb->db(), u"SELECT count(*) FROM outbox WHERE sent_at IS NULL"_s), 0);
    }

private slots:
    void initTestCase()
    {
        m_central = std::make_unique<test::TestDatabase>(u"central_sync"_s);
        QVERIFY2(m_central->isReady(), qPrintable(m_central->errorText()));
        m_server = std::make_unique<test::CentralProcess>(
            QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk-central"), m_central->config().toUrl());
        QVERIFY2(m_server->start(), qPrintable(m_server->errorText()));
        m_proxy = std::make_unique<test::FaultProxy>(m_server->port());
        QVERIFY(m_proxy->isListening());
    }

    void cleanupTestCase()
    {
        m_proxy.reset();
        m_server.reset();
        m_central.reset();
    }

    void init()
    {
        if (!m_server->isRunning())
            QVERIFY2(m_server->start(m_server->port()), qPrintable(m_server->errorText()));
        m_proxy->clearFaults();
        m_proxy->setDown(false);
        m_proxy->clearSeen();
    }

    void offlineWorkIsDeliveredWhenCentralIsBack()
    {
        ShopSite shop = makeShop(u"OFFLINE"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        auto client = clientFor(shop);
        SyncEngine engine(client.get());

        QVERIFY(m_server->stop());
        QVERIFY(work(shop, u"OFF"_s, 3, 4));
        const qint64 queued =
            count(shop.tdb->db(), u"SELECT count(*) FROM outbox WHERE sent_at IS NULL"_s);
        QCOMPARE(queued, 3 * (1 + 1 + 4)); // product, stock and 4 sales each

        // Central down: the sync fails, the shop keeps everything queued.
        QVERIFY(!syncOnce(shop, engine));
        QCOMPARE(engine.status().online, false);
        QCOMPARE(engine.status().unsent, queued);
        QVERIFY(!engine.status().lastError.isEmpty());
        // The batch tried (the products, which go first) counts the attempt.
        QVERIFY(count(shop.tdb->db(),
                      u"SELECT min(attempts) FROM outbox WHERE event_type = 'product.created'"_s) >=
                1);

        // The till goes on selling meanwhile.
        StockAdjustment sale {shop.shopId, u"OFF-0"_s, StockQuantity::Shelf, 5, u"offline"_s};
        QVERIFY(StockStore(shop.tdb->db()).decrease(shop.keeper, sale));

        QVERIFY2(m_server->start(m_server->port()), qPrintable(m_server->errorText()));
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(engine.status().online, true);
        QCOMPARE(engine.status().unsent, 0);
        QVERIFY(engine.status().lastError.isEmpty());
        QVERIFY(engine.status().lastSync.isValid());
        verifyMirrored(shop);
        // 100, minus the sales of 1, 2, 3 and 1 before, minus 5 while offline.
        QCOMPARE(stockOf(m_central->db(), u"OFFLINE"_s).first(), u"OFF-0|88|0"_s);
    }

    void centralKilledMidBatchLosesAndDoublesNothing()
    {
        ShopSite shop = makeShop(u"KILLED"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        QVERIFY(work(shop, u"KILL"_s, 40, 40)); // 40 × 42 = 1,680 events
        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        engine.setBatchSize(50);

        Database::setDefaultConfig(shop.tdb->config());
        QSignalSpy finished(&engine, &SyncEngine::finished);
        engine.syncNow();
        // Kill central while it works through the third push.
        int pushes = 0;
        connect(m_proxy.get(), &test::FaultProxy::requestSeen, this, [&] {
            if (++pushes == 3)
                QTimer::singleShot(5, this, [this] { m_server->kill(); });
        });
        QVERIFY(finished.wait(60000));
        disconnect(m_proxy.get(), &test::FaultProxy::requestSeen, this, nullptr);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(engine.status().unsent > 0);

        QVERIFY2(m_server->start(m_server->port()), qPrintable(m_server->errorText()));
        QVERIFY(syncOnce(shop, engine));
        verifyMirrored(shop);
        // Each event was applied once: central has exactly one key per event.
        QCOMPARE(count(m_central->db(),
                       u"SELECT count(*) FROM applied_events a JOIN shops s ON s.id = a.shop_id "
                       "WHERE s.code = 'KILLED' AND a.event_type <> 'product.created'"_s),
                 count(shop.tdb->db(),
                       u"SELECT count(*) FROM outbox WHERE event_type <> 'product.created'"_s));
    }

    void lostAcknowledgementAppliesOnce()
    {
        ShopSite shop = makeShop(u"ACKLOST"_s);
        QVERIFY(work(shop, u"ACK"_s, 2, 3));
        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        // Central applies the first push, but its answer never arrives: the
        // client sends the same batch again.
        m_proxy->cutAfterForwardNext(1);
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(m_proxy->faultsLeft(), 0);
        int pushes = 0;
        for (const auto &seen : m_proxy->seen())
            pushes += seen.path.startsWith("/sync/events") ? 1 : 0;
        QVERIFY2(pushes >= 2, "the cut batch is sent again");
        verifyMirrored(shop);
    }

    void tooManyRequestsMakesTheShopWait()
    {
        ShopSite shop = makeShop(u"RATED"_s);
        QVERIFY(work(shop, u"RATE"_s, 1, 1));
        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        m_proxy->answerNext(1, 429, {{"Retry-After", "2"}},
                            R"({"error":{"code":"rate_limited","message":"slow down"}})");
        QVERIFY(syncOnce(shop, engine));
        const auto seen = m_proxy->seen();
        QVERIFY(seen.size() >= 2);
        QVERIFY2(seen.at(1).atMs - seen.at(0).atMs >= 1900,
                 qPrintable(u"waited only %1 ms"_s.arg(seen.at(1).atMs - seen.at(0).atMs)));
        verifyMirrored(shop);
    }

    void twoShopsOfflineThenReconnect()
    {
        ShopSite north = makeShop(u"NORTH"_s);
        ShopSite south = makeShop(u"SOUTH"_s);
        QVERIFY(m_server->stop());
        QVERIFY(work(north, u"NORTH"_s, 5, 3));
        QVERIFY(work(south, u"SOUTH"_s, 4, 5));
        auto northClient = clientFor(north);
        auto southClient = clientFor(south);
        SyncEngine northSync(northClient.get());
        SyncEngine southSync(southClient.get());
        QVERIFY(!syncOnce(north, northSync));
        QVERIFY(!syncOnce(south, southSync));

        QVERIFY2(m_server->start(m_server->port()), qPrintable(m_server->errorText()));
        QVERIFY(syncOnce(north, northSync));
        QVERIFY(syncOnce(south, southSync));
        verifyMirrored(north);
        verifyMirrored(south);
        // The catalog the other shop created comes back with the next pull.
        QVERIFY(syncOnce(north, northSync));
        QCOMPARE(
            count(north.tdb->db(), u"SELECT count(*) FROM products WHERE plu LIKE 'SOUTH-%'"_s), 4);
    }

    void catalogFromCentralReachesTheShop()
    {
        QCOMPARE(
            createAtHeadOffice(
                {{u"plu"_s, u"HQ-1"_s}, {u"name"_s, u"Head office tea"_s}, {u"price"_s, 4500}}),
            201);

        ShopSite shop = makeShop(u"CATALOG"_s);
        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(rows(shop.tdb->db(), u"SELECT name, price FROM products WHERE plu = 'HQ-1'"_s),
                 QStringList {u"Head office tea|4500"_s});
        QCOMPARE(
            rows(shop.tdb->db(), u"SELECT action FROM history WHERE plu = 'HQ-1' ORDER BY id"_s),
            QStringList {u"product_created"_s});
        // Nothing pulled from central goes back to it.
        QCOMPARE(count(shop.tdb->db(), u"SELECT count(*) FROM outbox"_s), 0);
        // The cursor is kept: the next sync takes nothing again.
        m_proxy->clearSeen();
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(rows(shop.tdb->db(), u"SELECT count(*) FROM history WHERE plu = 'HQ-1'"_s),
                 QStringList {u"1"_s});
    }

    // The head office changes a price now and schedules another (REST), and
    // archives a product: after their next sync, every shop's till charges
    // the new price now and the scheduled one from its moment.
    void headOfficePricesReachEveryShop()
    {
        QCOMPARE(
            createAtHeadOffice(
                {{u"plu"_s, u"HQ-P"_s}, {u"name"_s, u"Head office coffee"_s}, {u"price"_s, 5000}}),
            201);
        QCOMPARE(createAtHeadOffice(
                     {{u"plu"_s, u"HQ-A"_s}, {u"name"_s, u"Old biscuits"_s}, {u"price"_s, 900}}),
                 201);
        ShopSite north = makeShop(u"PRICESN"_s);
        ShopSite south = makeShop(u"PRICESS"_s);
        QVERIFY2(north.tdb->isReady() && south.tdb->isReady(), "the shops' databases");
        auto northClient = clientFor(north);
        auto southClient = clientFor(south);
        SyncEngine northSync(northClient.get());
        SyncEngine southSync(southClient.get());
        QVERIFY(syncOnce(north, northSync));
        QVERIFY(syncOnce(south, southSync));
        QCOMPARE(ProductStore(north.tdb->db()).byPlu(u"HQ-P"_s).value()->price, 5000);

        const auto patched = atHeadOffice("PATCH", u"/products/HQ-P"_s,
                                          {{u"price"_s, 5500}, {u"reason"_s, u"new supplier"_s}});
        QVERIFY2(patched.first == 200, qPrintable(QJsonDocument(patched.second).toJson()));
        QDateTime from = QDateTime::currentDateTimeUtc().addSecs(3600);
        from.setTime(QTime(from.time().hour(), from.time().minute(), from.time().second(), 250));
        const auto scheduled =
            atHeadOffice("POST", u"/products/HQ-P/prices"_s,
                         {{u"price"_s, 6000}, {u"valid_from"_s, from.toString(Qt::ISODateWithMs)}});
        QVERIFY2(scheduled.first == 201, qPrintable(QJsonDocument(scheduled.second).toJson()));
        QCOMPARE(atHeadOffice("PATCH", u"/products/HQ-A"_s, {{u"active"_s, false}}).first, 200);
        // A VAT rate only central has, given to a product there.
        QVERIFY(Sql::run(m_central->db(),
                         u"INSERT INTO vat_rates (code, label, rate_bp, sort_order) "
                         "VALUES ('vat5', '5 %', 500, 5)"_s)
                    .ok());
        QCOMPARE(atHeadOffice("PATCH", u"/products/HQ-P"_s, {{u"vat_code"_s, u"vat5"_s}}).first,
                 200);

        for (ShopSite *shop : {&north, &south}) {
            SyncEngine &engine = shop == &north ? northSync : southSync;
            QVERIFY(syncOnce(*shop, engine));
            // What the till reads (TillCatalog goes through ProductStore).
            const auto now = ProductStore(shop->tdb->db()).byPlu(u"HQ-P"_s);
            QVERIFY(now && now.value());
            QCOMPARE(now.value()->price, 5500);
            PriceStore prices(shop->tdb->db());
            QCOMPARE(prices.priceAt(u"HQ-P"_s, from.addMSecs(-1)).value(), 5500);
            QCOMPARE(prices.priceAt(u"HQ-P"_s, from).value(), 6000);
            QCOMPARE(prices.priceAt(u"HQ-P"_s, from.addDays(30)).value(), 6000);
            QCOMPARE(ProductStore(shop->tdb->db()).byPlu(u"HQ-A"_s).value()->active, false);
            // The rate came with the page, then the product's choice of it.
            QCOMPARE(now.value()->vatCode, u"vat5"_s);
            QCOMPARE(rows(shop->tdb->db(),
                          u"SELECT label || ' ' || rate_bp FROM vat_rates WHERE code = 'vat5'"_s),
                     QStringList {u"5 % 500"_s});
            // Its price list says so too.
            const auto list = prices.list(u"HQ-P"_s);
            QVERIFY(list);
            QVERIFY(!list.value().isEmpty());
            QCOMPARE(list.value().first().price, 6000);
            QVERIFY(list.value().first().scheduled);
            QCOMPARE(list.value().first().validFrom.toUTC(), from);
            // The shelf tags to print: the new price now, the scheduled one ahead.
            QCOMPARE(rows(shop->tdb->db(),
                          u"SELECT l.reason, coalesce(l.price::text, '-'), "
                          "coalesce((l.valid_from = ?)::text, '-') "
                          "FROM label_queue l JOIN products p ON p.id = l.product_id "
                          "WHERE p.plu = 'HQ-P' AND l.printed_at IS NULL ORDER BY l.reason"_s,
                          {from}),
                     (QStringList {u"price_changed|-|-"_s, u"price_scheduled|6000|true"_s}));
        }
        // One more sync brings nothing new.
        const QString before =
            rows(north.tdb->db(), u"SELECT count(*) FROM product_prices"_s).join(u',') +
            rows(north.tdb->db(), u"SELECT count(*) FROM history"_s).join(u',');
        QVERIFY(syncOnce(north, northSync));
        QCOMPARE(rows(north.tdb->db(), u"SELECT count(*) FROM product_prices"_s).join(u',') +
                     rows(north.tdb->db(), u"SELECT count(*) FROM history"_s).join(u','),
                 before);

        // The head office takes the scheduled price back: after its next
        // sync the shop charges the patched price from that moment too, and
        // its "from" tag is no longer waiting to be printed.
        const auto cancelled =
            atHeadOffice("DELETE", u"/products/HQ-P/prices"_s, {},
                         QUrlQuery {{u"valid_from"_s, from.toString(Qt::ISODateWithMs)},
                                    {u"reason"_s, u"promotion called off"_s}});
        QVERIFY2(cancelled.first == 200, qPrintable(QJsonDocument(cancelled.second).toJson()));
        QVERIFY(syncOnce(north, northSync));
        PriceStore northPrices(north.tdb->db());
        QCOMPARE(northPrices.priceAt(u"HQ-P"_s, from).value(), 5500);
        QCOMPARE(northPrices.priceAt(u"HQ-P"_s, from.addDays(30)).value(), 5500);
        QVERIFY(!northPrices.list(u"HQ-P"_s).value().first().scheduled);
        QCOMPARE(rows(north.tdb->db(),
                      u"SELECT l.reason FROM label_queue l JOIN products p ON p.id = l.product_id "
                      "WHERE p.plu = ? AND l.printed_at IS NULL ORDER BY l.reason"_s,
                      {u"HQ-P"_s}),
                 QStringList {u"price_changed"_s});
        // The south shop has not synced yet: it still has the plan.
        QCOMPARE(PriceStore(south.tdb->db()).priceAt(u"HQ-P"_s, from).value(), 6000);
    }

    // A page applied twice (an answer lost after the shop applied it) changes
    // nothing the second time; a page from an older central, without the
    // archive flag and the schedule, still applies and leaves them alone.
    // A product's second barcodes at central reach the shops: a scan of
    // either finds it there; a barcode central takes away goes, one it gives
    // to another product moves; the page applied again changes nothing.
    // Head-office mode: a head-office member in the desktop, connected to
    // central's database, changes a price and schedules another through the
    // services a shop's manager uses; both shops' tills charge them after
    // their next sync.
    void headOfficeModeEditsReachEveryShop()
    {
        QCOMPARE(createAtHeadOffice(
                     {{u"plu"_s, u"HQ-M"_s}, {u"name"_s, u"Office tea"_s}, {u"price"_s, 2000}}),
                 201);
        ShopSite north = makeShop(u"MODEN"_s);
        ShopSite south = makeShop(u"MODES"_s);
        QVERIFY2(north.tdb->isReady() && south.tdb->isReady(), "the shops' databases");
        auto northClient = clientFor(north);
        auto southClient = clientFor(south);
        SyncEngine northSync(northClient.get());
        SyncEngine southSync(southClient.get());
        QVERIFY(syncOnce(north, northSync));
        QVERIFY(syncOnce(south, southSync));
        QCOMPARE(ProductStore(south.tdb->db()).byPlu(u"HQ-M"_s).value()->price, 2000);

        const Actor office = m_central->addStaff(u"office.mode"_s, Role::HeadOffice, 0);
        QVERIFY2(office.staffId > 0, qPrintable(m_central->errorText()));
        Database::setDefaultConfig(m_central->config());
        const auto product = ProductStore(m_central->db()).byPlu(u"HQ-M"_s).value().value();
        ProductEdit edit;
        edit.plu = product.plu;
        edit.name = product.name;
        edit.price = 2400;
        edit.barcode = product.barcode;
        edit.soldByWeight = product.soldByWeight;
        edit.active = product.active;
        edit.reason = u"new season"_s;
        auto updated = CatalogService(office).update(edit);
        updated.waitForFinished();
        QVERIFY2(updated.result().ok(),
                 qPrintable(updated.result() ? QString() : updated.result().error().message));
        QDateTime from = QDateTime::currentDateTimeUtc().addSecs(7200);
        from.setTime(QTime(from.time().hour(), from.time().minute()));
        auto scheduled =
            CatalogService(office).schedulePrice({u"HQ-M"_s, 2600, from, u"autumn list"_s});
        scheduled.waitForFinished();
        QVERIFY2(scheduled.result().ok(),
                 qPrintable(scheduled.result() ? QString() : scheduled.result().error().message));

        for (ShopSite *shop : {&north, &south}) {
            QVERIFY(syncOnce(*shop, shop == &north ? northSync : southSync));
            QCOMPARE(ProductStore(shop->tdb->db()).byPlu(u"HQ-M"_s).value()->price, 2400);
            PriceStore prices(shop->tdb->db());
            QCOMPARE(prices.priceAt(u"HQ-M"_s, from.addSecs(-1)).value(), 2400);
            QCOMPARE(prices.priceAt(u"HQ-M"_s, from).value(), 2600);
        }
    }

    void barcodeListsReachTheShops()
    {
        const QString main = Ean13::complete(u"460100000001");
        const QString second = Ean13::complete(u"460100000002");
        const QString third = Ean13::complete(u"460100000003");
        QCOMPARE(createAtHeadOffice({{u"plu"_s, u"HQ-B"_s},
                                     {u"name"_s, u"Water, two codes"_s},
                                     {u"barcode"_s, main},
                                     {u"price"_s, 4500}}),
                 201);
        QCOMPARE(createAtHeadOffice(
                     {{u"plu"_s, u"HQ-C"_s}, {u"name"_s, u"Water, still"_s}, {u"price"_s, 4600}}),
                 201);
        Actor office;
        office.role = Role::Admin;
        ProductStore central(m_central->db());
        QVERIFY(central.addBarcode(office, u"HQ-B"_s, second));
        QVERIFY(central.addBarcode(office, u"HQ-B"_s, third));

        ShopSite shop = makeShop(u"CODES"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        QVERIFY(syncOnce(shop, engine));
        ProductStore local(shop.tdb->db());
        for (const QString &code : {main, second, third}) {
            const auto found = local.byBarcode(code);
            QVERIFY(found && found.value());
            QCOMPARE(found.value()->plu, u"HQ-B"_s);
        }
        QCOMPARE(local.byPlu(u"HQ-B"_s).value()->barcodes, (QStringList {main, second, third}));

        // Central moves one code to another product and drops another.
        QVERIFY(central.removeBarcode(office, u"HQ-B"_s, third));
        QVERIFY(central.removeBarcode(office, u"HQ-B"_s, second));
        QVERIFY(central.addBarcode(office, u"HQ-C"_s, second));
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(local.byPlu(u"HQ-B"_s).value()->barcodes, QStringList {main});
        QCOMPARE(local.byPlu(u"HQ-C"_s).value()->barcodes, QStringList {second});
        QCOMPARE(local.byBarcode(third).value(), std::nullopt);
        QCOMPARE(local.byBarcode(second).value()->plu, u"HQ-C"_s);

        // Nothing new: nothing written.
        const QStringList before = rows(shop.tdb->db(), u"SELECT count(*) FROM history"_s) +
            rows(shop.tdb->db(),
                 u"SELECT string_agg(barcode || ' ' || product_id, ',' ORDER BY barcode) "
                 "FROM product_barcodes"_s);
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(rows(shop.tdb->db(), u"SELECT count(*) FROM history"_s) +
                     rows(shop.tdb->db(),
                          u"SELECT string_agg(barcode || ' ' || product_id, ',' ORDER BY "
                          "barcode) FROM product_barcodes"_s),
                 before);
    }

    // A shop's first pull of a large catalog builds the name search index
    // once, with the last page; a shop that has products keeps its index.
    void aFirstPullBuildsTheNameIndexOnce()
    {
        ShopSite shop = makeShop(u"FIRST"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        const auto indexed = [&] {
            return rows(shop.tdb->db(),
                        u"SELECT to_regclass('products_name_trgm') IS NOT NULL"_s) ==
                QStringList {u"true"_s};
        };
        const auto pageOf = [](int from, int count, bool more) {
            CatalogPage page;
            for (int i = from; i < from + count; ++i)
                page.items.append(QJsonObject {{u"plu"_s, u"FP-%1"_s.arg(i)},
                                               {u"name"_s, u"Чай зелёный %1"_s.arg(i)},
                                               {u"price"_s, 1000 + i}});
            page.next = HistoryCursor {1000000 + from, from + count};
            page.hasMore = more;
            return page;
        };
        QVERIFY(indexed());
        CatalogStore catalog(shop.tdb->db());
        const int bulk = CatalogStore::kBulkPage;
        QVERIFY(catalog.applyPage(pageOf(0, bulk, true)));
        QVERIFY(!indexed()); // built at the end, not entry by entry
        QVERIFY(catalog.applyPage(pageOf(bulk, bulk, true)));
        QVERIFY(!indexed());
        QVERIFY(catalog.applyPage(pageOf(2 * bulk, 3, false)));
        QVERIFY(indexed());
        const auto found = ProductStore(shop.tdb->db()).findByName(u"зелёный 100"_s, 50);
        QVERIFY(found);
        QVERIFY(!found.value().isEmpty());
        QCOMPARE(found.value().first().name.left(15), u"Чай зелёный 100"_s);

        // A large page into a shop that has products: the index stays.
        QVERIFY(catalog.applyPage(pageOf(3 * bulk, bulk, true)));
        QVERIFY(indexed());
        QCOMPARE(rows(shop.tdb->db(), u"SELECT count(*) FROM products"_s),
                 QStringList {QString::number(3 * bulk + 3)});
    }

    void catalogPageAppliedTwiceChangesNothing()
    {
        // A price scheduled at central for the page to carry.
        const QDateTime from = QDateTime::currentDateTimeUtc().addDays(2);
        const auto scheduled =
            atHeadOffice("POST", u"/products/HQ-P/prices"_s,
                         {{u"price"_s, 6100}, {u"valid_from"_s, from.toString(Qt::ISODateWithMs)}});
        QVERIFY2(scheduled.first == 201, qPrintable(QJsonDocument(scheduled.second).toJson()));
        const auto page =
            atHeadOffice("GET", u"/sync/catalog"_s, {}, QUrlQuery {{u"limit"_s, u"5000"_s}});
        QCOMPARE(page.first, 200);
        const QJsonArray items = page.second.value(u"items"_s).toArray();
        QVERIFY(!items.isEmpty());
        const auto next = HistoryCursor::fromToken(page.second.value(u"next_cursor"_s).toString());
        QVERIFY(next);

        ShopSite shop = makeShop(u"TWICE"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        const QString state =
            u"SELECT p.plu, p.name, p.price, coalesce(p.barcode, '-'), p.sold_by_weight, "
            "p.active, p.updated_at, p.price_from, (SELECT string_agg(pp.price || '@' || "
            "pp.valid_from || ' ' || pp.reason, ', ' ORDER BY pp.valid_from) FROM product_prices "
            "pp WHERE pp.product_id = p.id), (SELECT count(*) FROM history h "
            "WHERE h.product_id = p.id), (SELECT string_agg(l.reason || ' ' || l.revision, "
            "', ' ORDER BY l.id) FROM label_queue l WHERE l.product_id = p.id), p.vat_code, "
            "(SELECT string_agg(code || ' ' || label || ' ' || coalesce(rate_bp, -1) || ' ' || "
            "active, ', ' ORDER BY code) FROM vat_rates) "
            "FROM products p ORDER BY p.plu"_s;
        CatalogStore catalog(shop.tdb->db());
        const CatalogPage whole = CatalogPage::fromJson(page.second);
        const auto first = catalog.applyPage(whole);
        QVERIFY(first);
        QCOMPARE(first.value().created, items.size());
        QVERIFY(first.value().scheduled >= 1); // HQ-P's
        const QStringList once = rows(shop.tdb->db(), state);
        QCOMPARE(once.size(), items.size());

        const auto second = catalog.applyPage(whole);
        QVERIFY(second);
        QCOMPARE(second.value().created, 0);
        QCOMPARE(second.value().changed, 0);
        QCOMPARE(second.value().scheduled, 0);
        QCOMPARE(rows(shop.tdb->db(), state), once);

        // The same products as an older central sends them.
        QJsonArray old;
        for (const QJsonValue &item : items) {
            QJsonObject o = item.toObject();
            o.remove(u"active"_s);
            o.remove(u"scheduled_prices"_s);
            o.remove(u"vat_code"_s);
            old.append(o);
        }
        const auto older = catalog.applyPage(old, next);
        QVERIFY(older);
        QCOMPARE(older.value().changed, 0);
        QCOMPARE(rows(shop.tdb->db(), state), once);
        QCOMPARE(ProductStore(shop.tdb->db()).byPlu(u"HQ-A"_s).value()->active, false);
        QCOMPARE(ProductStore(shop.tdb->db()).byPlu(u"HQ-P"_s).value()->vatCode, u"vat5"_s);
    }

    // The head office builds a category tree and puts products in it over
    // REST; a shop's sync brings the same tree (by path, with the shop's own
    // ids) and the products in the same categories. A category the shop
    // already had in the same place is taken over, not doubled; its own stay.
    // Central turns a subtree upside down and renames and deletes one: the
    // next sync moves and renames them here (no loop on the way), and leaves
    // the deleted one. A page applied again writes nothing.
    void categoriesReachTheShops()
    {
        const auto category = [&](const QString &name, qint64 parent) -> qint64 {
            QJsonObject body {{u"name"_s, name}};
            if (parent)
                body.insert(u"parent_id"_s, parent);
            const auto made = atHeadOffice("POST", u"/categories"_s, body);
            if (made.first != 201)
                qWarning().noquote() << QJsonDocument(made.second).toJson();
            return made.first == 201 ? made.second.value(u"id"_s).toInteger() : 0;
        };
        const qint64 food = category(u"Продукты"_s, 0);
        const qint64 dairy = category(u"Молочные продукты"_s, food);
        const qint64 milk = category(u"Молоко"_s, dairy);
        const qint64 drinks = category(u"Напитки"_s, 0);
        const qint64 empty = category(u"Пусто"_s, 0);
        QVERIFY(food && dairy && milk && drinks && empty);
        QCOMPARE(createAtHeadOffice({{u"plu"_s, u"HQ-K1"_s},
                                     {u"name"_s, u"Молоко 3,2 %"_s},
                                     {u"price"_s, 8900},
                                     {u"category_id"_s, milk}}),
                 201);
        QCOMPARE(createAtHeadOffice({{u"plu"_s, u"HQ-K2"_s},
                                     {u"name"_s, u"Сок яблочный"_s},
                                     {u"price"_s, 12900},
                                     {u"category_id"_s, drinks}}),
                 201);
        QCOMPARE(createAtHeadOffice(
                     {{u"plu"_s, u"HQ-K3"_s}, {u"name"_s, u"Без категории"_s}, {u"price"_s, 100}}),
                 201);

        // The shop had drinks of its own (with a product in them), and a
        // category central does not know.
        ShopSite shop = makeShop(u"CATS"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        CategoryStore localTree(shop.tdb->db());
        const auto ownDrinks = localTree.create(shop.manager, 0, u"напитки"_s);
        const auto own = localTree.create(shop.manager, 0, u"Своё"_s);
        QVERIFY(ownDrinks && own);
        NewProduct kvass {u"LOC-K"_s, u"Квас"_s, 9000, {}, false};
        kvass.categoryId = ownDrinks.value().id;
        QVERIFY(ProductStore(shop.tdb->db()).create(shop.manager, kvass));

        // Central's tree and its products' categories, by path.
        const QString centralTree =
            u"SELECT string_agg(category_path(id), ', ' ORDER BY category_path(id)) "
            "FROM categories"_s;
        const QString shopTree =
            u"SELECT string_agg(category_path(id), ', ' ORDER BY category_path(id)) "
            "FROM categories WHERE central_id IS NOT NULL"_s;
        const QString placed = u"SELECT plu, coalesce(category_path(category_id), '-') "
                               "FROM products WHERE plu LIKE 'HQ-K%' ORDER BY plu"_s;
        const auto sameAsCentral = [&] {
            QCOMPARE(rows(shop.tdb->db(), shopTree), rows(m_central->db(), centralTree));
            QCOMPARE(rows(shop.tdb->db(), placed), rows(m_central->db(), placed));
        };

        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(rows(shop.tdb->db(), shopTree),
                 QStringList {u"Напитки, Продукты, Продукты / Молочные продукты, "
                              "Продукты / Молочные продукты / Молоко, Пусто"_s});
        sameAsCentral();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rows(shop.tdb->db(), placed),
                 (QStringList {u"HQ-K1|Продукты / Молочные продукты / Молоко"_s, u"HQ-K2|Напитки"_s,
                               u"HQ-K3|-"_s}));
        // The shop's drinks became central's (its id, central's spelling),
        // with central's juice in them. (The shop's kvass went to central
        // as a new product, without its category, and central's version
        // came back: central owns the catalog.) Its own category stayed its
        // own.
        QCOMPARE(rows(shop.tdb->db(),
                      u"SELECT c.id = ?, c.name, c.central_id = ?, "
                      "(SELECT count(*) FROM products p WHERE p.category_id = c.id) "
                      "FROM categories c WHERE lower(c.name) = 'напитки'"_s,
                      {ownDrinks.value().id, drinks}),
                 QStringList {u"true|Напитки|true|1"_s});
        QCOMPARE(rows(m_central->db(), u"SELECT count(*) FROM products WHERE plu = 'LOC-K'"_s),
                 QStringList {u"1"_s});
        QCOMPARE(rows(shop.tdb->db(),
                      u"SELECT name, coalesce(central_id::text, '-') FROM categories "
                      "WHERE central_id IS NULL"_s),
                 QStringList {u"Своё|-"_s});
        QCOMPARE(
            rows(shop.tdb->db(), u"SELECT action FROM history WHERE plu = 'HQ-K1' ORDER BY id"_s),
            QStringList {u"product_created"_s});

        // The page again: nothing written.
        const QString state =
            u"SELECT (SELECT string_agg(id || ' ' || coalesce(parent_id, 0) || ' ' || name || ' ' "
            "|| coalesce(central_id, 0) || ' ' || updated_at, ', ' ORDER BY id) FROM categories), "
            "(SELECT string_agg(plu || ' ' || coalesce(category_id, 0) || ' ' || updated_at, ', ' "
            "ORDER BY plu) FROM products), (SELECT count(*) FROM history), "
            "(SELECT count(*) FROM product_changes)"_s;
        const auto page =
            atHeadOffice("GET", u"/sync/catalog"_s, {}, QUrlQuery {{u"limit"_s, u"5000"_s}});
        QCOMPARE(page.first, 200);
        const CatalogPage whole = CatalogPage::fromJson(page.second);
        QVERIFY(!whole.categories.isEmpty());
        const QStringList before = rows(shop.tdb->db(), state);
        const auto again = CatalogStore(shop.tdb->db()).applyPage(whole);
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(again.value().categoryChanges, 0);
        QCOMPARE(again.value().changed, 0);
        QCOMPARE(again.value().created, 0);
        QCOMPARE(rows(shop.tdb->db(), state), before);
        // As an older central sends it (no categories, no category_id):
        // the shop's stay as they are.
        CatalogPage older = whole;
        older.categories = {};
        QJsonArray items;
        for (const QJsonValue &item : std::as_const(whole.items)) {
            QJsonObject o = item.toObject();
            o.remove(u"category_id"_s);
            items.append(o);
        }
        older.items = items;
        QVERIFY(CatalogStore(shop.tdb->db()).applyPage(older));
        QCOMPARE(rows(shop.tdb->db(), state), before);

        // Central turns Продукты > Молочные > Молоко upside down (Молочные >
        // Молоко > Продукты), renames Напитки, moves the juice, takes the
        // milk out of every category and deletes an empty category.
        const auto edit = [&](const QByteArray &verb, const QString &path, const QJsonObject &body,
                              const QUrlQuery &query = {}) {
            const auto answer = atHeadOffice(verb, path, body, query);
            if (answer.first != 200)
                qWarning().noquote() << path << QJsonDocument(answer.second).toJson();
            return answer.first;
        };
        const QJsonValue top;
        QCOMPARE(edit("PATCH", u"/categories/%1"_s.arg(dairy), {{u"parent_id"_s, top}}), 200);
        QCOMPARE(edit("PATCH", u"/categories/%1"_s.arg(food), {{u"parent_id"_s, milk}}), 200);
        QCOMPARE(edit("PATCH", u"/categories/%1"_s.arg(drinks), {{u"name"_s, u"Напитки и соки"_s}}),
                 200);
        QCOMPARE(edit("PATCH", u"/products/HQ-K2"_s, {{u"category_id"_s, food}}), 200);
        QCOMPARE(edit("PATCH", u"/products/HQ-K1"_s, {{u"category_id"_s, top}}), 200);
        QCOMPARE(edit("DELETE", u"/categories/%1"_s.arg(empty), {}), 200);
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(rows(shop.tdb->db(), shopTree),
                 QStringList {u"Молочные продукты, Молочные продукты / Молоко, "
                              "Молочные продукты / Молоко / Продукты, Напитки и соки, Пусто"_s});
        QCOMPARE(rows(shop.tdb->db(), placed),
                 (QStringList {u"HQ-K1|-"_s, u"HQ-K2|Молочные продукты / Молоко / Продукты"_s,
                               u"HQ-K3|-"_s}));
        QCOMPARE(rows(shop.tdb->db(), placed), rows(m_central->db(), placed));
        // Each changed product has its history row.
        QCOMPARE(rows(shop.tdb->db(),
                      u"SELECT plu, count(*) FROM history WHERE plu IN ('HQ-K1', 'HQ-K2') "
                      "AND action = 'product_changed' GROUP BY plu ORDER BY plu"_s),
                 (QStringList {u"HQ-K1|1"_s, u"HQ-K2|1"_s}));
        QCOMPARE(rows(shop.tdb->db(), u"SELECT count(*) FROM categories"_s), QStringList {u"6"_s});
    }

    // Pages as central could send them after several edits between two
    // pulls: two categories trading names, one taking the place another
    // left for a category still to be made. Each applies in one go.
    void categoryPagesTradeNamesAndPlaces()
    {
        ShopSite shop = makeShop(u"TRADE"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        const auto category = [](qint64 id, qint64 parent, const QString &name) {
            return QJsonObject {{u"id"_s, id},
                                {u"parent_id"_s, parent ? QJsonValue(parent) : QJsonValue()},
                                {u"name"_s, name}};
        };
        const auto pageOf = [](const QJsonArray &categories) {
            CatalogPage page;
            page.categories = categories;
            return page;
        };
        const QString tree = u"SELECT string_agg(central_id || ' ' || coalesce(category_path(id), "
                             "'-'), ', ' ORDER BY central_id) FROM categories"_s;
        CatalogStore catalog(shop.tdb->db());
        QVERIFY(catalog.applyPage(
            pageOf({category(1, 0, u"A"_s), category(2, 0, u"B"_s), category(3, 1, u"X"_s)})));
        QCOMPARE(rows(shop.tdb->db(), tree), QStringList {u"1 A, 2 B, 3 A / X"_s});
        const auto traded = catalog.applyPage(
            pageOf({category(1, 0, u"B"_s), category(2, 0, u"A"_s), category(3, 0, u"X"_s),
                    category(4, 3, u"New"_s), category(5, 2, u"X"_s)}));
        QVERIFY2(traded, traded ? "" : qPrintable(traded.error().message));
        QCOMPARE(traded.value().categoryChanges, 5);
        QCOMPARE(rows(shop.tdb->db(), tree), QStringList {u"1 B, 2 A, 3 X, 4 X / New, 5 A / X"_s});
        // X leaves the top for a category made in the same page, and
        // another X takes its place.
        const auto placed = catalog.applyPage(
            pageOf({category(1, 0, u"B"_s), category(2, 0, u"A"_s), category(3, 6, u"X"_s),
                    category(4, 3, u"New"_s), category(5, 0, u"X"_s), category(6, 0, u"Z"_s)}));
        QVERIFY2(placed, placed ? "" : qPrintable(placed.error().message));
        QCOMPARE(rows(shop.tdb->db(), tree),
                 QStringList {u"1 B, 2 A, 3 Z / X, 4 Z / X / New, 5 X, 6 Z"_s});
        QCOMPARE(catalog
                     .applyPage(pageOf({category(1, 0, u"B"_s), category(2, 0, u"A"_s),
                                        category(3, 6, u"X"_s), category(4, 3, u"New"_s),
                                        category(5, 0, u"X"_s), category(6, 0, u"Z"_s)}))
                     .value()
                     .categoryChanges,
                 0);
    }

    // Central gives a barcode to its own product while a shop had it on
    // another: central's catalog wins, and the pull does not get stuck.
    void barcodeTakenByCentralMovesInTheShop()
    {
        QCOMPARE(createAtHeadOffice({{u"plu"_s, u"HQ-2"_s},
                                     {u"name"_s, u"Central's juice"_s},
                                     {u"barcode"_s, u"4600000000008"_s},
                                     {u"price"_s, 9900}}),
                 201);

        ShopSite shop = makeShop(u"BARCODE"_s);
        NewProduct local {u"LOC-1"_s, u"Local juice"_s, 9000, u"4600000000008"_s, false};
        QVERIFY(ProductStore(shop.tdb->db()).create(shop.keeper, local));
        QVERIFY(StockStore(shop.tdb->db()).create(shop.keeper, u"LOC-1"_s, shop.shopId, 12, 0));
        StockAdjustment sale {shop.shopId, u"LOC-1"_s, StockQuantity::Shelf, 2, u"sold"_s};
        QVERIFY(StockStore(shop.tdb->db()).decrease(shop.keeper, sale));
        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(rows(shop.tdb->db(),
                      u"SELECT plu, coalesce(barcode, '-') FROM products "
                      "WHERE plu IN ('HQ-2', 'LOC-1') ORDER BY plu"_s),
                 (QStringList {u"HQ-2|4600000000008"_s, u"LOC-1|-"_s}));
        QCOMPARE(
            rows(shop.tdb->db(), u"SELECT action FROM history WHERE plu = 'LOC-1' ORDER BY id"_s),
            (QStringList {u"product_created"_s, u"stock_created"_s, u"stock_decreased"_s,
                          u"product_changed"_s}));
        // Central refused the shop's product for its barcode, and its stock
        // for want of the product. The barcode has left LOC-1 here, so the
        // product goes again as it now is, and its stock after it: nobody
        // has to retry anything.
        QVERIFY(syncOnce(shop, engine));
        QVERIFY(settle(engine));
        QCOMPARE(engine.status().rejected, 0);
        QCOMPARE(engine.status().unsent, 0);
        QCOMPARE(rows(m_central->db(),
                      u"SELECT name, coalesce(barcode, '-') FROM products WHERE plu = 'LOC-1'"_s),
                 QStringList {u"Local juice|-"_s});
        QCOMPARE(stockOf(m_central->db(), u"BARCODE"_s), QStringList {u"LOC-1|10|0"_s});
    }

    // A shop that worked before it was enrolled (on its own, or with another
    // head office) has products and stock no unsent event describes. Its
    // first sync with a new head office brings them all there, products
    // before the stock events that need them.
    void shopJoiningANewHeadOfficeBringsItsProductsAndStock()
    {
        ShopSite shop = makeShop(u"JOINER"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        QVERIFY(work(shop, u"JOIN"_s, 3, 2));
        // Goods that came without events (an import, an old catalog).
        QVERIFY(Sql::run(shop.tdb->db(),
                         u"INSERT INTO products (plu, name, price, barcode) "
                         "VALUES ('JOIN-OLD', 'Old stock', 700, '4600000000015')"_s));
        QVERIFY(Sql::run(shop.tdb->db(),
                         u"INSERT INTO stocks (product_id, shop_id, shelf_qty, order_qty) "
                         "SELECT id, ?, 30, 4 FROM products WHERE plu = 'JOIN-OLD'"_s,
                         {shop.shopId}));
        // The head office the shop had before took its events.
        auto oldClient = clientFor(shop);
        SyncEngine oldSync(oldClient.get());
        QVERIFY(syncOnce(shop, oldSync));
        QVERIFY(settle(oldSync));
        // A sale after that: its event is the only one left to send.
        StockAdjustment sale {shop.shopId, u"JOIN-0"_s, StockQuantity::Shelf, 3, u"sold"_s};
        QVERIFY(StockStore(shop.tdb->db()).decrease(shop.keeper, sale));

        test::TestDatabase newDb(u"central_sync_new"_s);
        QVERIFY2(newDb.isReady(), qPrintable(newDb.errorText()));
        test::CentralProcess newOffice(QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk-central"),
                                       newDb.config().toUrl());
        QVERIFY2(newOffice.start(), qPrintable(newOffice.errorText()));
        QString error;
        const QByteArray token = newOffice.issueToken(u"JOINER"_s, &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        CentralClient newClient(newOffice.baseUrl());
        newClient.setToken(token);
        newClient.setBackoff(50, 300);
        newClient.setMaxAttempts(3);
        SyncEngine newSync(&newClient);
        QVERIFY(syncOnce(shop, newSync));
        QVERIFY(settle(newSync));

        QCOMPARE(newSync.status().rejected, 0);
        QCOMPARE(newSync.status().unsent, 0);
        // The whole catalog the shop has (its own and what the old head
        // office gave it), its own four products among it.
        const QString catalog =
            u"SELECT plu, name, price, coalesce(barcode, '-') FROM products ORDER BY plu"_s;
        QCOMPARE(rows(newDb.db(), catalog), rows(shop.tdb->db(), catalog));
        QCOMPARE(rows(newDb.db(),
                      u"SELECT plu FROM products WHERE plu LIKE 'JOIN-%' "
                      "ORDER BY plu"_s),
                 (QStringList {u"JOIN-0"_s, u"JOIN-1"_s, u"JOIN-2"_s, u"JOIN-OLD"_s}));
        QCOMPARE(stockOf(newDb.db(), u"JOINER"_s), stockOf(shop.tdb->db(), u"JOINER"_s));
        QCOMPARE(stockOf(newDb.db(), u"JOINER"_s),
                 (QStringList {u"JOIN-0|94|0"_s, u"JOIN-1|97|0"_s, u"JOIN-2|97|0"_s,
                               u"JOIN-OLD|30|4"_s}));
        QCOMPARE(count(shop.tdb->db(), u"SELECT count(*) FROM outbox WHERE sent_at IS NULL"_s), 0);

        // Once is enough: the next sync with it queues nothing again.
        const qint64 events = count(shop.tdb->db(), u"SELECT count(*) FROM outbox"_s);
        QVERIFY(syncOnce(shop, newSync));
        QCOMPARE(count(shop.tdb->db(), u"SELECT count(*) FROM outbox"_s), events);
        QVERIFY(newOffice.stop());
    }

    void refusedEventWaitsForAPersonsRetry()
    {
        ShopSite shop = makeShop(u"REFUSED"_s);
        // This database also holds a shop the token does not speak for (and
        // central knows, so the refusal is about the token, not the shop).
        QString error;
        QVERIFY2(!m_server->issueToken(u"ELSEWHERE"_s, &error).isEmpty(), qPrintable(error));
        const qint64 other = shop.tdb->addShop(u"ELSEWHERE"_s, u"Other shop"_s);
        QVERIFY(work(shop, u"OWN"_s, 1, 1));
        QVERIFY(StockStore(shop.tdb->db()).create(shop.keeper, u"OWN-0"_s, other, 5, 0));
        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        QVERIFY(syncOnce(shop, engine));
        // Refused is not unsent: nothing is left to send.
        QCOMPARE(engine.status().rejected, 1);
        QCOMPARE(engine.status().unsent, 0);
        const auto pending = OutboxStore(shop.tdb->db()).pending(10);
        QVERIFY(pending);
        QCOMPARE(pending.value().size(), 1);
        QVERIFY(pending.value().first().rejected);
        QVERIFY2(pending.value().first().lastError.contains(u"forbidden"_s),
                 qPrintable(pending.value().first().lastError));
        QCOMPARE(pending.value().first().attempts, 1);
        // A refused event is not pushed again by itself...
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(OutboxStore(shop.tdb->db()).pending(10).value().first().attempts, 1);
        // ...only after a retry, which central refuses again for the same reason.
        QCOMPARE(OutboxStore(shop.tdb->db()).retryRejected(shop.manager).value(), 1);
        QVERIFY(syncOnce(shop, engine));
        QCOMPARE(engine.status().rejected, 1);
        QCOMPARE(OutboxStore(shop.tdb->db()).pending(10).value().first().attempts, 2);
        QCOMPARE(stockOf(m_central->db(), u"REFUSED"_s), QStringList {u"OWN-0|99|0"_s});
        QCOMPARE(stockOf(m_central->db(), u"ELSEWHERE"_s), QStringList());
    }

    // (Last: its category would show in the trees the tests above compare.)
    // Promo codes the head office makes in head-office mode reach every
    // shop with the catalog: limited to a category (by its path there) and a
    // product, taking over a shop's own code of the same text and leaving
    // its other codes; the shop uses them but cannot change them; switching
    // one off at central switches it off in the shops; the last page
    // applied again changes nothing.
    void promoCodesFromTheHeadOfficeReachTheShops()
    {
        const auto category = atHeadOffice("POST", u"/categories"_s, {{u"name"_s, u"Чай"_s}});
        QCOMPARE(category.first, 201);
        const qint64 tea = category.second.value(u"id"_s).toInteger();
        QCOMPARE(createAtHeadOffice({{u"plu"_s, u"HQ-T1"_s},
                                     {u"name"_s, u"Чай зелёный"_s},
                                     {u"price"_s, 30000},
                                     {u"category_id"_s, tea}}),
                 201);
        QCOMPARE(createAtHeadOffice(
                     {{u"plu"_s, u"HQ-T2"_s}, {u"name"_s, u"Чайник"_s}, {u"price"_s, 150000}}),
                 201);
        const Actor office = m_central->addStaff(u"office.promo"_s, Role::HeadOffice, 0);
        QVERIFY2(office.staffId > 0, qPrintable(m_central->errorText()));
        PromoStore central(m_central->db());
        PromoCodeInput teaTen;
        teaTen.code = u"TEA10"_s;
        teaTen.kind = PromoKind::Percent;
        teaTen.value = 10;
        teaTen.categoryIds = {tea};
        teaTen.maxUsesPerCustomer = 1;
        auto made = central.save(office, teaTen);
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
        PromoCodeInput kettle;
        kettle.code = u"KETTLE"_s;
        kettle.kind = PromoKind::Amount;
        kettle.value = 20000;
        kettle.minTotal = 100000;
        kettle.validUntil = QDateTime::currentDateTimeUtc().addDays(30);
        kettle.plus = {u"HQ-T2"_s};
        QVERIFY(central.save(office, kettle).ok());

        ShopSite north = makeShop(u"PROMN"_s);
        ShopSite south = makeShop(u"PROMS"_s);
        QVERIFY2(north.tdb->isReady() && south.tdb->isReady(), "the shops' databases");
        // The north shop had a KETTLE of its own, and a code of its own.
        PromoCodeInput ownKettle;
        ownKettle.code = u"KETTLE"_s;
        ownKettle.value = 50;
        QVERIFY(PromoStore(north.tdb->db()).save(north.manager, ownKettle).ok());
        PromoCodeInput own;
        own.code = u"NORTH5"_s;
        own.value = 5;
        QVERIFY(PromoStore(north.tdb->db()).save(north.manager, own).ok());

        const QString codes =
            u"SELECT p.code, p.kind, p.value, p.min_total, coalesce(p.max_uses_per_customer, 0), "
            "p.active, p.from_central, coalesce(to_char(p.valid_until AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD HH24:MI:SS'), '-'), coalesce((SELECT string_agg(pr.plu, ',') FROM "
            "promo_code_products x JOIN products pr ON pr.id = x.product_id "
            "WHERE x.promo_code_id = p.id), '-'), coalesce((SELECT string_agg(category_path("
            "x.category_id), ',') FROM promo_code_categories x WHERE x.promo_code_id = p.id), '-') "
            "FROM promo_codes p WHERE %1 ORDER BY p.code"_s;
        const QStringList atCentral =
            rows(m_central->db(), codes.arg(u"p.code IN ('TEA10', 'KETTLE')"_s));
        QCOMPARE(atCentral.size(), 2);
        auto northClient = clientFor(north);
        auto southClient = clientFor(south);
        SyncEngine northSync(northClient.get());
        SyncEngine southSync(southClient.get());
        for (ShopSite *shop : {&north, &south}) {
            QVERIFY(syncOnce(*shop, shop == &north ? northSync : southSync));
            QStringList expected = atCentral;
            expected.replaceInStrings(u"|false|"_s, u"|true|"_s); // from_central, in a shop
            QCOMPARE(rows(shop->tdb->db(), codes.arg(u"p.from_central"_s)), expected);
        }
        // The north shop's own code is still its own.
        QCOMPARE(rows(north.tdb->db(),
                      u"SELECT code || ' ' || from_central FROM promo_codes "
                      "WHERE code = 'NORTH5'"_s),
                 QStringList {u"NORTH5 false"_s});

        // The till takes 10 % off the tea (in the shop's own category of
        // that path) and nothing off the kettle.
        PromoCodeStore till(south.tdb->db());
        const qint64 teaId = ProductStore(south.tdb->db()).byPlu(u"HQ-T1"_s).value()->id;
        const qint64 kettleId = ProductStore(south.tdb->db()).byPlu(u"HQ-T2"_s).value()->id;
        PromoCodeStore::Purchase purchase;
        purchase.subtotal = 180000;
        purchase.productIds = {teaId, kettleId};
        auto valid = till.check(u"tea10"_s, purchase);
        QVERIFY2(valid.ok(), valid.ok() ? "" : qPrintable(valid.error().message));
        QVERIFY(valid->promo.appliesTo(teaId));
        QVERIFY(!valid->promo.appliesTo(kettleId));
        QCOMPARE(valid->maxUsesPerCustomer, std::optional<int>(1));

        // The shop cannot change the head office's code.
        const auto southCodes = PromoStore(south.tdb->db()).list().value();
        const auto teaCode = std::find_if(southCodes.cbegin(), southCodes.cend(),
                                          [](const PromoCode &c) { return c.code == u"TEA10"_s; });
        QVERIFY(teaCode != southCodes.cend() && teaCode->fromCentral);
        PromoCodeInput changed = teaTen;
        changed.id = teaCode->id;
        changed.value = 90;
        auto refused = PromoStore(south.tdb->db()).save(south.manager, changed);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, u"code"_s);
        QVERIFY(refused.error().message.contains(u"head office"_s));
        QVERIFY(!PromoStore(south.tdb->db()).deactivate(south.manager, teaCode->id).ok());
        QCOMPARE(rows(south.tdb->db(),
                      u"SELECT value || ' ' || active FROM promo_codes "
                      "WHERE code = 'TEA10'"_s),
                 QStringList {u"10 true"_s});

        // Switched off at central: switched off in the shops.
        QVERIFY(central.deactivate(office, made->id).ok());
        QVERIFY(syncOnce(south, southSync));
        auto off = till.check(u"TEA10"_s, purchase);
        QVERIFY(!off.ok());
        QVERIFY2(off.error().message.contains(u"switched off"_s), qPrintable(off.error().message));

        // The last page applied again writes nothing.
        const auto cursor = CatalogStore(south.tdb->db()).cursor();
        QVERIFY(cursor);
        auto last = CatalogStore(m_central->db()).page(cursor.value(), CatalogStore::kMaxPage);
        QVERIFY(last && !last->hasMore && last->promoCodes);
        const QString state =
            u"SELECT code, updated_at, (SELECT count(*) FROM promo_code_products x "
            "WHERE x.promo_code_id = p.id), (SELECT count(*) FROM promo_code_categories x "
            "WHERE x.promo_code_id = p.id) FROM promo_codes p ORDER BY code"_s;
        const QStringList before = rows(south.tdb->db(), state);
        for (int time = 0; time < 2; ++time) {
            auto again = CatalogStore(south.tdb->db()).applyPage(last.value());
            QVERIFY(again);
            QCOMPARE(again->promoCodeChanges, 0);
        }
        QCOMPARE(rows(south.tdb->db(), state), before);
    }

    // A pull of many small pages (each next page fetched while the one
    // before is applied) stops at a page the shop cannot take: the pages
    // before it are in, nothing after it (not even the page fetched ahead),
    // and the next sync goes on from there to the end.
    void aPullOfManyPagesStopsCleanlyAtAPageItCannotTake()
    {
        const QStringList central =
            rows(m_central->db(), u"SELECT plu FROM products ORDER BY updated_at, id"_s);
        QVERIFY(central.size() >= 12);
        const int refusedAt = int(central.size() / 2);
        const QString refused = central.at(refusedAt);
        ShopSite shop = makeShop(u"PAGES"_s);
        QVERIFY2(shop.tdb->isReady(), qPrintable(shop.tdb->errorText()));
        QVERIFY(Sql::run(shop.tdb->db(),
                         u"CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql "
                         "AS $$ BEGIN IF NEW.plu = '%1' THEN RAISE EXCEPTION 'not here'; "
                         "END IF; RETURN NEW; END $$"_s.arg(refused))
                    .ok());
        QVERIFY(Sql::run(shop.tdb->db(),
                         u"CREATE TRIGGER refuse_for_test BEFORE INSERT ON products "
                         "FOR EACH ROW EXECUTE FUNCTION refuse_for_test()"_s)
                    .ok());
        auto client = clientFor(shop);
        SyncEngine engine(client.get());
        engine.setCatalogPageSize(3);
        QVERIFY(!syncOnce(shop, engine));
        QVERIFY2(engine.status().lastError.contains(u"not here"_s),
                 qPrintable(engine.status().lastError));
        const QString inShop = u"SELECT plu FROM products ORDER BY plu"_s;
        QStringList before = central.mid(0, refusedAt / 3 * 3);
        before.sort();
        QCOMPARE(rows(shop.tdb->db(), inShop), before);

        QVERIFY(Sql::run(shop.tdb->db(), u"DROP TRIGGER refuse_for_test ON products"_s).ok());
        QVERIFY(syncOnce(shop, engine));
        QStringList all = central;
        all.sort();
        QCOMPARE(rows(shop.tdb->db(), inShop), all);
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
