// The catalog feed (issue 17): 100,000 products with real names, prices,
// EAN-13 barcodes, VAT rates and a tenth with a scheduled price, pulled by an empty
// shop from a real shopdesk-central through SyncEngine (target: under 5 s).
// Where the time goes: the same pages fetched without applying them, and
// applied without fetching them. Baseline in the same run: the whole
// catalog as one JSON inserted into another empty shop database by one
// INSERT … SELECT FROM jsonb_to_recordset (what the database alone needs to
// write those rows, with the same triggers and indexes).

#include "BenchSupport.h"
#include "app/sync/CentralClient.h"
#include "app/sync/SyncEngine.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/demo/ProductCatalogGenerator.h"
#include "models/sync/CatalogStore.h"
#include "models/sync/TokenStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTextStream>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

constexpr int kNames = 4000; // different product names, then repeated with a number

// One whole sync of the shop whose database is the default; seconds, or -1.
double timeSync(SyncEngine &engine)
{
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&engine, &SyncEngine::finished, &loop, [&](bool done) {
        ok = done;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    engine.syncNow();
    loop.exec();
    if (!ok)
        err << "sync failed: " << engine.status().lastError << "\n";
    return ok ? double(timer.elapsed()) / 1000 : -1;
}

// Every page of the feed, fetched one after the other as the shop would.
QList<QJsonObject> fetchAll(CentralClient &client, int pageSize)
{
    QList<QJsonObject> pages;
    QString since;
    for (;;) {
        QUrlQuery query;
        if (!since.isEmpty())
            query.addQueryItem(u"since"_s, since);
        query.addQueryItem(u"limit"_s, QString::number(pageSize));
        QEventLoop loop;
        QJsonObject page;
        bool ok = false;
        client.send("GET", u"/sync/catalog"_s, query, {}, &loop, [&](const CentralReply &reply) {
            ok = reply.ok();
            page = reply.body.object();
            loop.quit();
        });
        loop.exec();
        if (!ok)
            return {};
        pages.append(page);
        since = page.value(u"next_cursor"_s).toString();
        if (!page.value(u"has_more"_s).toBool())
            return pages;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"shopdesk.*=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption productsOption(u"products"_s, u"products in the catalog"_s, u"N"_s,
                                            u"100000"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"keep the databases for a look with psql"_s);
    parser.addOptions({productsOption, keepOption});
    parser.process(app);
    const int products = parser.value(productsOption).toInt();
    if (products < 1) {
        err << "--products must be a positive number.\n";
        return 2;
    }

    const auto server = bench::server(u"bench_catalogfeed"_s);
    if (!server)
        return 2;
    const auto central = bench::freshDatabase(*server, u"bench_feed_central"_s);
    if (!central)
        return 1;
    QElapsedTimer timer;
    timer.start();
    QByteArray token;
    {
        ScopedConnection conn(*central, u"setup"_s);
        // EAN-13s: "460" + a 9-digit number + the check digit.
        const QStringList setup {
            u"INSERT INTO shops (code, name) VALUES ('F1', 'Feed 1')"_s,
            u"INSERT INTO products (plu, name, price, barcode, sold_by_weight, vat_code) "
            "SELECT (100000 + g)::text, (?::text[])[1 + g % %2] || CASE WHEN g >= %2 "
            "  THEN ' (' || g / %2 || ')' ELSE '' END, 100 + g % 50000, "
            "  d || (10 - (SELECT sum(substr(d, i, 1)::int * (1 + 2 * (1 - i % 2))) "
            "  FROM generate_series(1, 12) i) % 10) % 10, g % 5 = 0, "
            "  (ARRAY['vat20', 'vat10', 'vat0', 'novat'])[1 + g % 4] "
            "FROM (SELECT g, '460' || lpad(g::text, 9, '0') AS d "
            "  FROM generate_series(1, %1) g) x"_s.arg(products)
                .arg(kNames),
            u"INSERT INTO product_prices (product_id, price, valid_from, reason) "
            "SELECT id, price + 100, now() + interval '7 days', 'bench' FROM products "
            "WHERE id % 10 = 0"_s,
            u"UPDATE products SET updated_at = now() - interval '1 minute'"_s,
            u"VACUUM ANALYZE"_s,
        };
        // Real names (the demo shop's "base brand variant"), repeated with a
        // number: the name search index sees the words a shop has, not
        // random letters.
        auto demo = ProductCatalogGenerator(1).generate(kNames);
        if (!demo) {
            err << demo.error().message << "\n";
            return 1;
        }
        QStringList names;
        for (const DemoProduct &p : demo.value())
            names << p.name;
        for (const QString &sql : setup) {
            const bool named = sql.contains(u"INSERT INTO products"_s);
            if (auto done = Sql::run(conn.db(), sql,
                                     named ? QVariantList {PgArray::text(names)} : QVariantList {});
                !done) {
                err << done.error().message << "\n";
                return 1;
            }
        }
        token = TokenStore(conn.db()).issue(u"F1"_s).value();
    }
    out << u"data: %1 products with EAN-13 barcodes and VAT rates, %2 with a scheduled price; "
           "made in %3 s\n\n"_s.arg(products)
               .arg(products / 10)
               .arg(double(timer.elapsed()) / 1000, 0, 'f', 1);

    QProcess centralProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_LOGGING_RULES"_s, u"shopdesk.central.request=false"_s);
    centralProcess.setProcessEnvironment(env);
    centralProcess.setStandardErrorFile(QProcess::nullDevice());
    centralProcess.start(QCoreApplication::applicationDirPath() + u"/../bin/shopdesk-central"_s,
                         {u"--port"_s, u"0"_s, u"--db"_s, central->toUrl()});
    if (!centralProcess.waitForReadyRead(60000)) {
        err << "shopdesk-central did not start\n";
        return 1;
    }
    const QUrl base(QString::fromLocal8Bit(centralProcess.readLine()).trimmed().section(u' ', -1));
    CentralClient client(base);
    client.setToken(token);
    client.setTimeout(120000);

    out << "| page size | whole pull (s) | fetch only (s) | apply only (s) | baseline INSERT (s) "
           "| pull / baseline | products in the shop |\n|---|---:|---:|---:|---:|---:|---:|\n";
    bool allThere = true;
    for (const int pageSize : {1000, 5000}) {
        const QString tag = QString::number(pageSize);
        const auto shop = bench::freshDatabase(*server, u"bench_feed_shop_"_s + tag);
        const auto applyOnly = bench::freshDatabase(*server, u"bench_feed_apply_"_s + tag);
        const auto floor = bench::freshDatabase(*server, u"bench_feed_floor_"_s + tag);
        if (!shop || !applyOnly || !floor)
            return 1;

        // The whole pull, as the shop's sync does it.
        SyncEngine engine(&client);
        Database::setDefaultConfig(*shop);
        engine.setCatalogPageSize(pageSize);
        const double pull = timeSync(engine);
        Database::closeThreadConnection();

        // The same pages fetched only, then applied only.
        timer.restart();
        const QList<QJsonObject> pages = fetchAll(client, pageSize);
        const double fetch = double(timer.elapsed()) / 1000;
        QJsonArray everything;
        double apply = 0;
        {
            ScopedConnection conn(*applyOnly, u"apply"_s);
            CatalogStore store(conn.db());
            for (const QJsonObject &page : pages) {
                const QJsonArray items = page.value(u"items"_s).toArray();
                for (const QJsonValue &item : items)
                    everything.append(item);
                const auto next = HistoryCursor::fromToken(page.value(u"next_cursor"_s).toString());
                timer.restart();
                if (auto applied = store.applyPage(items, next); !applied) {
                    err << "apply failed: " << applied.error().message << "\n";
                    return 1;
                }
                apply += double(timer.elapsed()) / 1000;
            }
        }

        // The database's floor: every row in one statement.
        double baseline = 0;
        qint64 inShop = 0;
        {
            ScopedConnection conn(*floor, u"floor"_s);
            const QString json =
                QString::fromUtf8(QJsonDocument(everything).toJson(QJsonDocument::Compact));
            timer.restart();
            auto q = Sql::run(conn.db(),
                              u"INSERT INTO products (plu, name, price, barcode, sold_by_weight, "
                              "  active, vat_code) SELECT plu, name, price, barcode, "
                              "  sold_by_weight, active, coalesce(vat_code, 'vat20') "
                              "FROM jsonb_to_recordset(?::jsonb) AS x(plu text, name text, "
                              "  price bigint, barcode text, sold_by_weight boolean, "
                              "  active boolean, vat_code text)"_s,
                              {json});
            baseline = double(timer.elapsed()) / 1000;
            if (!q) {
                err << "baseline failed: " << q.error().message << "\n";
                return 1;
            }
        }
        {
            ScopedConnection conn(*shop, u"check"_s);
            inShop =
                Sql::scalar(conn.db(), u"SELECT count(*) FROM products"_s).value().toLongLong();
        }
        allThere = allThere && inShop == products && everything.size() == products;
        out << u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n"_s.arg(pageSize)
                   .arg(pull, 0, 'f', 2)
                   .arg(fetch, 0, 'f', 2)
                   .arg(apply, 0, 'f', 2)
                   .arg(baseline, 0, 'f', 2)
                   .arg(pull / baseline, 0, 'f', 1)
                   .arg(inShop);
        out.flush();
        if (!parser.isSet(keepOption)) {
            bench::dropDatabase(*server, u"bench_feed_shop_"_s + tag);
            bench::dropDatabase(*server, u"bench_feed_apply_"_s + tag);
            bench::dropDatabase(*server, u"bench_feed_floor_"_s + tag);
        }
    }

    centralProcess.terminate();
    centralProcess.waitForFinished(30000);
    if (!parser.isSet(keepOption))
        bench::dropDatabase(*server, u"bench_feed_central"_s);
    return allThere ? 0 : 1;
}
