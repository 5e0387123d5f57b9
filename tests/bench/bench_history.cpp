// The action history on 10M rows (issue 5).
//  1. A filtered page of 50 rows, newest first, on page 1 and 10,000 pages
//     deep: keyset (HistoryStore::page, continuing after the (time, id) of
//     the row before) against OFFSET paging (HistoryStore::pageAt) with the
//     same filter in the same run.
//  2. CSV export of a third of the history (one shop), streamed: rows per
//     second and the growth of this process's memory.
//
//   bench_history [--history N] [--samples S] [--reuse] [--keep]
// --reuse takes the data from an earlier --keep run. Needs SHOPDESK_BENCH_DB.

#include "BenchSupport.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/demo/DemoDataGenerator.h"
#include "models/export/CsvExport.h"
#include "models/history/HistoryStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);
constexpr int kPageSize = 50;
constexpr qint64 kDeepPage = 10'000;

struct Kind
{
    QString name;
    std::function<HistoryFilter(QRandomGenerator &)> make;
    bool deep; // has more than 10,000 pages of matches
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"shopdesk.*=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption historyOption(u"history"_s, u"history rows"_s, u"N"_s, u"10000000"_s);
    const QCommandLineOption samplesOption(u"samples"_s, u"samples per measure"_s, u"S"_s, u"40"_s);
    const QCommandLineOption reuseOption(u"reuse"_s, u"use the data of an earlier --keep run"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"keep the database afterwards"_s);
    parser.addOptions({historyOption, samplesOption, reuseOption, keepOption});
    parser.process(app);
    const int samples = qMax(5, parser.value(samplesOption).toInt());

    const auto server = bench::server(u"bench_history"_s);
    if (!server)
        return 2;
    const QString name = u"bench_history"_s;
    DbConfig target = server->withDatabase(name);
    QElapsedTimer timer;
    timer.start();
    bool reused = false;
    if (parser.isSet(reuseOption)) {
        ScopedConnection probe(target, u"bench-probe"_s);
        if (probe.isOpen()) {
            auto any = Sql::scalar(probe.db(), u"SELECT count(*) > 0 FROM history"_s);
            reused = any && any.value().toBool();
        }
    }
    if (!reused) {
        const auto fresh = bench::freshDatabase(*server, name);
        if (!fresh)
            return 1;
        DemoOptions options;
        options.customers = 1000;
        options.history = parser.value(historyOption).toLongLong();
        auto made = DemoDataGenerator(*fresh, options).run();
        if (!made) {
            QTextStream(stderr) << made.error().message << "\n";
            return 1;
        }
    }
    ScopedConnection conn(target, u"bench"_s);
    if (!reused)
        bench::exec(conn.db(), u"VACUUM ANALYZE history"_s);
    const qint64 rows =
        Sql::scalar(conn.db(), u"SELECT count(*) FROM history"_s).value().toLongLong();
    out << u"data: %1 history rows (%2 in %3 s)\n\n"_s.arg(rows)
               .arg(reused ? u"reused"_s : u"made"_s)
               .arg(double(timer.elapsed()) / 1000, 0, 'f', 1);

    // What managers filter by; the PLUs and staff are the demo's.
    const QStringList plus = [&] {
        QStringList list;
        auto q = Sql::run(conn.db(), u"SELECT plu FROM products ORDER BY id"_s);
        while (q.value().next())
            list << q.value().value(0).toString();
        return list;
    }();
    const QList<Kind> kinds {
        {u"no filter"_s, [](QRandomGenerator &) { return HistoryFilter {}; }, true},
        {u"shop"_s,
         [](QRandomGenerator &r) {
             HistoryFilter f;
             f.shopId = 1 + r.bounded(3);
             return f;
         },
         true},
        {u"action sold"_s,
         [](QRandomGenerator &) {
             HistoryFilter f;
             f.actions = {u"sold"_s};
             return f;
         },
         true},
        {u"shop + sold, returned"_s,
         [](QRandomGenerator &r) {
             HistoryFilter f;
             f.shopId = 1 + r.bounded(3);
             f.actions = {u"sold"_s, u"returned"_s};
             return f;
         },
         true},
        {u"staff member"_s,
         [](QRandomGenerator &r) {
             HistoryFilter f;
             f.staffId = 4 + r.bounded(2); // the two cashiers
             return f;
         },
         true},
        {u"shop + 90 days"_s,
         [](QRandomGenerator &r) {
             HistoryFilter f;
             f.shopId = 1 + r.bounded(3);
             f.timeZone = u"Europe/Moscow"_s;
             f.dateMin = QDate::currentDate().addDays(-90);
             f.dateMax = QDate::currentDate();
             return f;
         },
         true},
        {u"PLU"_s,
         [&](QRandomGenerator &r) {
             HistoryFilter f;
             f.plu = plus.at(r.bounded(int(plus.size())));
             return f;
         },
         false},
        {u"shop + PLU + stocktake"_s,
         [&](QRandomGenerator &r) {
             HistoryFilter f;
             f.shopId = 1 + r.bounded(3);
             f.plu = plus.at(r.bounded(int(plus.size())));
             f.actions = {u"stocktake"_s};
             return f;
         },
         false},
    };

