// Security at the store level (issue 8): every permission is refused for
// every role without it, and nothing changes; text that looks like SQL or
// LIKE wildcards is stored and searched as the text it is.

#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/catalog/VatRateStore.h"
#include "models/core/Permissions.h"
#include "models/core/Sql.h"
#include "models/customers/CustomerStore.h"
#include "models/history/HistoryStore.h"
#include "models/orders/OrderStore.h"
#include "models/promotions/PromoStore.h"
#include "models/reports/ReportStore.h"
#include "models/settings/AppStateStore.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockStore.h"
#include "models/stock/StocktakeStore.h"
#include "models/sync/OutboxStore.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

// What a call returned, reduced to whether it was refused for permission.
struct Outcome
{
    bool refusedForPermission = false;
    QString message;
};

template<typename T>
Outcome outcomeOf(const Result<T> &r)
{
    if (r.ok())
        return {};
    return {r.error().code == StoreError::Code::Permission, r.error().message};
}

using Operation = std::function<Outcome(const QSqlDatabase &db, const Actor &actor)>;

struct Guarded
{
    QString name;
    Permission permission;
    Operation run;
};

const QStringList kRoles {u"cashier"_s, u"stock_keeper"_s, u"manager"_s, u"admin"_s};

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    QHash<QString, Actor> m_actors; // by role name
    Actor m_otherCashier;
    qint64 m_othersOrder = 0;
    qint64 m_customer = 0;
    qint64 m_historyRow = 0;

    // Everything a refused call might have touched, in one line.
    QString fingerprint() const
    {
        QSqlQuery q(m_tdb->db());
        const bool ok = q.exec(
            u"SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM stocks), "
            "(SELECT coalesce(sum(shelf_qty * 7 + order_qty), 0) FROM stocks), "
            "(SELECT count(*) FROM history), (SELECT count(*) FROM outbox), "
            "(SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL), "
            "(SELECT count(*) FROM customers), (SELECT count(*) FROM customers WHERE problems), "
            "(SELECT count(*) FROM staff), (SELECT string_agg(role || active::text, ',' ORDER BY "
            "id) FROM staff), "
            "(SELECT count(*) FROM stocktakes), "
            "(SELECT string_agg(status, ',' ORDER BY id) FROM orders), "
            "(SELECT count(*) FROM app_state)"_s);
        if (!ok || !q.next())
            return u"fingerprint failed"_s;
        QStringList parts;
        for (int i = 0; i < q.record().count(); ++i)
            parts << q.value(i).toString();
        return parts.join(u'|');
    }

    QList<Guarded> operations() const
    {
        const qint64 shop = m_shop;
        const qint64 order = m_othersOrder;
        const qint64 customer = m_customer;
        const qint64 row = m_historyRow;
        HistoryFilter any;
        return {
            {u"ProductStore::create"_s, Permission::ManageProducts,
             [](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(ProductStore(db).create(
                     a, {u"SEC-%1"_s.arg(a.staffId), u"Guarded"_s, 100, {}, false}));
             }},
            {u"StockStore::create"_s, Permission::AdjustStock,
             [shop](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(StockStore(db).create(a, u"SEC-BASE"_s, shop, 1, 0));
             }},
            {u"StockStore::increase"_s, Permission::AdjustStock,
             [shop](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(StockStore(db).increase(
                     a, {shop, u"SEC-BASE"_s, StockQuantity::Shelf, 1, u"test"_s}));
             }},
            {u"StockStore::decrease"_s, Permission::AdjustStock,
             [shop](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(StockStore(db).decrease(
                     a, {shop, u"SEC-BASE"_s, StockQuantity::Order, 1, u"test"_s}));
             }},
            {u"StocktakeStore::start"_s, Permission::Stocktake,
             [shop](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(StocktakeStore(db).start(a, shop));
             }},
            {u"CustomerStore::remove"_s, Permission::ManageCustomers,
             [customer](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(CustomerStore(db).remove(a, customer));
             }},
            {u"CustomerStore::resetProblems"_s, Permission::ManageCustomers,
             [](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(CustomerStore(db).resetProblems(a));
             }},
            {u"OrderStore::cancel (another cashier's)"_s, Permission::ManageOrders,
             [order](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(OrderStore(db).cancel(a, order, u"test"_s));
             }},
            {u"OrderStore::byId (another cashier's)"_s, Permission::ManageOrders,
             [order](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(OrderStore(db).byId(a, order));
             }},
            {u"HistoryStore::page"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(HistoryStore(db, a).page(any, std::nullopt, 10));
             }},
            {u"HistoryStore::pageAt"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(HistoryStore(db, a).pageAt(any, 0, 10));
             }},
            {u"HistoryStore::countUpTo"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(HistoryStore(db, a).countUpTo(any, 100));
             }},
            {u"HistoryStore::byId"_s, Permission::ViewHistory,
             [row](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(HistoryStore(db, a).byId(row));
             }},
            {u"HistoryStore::exportSql"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 QVariantList values;
                 return outcomeOf(HistoryStore(db, a).exportSql(any, &values));
             }},
            {u"ReportStore::movementsPerDay"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(ReportStore(db, a).movementsPerDay(any));
             }},
            {u"ReportStore::salesByHour"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(ReportStore(db, a).salesByHour(any));
             }},
            {u"ReportStore::topProducts"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(ReportStore(db, a).topProducts(any, 10));
             }},
            {u"ReportStore::stockValueByShop"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(ReportStore(db, a).stockValueByShop(any));
             }},
            {u"ReportStore::stockValueByCategory"_s, Permission::ViewHistory,
             [any](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(ReportStore(db, a).stockValueByCategory(any));
             }},
            {u"OutboxStore::retryRejected"_s, Permission::ConfigureTill,
             [](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(OutboxStore(db).retryRejected(a));
             }},
            {u"AppStateStore::setCentralToken"_s, Permission::ConfigureTill,
             [](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(AppStateStore(db).setCentralToken(a, u"sdk_test"_s));
             }},
            {u"VatRateStore::add"_s, Permission::ManageVatRates,
             [](const QSqlDatabase &db, const Actor &a) {
                 // A rate of its own for each actor (the list refuses duplicates).
                 return outcomeOf(VatRateStore(db).add(a,
                                                       {u"sec%1"_s.arg(a.staffId),
                                                        u"Security %1"_s.arg(a.staffId),
                                                        int(100 + a.staffId), true}));
             }},
            {u"VatRateStore::remove"_s, Permission::ManageVatRates,
             [](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(VatRateStore(db).remove(a, u"sec%1"_s.arg(a.staffId)));
             }},
            {u"PromoStore::save"_s, Permission::ManagePromotions,
             [](const QSqlDatabase &db, const Actor &a) {
                 // A code of its own for each actor (codes are unique).
                 PromoCodeInput input;
                 input.code = u"SEC%1"_s.arg(a.staffId);
                 input.value = 10;
                 return outcomeOf(PromoStore(db).save(a, input));
             }},
            {u"PromoStore::usage"_s, Permission::ManagePromotions,
             [](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(PromoStore(db).usage(a, {}, {}));
             }},
            {u"StaffStore::create"_s, Permission::ManageStaff,
             [](const QSqlDatabase &db, const Actor &a) {
                 return outcomeOf(StaffStore(db).create(a,
                                                        {u"made.by.%1"_s.arg(a.staffId), u"Made"_s,
                                                         Role::Cashier, u"long-enough-1"_s}));
             }},
        };
    }

