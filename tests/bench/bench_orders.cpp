// Checkout throughput (issue 6): 8 tills at once, each ringing up 5-line
// sales and paying them (OrderStore::create reserves every line in one
// statement, pay sells them) — orders per second and the p95 of one sale.
// Baseline in the same run: the same sales with the stock moved line by line
// (one StockStore::apply per line to reserve, one per line to sell), as a
// till without batches would.
//
//   bench_orders [--seconds S] [--tills N]
// Needs SHOPDESK_BENCH_DB; see scripts/bench.

#include "BenchSupport.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/orders/OrderStore.h"
#include "models/stock/StockStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QRandomGenerator>
#include <QTextStream>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);
constexpr int kProducts = 5000;
constexpr int kLines = 5;

struct Run
{
    double perSecond = 0;
    QList<double> latencyMs;
    int errors = 0;
};

// Five distinct products, 1 to 3 of each.
QList<CartLine> randomSale(QRandomGenerator &random)
{
    QList<CartLine> lines;
    while (lines.size() < kLines) {
        const QString plu = QString::number(100000 + 1 + random.bounded(kProducts));
        if (std::none_of(lines.begin(), lines.end(),
                         [&](const CartLine &l) { return l.plu == plu; }))
            lines.append({plu, 1 + random.bounded(3)});
    }
    return lines;
}

template<typename Sale>
Run run(const DbConfig &config, int tills, int seconds, Sale sale)
{
    std::atomic<bool> stop {false};
    std::atomic<int> done {0}, errors {0};
    QMutex mutex;
    QList<double> latency;
    std::vector<std::thread> threads;
    for (int t = 0; t < tills; ++t) {
        threads.emplace_back([&, t] {
            ScopedConnection conn(config, u"till-%1"_s.arg(t));
            QRandomGenerator random(quint32(t + 1));
            QList<double> mine;
            QElapsedTimer timer;
            while (!stop) {
                timer.start();
                if (sale(conn.db(), t, randomSale(random)))
                    ++done;
                else
                    ++errors;
                mine << double(timer.nsecsElapsed()) / 1e6;
            }
            QMutexLocker lock(&mutex);
            latency << mine;
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto &t : threads)
        t.join();
    return Run {double(done) / seconds, latency, errors.load()};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"shopdesk.*=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption secondsOption(u"seconds"_s, u"seconds per run"_s, u"S"_s, u"15"_s);
    const QCommandLineOption tillsOption(u"tills"_s, u"tills at once"_s, u"N"_s, u"8"_s);
    parser.addOptions({secondsOption, tillsOption});
    parser.process(app);
    const int seconds = qMax(1, parser.value(secondsOption).toInt());
    const int tills = qBound(1, parser.value(tillsOption).toInt(), 64);

    const auto server = bench::server(u"bench_orders"_s);
    if (!server)
        return 2;
    const auto fresh = bench::freshDatabase(*server, u"bench_orders"_s);
    if (!fresh)
        return 1;
    ScopedConnection conn(*fresh, u"bench"_s);
    for (const QString &sql : {
             u"INSERT INTO shops (code, name) VALUES ('B1', 'Bench')"_s,
             u"INSERT INTO staff (login, display_name, role, password_hash) VALUES "
             "('till', 'Till', 'cashier', 'pbkdf2-sha256$1$AAAA$AAAA')"_s,
             u"INSERT INTO products (plu, name, price) SELECT (100000 + g)::text, "
             "'Product ' || g, 100 + g % 5000 FROM generate_series(1, %1) g"_s.arg(kProducts),
             // Enough on every shelf that no sale runs out during the runs.
             u"INSERT INTO stocks (product_id, shop_id, shelf_qty, order_qty) "
             "SELECT id, 1, 10000000, 0 FROM products"_s,
             u"VACUUM ANALYZE"_s,
         }) {
        if (!bench::exec(conn.db(), sql))
            return 1;
    }
    Actor cashier;
    cashier.staffId = 1;
    cashier.role = Role::Cashier;

    const Run batched =
        run(*fresh, tills, seconds, [&](const QSqlDatabase &db, int till, QList<CartLine> lines) {
            OrderStore orders(db);
            NewOrder o;
            o.shopId = 1;
            o.till = QString::number(till + 1);
            o.lines = std::move(lines);
            auto made = orders.create(cashier, o);
            if (!made || made->status != OrderStatus::AwaitingPayment)
                return false;
            return orders.pay(cashier, made->id, {PaymentMethod::Card, 0, 0}).ok();
        });
    // The baseline: the stock moved one line at a time, each its own statement.
    const Run perLine =
        run(*fresh, tills, seconds, [&](const QSqlDatabase &db, int, QList<CartLine> lines) {
            StockStore stock(db);
            for (const CartLine &l : lines) {
                StockStore::Change c {1, l.plu, -l.qty, l.qty, u"reserved"_s, {}, 0, 0};
                if (!stock.apply(cashier, c, Permission::Sell))
                    return false;
            }
            for (const CartLine &l : lines) {
                StockStore::Change c {1, l.plu, 0, -l.qty, u"sold"_s, {}, 0, 0};
                if (!stock.apply(cashier, c, Permission::Sell))
                    return false;
            }
            return true;
        });

    out << u"| %1 tills, %2-line sales, %3 s each | sales per second | p50 ms | p95 ms | errors |\n"
           "|---|---:|---:|---:|---:|\n"_s.arg(tills)
               .arg(kLines)
               .arg(seconds);
    out << u"| OrderStore: create (reserve all lines) + pay (sell all lines) | %1 | %2 | %3 | %4 |\n"_s
               .arg(batched.perSecond, 0, 'f', 1)
               .arg(bench::percentile(batched.latencyMs, 0.5), 0, 'f', 1)
               .arg(bench::percentile(batched.latencyMs, 0.95), 0, 'f', 1)
               .arg(batched.errors);
    out << u"| baseline: stock only, one StockStore::apply per line, reserve then sell | %1 | %2 | %3 | %4 |\n"_s
               .arg(perLine.perSecond, 0, 'f', 1)
               .arg(bench::percentile(perLine.latencyMs, 0.5), 0, 'f', 1)
               .arg(bench::percentile(perLine.latencyMs, 0.95), 0, 'f', 1)
               .arg(perLine.errors);
    out << u"\nratio OrderStore / per-line stock moves: %1\n"_s.arg(
        batched.perSecond / perLine.perSecond, 0, 'f', 2);
    const qint64 negative =
        Sql::scalar(conn.db(),
                    u"SELECT count(*) FROM stocks WHERE shelf_qty < 0 OR order_qty < 0"_s)
            .value()
            .toLongLong();
    const qint64 held = Sql::scalar(conn.db(), u"SELECT coalesce(sum(order_qty), 0) FROM stocks"_s)
                            .value()
                            .toLongLong();
    out << u"check: %1 negative quantities, %2 units still held by orders\n"_s.arg(negative).arg(
        held);
    bench::dropDatabase(*server, u"bench_orders"_s);
    return 0;
}