    Actor reader;
    reader.role = Role::Manager;
    HistoryStore store(conn.db(), reader);
    QRandomGenerator random(7);
    auto ms = [&] {
        return double(timer.nsecsElapsed()) / 1e6;
    };
    out << "| filter | page 1 p50 / p95 ms | page 10,000 keyset p50 / p95 ms | page 10,000 "
           "OFFSET p50 / p95 ms | OFFSET / keyset at depth |\n|---|---:|---:|---:|---:|\n";
    QList<double> allFirst, allDeep, allOffset;
    for (const Kind &kind : kinds) {
        QList<double> first, deep, offset;
        for (int i = 0; i < samples; ++i) {
            const HistoryFilter f = kind.make(random);
            timer.restart();
            auto page = store.page(f, std::nullopt, kPageSize);
            first << ms();
            if (!page) {
                QTextStream(stderr) << page.error().message << "\n";
                return 1;
            }
            if (!kind.deep || i >= samples / 2)
                continue; // deep OFFSET pages are slow: half the samples
            // The cursor of the row before page 10,000 (not timed).
            const qint64 deepOffset = (kDeepPage - 1) * kPageSize;
            auto before = store.pageAt(f, deepOffset - 1, 1);
            if (!before || before->entries.isEmpty()) {
                QTextStream(stderr) << kind.name << ": fewer than 10,000 pages\n";
                return 1;
            }
            timer.restart();
            auto keyset = store.page(f, before->entries.constLast().cursor, kPageSize);
            deep << ms();
            timer.restart();
            auto byOffset = store.pageAt(f, deepOffset, kPageSize);
            offset << ms();
            if (!keyset || !byOffset || keyset->entries.size() != byOffset->entries.size() ||
                keyset->entries.constFirst().id != byOffset->entries.constFirst().id) {
                QTextStream(stderr) << kind.name << ": keyset and OFFSET pages differ\n";
                return 1;
            }
        }
        allFirst << first;
        allDeep << deep;
        allOffset << offset;
        auto pair = [](const QList<double> &v) {
            return v.isEmpty() ? u"–"_s
                               : u"%1 / %2"_s.arg(bench::percentile(v, 0.5), 0, 'f', 2)
                                     .arg(bench::percentile(v, 0.95), 0, 'f', 2);
        };
        out << u"| %1 | %2 | %3 | %4 | %5 |\n"_s.arg(
            kind.name, pair(first), pair(deep), pair(offset),
            deep.isEmpty()
                ? u"–"_s
                : u"%1×"_s.arg(bench::percentile(offset, 0.5) / bench::percentile(deep, 0.5), 0,
                               'f', 0));
    }
    out << u"| **all filters** | %1 / %2 | %3 / %4 | %5 / %6 | %7× |\n\n"_s
               .arg(bench::percentile(allFirst, 0.5), 0, 'f', 2)
               .arg(bench::percentile(allFirst, 0.95), 0, 'f', 2)
               .arg(bench::percentile(allDeep, 0.5), 0, 'f', 2)
               .arg(bench::percentile(allDeep, 0.95), 0, 'f', 2)
               .arg(bench::percentile(allOffset, 0.5), 0, 'f', 2)
               .arg(bench::percentile(allOffset, 0.95), 0, 'f', 2)
               .arg(bench::percentile(allOffset, 0.5) / bench::percentile(allDeep, 0.5), 0, 'f', 0);

    // --- 2. CSV export of one shop's history --------------------------------
    QTemporaryDir dir;
    CsvExport::Job job;
    job.database = target;
    HistoryFilter shop;
    shop.shopId = 1;
    job.sql = store.exportSql(shop, &job.values).value();
    job.headers = {u"at"_s,          u"plu"_s,   u"action"_s, u"shelf_delta"_s,
                   u"shelf_after"_s, u"staff"_s, u"reason"_s};
    job.format = [](const QSqlQuery &q, const CsvFormat &) {
        const HistoryEntry e = HistoryStore::entryFromQuery(q);
        return QStringList {e.at.toUTC().toString(Qt::ISODateWithMs),
                            e.plu,
                            e.action,
                            QString::number(e.shelfDelta),
                            QString::number(e.shelfAfter),
                            e.staffName,
                            e.reason};
    };
    job.path = dir.filePath(u"history.csv"_s);
    const qint64 rssBefore = bench::rssKb();
    qint64 rssPeak = rssBefore;
    timer.restart();
    auto written = CsvExport::run(job, [&](qint64) {
        rssPeak = qMax(rssPeak, bench::rssKb());
        return true;
    });
    const double seconds = double(timer.elapsed()) / 1000;
    if (!written) {
        QTextStream(stderr) << written.error().message << "\n";
        return 1;
    }
    out << "| CSV export, one shop's history | rows | seconds | rows per second | memory growth "
           "MB |\n|---|---:|---:|---:|---:|\n";
    out << u"| HistoryStore::exportSql through CsvExport | %1 | %2 | %3 | %4 |\n"_s
               .arg(written.value())
               .arg(seconds, 0, 'f', 1)
               .arg(double(written.value()) / seconds, 0, 'f', 0)
               .arg(double(rssPeak - rssBefore) / 1024, 0, 'f', 1);
    if (!parser.isSet(keepOption))
        bench::dropDatabase(*server, name);
    return 0;
}
