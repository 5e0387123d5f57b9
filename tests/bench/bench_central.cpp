// shopdesk-central under load (issue 7):
//  1. GET /stocks with seed 000's filters on 1M stock rows: wrk with 8
//     connections, requests/s and p99, against pgbench running the same
//     SELECT with 8 clients on the same database (the database's ceiling);
//  2. pushing 100,000 outbox events from a shop through SyncEngine;
//  3. pulling a 100,000-product catalog into an empty shop.
// The server is the real shopdesk-central process on a free port.

#include "BenchSupport.h"
#include "app/sync/CentralClient.h"
#include "app/sync/SyncEngine.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/db/PgBinaries.h"
#include "models/sync/OutboxStore.h"
#include "models/sync/TokenStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTextStream>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

constexpr int kProducts = 100'000;
constexpr int kShops = 10; // 100,000 × 10 = 1M stock rows

bool run(const QSqlDatabase &db, const QString &sql)
{
    if (auto done = Sql::run(db, sql); !done) {
        err << done.error().message << "\n";
        return false;
    }
    return true;
}

// A wrk figure in milliseconds ("1.23ms", "850.00us", "1.02s").
double wrkMs(const QString &text)
{
    static const QRegularExpression number(u"([0-9.]+)(us|ms|s)"_s);
    const auto m = number.match(text);
    if (!m.hasMatch())
        return -1;
    const double v = m.captured(1).toDouble();
    return m.captured(2) == u"us"_s ? v / 1000 : m.captured(2) == u"s"_s ? v * 1000 : v;
}

struct WrkResult
{
    double rps = 0;
    double p50 = 0, p99 = 0;
    qint64 non2xx = 0;
};

WrkResult runWrk(const QUrl &base, const QByteArray &token, const QStringList &paths, int seconds)
{
    QTemporaryFile lua(QDir::tempPath() + u"/bench_central_XXXXXX.lua"_s);
    lua.open();
    QByteArray script = "local paths = {";
    for (const QString &p : paths)
        script += "\"" + p.toUtf8() + "\",";
    script += "}\nlocal i = 0\nrequest = function()\n  i = i + 1\n"
              "  return wrk.format(\"GET\", paths[(i % #paths) + 1])\nend\n";
    lua.write(script);
    lua.flush();
    QProcess wrk;
    wrk.start(u"wrk"_s,
              {u"-t2"_s, u"-c8"_s, u"-d%1s"_s.arg(seconds), u"--latency"_s, u"-s"_s, lua.fileName(),
               u"-H"_s, u"Authorization: Bearer "_s + QString::fromLatin1(token), base.toString()});
    wrk.waitForFinished(seconds * 1000 + 60000);
    const QString report = QString::fromLocal8Bit(wrk.readAllStandardOutput());
    WrkResult r;
    for (const QString &line : report.split(u'\n')) {
        const QString t = line.trimmed();
        if (t.startsWith(u"Requests/sec:"_s))
            r.rps = t.section(u':', 1).trimmed().toDouble();
        else if (t.startsWith(u"50%"_s))
            r.p50 = wrkMs(t.section(u' ', 1).trimmed());
        else if (t.startsWith(u"99%"_s))
            r.p99 = wrkMs(t.section(u' ', 1).trimmed());
        else if (t.startsWith(u"Non-2xx"_s))
            r.non2xx = t.section(u':', 1).trimmed().toLongLong();
    }
    if (r.rps <= 0)
        err << "wrk failed:\n" << report << wrk.readAllStandardError();
    return r;
}

