#include "TestDatabase.h"
#include "models/catalog/DuePriceSweep.h"
#include "models/catalog/PriceStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/orders/OrderStore.h"
#include "models/stock/StockStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Editing products, their history and their prices over a real PostgreSQL.
class TestProductStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_manager, m_keeper, m_cashier;

    qint64 count(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    ProductStore products() const { return ProductStore(m_tdb->db()); }
    PriceStore prices() const { return PriceStore(m_tdb->db()); }
    Product product(const QString &plu) const
    {
        auto found = products().byPlu(plu);
        return found && found.value() ? *found.value() : Product {};
    }
    ProductEdit editOf(const QString &plu) const
    {
        const Product p = product(plu);
        return ProductEdit {p.plu, p.name, p.price, p.barcode, p.soldByWeight, p.active, {}};
    }
    // Everything a failed edit must leave alone.
    QString snapshot() const
    {
        auto v = Sql::scalar(m_tdb->db(),
                             u"SELECT (SELECT json_agg(p ORDER BY id) FROM products p)::text || "
                             "(SELECT json_agg(b ORDER BY barcode) FROM product_barcodes b)::text "
                             "|| (SELECT count(*) FROM product_changes) || '/' || "
                             "(SELECT count(*) FROM product_prices) || '/' || "
                             "(SELECT count(*) FROM label_queue) || '/' || "
                             "(SELECT count(*) FROM history)"_s);
        return v ? v.value().toString() : QString();
    }
    Result<Order> sell(const QString &plu, int qty = 1) const
    {
        NewOrder o;
        o.shopId = m_shop;
        o.lines = {CartLine {plu, qty}};
        return OrderStore(m_tdb->db()).create(m_cashier, o);
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"products"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        QVERIFY(m_tdb->openShift(m_shop));
        for (const NewProduct &p :
             {NewProduct {u"1001"_s, u"Молоко 3,2%"_s, 9990, u"4600000000015"_s, false},
              NewProduct {u"1002"_s, u"Кефир 1%"_s, 8990, {}, false},
              NewProduct {u"2001"_s, u"Сыр весовой"_s, 89000, {}, true}}) {
            auto made = products().create(m_manager, p);
            QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
        }
        auto stock = StockStore(m_tdb->db()).create(m_keeper, u"1001"_s, m_shop, 10, 0);
        QVERIFY2(stock.ok(), stock.ok() ? "" : qPrintable(stock.error().message));
    }
    void cleanup() { m_tdb.reset(); }

    void editWritesTheProductAndItsTrail()
    {
        ProductEdit edit = editOf(u"1001"_s);
        edit.name = u"  Молоко 2,5% "_s;
        edit.price = 10990;
        edit.barcode = u"4601234567893"_s;
        edit.reason = u"new supplier"_s;
        auto changed = products().update(m_manager, edit);
        QVERIFY2(changed.ok(), changed.ok() ? "" : qPrintable(changed.error().message));
        QCOMPARE(changed->name, u"Молоко 2,5%"_s);
        QCOMPARE(changed->price, 10990);
        QCOMPARE(product(u"1001"_s).barcode, u"4601234567893"_s);
        QVERIFY(!products().byBarcode(u"4600000000015"_s).value().has_value());

        // One change row with the changed fields only, before and after.
        QCOMPARE(count(u"SELECT count(*) FROM product_changes"_s), 1);
        auto row = Sql::run(m_tdb->db(),
                            u"SELECT before::text, after::text, staff_id, reason "
                            "FROM product_changes"_s);
        QVERIFY(row.ok() && row.value().next());
        const QJsonObject before =
            QJsonDocument::fromJson(row.value().value(0).toString().toUtf8()).object();
        const QJsonObject after =
            QJsonDocument::fromJson(row.value().value(1).toString().toUtf8()).object();
        QCOMPARE(before.value(u"name"_s).toString(), u"Молоко 3,2%"_s);
        QCOMPARE(after.value(u"name"_s).toString(), u"Молоко 2,5%"_s);
        QCOMPARE(before.value(u"price"_s).toInteger(), 9990);
        QCOMPARE(after.value(u"price"_s).toInteger(), 10990);
        QCOMPARE(after.value(u"barcode"_s).toString(), u"4601234567893"_s);
        QVERIFY(!after.contains(u"sold_by_weight"_s));
        QVERIFY(!after.contains(u"active"_s));
        QCOMPARE(row.value().value(2).toLongLong(), m_manager.staffId);
        QCOMPARE(row.value().value(3).toString(), u"new supplier"_s);
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE action = 'product_changed'"_s), 1);
        // The stock row shows the new name and price.
        QCOMPARE(count(u"SELECT price FROM stocks WHERE plu = '1001'"_s), 10990);

        // The price history: old → new, who and why.
        auto history = prices().list(u"1001"_s);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(0).price, 10990);
        QCOMPARE(history->at(0).previous.value_or(-1), 9990);
        QVERIFY(!history->at(0).staffName.isEmpty());
        QCOMPARE(history->at(0).reason, u"new supplier"_s);
        QVERIFY(!history->at(0).scheduled);
        QCOMPARE(history->at(1).price, 9990);
        QVERIFY(!history->at(1).previous);

        // Its shelf tag is queued with the change, for the price of now.
        QCOMPARE(count(u"SELECT count(*) FROM label_queue q JOIN products p "
                       "ON p.id = q.product_id WHERE p.plu = '1001' AND q.printed_at IS NULL "
                       "AND q.reason = 'price_changed' AND q.valid_from IS NULL"_s),
                 1);

        // An edit that changes nothing writes nothing.
        const QString unchanged = snapshot();
        auto same = products().update(m_manager, editOf(u"1001"_s));
        QVERIFY(same.ok());
        QCOMPARE(snapshot(), unchanged);
    }

    // Several barcodes per product (issue 17): any of them finds it, each
    // change is kept with the list before and after, and the main one is
    // the one labels print.
    void aProductHasSeveralBarcodes()
    {
        const QString main = u"4600000000015"_s, second = u"4601234567893"_s,
                      third = u"96385074"_s; // an EAN-8
        QCOMPARE(product(u"1001"_s).barcodes, QStringList {main});
        auto added = products().addBarcode(m_manager, u"1001"_s, second, u"new pack"_s);
        QVERIFY2(added.ok(), added.ok() ? "" : qPrintable(added.error().message));
        QCOMPARE(added->barcodes, QStringList({main, second}));
        QCOMPARE(added->barcode, main);
        QCOMPARE(products().byBarcode(second).value().value().plu, u"1001"_s);
        QCOMPARE(products().byBarcode(main).value().value().plu, u"1001"_s);

        // One change row: the list before and after, who and why.
        auto row = Sql::run(m_tdb->db(),
                            u"SELECT before::text, after::text, staff_id, reason "
                            "FROM product_changes ORDER BY id DESC LIMIT 1"_s);
        QVERIFY(row.ok() && row.value().next());
        const QJsonObject before =
            QJsonDocument::fromJson(row.value().value(0).toString().toUtf8()).object();
        const QJsonObject after =
            QJsonDocument::fromJson(row.value().value(1).toString().toUtf8()).object();
        QCOMPARE(before.value(u"barcodes"_s).toVariant().toStringList(), QStringList {main});
        QCOMPARE(after.value(u"barcodes"_s).toVariant().toStringList(),
                 QStringList({main, second}));
        QVERIFY(!after.contains(u"barcode"_s)); // the main one stayed
        QCOMPARE(row.value().value(2).toLongLong(), m_manager.staffId);
        QCOMPARE(row.value().value(3).toString(), u"new pack"_s);
        auto listed = products().changes(u"1001"_s);
        QVERIFY(listed.ok() && !listed->isEmpty());
        QVERIFY(listed->first().after.contains(u"barcodes"_s));

        // Made main: products.barcode (the label's) follows, the old main
        // one stays a barcode of the product.
        auto promoted = products().setMainBarcode(m_manager, u"1001"_s, second);
        QVERIFY2(promoted.ok(), promoted.ok() ? "" : qPrintable(promoted.error().message));
        QCOMPARE(promoted->barcodes, QStringList({second, main}));
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT barcode FROM products WHERE plu = '1001'"_s)
                     .value()
                     .toString(),
                 second);
        QCOMPARE(products().byBarcode(main).value().value().plu, u"1001"_s);

        // The whole list from an edit (the product dialog's Save).
        ProductEdit edit = editOf(u"1001"_s);
        edit.barcodes = QStringList {second, third};
        auto listedEdit = products().update(m_manager, edit);
        QVERIFY2(listedEdit.ok(), listedEdit.ok() ? "" : qPrintable(listedEdit.error().message));
        QCOMPARE(listedEdit->barcodes, QStringList({second, third}));
        QVERIFY(!products().byBarcode(main).value().has_value());
        QCOMPARE(products().byBarcode(third).value().value().plu, u"1001"_s);

        // Removing the main barcode makes the next one main.
        auto removed = products().removeBarcode(m_manager, u"1001"_s, second);
        QVERIFY2(removed.ok(), removed.ok() ? "" : qPrintable(removed.error().message));
        QCOMPARE(removed->barcodes, QStringList {third});
        QCOMPARE(removed->barcode, third);
        // And the last one leaves the product with none.
        auto none = products().removeBarcode(m_manager, u"1001"_s, third);
        QVERIFY(none.ok());
        QVERIFY(none->barcodes.isEmpty());
        QVERIFY(none->barcode.isEmpty());
        QCOMPARE(count(u"SELECT count(*) FROM product_barcodes"_s), 0);
        QCOMPARE(count(u"SELECT count(*) FROM products WHERE barcode IS NOT NULL"_s), 0);
        // Every step above was one change row.
        QCOMPARE(count(u"SELECT count(*) FROM product_changes"_s), 5);
    }

    void barcodeConflictsAreRefusedNamingThePlu()
    {
        const QString second = u"4601234567893"_s;
        QVERIFY(products().addBarcode(m_manager, u"1001"_s, second).ok());
        const QString unchanged = snapshot();
        const auto refused = [&](const Result<Product> &r, StoreError::Code kind,
                                 const QString &field, const QString &mentions) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, kind);
            QCOMPARE(r.error().field, field);
            QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
            QCOMPARE(snapshot(), unchanged);
        };
        // Another product's main barcode and its second one.
        refused(products().addBarcode(m_manager, u"1002"_s, u"4600000000015"_s),
                StoreError::Code::Conflict, u"barcodes"_s, u"1001"_s);
        refused(products().addBarcode(m_manager, u"1002"_s, second), StoreError::Code::Conflict,
                u"barcodes"_s, u"1001"_s);
        // The same as a main barcode in an edit, and for a new product.
        ProductEdit edit = editOf(u"1002"_s);
        edit.barcode = second;
        refused(products().update(m_manager, edit), StoreError::Code::Conflict, u"barcode"_s,
                u"1001"_s);
        refused(products().create(m_manager, NewProduct {u"1003"_s, u"Ряженка"_s, 7990, second}),
                StoreError::Code::Conflict, u"barcode"_s, u"1001"_s);
        // A wrong check digit, named.
        refused(products().addBarcode(m_manager, u"1002"_s, u"4601234567894"_s),
                StoreError::Code::Invalid, u"barcodes"_s, u"4601234567894"_s);
        edit = editOf(u"1002"_s);
        edit.barcodes = QStringList {u"4601234567893"_s, u"12345"_s};
        refused(products().update(m_manager, edit), StoreError::Code::Invalid, u"barcodes"_s,
                u"12345"_s);
        // A barcode the product does not have cannot be removed or made main.
        refused(products().removeBarcode(m_manager, u"1002"_s, second), StoreError::Code::Invalid,
                u"barcodes"_s, second);
        refused(products().setMainBarcode(m_manager, u"1002"_s, second), StoreError::Code::Invalid,
                u"barcodes"_s, second);
        // A cashier changes no barcode.
        auto cashier = products().addBarcode(m_cashier, u"1002"_s, u"96385074"_s);
        QVERIFY(!cashier.ok());
        QCOMPARE(snapshot(), unchanged);
    }

    // The catalog feed (and older code) writes products.barcode directly:
    // the list follows, and a barcode central gives to another product
    // leaves the product that had it here as a second one, with a change
    // row saying so.
    void theMainBarcodeWrittenDirectlyKeepsTheListInStep()
    {
        const QString second = u"4601234567893"_s;
        QVERIFY(products().addBarcode(m_manager, u"1001"_s, second).ok());
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET barcode = ? WHERE plu = '1002'"_s, {second})
                .ok());
        QCOMPARE(products().byBarcode(second).value().value().plu, u"1002"_s);
        QCOMPARE(product(u"1001"_s).barcodes, QStringList {u"4600000000015"_s});
        QCOMPARE(product(u"1002"_s).barcodes, QStringList {second});
        QCOMPARE(
            count(u"SELECT count(*) FROM product_changes c JOIN products p "
                  "ON p.id = c.product_id WHERE p.plu = '1001' "
                  "AND c.reason LIKE '%1002%' AND c.after -> 'barcodes' = '[\"4600000000015\"]'"_s),
            1);
        // A main barcode replaced directly leaves the list; cleared, none.
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET barcode = '96385074' WHERE plu = '1002'"_s)
                .ok());
        QCOMPARE(product(u"1002"_s).barcodes, QStringList {u"96385074"_s});
        QVERIFY(!products().byBarcode(second).value().has_value());
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET barcode = NULL WHERE plu = '1002'"_s).ok());
        QVERIFY(product(u"1002"_s).barcodes.isEmpty());
        // Every main barcode is one of its product's barcodes.
        QCOMPARE(count(u"SELECT count(*) FROM products p WHERE p.barcode IS NOT NULL AND NOT "
                       "EXISTS (SELECT 1 FROM product_barcodes b WHERE b.barcode = p.barcode "
                       "AND b.product_id = p.id)"_s),
                 0);
    }

    // The catalog feed inserts a page of new products in one statement
    // (0027): each main barcode joins its product's list, and one that was
    // another product's second barcode moves with its product_changes row.
    void newProductsWrittenDirectlyKeepTheListInStep()
    {
        const QString second = u"4601234567893"_s;
        QVERIFY(products().addBarcode(m_manager, u"1001"_s, second).ok());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO products (plu, name, price, barcode) VALUES "
                         "('N1', 'New one', 100, '4607777777775'), "
                         "('N2', 'New two', 200, ?), ('N3', 'New three', 300, NULL)"_s,
                         {second})
                    .ok());
        QCOMPARE(product(u"N1"_s).barcodes, QStringList {u"4607777777775"_s});
        QCOMPARE(product(u"N2"_s).barcodes, QStringList {second});
        QVERIFY(product(u"N3"_s).barcodes.isEmpty());
        QCOMPARE(product(u"1001"_s).barcodes, QStringList {u"4600000000015"_s});
        QCOMPARE(products().byBarcode(second).value().value().plu, u"N2"_s);
        QCOMPARE(count(u"SELECT count(*) FROM product_changes c JOIN products p "
                       "ON p.id = c.product_id WHERE p.plu = '1001' AND c.reason LIKE '%N2%' "
                       "AND c.before -> 'barcodes' = '[\"4600000000015\", \"4601234567893\"]' "
                       "AND c.after -> 'barcodes' = '[\"4600000000015\"]'"_s),
                 1);
    }

    void badEditsNameTheFieldAndWriteNothing_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("price");
        QTest::addColumn<QString>("barcode");
        QTest::addColumn<QString>("reason");
        const QString name = u"Кефир 1%"_s;
        QTest::newRow("empty name")
            << u"name"_s << u"   "_s << qint64(8990) << QString() << QString();
        QTest::newRow("long name")
            << u"name"_s << QString(201, u'я') << qint64(8990) << QString() << QString();
        QTest::newRow("negative price")
            << u"price"_s << name << qint64(-1) << QString() << QString();
        QTest::newRow("huge price")
            << u"price"_s << name << ProductStore::kMaxPrice + 1 << QString() << QString();
        QTest::newRow("check digit")
            << u"barcode"_s << name << qint64(8990) << u"4600000000016"_s << QString();
        QTest::newRow("letters") << u"barcode"_s << name << qint64(8990) << u"46000000000a5"_s
                                 << QString();
        QTest::newRow("another product's")
            << u"barcode"_s << name << qint64(8990) << u"4600000000015"_s << QString();
        QTest::newRow("long reason")
            << u"reason"_s << name << qint64(8990) << QString() << QString(501, u'x');
    }
    void badEditsNameTheFieldAndWriteNothing()
    {
        QFETCH(QString, field);
        QFETCH(QString, name);
        QFETCH(qint64, price);
        QFETCH(QString, barcode);
        QFETCH(QString, reason);
        const QString before = snapshot();
        ProductEdit edit = editOf(u"1002"_s);
        edit.name = name;
        edit.price = price;
        edit.barcode = barcode;
        edit.reason = reason;
        auto refused = products().update(m_manager, edit);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, field);
        QVERIFY(!refused.error().message.isEmpty());
        QCOMPARE(snapshot(), before);
    }

    void onlyManagersEditAndUnknownProductsAreNotFound()
    {
        const QString before = snapshot();
        ProductEdit edit = editOf(u"1002"_s);
        edit.price = 1;
        auto refused = products().update(m_cashier, edit);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, StoreError::Code::Permission);
        edit.plu = u"9999"_s;
        auto missing = products().update(m_manager, edit);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, StoreError::Code::NotFound);
        QCOMPARE(snapshot(), before);
    }

    void theUnitChangesOnlyBeforeStockMoves()
    {
        // 1002 has no stock yet: it may become a product sold by weight.
        ProductEdit edit = editOf(u"1002"_s);
        edit.soldByWeight = true;
        auto changed = products().update(m_manager, edit);
        QVERIFY2(changed.ok(), changed.ok() ? "" : qPrintable(changed.error().message));
        QVERIFY(changed->soldByWeight);

        // 1001 has stock: its pieces would be read as grams.
        const QString before = snapshot();
        edit = editOf(u"1001"_s);
        edit.soldByWeight = true;
        edit.name = u"Молоко на развес"_s;
        auto refused = products().update(m_manager, edit);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, u"sold_by_weight"_s);
        QVERIFY(refused.error().message.contains(u"1001"_s));
        QCOMPARE(snapshot(), before);
    }

    void anArchivedProductIsNeitherSoldNorReceived()
    {
        ProductEdit edit = editOf(u"1001"_s);
        edit.active = false;
        edit.reason = u"out of range"_s;
        auto archived = products().update(m_manager, edit);
        QVERIFY2(archived.ok(), archived.ok() ? "" : qPrintable(archived.error().message));
        QVERIFY(!archived->active);
        QVERIFY(!product(u"1001"_s).active);
        // Never deleted: still found, with its history.
        QCOMPARE(count(u"SELECT count(*) FROM products WHERE plu = '1001'"_s), 1);

        auto sold = sell(u"1001"_s);
        QVERIFY(!sold.ok());
        QCOMPARE(sold.error().field, u"plu"_s);
        QVERIFY2(sold.error().message.contains(u"archived"_s), qPrintable(sold.error().message));
        QCOMPARE(count(u"SELECT count(*) FROM orders"_s), 0);

        StockStore stock(m_tdb->db());
        auto received = stock.increase(
            m_keeper, StockAdjustment {m_shop, u"1001"_s, StockQuantity::Shelf, 5, {}});
        QVERIFY(!received.ok());
        QCOMPARE(received.error().field, u"plu"_s);
        QCOMPARE(count(u"SELECT shelf_qty FROM stocks WHERE plu = '1001'"_s), 10);
        // What is left can still be written off.
        auto written = stock.decrease(
            m_keeper, StockAdjustment {m_shop, u"1001"_s, StockQuantity::Shelf, 2, {}});
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));

        // Active again, it sells.
        edit.active = true;
        QVERIFY(products().update(m_manager, edit).ok());
        auto again = sell(u"1001"_s);
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
    }

    void aScheduleIsRefusedInThePastTwiceOrOutOfRange()
    {
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3600);
        auto first = prices().schedule(m_manager, {u"1002"_s, 9490, later, u"summer"_s});
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QVERIFY(first->scheduled);
        QCOMPARE(first->previous.value_or(-1), 8990);

        const struct
        {
            ScheduledPrice price;
            QString field;
            Actor actor;
        } bad[] = {
            {{u"1002"_s, 9000, QDateTime::currentDateTimeUtc().addSecs(-60), {}},
             u"valid_from"_s,
             m_manager},
            {{u"1002"_s, 9000, QDateTime(), {}}, u"valid_from"_s, m_manager},
            {{u"1002"_s, 9000, later, {}}, u"valid_from"_s, m_manager}, // that moment is taken
            {{u"1002"_s, -5, later.addSecs(60), {}}, u"price"_s, m_manager},
            {{u"1002"_s, ProductStore::kMaxPrice + 1, later.addSecs(60), {}},
             u"price"_s,
             m_manager},
            {{u"9999"_s, 9000, later.addSecs(60), {}}, u"plu"_s, m_manager},
            {{u"1002"_s, 9000, later.addSecs(60), QString(501, u'x')}, u"reason"_s, m_manager},
        };
        const QString before = snapshot();
        for (const auto &b : bad) {
            auto refused = prices().schedule(b.actor, b.price);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().field, b.field);
            QVERIFY(!refused.error().message.isEmpty());
        }
        auto cashier = prices().schedule(m_cashier, {u"1002"_s, 9000, later.addSecs(60), {}});
        QVERIFY(!cashier.ok());
        QCOMPARE(cashier.error().code, StoreError::Code::Permission);
        QCOMPARE(snapshot(), before);

        // The future price is listed first, with the current one after it.
        auto listed = prices().list(u"1002"_s);
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 2);
        QVERIFY(listed->at(0).scheduled);
        QCOMPARE(listed->at(0).price, 9490);
        QCOMPARE(listed->at(0).reason, u"summer"_s);
        QVERIFY(!listed->at(1).scheduled);
        QCOMPARE(listed->at(1).price, 8990);
    }

    void theTillChargesThePriceOfTheMomentOfTheSale()
    {
        const QDateTime from = QDateTime::currentDateTimeUtc().addSecs(3600);
        auto scheduled = prices().schedule(m_manager, {u"1001"_s, 12990, from, {}});
        QVERIFY2(scheduled.ok(), scheduled.ok() ? "" : qPrintable(scheduled.error().message));

        // Both sides of the boundary, to the millisecond.
        QCOMPARE(prices().priceAt(u"1001"_s, from.addMSecs(-1)).value(), 9990);
        QCOMPARE(prices().priceAt(u"1001"_s, from).value(), 12990);
        // Its "from" tag is queued ahead, with the new price and its moment.
        auto tag = Sql::run(m_tdb->db(),
                            u"SELECT q.price, q.valid_from FROM label_queue q JOIN products p "
                            "ON p.id = q.product_id WHERE p.plu = '1001' "
                            "AND q.reason = 'price_scheduled'"_s);
        QVERIFY(tag.ok() && tag.value().next());
        QCOMPARE(tag.value().value(0).toLongLong(), 12990);
        QCOMPARE(tag.value().value(1).toDateTime().toMSecsSinceEpoch(), from.toMSecsSinceEpoch());

        // Before its moment the till shows and charges the old price.
        QCOMPARE(product(u"1001"_s).price, 9990);
        auto before = sell(u"1001"_s);
        QVERIFY2(before.ok(), before.ok() ? "" : qPrintable(before.error().message));
        QCOMPARE(before->lines.at(0).unitPrice, 9990);

        // Its moment comes (moved to the database's present instead of
        // waiting an hour): the next sale charges it, though nothing has
        // copied it into products yet.
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE product_prices SET valid_from = clock_timestamp() "
                         "WHERE id = ?"_s,
                         {scheduled->id})
                    .ok());
        QCOMPARE(count(u"SELECT price FROM products WHERE plu = '1001'"_s), 9990);
        QCOMPARE(product(u"1001"_s).price, 12990);
        auto after = sell(u"1001"_s);
        QVERIFY2(after.ok(), after.ok() ? "" : qPrintable(after.error().message));
        QCOMPARE(after->lines.at(0).unitPrice, 12990);
        // The order recorded before keeps what it charged.
        QCOMPARE(count(u"SELECT unit_price FROM order_lines WHERE order_id = ?"_s, {before->id}),
                 9990);

        // Copying due prices into products changes no price, once.
        auto applied = prices().applyDue();
        QVERIFY(applied.ok());
        QCOMPARE(applied.value(), 1);
        QCOMPARE(prices().applyDue().value(), 0);
        QCOMPARE(count(u"SELECT price FROM products WHERE plu = '1001'"_s), 12990);
        QCOMPARE(count(u"SELECT price FROM stocks WHERE plu = '1001'"_s), 12990);
        QCOMPARE(product(u"1001"_s).price, 12990);
        QCOMPARE(prices().list(u"1001"_s)->size(), 2);
    }

    void aPriceSetNowSupersedesOnlyTheScheduleBeforeIt()
    {
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3600);
        auto future = prices().schedule(m_manager, {u"1002"_s, 7990, later, {}});
        QVERIFY(future.ok());
        ProductEdit edit = editOf(u"1002"_s);
        edit.price = 8490;
        QVERIFY(products().update(m_manager, edit).ok());
        QCOMPARE(prices().priceAt(u"1002"_s, later.addMSecs(-1)).value(), 8490);
        QCOMPARE(prices().priceAt(u"1002"_s, later).value(), 7990);

        // A scheduled price that came before a price set by hand no longer counts.
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE product_prices SET valid_from = "
                         "  (SELECT price_from FROM products WHERE plu = '1002') "
                         "  - interval '1 second' WHERE id = ?"_s,
                         {future->id})
                    .ok());
        QCOMPARE(product(u"1002"_s).price, 8490);
        QCOMPARE(prices().applyDue().value(), 0);
    }

    // The application's sweep copies a price that came due into products
    // (lists and exports show it), once. Last: it uses the pool's connections.
    void theSweepAppliesDuePrices()
    {
        Database::setDefaultConfig(m_tdb->config());
        auto scheduled = prices().schedule(
            m_manager, {u"1002"_s, 9490, QDateTime::currentDateTimeUtc().addSecs(3600), {}});
        QVERIFY(scheduled.ok());
        DuePriceSweep sweep;
        QSignalSpy swept(&sweep, &DuePriceSweep::swept);
        sweep.sweep();
        QVERIFY(swept.wait(15000));
        QCOMPARE(swept.takeFirst().at(0).toInt(), 0); // not yet
        QCOMPARE(count(u"SELECT price FROM products WHERE plu = '1002'"_s), 8990);

        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE product_prices SET valid_from = clock_timestamp() "
                         "WHERE id = ?"_s,
                         {scheduled->id})
                    .ok());
        sweep.sweep();
        QVERIFY(swept.wait(15000));
        QCOMPARE(swept.takeFirst().at(0).toInt(), 1);
        QCOMPARE(count(u"SELECT price FROM products WHERE plu = '1002'"_s), 9490);
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
    }
};

QTEST_GUILESS_MAIN(TestProductStore)
#include "tst_productstore.moc"
