// The customer grid on 1M and 10M rows: the windowed CustomerModel against
// QSqlTableModel on the same table, in one run; and reset problems against
// psql running the single best statement and against a row-by-row loop.
//
//   bench_customers [--sizes 1000000,10000000]
// Needs SHOPDESK_BENCH_DB; see scripts/bench.

#include "BenchSupport.h"
#include "models/core/Sql.h"
#include "models/customers/CustomerModel.h"
#include "models/customers/CustomerStore.h"
#include "models/db/Database.h"
#include "models/db/PgBinaries.h"
#include "models/demo/DemoDataGenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QSqlQuery>
#include <QSqlTableModel>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);

// Runs the event loop until `done` holds (or 120 s pass); returns elapsed ms.
template<typename Done>
double waitFor(Done done)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return double(timer.nsecsElapsed()) / 1e6;
}

// Asks for row `row` as a view would, then waits until it has arrived.
double timeToRow(CustomerModel &model, int row)
{
    QElapsedTimer timer;
    timer.start();
    model.data(model.index(row, 0));
    waitFor([&] { return model.isRowLoaded(row); });
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"shopdesk.*=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption sizesOption(u"sizes"_s, u"table sizes"_s, u"N,M"_s,
                                         u"1000000,10000000"_s);
    parser.addOption(sizesOption);
    parser.process(app);

    const auto server = bench::server(u"bench_customers"_s);
    if (!server)
        return 2;
    const QString name = u"bench_customers"_s;
    const QString psql = PgBinaries::locate().value().binDir + u"/psql"_s;

    out << "| rows | model | first rows ms | last row after jump ms | re-sort ms | memory growth "
           "MB |\n"
           "|---:|---|---:|---:|---:|---:|\n";
    QStringList resetLines;
    for (const QString &sizeText : parser.value(sizesOption).split(u',')) {
        const qint64 size = sizeText.toLongLong();
        const auto fresh = bench::freshDatabase(*server, name);
        if (!fresh)
            return 1;
        const DbConfig target = *fresh;
        // The demo generator makes up to a million; larger tables repeat them.
        DemoOptions options;
        options.customers = qMin<qint64>(size, DemoOptions::kMaxCustomers);
        options.history = 0;
        options.products = 10;
        if (!DemoDataGenerator(target, options).run().ok())
            return 1;
        {
            ScopedConnection conn(target, u"setup"_s);
            const qint64 copies = size / options.customers - 1;
            if (copies > 0) {
                bench::exec(
                    conn.db(),
                    u"INSERT INTO customers (first_name, last_name, age, gender, problems, phone, "
                    u"email, created_at, updated_at) "
                    "SELECT first_name, last_name, age, gender, problems, phone, email, "
                    "created_at, updated_at "
                    "FROM customers CROSS JOIN generate_series(1, %1)"_s.arg(copies));
            }
            bench::exec(conn.db(), u"VACUUM ANALYZE customers"_s);
        }

        // --- the windowed model
        {
            const qint64 before = bench::rssKb();
            QElapsedTimer timer;
            timer.start();
            CustomerModel model(target);
            waitFor([&] { return model.rowCount() > 0; });
            model.data(model.index(0, 0));
            waitFor([&] { return model.isRowLoaded(0); });
            const double first = double(timer.nsecsElapsed()) / 1e6;
            waitFor([&] { return !model.isLoading(); }); // the exact count, the sparse index
            const double last = timeToRow(model, model.rowCount() - 1);
            timer.restart();
            model.sort(CustomerModel::Age, Qt::DescendingOrder);
            waitFor([&] { return model.rowCount() > 0; });
            const double resort = double(timer.nsecsElapsed()) / 1e6 + timeToRow(model, 0);
            const double grown = double(bench::rssKb() - before) / 1024.0;
            out << u"| %1 | CustomerModel (windowed) | %2 | %3 | %4 | %5 |\n"_s.arg(size)
                       .arg(first, 0, 'f', 1)
                       .arg(last, 0, 'f', 1)
                       .arg(resort, 0, 'f', 1)
                       .arg(grown, 0, 'f', 1);
        }
        // --- the baseline: QSqlTableModel reads the whole result first
        {
            const qint64 before = bench::rssKb();
            ScopedConnection conn(target, u"table-model"_s);
            QElapsedTimer timer;
            timer.start();
            QSqlTableModel model(nullptr, conn.db());
            model.setTable(u"customers"_s);
            model.setSort(2, Qt::AscendingOrder);
            model.select();
            model.data(model.index(0, 1));
            const double first = double(timer.nsecsElapsed()) / 1e6;
            timer.restart();
            while (model.canFetchMore())
                model.fetchMore();
            model.data(model.index(model.rowCount() - 1, 1));
            const double last = double(timer.nsecsElapsed()) / 1e6;
            timer.restart();
            model.setSort(3, Qt::DescendingOrder);
            model.select();
            model.data(model.index(0, 1));
            const double resort = double(timer.nsecsElapsed()) / 1e6;
            const double grown = double(bench::rssKb() - before) / 1024.0;
            out << u"| %1 | QSqlTableModel (baseline) | %2 | %3 | %4 | %5 |\n"_s.arg(size)
                       .arg(first, 0, 'f', 1)
                       .arg(last, 0, 'f', 1)
                       .arg(resort, 0, 'f', 1)
                       .arg(grown, 0, 'f', 1);
        }

        // --- reset problems, only at the first size (30% flagged each time)
        if (!resetLines.isEmpty())
            continue;
        ScopedConnection conn(target, u"reset"_s);
        const QString flag = u"UPDATE customers SET problems = (id % 10 < 3)"_s;
        auto reflag = [&] {
            bench::exec(conn.db(), flag);
            bench::exec(conn.db(), u"VACUUM ANALYZE customers"_s);
        };
        Actor manager;
        manager.staffId = 1;
        manager.role = Role::Manager;
        reflag();
        QElapsedTimer timer;
        timer.start();
        const qint64 cleared = CustomerStore(conn.db()).resetProblems(manager).value();
        const double ours = double(timer.nsecsElapsed()) / 1e6;

        reflag();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PGPASSWORD"_s, target.password);
        p.setProcessEnvironment(env);
        // psql's own timing of the one statement, without its start-up.
        p.start(psql,
                {u"-h"_s, target.host, u"-p"_s, QString::number(target.port), u"-U"_s, target.user,
                 u"-d"_s, target.database, u"-c"_s, u"\\timing on"_s, u"-c"_s,
                 u"UPDATE customers SET problems = false WHERE problems"_s});
        p.waitForFinished(600000);
        double psqlMs = 0;
        for (const QString &line : QString::fromLocal8Bit(p.readAllStandardOutput()).split(u'\n'))
            if (line.startsWith(u"Time: "_s))
                psqlMs = line.section(u' ', 1, 1).toDouble();

        reflag();
        const int sample = 20000;
        timer.restart();
        {
            QSqlQuery ids(conn.db());
            ids.exec(u"SELECT id FROM customers WHERE problems ORDER BY id LIMIT %1"_s.arg(sample));
            QSqlQuery update(conn.db());
            update.prepare(u"UPDATE customers SET problems = false WHERE id = ?"_s);
            while (ids.next()) {
                update.bindValue(0, ids.value(0));
                update.exec();
            }
        }
        const double loopRate = sample / (double(timer.nsecsElapsed()) / 1e9);
        resetLines
            << u"| CustomerStore::resetProblems (UPDATE … WHERE problems RETURNING, counted) | %1 | %2 |"_s
                   .arg(cleared)
                   .arg(ours, 0, 'f', 0)
            << u"| psql, the single best statement (no count) | %1 | %2 |"_s.arg(cleared).arg(
                   psqlMs, 0, 'f', 0)
            << u"| row by row: one UPDATE per id (20,000 sampled, extrapolated) | %1 | %2 |"_s
                   .arg(cleared)
                   .arg(double(cleared) / loopRate * 1000.0, 0, 'f', 0)
            << u"\nratio ours/psql: %1\n"_s.arg(ours / psqlMs, 0, 'f', 2);
        resetLines.prepend(
            u"\nreset problems on %1 customers, 30% flagged:\n\n| method | rows | ms |\n|---|---:|---:|"_s
                .arg(size));
    }
    out << resetLines.join(u'\n') << "\n";
    bench::dropDatabase(*server, name);
    return 0;
}
