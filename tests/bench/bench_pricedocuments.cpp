// A price-change document over a whole catalog (issue 17): 100,000 products
// with their stock in three shops, every price raised by 1 % to the kopeck.
//  - the document: addLines (the rule applied to every product, the lines
//    written) and post (the prices, their price rows, changes, history rows
//    and shelf labels, in one transaction), through PriceDocumentStore;
//  - the baseline: a plain UPDATE … FROM of the same kind of new prices in
//    one statement (the schema's triggers fire for it as for any writer).
// Rounds alternate which goes first; the medians are printed with ratios.
//
//   bench_pricedocuments [--products N] [--rounds R] [--keep]
// Needs SHOPDESK_BENCH_DB; see scripts/bench.

#include "BenchSupport.h"
#include "models/core/PgArray.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/db/Database.h"
#include "models/documents/PriceDocumentStore.h"

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

bool fail(const StoreError &error)
{
    QTextStream(stderr) << error.message << "\n";
    return false;
}

// The median of a few timings, in seconds.
double median(QList<double> values)
{
    return bench::percentile(std::move(values), 0.5);
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
    const QCommandLineOption roundsOption(u"rounds"_s, u"documents to time"_s, u"R"_s, u"3"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"keep the database for a look with psql"_s);
    parser.addOptions({productsOption, roundsOption, keepOption});
    parser.process(app);
    const qint64 products = parser.value(productsOption).toLongLong();
    const int rounds = qMax(1, parser.value(roundsOption).toInt());

    const auto server = bench::server(u"bench_pricedocuments"_s);
    if (!server)
        return 2;
    const auto fresh = bench::freshDatabase(*server, u"bench_pricedocuments"_s);
    if (!fresh)
        return 1;
    ScopedConnection conn(*fresh, u"bench"_s);
    const QSqlDatabase db = conn.db();
    QElapsedTimer timer;
    timer.start();
    const QStringList setup {
        u"INSERT INTO shops (code, name) VALUES ('B1', 'Bench one'), ('B2', 'Bench two'), "
        "('B3', 'Bench three')"_s,
        u"INSERT INTO staff (login, display_name, role, password_hash) VALUES ('bench', 'Bench', "
        "'manager', 'pbkdf2-sha256$1$AAAA$AAAA')"_s,
        u"INSERT INTO products (plu, name, price) SELECT (100000 + g)::text, 'Product #' || g, "
        "1000 + g % 50000 FROM generate_series(1, %1) g"_s.arg(products),
        u"INSERT INTO stocks (product_id, shop_id, shelf_qty) SELECT p.id, s.id, p.id % 200 "
        "FROM products p CROSS JOIN shops s"_s,
        u"VACUUM ANALYZE"_s,
    };
    for (const QString &sql : setup)
        if (auto done = Sql::run(db, sql); !done) {
            fail(done.error());
            return 1;
        }
    out << u"data: %1 products, %2 stock rows, made in %3 s\n\n"_s.arg(products)
               .arg(products * 3)
               .arg(double(timer.elapsed()) / 1000, 0, 'f', 1);
    out.flush();

    Actor actor;
    actor.staffId = Sql::scalar(db, u"SELECT id FROM staff"_s).value().toLongLong();
    actor.role = Role::Manager;
    PriceDocumentStore documents(db);
    const PriceRule rule = PriceRule::changeByPercent(100);
    QList<double> addSeconds, postSeconds, plainSeconds;
    const qint64 rssBefore = bench::rssKb();
    qint64 rssPeak = rssBefore;

    const auto runDocument = [&]() -> bool {
        auto draft = documents.createDraft(actor, {u"bench"_s, {}});
        if (!draft)
            return fail(draft.error());
        timer.restart();
        auto added = documents.addLines(actor, draft->id, PriceSelection::all(), rule);
        if (!added)
            return fail(added.error());
        addSeconds << double(timer.nsecsElapsed()) / 1e9;
        rssPeak = qMax(rssPeak, bench::rssKb());
        timer.restart();
        auto posted = documents.post(actor, draft->id);
        if (!posted)
            return fail(posted.error());
        postSeconds << double(timer.nsecsElapsed()) / 1e9;
        if (posted->changed != products)
            QTextStream(stderr) << "changed " << posted->changed << " of " << products << "\n";
        return true;
    };
    const auto runPlain = [&]() -> bool {
        // The same work a script would do: read the prices, compute, write
        // them back in one UPDATE … FROM.
        timer.restart();
        QList<qint64> ids, prices;
        auto q = Sql::run(db, u"SELECT id, price FROM products ORDER BY id"_s);
        if (!q)
            return fail(q.error());
        while (q.value().next()) {
            ids << q.value().value(0).toLongLong();
            prices << rule.apply(q.value().value(1).toLongLong()).value();
        }
        Transaction tx(db);
        auto updated = Sql::run(db,
                                u"UPDATE products p SET price = v.price, updated_at = now() "
                                "FROM unnest(?::bigint[], ?::bigint[]) AS v (id, price) "
                                "WHERE p.id = v.id"_s,
                                {PgArray::integers(ids), PgArray::integers(prices)});
        if (!updated)
            return fail(updated.error());
        if (auto done = tx.commit(); !done)
            return fail(done.error());
        plainSeconds << double(timer.nsecsElapsed()) / 1e9;
        return true;
    };
    for (int round = 0; round < rounds; ++round) {
        const bool documentFirst = round % 2 == 0;
        if (!(documentFirst ? runDocument() : runPlain()))
            return 1;
        if (!(documentFirst ? runPlain() : runDocument()))
            return 1;
        // Both leave dead rows behind; each round starts from the same state.
        if (auto vacuumed = Sql::run(db, u"VACUUM ANALYZE"_s); !vacuumed) {
            fail(vacuumed.error());
            return 1;
        }
        out << u"round %1: document add %2 s + post %3 s, plain UPDATE %4 s\n"_s.arg(round + 1)
                   .arg(addSeconds.last(), 0, 'f', 2)
                   .arg(postSeconds.last(), 0, 'f', 2)
                   .arg(plainSeconds.last(), 0, 'f', 2);
        out.flush();
    }
    const double add = median(addSeconds), post = median(postSeconds), plain = median(plainSeconds);
    out << u"\nmedian of %1 round(s), %2 products:\n"_s.arg(rounds).arg(products);
    out << u"  document: add lines %1 s, post %2 s, together %3 s\n"_s.arg(add, 0, 'f', 2)
               .arg(post, 0, 'f', 2)
               .arg(add + post, 0, 'f', 2);
    out << u"  plain UPDATE ... FROM: %1 s\n"_s.arg(plain, 0, 'f', 2);
    out << u"  post / plain %1x, (add + post) / plain %2x\n"_s.arg(post / plain, 0, 'f', 2)
               .arg((add + post) / plain, 0, 'f', 2);
    out << u"  memory: %1 MiB more while adding the lines\n"_s.arg(
        double(rssPeak - rssBefore) / 1024, 0, 'f', 1);
    out.flush();
    if (!parser.isSet(keepOption))
        bench::dropDatabase(*server, u"bench_pricedocuments"_s);
    return 0;
}
