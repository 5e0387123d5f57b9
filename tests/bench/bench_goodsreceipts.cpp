// Posting a goods receipt of 1,000 lines (issue 18) in a shop with a
// 100,000-product catalog and its stock:
//  - the receipt: GoodsReceiptStore::post (every line's stock, history row
//    and outbox event in one applyAll statement, the costs, the supplier's
//    prices, in one transaction), the draft saved beforehand;
//  - the baseline: the same stock changes made the way a stock keeper makes
//    them today, one StockStore::increase per line (each its own statement
//    and transaction).
// Rounds alternate which goes first; the medians are printed with ratios.
//
//   bench_goodsreceipts [--products N] [--lines L] [--rounds R]
// Needs SHOPDESK_BENCH_DB; see scripts/bench.

#include "BenchSupport.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/documents/GoodsReceiptStore.h"
#include "models/stock/StockStore.h"
#include "models/suppliers/SupplierStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);

bool fail(const StoreError &error)
{
    QTextStream(stderr) << error.message << "\n";
    return false;
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
    const QCommandLineOption linesOption(u"lines"_s, u"lines per receipt"_s, u"L"_s, u"1000"_s);
    const QCommandLineOption roundsOption(u"rounds"_s, u"receipts to time"_s, u"R"_s, u"5"_s);
    parser.addOptions({productsOption, linesOption, roundsOption});
    parser.process(app);
    const qint64 products = parser.value(productsOption).toLongLong();
    const int lineCount =
        qBound(1, parser.value(linesOption).toInt(), GoodsReceiptStore::kMaxLines);
    const int rounds = qMax(1, parser.value(roundsOption).toInt());

    const auto server = bench::server(u"bench_goodsreceipts"_s);
    if (!server)
        return 2;
    const auto fresh = bench::freshDatabase(*server, u"bench_goodsreceipts"_s);
    if (!fresh)
        return 1;
    ScopedConnection conn(*fresh, u"bench"_s);
    const QSqlDatabase db = conn.db();
    const QStringList setup {
        u"INSERT INTO shops (code, name) VALUES ('B1', 'Bench one')"_s,
        u"INSERT INTO staff (login, display_name, role, password_hash) VALUES ('bench', 'Bench', "
        "'stock_keeper', 'pbkdf2-sha256$1$AAAA$AAAA')"_s,
        u"INSERT INTO products (plu, name, price) SELECT (100000 + g)::text, 'Product #' || g, "
        "1000 + g % 50000 FROM generate_series(1, %1) g"_s.arg(products),
        u"INSERT INTO stocks (product_id, shop_id, shelf_qty) SELECT p.id, 1, p.id % 200 "
        "FROM products p"_s,
        u"VACUUM ANALYZE"_s,
    };
    for (const QString &sql : setup)
        if (!bench::exec(db, sql))
            return 1;

    Actor actor;
    actor.staffId = Sql::scalar(db, u"SELECT id FROM staff"_s).value().toLongLong();
    actor.role = Role::StockKeeper;
    auto supplier = SupplierStore(db).create(actor, {0, u"Bench supplier"_s, {}, {}, true});
    if (!supplier) {
        fail(supplier.error());
        return 1;
    }
    GoodsReceiptStore receipts(db);
    StockStore stock(db);

    // Each round takes its own products: a different stretch of the catalog.
    const auto linesFor = [&](int round) -> std::optional<QList<ReceiptLine>> {
        QList<ReceiptLine> lines;
        auto q = Sql::run(
            db, u"SELECT id, plu FROM products ORDER BY id OFFSET ? LIMIT ?"_s,
            {qint64(round) * lineCount * 2 % qMax<qint64>(1, products - lineCount), lineCount});
        if (!q) {
            fail(q.error());
            return std::nullopt;
        }
        while (q.value().next()) {
            ReceiptLine l;
            l.productId = q.value().value(0).toLongLong();
            l.plu = q.value().value(1).toString();
            l.quantity = 12;
            l.price = 4500 + int(l.productId % 100);
            lines << l;
        }
        return lines;
    };

    QList<double> postSeconds, singleSeconds;
    QElapsedTimer timer;
    const auto runReceipt = [&](const QList<ReceiptLine> &lines) -> bool {
        auto draft = receipts.createDraft(actor, 1, {supplier->id, u"B-1"_s, {}, {}});
        if (!draft)
            return fail(draft.error());
        auto saved = receipts.saveDraft(actor, draft->id, draft->revision, draft->header, lines);
        if (!saved)
            return fail(saved.error());
        timer.restart();
        auto posted = receipts.post(actor, draft->id, saved->revision);
        if (!posted)
            return fail(posted.error());
        postSeconds << double(timer.nsecsElapsed()) / 1e9;
        return true;
    };
    const auto runSingles = [&](const QList<ReceiptLine> &lines) -> bool {
        timer.restart();
        for (const ReceiptLine &l : lines) {
            auto done = stock.increase(
                actor, {1, l.plu, StockQuantity::Shelf, l.quantity, u"Delivery B-1"_s});
            if (!done)
                return fail(done.error());
        }
        singleSeconds << double(timer.nsecsElapsed()) / 1e9;
        return true;
    };
    for (int round = 0; round < rounds; ++round) {
        const auto receiptLines = linesFor(2 * round);
        const auto singleLines = linesFor(2 * round + 1);
        if (!receiptLines || !singleLines)
            return 1;
        const bool receiptFirst = round % 2 == 0;
        if (receiptFirst ? !runReceipt(*receiptLines) : !runSingles(*singleLines))
            return 1;
        if (receiptFirst ? !runSingles(*singleLines) : !runReceipt(*receiptLines))
            return 1;
    }
    const double post = bench::percentile(postSeconds, 0.5) * 1000;
    const double singles = bench::percentile(singleSeconds, 0.5) * 1000;
    out << u"| catalog | lines | receipt posted (ms) | single adjustments (ms) | "
           "singles / receipt |\n|---:|---:|---:|---:|---:|\n"_s;
    out << u"| %1 | %2 | %3 | %4 | %5 |\n"_s.arg(products)
               .arg(lineCount)
               .arg(post, 0, 'f', 0)
               .arg(singles, 0, 'f', 0)
               .arg(singles / qMax(post, 0.001), 0, 'f', 1);
    out << u"(medians of %1 rounds)\n"_s.arg(rounds);
    bench::dropDatabase(*server, u"bench_goodsreceipts"_s);
    return 0;
}
