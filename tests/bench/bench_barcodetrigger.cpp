// New products' main barcodes into product_barcodes (issue 17, migration
// 0027): 100,000 products inserted in one statement, as a first catalog pull
// does, into an empty migrated database, with
//  - 0027's statement trigger (one INSERT … SELECT over the new rows), and
//  - 0023's row trigger it replaced (a PL/pgSQL call, a locking lookup and an
//    INSERT per product), put back for the comparison.
// The name-search index is off in both (a first pull builds it at the end),
// so the figures are the barcode trigger's share. Rounds alternate which goes
// first; the medians are printed with their ratio.
//
//   bench_barcodetrigger [--products N] [--rounds R]
// Needs SHOPDESK_BENCH_DB; see scripts/bench.

#include "BenchSupport.h"
#include "models/db/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

const QString kStatementTrigger =
    u"DROP TRIGGER IF EXISTS products_new_main_barcode ON products; "
    "DROP TRIGGER IF EXISTS products_new_main_barcodes ON products; "
    "CREATE TRIGGER products_new_main_barcodes AFTER INSERT ON products "
    "REFERENCING NEW TABLE AS new_products FOR EACH STATEMENT "
    "EXECUTE FUNCTION products_keep_new_main_barcodes()"_s;
const QString kRowTrigger = u"DROP TRIGGER IF EXISTS products_new_main_barcode ON products; "
                            "DROP TRIGGER IF EXISTS products_new_main_barcodes ON products; "
                            "CREATE TRIGGER products_new_main_barcode AFTER INSERT ON products "
                            "FOR EACH ROW WHEN (NEW.barcode IS NOT NULL) "
                            "EXECUTE FUNCTION products_keep_main_barcode()"_s;

// Seconds to insert `products` new products with EAN-13-shaped barcodes
// under `trigger`, from an empty catalog; -1 when a statement failed.
double timedInsert(const QSqlDatabase &db, const QString &trigger, qint64 products)
{
    if (!bench::exec(db,
                     u"TRUNCATE products, product_barcodes, product_prices, "
                     "product_changes, history, label_queue CASCADE"_s) ||
        !bench::exec(db, trigger))
        return -1;
    QElapsedTimer timer;
    timer.start();
    if (!bench::exec(db,
                     u"INSERT INTO products (plu, name, price, barcode) "
                     "SELECT 'P' || g, 'Product ' || g, 1000 + g, "
                     "lpad(g::text, 12, '0') || '0' FROM generate_series(1, %1) g"_s.arg(products)))
        return -1;
    return timer.elapsed() / 1000.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"shopdesk.*=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption productsOption(u"products"_s, u"products per insert"_s, u"N"_s,
                                            u"100000"_s);
    const QCommandLineOption roundsOption(u"rounds"_s, u"inserts of each kind"_s, u"R"_s, u"5"_s);
    parser.addOptions({productsOption, roundsOption});
    parser.process(app);
    const qint64 products = parser.value(productsOption).toLongLong();
    const int rounds = parser.value(roundsOption).toInt();
    if (products < 1 || rounds < 1) {
        QTextStream(stderr) << "--products and --rounds must be positive\n";
        return 2;
    }
    const auto server = bench::server(u"bench_barcodetrigger"_s);
    if (!server)
        return 2;
    const QString name = u"bench_barcode_trigger"_s;
    const auto config = bench::freshDatabase(*server, name);
    if (!config)
        return 1;
    int status = 0;
    {
        ScopedConnection conn(*config, u"bench"_s);
        const QSqlDatabase &db = conn.db();
        if (!bench::exec(db, u"SELECT products_search_index_off()"_s))
            return 1;
        QList<double> statement, row;
        for (int round = 0; round < rounds && status == 0; ++round) {
            const bool statementFirst = round % 2 == 0;
            for (int turn = 0; turn < 2; ++turn) {
                const bool useStatement = (turn == 0) == statementFirst;
                const double seconds =
                    timedInsert(db, useStatement ? kStatementTrigger : kRowTrigger, products);
                if (seconds < 0) {
                    status = 1;
                    break;
                }
                (useStatement ? statement : row) << seconds;
            }
        }
        if (status == 0) {
            const double s = bench::percentile(statement, 0.5);
            const double r = bench::percentile(row, 0.5);
            QTextStream out(stdout);
            out << "| products | statement trigger (0027), s | row trigger (0023), s | "
                   "row / statement |\n|---:|---:|---:|---:|\n"
                << "| " << products << " | " << QString::number(s, 'f', 2) << " | "
                << QString::number(r, 'f', 2) << " | " << QString::number(r / s, 'f', 2) << " |\n";
        }
    }
    bench::dropDatabase(*server, name);
    return status;
}
