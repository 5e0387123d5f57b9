// Importing a supplier's 100,000-row price list into a catalog of 100,000
// products (issue 18, item 6) through PriceListImportStore::apply: the same
// list as CSV (UTF-8, comma-separated, Cyrillic names quoted) and as XLSX
// written by python3-xlsxwriter (tests/data/price_list_from_csv.py). Of its
// rows, 50 % change an existing product's retail and purchase price, 20 %
// repeat the product's price (unchanged), 10 % are new products in an
// existing category, 10 % have a zero price and 10 % an unknown category
// (both refused).
// Baseline in the same run: the CSV loaded with a server-side COPY into a
// table and the same retail prices written by one plain UPDATE … FROM it (no
// checks, no history, no labels, no supplier prices).
//
// Every run starts from a copy of the same catalog (CREATE DATABASE …
// TEMPLATE) in a child process of its own (this program again, --measure),
// which reports its resident set before and its peak (VmHWM) after: the
// growth is what the import cost in memory.
//
//   scripts/bench bench_pricelistimport [--rows N] [--repeat R]
// Needs SHOPDESK_BENCH_DB (a superuser, for COPY) and /usr/bin/python3 with
// python3-xlsxwriter.

#include "BenchSupport.h"
#include "models/core/Actor.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/imports/PriceListImportStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

const QString kCatalog = u"bench_pricelist_catalog"_s;
const QString kRun = u"bench_pricelist_run"_s;

qint64 peakKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

QString money(qint64 minor)
{
    return u"%1.%2"_s.arg(minor / 100).arg(minor % 100, 2, 10, QChar(u'0'));
}

// The list: row i+1 is about product i (PLU P000001…).
QByteArray csvText(int rows)
{
    QByteArray text = "PLU,Barcode,Name,Purchase price,Retail price,Category\r\n";
    for (int i = 1; i <= rows; ++i) {
        const QString plu = u"P%1"_s.arg(i, 6, 10, QChar(u'0'));
        const qint64 current = 10000 + i; // the catalog's price
        QString line;
        switch (i % 10) {
        case 0:
        case 1:
        case 2:
        case 3:
        case 4: // a new price
            line = plu + u",,\"Молоко 3,2% партия %1\","_s.arg(i) + money(current / 2) + u',' +
                money(current + 150) + u',';
            break;
        case 5:
        case 6: // the same price
            line = plu + u",,\"Молоко 3,2% партия %1\",,"_s.arg(i) + money(current) + u',';
            break;
        case 7: // a new product
            line = u"N%1,,\"Кефир 1%, партия %1\","_s.arg(i, 6, 10, QChar(u'0')) +
                money(4000 + i % 1000) + u',' + money(7000 + i % 1000) + u",Молочное / Кефир"_s;
            break;
        case 8: // refused: a zero price
            line = plu + u",,\"Молоко 3,2% партия %1\",10.00,0,"_s.arg(i);
            break;
        default: // refused: no such category
            line = u"N%1,,\"Ряженка, партия %1\",40.00,70.00,Молочка / Ряженка"_s.arg(i, 6, 10,
                                                                                      QChar(u'0'));
        }
        text += line.toUtf8() + "\r\n";
    }
    return text;
}

struct Measure
{
    double seconds = 0;
    qint64 startKb = 0;
    qint64 peakKb = 0;
    QString counts;
};

PriceListMapping mapping()
{
    return PriceListMapping::guess(
        {u"PLU"_s, u"Barcode"_s, u"Name"_s, u"Purchase price"_s, u"Retail price"_s, u"Category"_s});
}

