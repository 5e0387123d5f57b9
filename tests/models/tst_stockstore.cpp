#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/stock/StockStore.h"

#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Products and stock over a real PostgreSQL: filters, atomic changes, races.
class TestStockStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop1 = 0, m_shop2 = 0;
    Actor m_keeper, m_cashier;

    qint64 count(const QString &sql) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql);
        return v ? v.value().toLongLong() : -1;
    }
    StockStore stock() const { return StockStore(m_tdb->db()); }
    ProductStore products() const { return ProductStore(m_tdb->db()); }

    void makeProduct(const QString &plu, const QString &name, qint64 price,
                     const QString &barcode = {})
    {
        auto made = products().create(m_keeper, NewProduct {plu, name, price, barcode});
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
    }
    void makeStock(const QString &plu, qint64 shop, int shelf, int order)
    {
        auto made = stock().create(m_keeper, plu, shop, shelf, order);
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"stock"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop1 = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_shop2 = m_tdb->addShop(u"S2"_s, u"Second"_s);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop1);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop1);
        // A small fixed catalog for the filter tests.
        makeProduct(u"1001"_s, u"Молоко Простоквашино 3,2% 1 л"_s, 9990, u"4600000000015"_s);
        makeProduct(u"1002"_s, u"Кефир Простоквашино 1%"_s, 8990);
        makeProduct(u"1003"_s, u"Milk Organic Valley 1 gal"_s, 45990);
        makeProduct(u"1004"_s, u"Хлеб Бородинский"_s, 5990);
        makeStock(u"1001"_s, m_shop1, 10, 0);
        makeStock(u"1002"_s, m_shop1, 0, 2);
        makeStock(u"1003"_s, m_shop1, 5, 5);
        makeStock(u"1004"_s, m_shop1, 100, 1);
        makeStock(u"1001"_s, m_shop2, 7, 3);
        makeStock(u"1003"_s, m_shop2, 5, 0);
    }
    void cleanup() { m_tdb.reset(); }

    void createProductValidatesAndRecords()
    {
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE action = 'product_created'"_s), 4);
        QCOMPARE(count(u"SELECT count(*) FROM outbox WHERE event_type = 'product.created'"_s), 4);
        const struct
        {
            NewProduct product;
            QString field;
        } bad[] = {
            {{u""_s, u"Name"_s, 1, {}}, u"plu"_s},
            {{u"a b"_s, u"Name"_s, 1, {}}, u"plu"_s},
            {{u"'; DROP TABLE products; --"_s, u"Name"_s, 1, {}}, u"plu"_s},
            {{u"2001"_s, u"   "_s, 1, {}}, u"name"_s},
            {{u"2002"_s, u"Name"_s, -1, {}}, u"price"_s},
            {{u"2003"_s, u"Name"_s, 1, u"4600000000014"_s}, u"barcode"_s}, // wrong check digit
            {{u"2004"_s, u"Name"_s, 1, u"12345"_s}, u"barcode"_s},
        };
        for (const auto &b : bad) {
            auto r = products().create(m_keeper, b.product);
            QVERIFY(!r.ok());
            QCOMPARE(r.error().field, b.field);
        }
        auto duplicatePlu = products().create(m_keeper, NewProduct {u"1001"_s, u"Other"_s, 1, {}});
        QCOMPARE(duplicatePlu.error().code, StoreError::Code::Conflict);
        QCOMPARE(duplicatePlu.error().field, u"plu"_s);
        auto duplicateBarcode =
            products().create(m_keeper, NewProduct {u"2005"_s, u"Other"_s, 1, u"4600000000015"_s});
        QCOMPARE(duplicateBarcode.error().field, u"barcode"_s);
        auto byCashier = products().create(m_cashier, NewProduct {u"2006"_s, u"Other"_s, 1, {}});
        QCOMPARE(byCashier.error().code, StoreError::Code::Permission);
        // Nothing of the refused ones was written.
        QCOMPARE(count(u"SELECT count(*) FROM products"_s), 4);
        QCOMPARE(count(u"SELECT count(*) FROM outbox WHERE event_type = 'product.created'"_s), 4);
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE action = 'product_created'"_s), 4);
    }

    void findProducts()
    {
        auto milk = products().findByName(u"МОЛОКО"_s);
        QVERIFY(milk.ok());
        QCOMPARE(milk->size(), 1);
        QCOMPARE(milk->first().plu, u"1001"_s);
        QCOMPARE(products().findByName(u"простоквашино"_s)->size(), 2);
        QCOMPARE(products().findByName(u"milk"_s)->size(), 1);
        // Wildcards typed by a person are literal characters.
        QCOMPARE(products().findByName(u"%"_s)->size(), 2); // "3,2%" and "1%", nothing else
        QCOMPARE(products().findByName(u"_"_s)->size(), 0);
        QCOMPARE(products().findByName(u"3,2_"_s)->size(), 0);
        QCOMPARE(products().findByName(u"3,2%"_s)->size(), 1);
        QCOMPARE(products().byPlu(u"1004"_s).value()->name, u"Хлеб Бородинский"_s);
        QVERIFY(!products().byPlu(u"9999"_s).value().has_value());
        QCOMPARE(products().byBarcode(u"4600000000015"_s).value()->plu, u"1001"_s);
    }

    // "сыр" at the till: the cheeses first, then names with a word that
    // starts with it, then the rest, each group by name.
    void findRanksWordStartsFirst()
    {
        makeProduct(u"3001"_s, u"Бекон Окраина сырокопчёный"_s, 45000);
        makeProduct(u"3002"_s, u"Пирог Насыровский"_s, 30000);
        makeProduct(u"3003"_s, u"Сырок глазированный"_s, 4500);
        makeProduct(u"3004"_s, u"Плавленый сыр Дружба"_s, 9900);
        makeProduct(u"3005"_s, u"Сыр Российский"_s, 65000);
        makeProduct(u"3006"_s, u"Хлопья (сырые) овсяные"_s, 12000);
        auto found = products().findByName(u"сыр"_s);
        QVERIFY(found.ok());
        QStringList names;
        for (const Product &p : found.value())
            names << p.name;
        QCOMPARE(names,
                 (QStringList {u"Сыр Российский"_s, u"Сырок глазированный"_s,
                               u"Бекон Окраина сырокопчёный"_s, u"Плавленый сыр Дружба"_s,
                               u"Хлопья (сырые) овсяные"_s, u"Пирог Насыровский"_s}));
        // The limit keeps the best matches.
        auto two = products().findByName(u"СЫР"_s, 2);
        QVERIFY(two.ok());
        QCOMPARE(two->size(), 2);
        QCOMPARE(two->at(0).plu, u"3005"_s);
        QCOMPARE(two->at(1).plu, u"3003"_s);
    }

    void createStockRefusals()
    {
        QCOMPARE(stock().create(m_keeper, u"9999"_s, m_shop1, 1, 0).error().code,
                 StoreError::Code::NotFound);
        QCOMPARE(stock().create(m_keeper, u"1002"_s, 999, 1, 0).error().code,
                 StoreError::Code::NotFound);
        QCOMPARE(stock().create(m_keeper, u"1001"_s, m_shop1, 1, 0).error().code,
                 StoreError::Code::Conflict);
        QCOMPARE(stock().create(m_keeper, u"1002"_s, m_shop2, -1, 0).error().field,
                 u"quantity_on_shelf"_s);
        QCOMPARE(stock().create(m_cashier, u"1002"_s, m_shop2, 1, 0).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(count(u"SELECT count(*) FROM stocks"_s), 6);
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE action = 'stock_created'"_s), 6);
    }

    void filters_data()
    {
        QTest::addColumn<StockFilter>("filter");
        QTest::addColumn<QStringList>("expected"); // "plu@shopcode", sorted by name then id
        auto f = [] {
            return StockFilter {};
        };
        StockFilter x;
        // Sorted by name in the cluster's C.UTF-8 collation: Latin before Cyrillic.
        QTest::newRow("none") << f() << QStringList {u"1003@S1"_s, u"1003@S2"_s, u"1002@S1"_s,
                                                     u"1001@S1"_s, u"1001@S2"_s, u"1004@S1"_s};
        x = f();
        x.plu = u"1001"_s;
        QTest::newRow("plu") << x << QStringList {u"1001@S1"_s, u"1001@S2"_s};
        x = f();
        x.plu = u"100"_s;
        QTest::newRow("plu is exact") << x << QStringList {};
        x = f();
        x.shopId = 2;
        QTest::newRow("shop") << x << QStringList {u"1003@S2"_s, u"1001@S2"_s};
        x = f();
        x.shelfMin = 5;
        QTest::newRow("shelf min")
            << x
            << QStringList {u"1003@S1"_s, u"1003@S2"_s, u"1001@S1"_s, u"1001@S2"_s, u"1004@S1"_s};
        x = f();
        x.shelfMax = 5;
        QTest::newRow("shelf max") << x << QStringList {u"1003@S1"_s, u"1003@S2"_s, u"1002@S1"_s};
        x = f();
        x.shelfMin = 5;
        x.shelfMax = 5;
        QTest::newRow("shelf min = max") << x << QStringList {u"1003@S1"_s, u"1003@S2"_s};
        x = f();
        x.orderMin = 1;
        x.orderMax = 3;
        QTest::newRow("order range") << x << QStringList {u"1002@S1"_s, u"1001@S2"_s, u"1004@S1"_s};
        x = f();
        x.orderMin = 0;
        x.orderMax = 0;
        QTest::newRow("order min = max = 0") << x << QStringList {u"1003@S2"_s, u"1001@S1"_s};
        x = f();
        x.name = u"простоквашино"_s;
        QTest::newRow("name, case-insensitive")
            << x << QStringList {u"1002@S1"_s, u"1001@S1"_s, u"1001@S2"_s};
        x = f();
        x.name = u"простоквашино"_s;
        x.shopId = 2;
        x.shelfMin = 7;
        x.orderMax = 3;
        QTest::newRow("all combined") << x << QStringList {u"1001@S2"_s};
        x = f();
        x.shelfMin = 1000;
        QTest::newRow("empty result") << x << QStringList {};
        x = f();
        x.name = u"'; DROP TABLE stocks; --"_s;
        QTest::newRow("injection is just text") << x << QStringList {};
    }
    void filters()
    {
        QFETCH(StockFilter, filter);
        QFETCH(QStringList, expected);
        auto rows = stock().list(filter, StockOrder {StockSort::Name, false}, 0, 100);
        QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
        QStringList got;
        for (const StockRow &r : rows.value())
            got << u"%1@%2"_s.arg(r.plu, r.shopId == m_shop1 ? u"S1"_s : u"S2"_s);
        QCOMPARE(got, expected);
        QCOMPARE(stock().count(filter).value(), expected.size());
        QCOMPARE(count(u"SELECT count(*) FROM stocks"_s), 6);
    }

    void badFiltersAreRefused()
    {
        StockFilter f;
        f.shelfMin = 5;
        f.shelfMax = 4;
        QCOMPARE(stock().list(f, {}, 0, 10).error().field, u"quantity_on_shelf_min"_s);
        f = {};
        f.orderMax = -1;
        QCOMPARE(stock().count(f).error().field, u"quantity_in_order_max"_s);
    }

    void sortsAndPages()
    {
        for (StockSort sort : {StockSort::Plu, StockSort::Name, StockSort::Shop, StockSort::Shelf,
                               StockSort::Order, StockSort::Price, StockSort::Updated}) {
            for (bool descending : {false, true}) {
                const StockOrder order {sort, descending};
                const QList<StockRow> all = stock().list({}, order, 0, 100).value();
                QCOMPARE(all.size(), 6);
                // Pages of two put together are the whole list, in the same order.
                QList<StockRow> paged;
                for (int offset = 0; offset < 6; offset += 2)
                    paged += stock().list({}, order, offset, 2).value();
                for (int i = 0; i < 6; ++i)
                    QCOMPARE(paged[i].id, all[i].id);
                for (int i = 1; i < all.size(); ++i) {
                    auto key = [sort](const StockRow &r) -> QVariant {
                        switch (sort) {
                        case StockSort::Plu:
                            return r.plu;
                        case StockSort::Name:
                            return r.name;
                        case StockSort::Shop:
                            return r.shopId;
                        case StockSort::Shelf:
                            return r.shelfQty;
                        case StockSort::Order:
                            return r.orderQty;
                        case StockSort::Price:
                            return r.price;
                        case StockSort::Updated:
                            return r.updatedAt;
                        }
                        return {};
                    };
                    const auto cmp = QVariant::compare(key(all[i - 1]), key(all[i]));
                    QVERIFY(descending ? cmp != QPartialOrdering::Less
                                       : cmp != QPartialOrdering::Greater);
                }
            }
        }
    }

    void increaseAndDecreaseRecordHistoryAndOutbox()
    {
        auto up = stock().increase(
            m_keeper, StockAdjustment {m_shop1, u"1001"_s, StockQuantity::Shelf, 5, u"Delivery"_s});
        QVERIFY(up.ok());
        QCOMPARE(up->shelfQty, 15);
        auto down = stock().decrease(
            m_keeper, StockAdjustment {m_shop1, u"1001"_s, StockQuantity::Order, 0, {}});
        QCOMPARE(down.error().field, u"amount"_s); // zero is not an amount
        auto orderUp = stock().increase(
            m_keeper, StockAdjustment {m_shop1, u"1001"_s, StockQuantity::Order, 3, {}});
        QCOMPARE(orderUp->orderQty, 3);
        auto shelfDown = stock().decrease(
            m_keeper,
            StockAdjustment {m_shop1, u"1001"_s, StockQuantity::Shelf, 15, u"Write-off"_s});
        QCOMPARE(shelfDown->shelfQty, 0);

        QSqlQuery q(m_tdb->db());
        QVERIFY(q.exec(
            u"SELECT action, shelf_delta, order_delta, shelf_after, order_after, staff_id, reason "
            "FROM history WHERE plu = '1001' AND shop_id = %1 AND action LIKE 'stock_%creased' ORDER BY id"_s
                .arg(m_shop1)));
        const QList<QVariantList> expected {
            {u"stock_increased"_s, 5, 0, 15, 0, m_keeper.staffId, u"Delivery"_s},
            {u"stock_increased"_s, 0, 3, 15, 3, m_keeper.staffId, QString()},
            {u"stock_decreased"_s, -15, 0, 0, 3, m_keeper.staffId, u"Write-off"_s},
        };
        for (const QVariantList &row : expected) {
            QVERIFY(q.next());
            for (int c = 0; c < row.size(); ++c)
                QCOMPARE(q.value(c).toString(), row[c].toString());
        }
        QVERIFY(!q.next());
        QCOMPARE(count(u"SELECT count(*) FROM outbox WHERE event_type = 'stock.changed'"_s), 3);
        QCOMPARE(count(u"SELECT (payload->>'quantity_on_shelf')::int FROM outbox "
                       "WHERE event_type = 'stock.changed' ORDER BY id DESC LIMIT 1"_s),
                 0);
    }

    void takingTooMuchIsRefusedAndWritesNothing()
    {
        const qint64 history = count(u"SELECT count(*) FROM history"_s);
        const qint64 outbox = count(u"SELECT count(*) FROM outbox"_s);
        auto refused = stock().decrease(
            m_keeper, StockAdjustment {m_shop1, u"1003"_s, StockQuantity::Shelf, 6, {}});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().code == StoreError::Code::Conflict,
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(u"Only 5"_s),
                 qPrintable(refused.error().message));
        auto order = stock().decrease(
            m_keeper, StockAdjustment {m_shop1, u"1003"_s, StockQuantity::Order, 6, {}});
        QVERIFY2(order.error().message.contains(u"Only 5"_s), qPrintable(order.error().message));
        auto missing = stock().decrease(
            m_keeper, StockAdjustment {m_shop2, u"1002"_s, StockQuantity::Shelf, 1, {}});
        QCOMPARE(missing.error().code, StoreError::Code::NotFound);
        auto cashier = stock().increase(
            m_cashier, StockAdjustment {m_shop1, u"1003"_s, StockQuantity::Shelf, 1, {}});
        QCOMPARE(cashier.error().code, StoreError::Code::Permission);
        auto huge = stock().increase(
            m_keeper,
            StockAdjustment {
                m_shop1, u"1003"_s, StockQuantity::Shelf, StockStore::kMaxAmount + 1, {}});
        QCOMPARE(huge.error().field, u"amount"_s);

        const StockRow row = stock().find(m_shop1, u"1003"_s).value().value();
        QCOMPARE(row.shelfQty, 5);
        QCOMPARE(row.orderQty, 5);
        QCOMPARE(count(u"SELECT count(*) FROM history"_s), history);
        QCOMPARE(count(u"SELECT count(*) FROM outbox"_s), outbox);
    }

    // k units, 8 connections each trying to take one unit many times: exactly
    // k succeed, the quantity ends at zero, never below, with k history rows.
    void racingDecreasesSellExactlyWhatIsThere()
    {
        const int units = 157;
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE stocks SET shelf_qty = %1 WHERE plu = '1004' AND shop_id = %2"_s
                             .arg(units)
                             .arg(m_shop1))
                    .ok());
        const qint64 historyBefore =
            count(u"SELECT count(*) FROM history WHERE action = 'stock_decreased'"_s);
        std::atomic<int> succeeded {0}, refused {0}, failed {0};
        std::vector<std::thread> workers;
        const DbConfig config = m_tdb->config();
        for (int w = 0; w < 8; ++w) {
            workers.emplace_back([&, w] {
                ScopedConnection conn(config, u"racer-%1"_s.arg(w));
                StockStore store(conn.db());
                for (int i = 0; i < 40; ++i) {
                    auto r = store.decrease(
                        m_keeper,
                        StockAdjustment {m_shop1, u"1004"_s, StockQuantity::Shelf, 1, {}});
                    if (r.ok())
                        ++succeeded;
                    else if (r.error().code == StoreError::Code::Conflict)
                        ++refused;
                    else
                        ++failed;
                }
            });
        }
        for (auto &t : workers)
            t.join();
        QCOMPARE(failed.load(), 0);
        QCOMPARE(succeeded.load(), units);
        QCOMPARE(refused.load(), 8 * 40 - units);
        QCOMPARE(stock().find(m_shop1, u"1004"_s).value()->shelfQty, 0);
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE action = 'stock_decreased'"_s) -
                     historyBefore,
                 units);
        // Every history row's "after" is distinct: each saw the one before it.
        QCOMPARE(
            count(
                u"SELECT count(DISTINCT shelf_after) FROM history WHERE action = 'stock_decreased' AND plu = '1004'"_s),
            units);
    }

    void racingIncreasesLoseNothing()
    {
        std::vector<std::thread> workers;
        std::atomic<int> failed {0};
        const DbConfig config = m_tdb->config();
        for (int w = 0; w < 8; ++w) {
            workers.emplace_back([&, w] {
                ScopedConnection conn(config, u"adder-%1"_s.arg(w));
                StockStore store(conn.db());
                for (int i = 0; i < 25; ++i) {
                    const bool shelf = (i + w) % 2 == 0;
                    if (!store
                             .increase(m_keeper,
                                       StockAdjustment {m_shop2,
                                                        u"1001"_s,
                                                        shelf ? StockQuantity::Shelf
                                                              : StockQuantity::Order,
                                                        w + 1,
                                                        {}})
                             .ok())
                        ++failed;
                }
            });
        }
        for (auto &t : workers)
            t.join();
        QCOMPARE(failed.load(), 0);
        int shelfAdded = 0, orderAdded = 0;
        for (int w = 0; w < 8; ++w)
            for (int i = 0; i < 25; ++i)
                ((i + w) % 2 == 0 ? shelfAdded : orderAdded) += w + 1;
        const StockRow row = stock().find(m_shop2, u"1001"_s).value().value();
        QCOMPARE(row.shelfQty, 7 + shelfAdded);
        QCOMPARE(row.orderQty, 3 + orderAdded);
    }

    // Goods sold by weight are counted in grams and refused in kilograms, one
    // change or a batch (a sale at the till) alike.
    void weighedRefusalsReadInKilograms()
    {
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET sold_by_weight = true WHERE plu = '1003'"_s)
                .ok());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE stocks SET shelf_qty = 1250 WHERE plu = '1003' AND shop_id = ?"_s,
                         {m_shop1})
                    .ok());
        const auto row = stock().find(m_shop1, u"1003"_s);
        QVERIFY(row.ok() && row.value().has_value());
        QVERIFY(row.value()->soldByWeight);

        auto single = stock().decrease(
            m_keeper, {m_shop1, u"1003"_s, StockQuantity::Shelf, 2000, u"weighed wrong"_s});
        QCOMPARE(single.error().code, StoreError::Code::Conflict);
        QVERIFY2(single.error().message.contains(u"Only 1.250 kg of PLU 1003 on the shelf; "
                                                 "cannot take 2.000 kg"_s),
                 qPrintable(single.error().message));

        StockStore::Change sale;
        sale.shopId = m_shop1;
        sale.plu = u"1003"_s;
        sale.shelfDelta = -1500;
        sale.orderDelta = 1500;
        sale.action = u"reserved"_s;
        auto batch = stock().applyAll(m_keeper, {sale}, Permission::AdjustStock);
        QCOMPARE(batch.error().code, StoreError::Code::Conflict);
        QVERIFY2(batch.error().message.contains(u"Only 1.250 kg of PLU 1003 on the shelf; "
                                                "cannot take 1.500 kg"_s),
                 qPrintable(batch.error().message));
        QCOMPARE(stock().find(m_shop1, u"1003"_s).value()->shelfQty, 1250);
    }

    // The head office's connections queue no outbox events (nothing there
    // sends them on), and a batch of changes still goes through there.
    void headOfficeQueuesNoOutbox()
    {
        DbConfig headOffice = m_tdb->config();
        headOffice.writesOutbox = false;
        ScopedConnection conn(headOffice, u"head-office"_s);
        QVERIFY2(conn.isOpen(), qPrintable(conn.errorText()));
        const qint64 outbox = count(u"SELECT count(*) FROM outbox"_s);
        const qint64 history = count(u"SELECT count(*) FROM history"_s);
        StockStore there(conn.db());
        StockStore::Change change;
        change.shopId = m_shop1;
        change.plu = u"1004"_s;
        change.shelfDelta = 5;
        change.action = u"stock_increased"_s;
        auto batch = there.applyAll(m_keeper, {change}, Permission::AdjustStock);
        QVERIFY2(batch.ok(), batch.ok() ? "" : qPrintable(batch.error().message));
        QVERIFY(there.increase(m_keeper, {m_shop1, u"1004"_s, StockQuantity::Shelf, 1, {}}).ok());
        QCOMPARE(count(u"SELECT count(*) FROM history"_s), history + 2);
        QCOMPARE(count(u"SELECT count(*) FROM outbox"_s), outbox);
        // A shop's connection still queues them.
        QVERIFY(stock().increase(m_keeper, {m_shop1, u"1004"_s, StockQuantity::Shelf, 1, {}}).ok());
        QCOMPARE(count(u"SELECT count(*) FROM outbox"_s), outbox + 1);
    }

    // A batch (an order's reservation) applies every line or none.
    void batchAppliesEveryLineOrNone()
    {
        const qint64 history = count(u"SELECT count(*) FROM history"_s);
        const qint64 outbox = count(u"SELECT count(*) FROM outbox"_s);
        auto change = [&](const QString &plu, int shelf, int order) {
            StockStore::Change c;
            c.shopId = m_shop1;
            c.plu = plu;
            c.shelfDelta = shelf;
            c.orderDelta = order;
            c.action = u"reserved"_s;
            return c;
        };
        // 1002 has nothing on the shelf: the whole batch is refused.
        auto refused = stock().applyAll(
            m_keeper,
            {change(u"1001"_s, -2, 2), change(u"1004"_s, -1, 1), change(u"1002"_s, -1, 1)},
            Permission::AdjustStock);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, StoreError::Code::Conflict);
        QVERIFY2(refused.error().message.contains(u"Only 0 of PLU 1002"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(stock().find(m_shop1, u"1001"_s).value()->shelfQty, 10);
        QCOMPARE(stock().find(m_shop1, u"1004"_s).value()->shelfQty, 100);
        QCOMPARE(count(u"SELECT count(*) FROM history"_s), history);
        QCOMPARE(count(u"SELECT count(*) FROM outbox"_s), outbox);

        // Inside a caller's transaction the refusal still names the line,
        // though the transaction can run nothing more until rolled back.
        QVERIFY(m_tdb->db().transaction());
        auto inTransaction =
            stock().applyAll(m_keeper, {change(u"1001"_s, -2, 2), change(u"1002"_s, -1, 1)},
                             Permission::AdjustStock);
        QVERIFY(m_tdb->db().rollback());
        QCOMPARE(inTransaction.error().code, StoreError::Code::Conflict);
        QVERIFY2(inTransaction.error().message.contains(u"Only 0 of PLU 1002"_s),
                 qPrintable(inTransaction.error().message));

        auto missing =
            stock().applyAll(m_keeper, {change(u"1001"_s, -1, 1), change(u"9999"_s, -1, 1)},
                             Permission::AdjustStock);
        QCOMPARE(missing.error().code, StoreError::Code::NotFound);
        auto twice =
            stock().applyAll(m_keeper, {change(u"1001"_s, -1, 1), change(u"1001"_s, -1, 1)},
                             Permission::AdjustStock);
        QCOMPARE(twice.error().field, u"plu"_s);
        auto cashier =
            stock().applyAll(m_cashier, {change(u"1001"_s, 1, 0)}, Permission::AdjustStock);
        QCOMPARE(cashier.error().code, StoreError::Code::Permission);
        QCOMPARE(count(u"SELECT count(*) FROM history"_s), history);

        auto applied =
            stock().applyAll(m_keeper, {change(u"1004"_s, -3, 3), change(u"1001"_s, -2, 2)},
                             Permission::AdjustStock);
        QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error().message));
        QCOMPARE(applied->size(), 2);
        QCOMPARE(applied->at(0).plu, u"1004"_s); // in the order given
        QCOMPARE(applied->at(0).shelfQty, 97);
        QCOMPARE(applied->at(0).orderQty, 4);
        QCOMPARE(applied->at(1).shelfQty, 8);
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE action = 'reserved'"_s), 2);
        QCOMPARE(count(u"SELECT count(*) FROM outbox"_s), outbox + 2);
        // Each event carries its own line's history row and quantities.
        QCOMPARE(count(u"SELECT count(*) FROM outbox o JOIN history h "
                       "ON h.id = (o.payload->>'history_id')::bigint "
                       "AND h.plu = o.payload->>'plu' "
                       "AND h.shelf_after = (o.payload->>'quantity_on_shelf')::int "
                       "WHERE h.action = 'reserved'"_s),
                 2);
    }

    // Batches naming the same stocks in opposite orders must not deadlock:
    // rows are locked in id order. Exactly the units there are get taken.
    void opposedBatchesNeitherDeadlockNorOversell()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE stocks SET shelf_qty = 60 WHERE shop_id = %1 "
                         "AND plu IN ('1001', '1004')"_s.arg(m_shop1))
                    .ok());
        std::atomic<int> succeeded {0}, refused {0}, failed {0};
        std::vector<std::thread> workers;
        const DbConfig config = m_tdb->config();
        for (int w = 0; w < 8; ++w) {
            workers.emplace_back([&, w] {
                ScopedConnection conn(config, u"batch-%1"_s.arg(w));
                StockStore store(conn.db());
                QList<StockStore::Change> batch(2);
                const QStringList plus =
                    w % 2 ? QStringList {u"1001"_s, u"1004"_s} : QStringList {u"1004"_s, u"1001"_s};
                for (int i = 0; i < 2; ++i) {
                    batch[i].shopId = m_shop1;
                    batch[i].plu = plus[i];
                    batch[i].shelfDelta = -1;
                    batch[i].action = u"sold"_s;
                }
                for (int i = 0; i < 10; ++i) {
                    auto r = store.applyAll(m_keeper, batch, Permission::AdjustStock);
                    if (r.ok())
                        ++succeeded;
                    else if (r.error().code == StoreError::Code::Conflict)
                        ++refused;
                    else
                        ++failed;
                }
            });
        }
        for (auto &t : workers)
            t.join();
        QCOMPARE(failed.load(), 0); // a deadlock would land here
        QCOMPARE(succeeded.load(), 60);
        QCOMPARE(refused.load(), 80 - 60);
        QCOMPARE(stock().find(m_shop1, u"1001"_s).value()->shelfQty, 0);
        QCOMPARE(stock().find(m_shop1, u"1004"_s).value()->shelfQty, 0);
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE action = 'sold'"_s), 120);
    }

    void productRenameReachesTheStockList()
    {
        QVERIFY(
            Sql::run(
                m_tdb->db(),
                u"UPDATE products SET name = 'Хлеб Дарницкий', price = 6490 WHERE plu = '1004'"_s)
                .ok());
        const StockRow row = stock().find(m_shop1, u"1004"_s).value().value();
        QCOMPARE(row.name, u"Хлеб Дарницкий"_s);
        QCOMPARE(row.price, 6490);
    }
};

QTEST_GUILESS_MAIN(TestStockStore)
#include "tst_stockstore.moc"
