// How fast demo data is made: the server-side generator against the
// row-by-row loop it replaces (one prepared INSERT per customer, as a
// Faker-and-ORM script does), in the same run on the same server.
//
//   bench_demodata [--customers N] [--baseline-rows M]
// Needs SHOPDESK_BENCH_DB (or SHOPDESK_TEST_DB): a server URL whose user may
// create databases; see scripts/bench.

#include "BenchSupport.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/demo/DemoDataGenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"shopdesk.*=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption customersOption(u"customers"_s, u"customers to generate"_s, u"N"_s,
                                             u"1000000"_s);
    const QCommandLineOption baselineOption(
        u"baseline-rows"_s, u"rows for the row-by-row baseline"_s, u"M"_s, u"20000"_s);
    parser.addOptions({customersOption, baselineOption});
    parser.process(app);
    const qint64 customers = parser.value(customersOption).toLongLong();
    const qint64 baselineRows = parser.value(baselineOption).toLongLong();

    const auto server = bench::server(u"bench_demodata"_s);
    if (!server)
        return 2;
    const QString name = u"bench_demodata"_s;

    // 1. The generator: 1M customers plus the rest of the demo shop.
    auto target = bench::freshDatabase(*server, name);
    if (!target)
        return 1;
    DemoOptions options;
    options.customers = customers;
    options.history = 0;
    QElapsedTimer timer;
    timer.start();
    auto summary = DemoDataGenerator(*target, options).run();
    const double generatorSeconds = double(timer.elapsed()) / 1000.0;
    if (!summary) {
        QTextStream(stderr) << summary.error().message << "\n";
        return 1;
    }

    // 2. The baseline: the same rows, one INSERT round trip each (indexes kept, as an app would).
    target = bench::freshDatabase(*server, name);
    if (!target)
        return 1;
    double baselineSeconds = 0;
    {
        ScopedConnection conn(*target, u"bench"_s);
        QSqlQuery insert(conn.db());
        insert.prepare(
            u"INSERT INTO customers (first_name, last_name, age, gender, problems, phone, email) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        timer.restart();
        conn.db().transaction();
        for (qint64 i = 0; i < baselineRows; ++i) {
            insert.addBindValue(u"Иван"_s);
            insert.addBindValue(u"Петров"_s);
            insert.addBindValue(int(16 + i % 75));
            insert.addBindValue(u"male"_s);
            insert.addBindValue(i % 10 < 3);
            insert.addBindValue(u"+7 900 000-00-00"_s);
            insert.addBindValue(u"ivan.petrov@mail.ru"_s);
            if (!insert.exec())
                return 1;
        }
        conn.db().commit();
        baselineSeconds = double(timer.elapsed()) / 1000.0;
    }
    bench::dropDatabase(*server, name);

    const double generatorRate = double(customers) / generatorSeconds;
    const double baselineRate = double(baselineRows) / baselineSeconds;
    out << "| method | rows | seconds | customers/s |\n|---|---:|---:|---:|\n";
    out << u"| server-side generator (whole demo shop, %1 customers) | %1 | %2 | %3 |\n"_s
               .arg(customers)
               .arg(generatorSeconds, 0, 'f', 1)
               .arg(generatorRate, 0, 'f', 0);
    out << u"| row by row, prepared INSERT per customer (baseline) | %1 | %2 | %3 |\n"_s
               .arg(baselineRows)
               .arg(baselineSeconds, 0, 'f', 1)
               .arg(baselineRate, 0, 'f', 0);
    out << u"\nratio: the generator makes customers %1x as fast; %2 customers row by row would "
           u"take "
           "about %3 s\n"_s.arg(generatorRate / baselineRate, 0, 'f', 1)
               .arg(customers)
               .arg(double(customers) / baselineRate, 0, 'f', 0);
    return 0;
}