private slots:
    void initTestCase()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"security"_s);
        QVERIFY2(m_tdb->isReady() && m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"SEC"_s, u"Security shop"_s);
        m_actors.insert(u"cashier"_s, m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop));
        m_actors.insert(u"stock_keeper"_s, m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop));
        m_actors.insert(u"manager"_s, m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop));
        m_actors.insert(u"admin"_s, m_tdb->addStaff(u"admin"_s, Role::Admin, m_shop));
        m_otherCashier = m_tdb->addStaff(u"other"_s, Role::Cashier, m_shop);

        const Actor keeper = m_actors.value(u"stock_keeper"_s);
        QVERIFY(
            ProductStore(m_tdb->db()).create(keeper, {u"SEC-BASE"_s, u"Base"_s, 500, {}, false}));
        QVERIFY(StockStore(m_tdb->db()).create(keeper, u"SEC-BASE"_s, m_shop, 50, 0));
        QVERIFY(m_tdb->openShift(m_shop)); // no shift, no sale
        NewOrder o;
        o.shopId = m_shop;
        o.lines = {{u"SEC-BASE"_s, 2}};
        auto order = OrderStore(m_tdb->db()).create(m_otherCashier, o);
        QVERIFY2(order, order ? "" : qPrintable(order.error().message));
        m_othersOrder = order->id;
        Customer c {0, u"Pat"_s, u"Problem"_s, 40, u"female"_s, true, {}, {}, {}};
        auto customer = CustomerStore(m_tdb->db()).create(keeper, c);
        QVERIFY(customer);
        m_customer = customer->id;
        m_historyRow =
            Sql::scalar(m_tdb->db(), u"SELECT max(id) FROM history"_s).value().toLongLong();
        // One refused event, so a wrongful retry would show.
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE outbox SET rejected_at = now() WHERE id = "
                         "(SELECT min(id) FROM outbox)"_s)
                    .ok());
    }

    void cleanupTestCase() { m_tdb.reset(); }

    void everyPermissionIsRefusedInTheStore_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("role");
        for (const Guarded &g : operations())
            for (const QString &role : kRoles)
                if (!hasPermission(m_actors.value(role).role, g.permission))
                    QTest::newRow(qPrintable(g.name + u" as "_s + role)) << g.name << role;
    }
    void everyPermissionIsRefusedInTheStore()
    {
        QFETCH(QString, operation);
        QFETCH(QString, role);
        for (const Guarded &g : operations()) {
            if (g.name != operation)
                continue;
            const QString before = fingerprint();
            const Outcome outcome = g.run(m_tdb->db(), m_actors.value(role));
            QVERIFY2(outcome.refusedForPermission, qPrintable(outcome.message));
            QVERIFY(!outcome.message.isEmpty());
            QCOMPARE(fingerprint(), before);
            return;
        }
        QFAIL("no such operation");
    }

    // The other side, so the refusals above mean something: every role that
    // has the permission gets past the check.
    void rolesWithThePermissionGetThrough()
    {
        for (const Guarded &g : operations()) {
            for (const QString &role : kRoles) {
                if (!hasPermission(m_actors.value(role).role, g.permission))
                    continue;
                const Outcome outcome = g.run(m_tdb->db(), m_actors.value(role));
                QVERIFY2(!outcome.refusedForPermission,
                         qPrintable(g.name + u" as "_s + role + u": "_s + outcome.message));
            }
        }
    }

    void textIsStoredAndSearchedLiterally_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("quote and drop") << u"x'; DROP TABLE products; --"_s;
        QTest::newRow("percent") << u"50% off"_s;
        QTest::newRow("underscore") << u"a_b"_s;
        QTest::newRow("backslash") << u"back\\slash"_s;
        QTest::newRow("double quote") << u"say \"hi\""_s;
        QTest::newRow("or 1=1") << u"1' OR '1'='1"_s;
        QTest::newRow("unicode") << u"Ёжик 日本 ✓"_s;
        QTest::newRow("placeholders") << u"?, $1, :name"_s;
    }
    void textIsStoredAndSearchedLiterally()
    {
        QFETCH(QString, text);
        static int n = 0;
        ++n;
        const Actor keeper = m_actors.value(u"stock_keeper"_s);
        const QString plu = u"LIT-%1"_s.arg(n);
        const QString name = u"Item "_s + text;

        // A product's name: stored as typed, found by exactly that text.
        auto made = ProductStore(m_tdb->db()).create(keeper, {plu, name, 100, {}, false});
        QVERIFY2(made, made ? "" : qPrintable(made.error().message));
        QCOMPARE(made->name, name);
        auto found = ProductStore(m_tdb->db()).findByName(text);
        QVERIFY(found);
        QStringList names;
        for (const Product &p : found.value())
            names << p.name;
        QCOMPARE(names, QStringList {name});

        // As a stock filter: the name matches literally; as a PLU it is just
        // a PLU nobody has.
        QVERIFY(StockStore(m_tdb->db()).create(keeper, plu, m_shop, 3, 0));
        StockFilter byName;
        byName.name = text;
        auto stocks = StockStore(m_tdb->db()).list(byName, {}, 0, 10);
        QVERIFY(stocks);
        QCOMPARE(stocks->size(), 1);
        QCOMPARE(stocks->first().plu, plu);
        StockFilter byPlu;
        byPlu.plu = text;
        QCOMPARE(StockStore(m_tdb->db()).list(byPlu, {}, 0, 10).value().size(), 0);

        // As a reason: the history row holds it word for word.
        QVERIFY(
            StockStore(m_tdb->db()).decrease(keeper, {m_shop, plu, StockQuantity::Shelf, 1, text}));
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT reason FROM history WHERE plu = ? AND action = "
                             "'stock_decreased'"_s,
                             {plu})
                     .value()
                     .toString(),
                 text);
        HistoryFilter history;
        history.plu = text;
        QCOMPARE(HistoryStore(m_tdb->db(), m_actors.value(u"manager"_s))
                     .page(history, std::nullopt, 10)
                     ->entries.size(),
                 0);

        // A customer's name: stored as typed and found by it.
        Customer c {0, text.left(100), u"Literal"_s, 30, u"male"_s, false, {}, {}, {}};
        auto customer = CustomerStore(m_tdb->db()).create(keeper, c);
        QVERIFY2(customer, customer ? "" : qPrintable(customer.error().message));
        QCOMPARE(customer->firstName, text.left(100));
        CustomerFilter who;
        who.name = text;
        QCOMPARE(CustomerStore(m_tdb->db()).count(who).value(), 1);

        // And every table is still there.
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM pg_tables WHERE tablename IN "
                             "('products', 'stocks', 'history', 'customers')"_s)
                     .value()
                     .toInt(),
                 4);
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