// In the child: one import (or the baseline) into the run's database.
int measure(const QString &kind, const QString &path, const QString &csvPath)
{
    const auto server = bench::server(u"bench_pricelistimport"_s);
    if (!server)
        return 1;
    ScopedConnection conn(server->withDatabase(kRun), u"bench-run"_s);
    if (!conn.isOpen())
        return 1;
    const qint64 supplier =
        Sql::scalar(conn.db(), u"SELECT min(id) FROM suppliers"_s).value().toLongLong();
    Measure m;
    m.startKb = bench::rssKb();
    QElapsedTimer timer;
    timer.start();
    if (kind == u"import") {
        const Actor actor {0, u"bench"_s, u"Bench"_s, Role::Manager, 0};
        // Every refused row to a file, as the dialog asks.
        const QString refused = QFileInfo(path).dir().filePath(u"refused.csv"_s);
        auto done = PriceListImportStore(conn.db()).apply(actor, supplier, path, mapping(), nullptr,
                                                          {}, refused);
        if (!done) {
            err << done.error().message << '\n';
            return 1;
        }
        m.counts = u"%1 new, %2 updated, %3 unchanged, %4 refused"_s.arg(done->counts.created)
                       .arg(done->counts.updated)
                       .arg(done->counts.unchanged)
                       .arg(done->counts.refused);
    } else if (kind == u"copy-update") {
        if (!bench::exec(conn.db(), u"BEGIN"_s) ||
            !bench::exec(conn.db(),
                         u"CREATE TEMP TABLE list (plu text, barcode text, name text, "
                         "purchase text, retail text, category text)"_s) ||
            !bench::exec(conn.db(),
                         u"COPY list FROM '%1' WITH (FORMAT csv, HEADER true)"_s.arg(csvPath)))
            return 1;
        auto q = Sql::run(conn.db(),
                          u"UPDATE products p SET price = (l.retail::numeric * 100)::bigint, "
                          "updated_at = now() FROM list l WHERE p.plu = l.plu "
                          "AND l.retail::numeric > 0 AND p.price <> (l.retail::numeric * 100)"_s);
        if (!q) {
            err << q.error().message << '\n';
            return 1;
        }
        m.counts = u"%1 updated"_s.arg(q.value().numRowsAffected());
        if (!bench::exec(conn.db(), u"COMMIT"_s))
            return 1;
    } else {
        return 2;
    }
    m.seconds = timer.nsecsElapsed() / 1e9;
    m.peakKb = peakKb();
    out << m.seconds << ' ' << m.startKb << ' ' << m.peakKb << ' ' << m.counts << '\n';
    return 0;
}

bool makeCatalog(const DbConfig &server, int products)
{
    const auto target = bench::freshDatabase(server, kCatalog);
    if (!target)
        return false;
    ScopedConnection conn(*target, u"bench-catalog"_s);
    return bench::exec(conn.db(), u"INSERT INTO suppliers (name) VALUES ('Dairy Farm LLC')"_s) &&
        bench::exec(conn.db(), u"INSERT INTO categories (name) VALUES ('Молочное')"_s) &&
        bench::exec(conn.db(),
                    u"INSERT INTO categories (parent_id, name) "
                    "SELECT id, 'Кефир' FROM categories"_s) &&
        bench::exec(
               conn.db(),
               u"INSERT INTO products (plu, name, price) SELECT 'P' || lpad(i::text, 6, "
               "'0'), 'Молоко 3,2% партия ' || i, 10000 + i FROM generate_series(1, %1) i"_s.arg(
                   products)) &&
        bench::exec(conn.db(), u"VACUUM ANALYZE"_s);
}

// In the parent: a fresh copy of the catalog and a child per run; the median
// time, the largest peak and growth.
std::optional<Measure> run(const DbConfig &server, const QString &kind, const QString &path,
                           const QString &csvPath, int repeat)
{
    QList<double> times;
    Measure result;
    for (int i = 0; i < repeat; ++i) {
        bench::dropDatabase(server, kRun);
        {
            ScopedConnection admin(server, u"bench-admin"_s);
            if (!bench::exec(admin.db(), u"CREATE DATABASE %1 TEMPLATE %2"_s.arg(kRun, kCatalog)))
                return std::nullopt;
        }
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {u"--measure"_s, kind, u"--file"_s, path, u"--csv"_s, csvPath});
        if (!child.waitForFinished(-1) || child.exitCode() != 0) {
            err << kind << " " << path << " failed: " << child.readAllStandardError() << '\n';
            return std::nullopt;
        }
        const QString line = QString::fromUtf8(child.readAllStandardOutput().trimmed());
        const QStringList fields = line.split(u' ');
        times << fields.value(0).toDouble();
        result.startKb = std::max(result.startKb, fields.value(1).toLongLong());
        result.peakKb = std::max(result.peakKb, fields.value(2).toLongLong());
        result.counts = fields.mid(3).join(u' ');
    }
    bench::dropDatabase(server, kRun);
    result.seconds = bench::percentile(times, 0.5);
    return result;
}