// pgbench picks one of the scripts at random for each transaction.
double runPgbench(const DbConfig &target, const QStringList &statements, int seconds)
{
    QStringList args {u"-n"_s, u"-M"_s, u"prepared"_s,           u"-c"_s, u"8"_s, u"-j"_s,
                      u"2"_s,  u"-T"_s, QString::number(seconds)};
    std::vector<std::unique_ptr<QTemporaryFile>> scripts;
    for (const QString &sql : statements) {
        scripts.push_back(std::make_unique<QTemporaryFile>());
        scripts.back()->open();
        scripts.back()->write(sql.toUtf8() + ";\n");
        scripts.back()->flush();
        args << u"-f"_s << scripts.back()->fileName();
    }
    args << u"-h"_s << target.host << u"-p"_s << QString::number(target.port) << u"-U"_s
         << target.user << target.database;
    QProcess bench;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSWORD"_s, target.password);
    bench.setProcessEnvironment(env);
    bench.start(PgBinaries::locate().value().binDir + u"/pgbench"_s, args);
    bench.waitForFinished(seconds * 1000 + 60000);
    const QString report = QString::fromLocal8Bit(bench.readAllStandardOutput());
    for (const QString &line : report.split(u'\n'))
        if (line.startsWith(u"tps = "_s))
            return line.section(u' ', 2, 2).toDouble();
    err << "pgbench failed:\n" << report << bench.readAllStandardError();
    return 0;
}

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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"shopdesk.*=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption secondsOption(u"seconds"_s, u"seconds per HTTP load run"_s, u"S"_s,
                                           u"15"_s);
    const QCommandLineOption eventsOption(u"events"_s, u"events to push"_s, u"N"_s, u"100000"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"keep the databases for a look with psql"_s);
    parser.addOptions({secondsOption, eventsOption, keepOption});
    parser.process(app);
    const int seconds = parser.value(secondsOption).toInt();
    const int events = parser.value(eventsOption).toInt();
    if (QStandardPaths::findExecutable(u"wrk"_s).isEmpty()) {
        err << "bench_central needs wrk (apt-get install wrk; scripts/bench installs it).\n";
        return 2;
    }

    const auto server = bench::server(u"bench_central"_s);
    if (!server)
        return 2;
    const auto central = bench::freshDatabase(*server, u"bench_central"_s);
    const auto shop = bench::freshDatabase(*server, u"bench_central_shop"_s);
    const auto pull = bench::freshDatabase(*server, u"bench_central_pull"_s);
    if (!central || !shop || !pull)
        return 1;

    QElapsedTimer timer;
    timer.start();
    QByteArray token;
    {
        ScopedConnection conn(*central, u"setup"_s);
        const QStringList setup {
            u"INSERT INTO shops (code, name) SELECT 'B' || g, 'Bench ' || g "
            "FROM generate_series(1, %1) g"_s.arg(kShops),
            u"INSERT INTO products (plu, name, price) SELECT (100000 + g)::text, "
            "'Product ' || g || ' ' || md5(g::text), 100 + g % 50000 "
            "FROM generate_series(1, %1) g"_s.arg(kProducts),
            u"INSERT INTO stocks (product_id, shop_id, shelf_qty, order_qty) SELECT p.id, s.id, "
            "(p.id * 7 + s.id * 13) % 200, (p.id + s.id) % 5 FROM products p CROSS JOIN shops s"_s,
            u"VACUUM ANALYZE"_s,
        };
        for (const QString &sql : setup)
            if (!run(conn.db(), sql))
                return 1;
        token = TokenStore(conn.db()).issue(u"B1"_s).value();
    }
    {
        // The shop B1: the same catalog, its stock, and `events` outbox events
        // (sales of one unit on its products, as the till writes them).
        ScopedConnection conn(*shop, u"setup"_s);
        const QStringList setup {
            u"INSERT INTO shops (code, name) VALUES ('B1', 'Bench 1')"_s,
            u"INSERT INTO outbox (event_type, payload, created_at) SELECT 'stock.changed', "
            "jsonb_build_object('plu', (100000 + 1 + g % %1)::text, 'shop_code', 'B1', "
            "'action', 'sold', 'shelf_delta', -1, 'order_delta', 0, "
            "'quantity_on_shelf', 1000 - g / %1, 'quantity_in_order', 0, 'reason', '', "
            "'at', now()), now() FROM generate_series(0, %2 - 1) g"_s.arg(kProducts)
                .arg(events),
        };
        for (const QString &sql : setup)
            if (!run(conn.db(), sql))
                return 1;
    }
    out << u"data: %1 products × %2 shops = %3 stock rows at central; %4 events in the shop's "
           "outbox; made in %5 s\n\n"_s.arg(kProducts)
               .arg(kShops)
               .arg(kProducts * kShops)
               .arg(events)
               .arg(double(timer.elapsed()) / 1000, 0, 'f', 1);

    QProcess centralProcess;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_LOGGING_RULES"_s, u"shopdesk.central.request=false"_s);
    centralProcess.setProcessEnvironment(env);
    centralProcess.setStandardErrorFile(QProcess::nullDevice());
    centralProcess.start(
        QCoreApplication::applicationDirPath() + u"/../bin/shopdesk-central"_s,
        {u"--port"_s, u"0"_s, u"--threads"_s, u"8"_s, u"--db"_s, central->toUrl()});
    if (!centralProcess.waitForReadyRead(60000)) {
        err << "shopdesk-central did not start\n";
        return 1;
    }
    const QUrl base(QString::fromLocal8Bit(centralProcess.readLine()).trimmed().section(u' ', -1));

    // --- 1. GET /stocks under load ------------------------------------------
    const QStringList paths {
        u"/stocks?shop_id=3&quantity_on_shelf_min=10&quantity_on_shelf_max=20&limit=50"_s,
        u"/stocks?plu=150001"_s,
        u"/stocks?shop_id=7&quantity_in_order_min=4&limit=50"_s,
        u"/stocks?quantity_on_shelf_min=150&quantity_in_order_max=0&limit=50"_s,
    };
    const WrkResult stocks = runWrk(base, token, paths, seconds);
    const WrkResult health = runWrk(base, token, {u"/health"_s}, seconds);
    // The same four SELECTs the store runs (in the order it picks for each
    // filter), straight to the database: what the database alone can do.
    const QString select =
        u"SELECT s.id, s.plu, s.product_name, s.shop_id, s.shelf_qty, s.order_qty "
        "FROM stocks s JOIN shops sh ON sh.id = s.shop_id "_s;
    const double pgbenchTps = runPgbench(
        *central,
        {select +
             u"WHERE s.shop_id = 3 AND s.shelf_qty BETWEEN 10 AND 20 "
             "ORDER BY s.shelf_qty, s.id LIMIT 51"_s,
         select + u"WHERE s.plu = '150001' ORDER BY s.id LIMIT 51"_s,
         select + u"WHERE s.shop_id = 7 AND s.order_qty >= 4 ORDER BY s.order_qty, s.id LIMIT 51"_s,
         select + u"WHERE s.shelf_qty >= 150 AND s.order_qty <= 0 ORDER BY s.id LIMIT 51"_s},
        seconds);

    out << "| GET /stocks, 8 connections | requests/s | p50 ms | p99 ms | non-2xx |\n"
           "|---|---|---|---|---|\n";
    out << u"| filtered pages (4 filter sets, 50 rows) | %1 | %2 | %3 | %4 |\n"_s
               .arg(stocks.rps, 0, 'f', 0)
               .arg(stocks.p50, 0, 'f', 2)
               .arg(stocks.p99, 0, 'f', 2)
               .arg(stocks.non2xx);
    out << u"| /health (HTTP stack + SELECT 1) | %1 | %2 | %3 | %4 |\n"_s.arg(health.rps, 0, 'f', 0)
               .arg(health.p50, 0, 'f', 2)
               .arg(health.p99, 0, 'f', 2)
               .arg(health.non2xx);
    out << u"| pgbench, the same SELECTs, 8 clients | %1 | | | |\n"_s.arg(pgbenchTps, 0, 'f', 0);
    out << u"\nratio GET /stocks / pgbench: %1\n\n"_s.arg(stocks.rps / pgbenchTps, 0, 'f', 2);

    // --- 2. push ------------------------------------------------------------
    CentralClient client(base);
    client.setToken(token);
    client.setTimeout(120000);
    SyncEngine engine(&client);
    Database::setDefaultConfig(*shop);
    engine.setBatchSize(1000);
    const double pushSeconds = timeSync(engine);
    qint64 applied = 0;
    {
        ScopedConnection conn(*central, u"check"_s);
        applied =
            Sql::scalar(conn.db(), u"SELECT count(*) FROM applied_events"_s).value().toLongLong();
    }

    // --- 3. pull ------------------------------------------------------------
    Database::setDefaultConfig(*pull);
    engine.setCatalogPageSize(1000);
    const double pullSeconds = timeSync(engine);
    qint64 pulled = 0;
    {
        ScopedConnection conn(*pull, u"check"_s);
        pulled = Sql::scalar(conn.db(), u"SELECT count(*) FROM products"_s).value().toLongLong();
    }
    Database::closeThreadConnection();

    out << "| sync | items | seconds | items/s |\n|---|---|---|---|\n";
    out << u"| push outbox events (batches of 1,000, 10 requests/s limit) | %1 applied | %2 | %3 |\n"_s
               .arg(applied)
               .arg(pushSeconds, 0, 'f', 1)
               .arg(double(applied) / pushSeconds, 0, 'f', 0);
    out << u"| pull the catalog into an empty shop (pages of 1,000) | %1 products | %2 | %3 |\n"_s
               .arg(pulled)
               .arg(pullSeconds, 0, 'f', 1)
               .arg(double(pulled) / pullSeconds, 0, 'f', 0);

    centralProcess.terminate();
    centralProcess.waitForFinished(30000);
    if (!parser.isSet(keepOption)) {
        bench::dropDatabase(*server, u"bench_central_shop"_s);
        bench::dropDatabase(*server, u"bench_central_pull"_s);
        bench::dropDatabase(*server, u"bench_central"_s);
    }
    return applied == events && pulled == kProducts ? 0 : 1;
}