QString mib(qint64 kb)
{
    return QString::number(kb / 1024.0, 'f', 1) + u" MiB"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"rows"_s, u"Rows in the list and products in the catalog (100000)."_s,
                      u"n"_s, u"100000"_s});
    parser.addOption({u"repeat"_s, u"Runs of each, the median reported (3)."_s, u"r"_s, u"3"_s});
    parser.addOption({u"measure"_s, u"(internal) measure one import."_s, u"kind"_s});
    parser.addOption({u"file"_s, u"(internal) the file to import."_s, u"path"_s});
    parser.addOption({u"csv"_s, u"(internal) the list as CSV, for COPY."_s, u"path"_s});
    parser.process(app);
    if (parser.isSet(u"measure"_s))
        return measure(parser.value(u"measure"_s), parser.value(u"file"_s), parser.value(u"csv"_s));

    const auto server = bench::server(u"bench_pricelistimport"_s);
    if (!server)
        return 1;
    const int rows = std::max(10, parser.value(u"rows"_s).toInt());
    const int repeat = std::max(1, parser.value(u"repeat"_s).toInt());
    // The server reads the CSV for COPY: a folder it may enter.
    QTemporaryDir temporary;
    const QDir dir(temporary.path());
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                              QFileDevice::ReadOther | QFileDevice::ExeOther |
                              QFileDevice::ReadGroup | QFileDevice::ExeGroup);
    const QString csv = dir.filePath(u"prices.csv"_s);
    const QString xlsx = dir.filePath(u"prices.xlsx"_s);
    {
        QFile file(csv);
        const QByteArray bytes = csvText(rows);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            err << "cannot write " << csv << '\n';
            return 1;
        }
        file.setPermissions(file.permissions() | QFileDevice::ReadOther | QFileDevice::ReadGroup);
    }
    QProcess writer;
    writer.setProcessChannelMode(QProcess::ForwardedChannels);
    writer.start(
        QStandardPaths::findExecutable(u"python3"_s, {u"/usr/bin"_s}),
        {QStringLiteral(SHOPDESK_SOURCE_DIR) + u"/tests/data/price_list_from_csv.py"_s, csv, xlsx});
    if (!writer.waitForFinished(-1) || writer.exitCode() != 0) {
        err << "python3 with python3-xlsxwriter could not write " << xlsx << '\n';
        return 1;
    }

    QElapsedTimer made;
    made.start();
    if (!makeCatalog(*server, rows))
        return 1;
    out << "bench_pricelistimport: a " << rows << "-row list into " << rows
        << " products (catalog made in " << QString::number(made.nsecsElapsed() / 1e9, 'f', 1)
        << " s), median of " << repeat << " runs, each in its own process and database copy\n\n";
    out << "| file | size | what | seconds | rows | resident before | peak (VmHWM) | growth |\n";
    out << "|---|---:|---|---:|---|---:|---:|---:|\n";
    const auto base = run(*server, u"copy-update"_s, csv, csv, repeat);
    if (!base)
        return 1;
    const auto row = [&](const QString &file, const QString &path, const QString &what,
                         const Measure &m) {
        out << "| " << file << " | " << mib(QFileInfo(path).size() / 1024) << " | " << what << " | "
            << QString::number(m.seconds, 'f', 2) << " | " << m.counts << " | " << mib(m.startKb)
            << " | " << mib(m.peakKb) << " | " << mib(m.peakKb - m.startKb) << " |\n";
        out.flush();
    };
    row(u"CSV"_s, csv, u"COPY + one UPDATE … FROM (baseline)"_s, *base);
    for (const auto &[file, path] : {std::pair {u"CSV"_s, csv}, std::pair {u"XLSX"_s, xlsx}}) {
        const auto imported = run(*server, u"import"_s, path, csv, repeat);
        if (!imported)
            return 1;
        row(file, path, u"PriceListImportStore::apply"_s, *imported);
        out << "| " << file << " | | ratio to the baseline | "
            << QString::number(imported->seconds / std::max(base->seconds, 1e-9), 'f', 1)
            << "× | | | | |\n";
    }
    bench::dropDatabase(*server, kCatalog);
    return 0;
}
