#include "TestDatabase.h"
#include "models/catalog/CategoryStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/stock/StockFilter.h"
#include "models/stock/StockStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The categories tree (issue 17, item 1) over a real PostgreSQL: built,
// renamed, moved and deleted; no loop, no twin siblings; a product's
// category and every change of it kept; the stock filter by a subtree.
class TestCategories : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_manager, m_keeper, m_cashier;

    CategoryStore categories() const { return CategoryStore(m_tdb->db()); }
    ProductStore products() const { return ProductStore(m_tdb->db()); }
    qint64 count(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    qint64 make(qint64 parent, const QString &name) const
    {
        auto made = categories().create(m_manager, parent, name);
        if (!made)
            qWarning() << made.error().message;
        return made ? made->id : 0;
    }
    QStringList paths() const
    {
        QStringList all;
        for (const Category &c : categories().list().value())
            all << c.path;
        return all;
    }
    Result<Product> place(const QString &plu, qint64 category) const
    {
        ProductPatch patch;
        patch.plu = plu;
        patch.categoryId = category;
        patch.reason = u"sorted"_s;
        return products().patch(m_manager, patch);
    }
    // Everything a refused change must leave alone.
    QString snapshot() const
    {
        auto v = Sql::scalar(m_tdb->db(),
                             u"SELECT coalesce((SELECT json_agg(c ORDER BY id) FROM categories c)"
                             "::text, '') || (SELECT json_agg(json_build_array(id, category_id) "
                             "ORDER BY id) FROM products)::text || "
                             "(SELECT count(*) FROM product_changes)"_s);
        return v ? v.value().toString() : QString();
    }
    QJsonObject lastChange(const QString &plu, const char *side) const
    {
        auto v =
            Sql::scalar(m_tdb->db(),
                        u"SELECT c.%1::text FROM product_changes c JOIN products p "
                        "ON p.id = c.product_id WHERE p.plu = ? ORDER BY c.id DESC LIMIT 1"_s.arg(
                            QString::fromLatin1(side)),
                        {plu});
        return QJsonDocument::fromJson(v.value().toString().toUtf8()).object();
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"categories"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        for (const NewProduct &p : {NewProduct {u"1001"_s, u"Milk"_s, 9990, {}, false},
                                    NewProduct {u"1002"_s, u"Cream"_s, 19990, {}, false},
                                    NewProduct {u"1003"_s, u"Water"_s, 4990, {}, false}})
            QVERIFY(products().create(m_manager, p).ok());
    }
    void cleanup() { m_tdb.reset(); }

    void aTreeIsBuiltRenamedAndMoved()
    {
        const qint64 food = make(0, u"Food"_s);
        const qint64 dairy = make(food, u"  Dairy "_s);
        const qint64 milk = make(dairy, u"Milk"_s);
        const qint64 drinks = make(0, u"Drinks"_s);
        QVERIFY(food && dairy && milk && drinks);
        QCOMPARE(categories().byId(dairy).value()->name, u"Dairy"_s);
        // Parents before their children, siblings by name.
        QCOMPARE(
            paths(),
            QStringList({u"Drinks"_s, u"Food"_s, u"Food / Dairy"_s, u"Food / Dairy / Milk"_s}));
        auto renamed = categories().rename(m_manager, milk, u"Milk and cream"_s);
        QVERIFY(renamed.ok());
        QCOMPARE(renamed->path, u"Food / Dairy / Milk and cream"_s);
        auto moved = categories().move(m_manager, dairy, drinks);
        QVERIFY2(moved.ok(), moved.ok() ? "" : qPrintable(moved.error().message));
        QCOMPARE(categories().byId(milk).value()->path, u"Drinks / Dairy / Milk and cream"_s);
        QVERIFY(categories().move(m_manager, dairy, 0).ok());
        QCOMPARE(categories().byId(dairy).value()->parentId, qint64(0));
        // The same name under another parent is another category.
        QVERIFY(make(drinks, u"Dairy"_s) > 0);
    }

    void badInputNamesTheFieldAndWritesNothing()
    {
        const qint64 food = make(0, u"Food"_s);
        const qint64 dairy = make(food, u"Dairy"_s);
        const qint64 milk = make(dairy, u"Milk"_s);
        make(food, u"Bakery"_s);
        const QString unchanged = snapshot();
        const auto refused = [&](const auto &r, StoreError::Code code, const QString &field) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, code);
            QCOMPARE(r.error().field, field);
            QVERIFY(!r.error().message.isEmpty());
            QCOMPARE(snapshot(), unchanged);
        };
        refused(categories().create(m_manager, 0, u"   "_s), StoreError::Code::Invalid, u"name"_s);
        refused(categories().create(m_manager, 0, QString(101, u'x')), StoreError::Code::Invalid,
                u"name"_s);
        // A sibling with the same name, whatever its case.
        refused(categories().create(m_manager, 0, u"FOOD"_s), StoreError::Code::Conflict,
                u"name"_s);
        refused(categories().rename(m_manager, dairy, u"bakery"_s), StoreError::Code::Conflict,
                u"name"_s);
        refused(categories().rename(m_manager, dairy, QString()), StoreError::Code::Invalid,
                u"name"_s);
        refused(categories().create(m_manager, 999999, u"Lost"_s), StoreError::Code::Invalid,
                u"parent_id"_s);
        // A loop: into itself, or under its own descendant.
        refused(categories().move(m_manager, food, food), StoreError::Code::Invalid,
                u"parent_id"_s);
        refused(categories().move(m_manager, food, milk), StoreError::Code::Invalid,
                u"parent_id"_s);
        // A move next to a sibling of the same name.
        const qint64 otherMilk = make(0, u"Milk"_s);
        const QString withOtherMilk = snapshot();
        auto twin = categories().move(m_manager, otherMilk, dairy);
        QVERIFY(!twin.ok());
        QCOMPARE(twin.error().field, u"name"_s);
        QCOMPARE(snapshot(), withOtherMilk);
        // Whatever writes it, the database refuses a loop too.
        QVERIFY(!Sql::run(m_tdb->db(), u"UPDATE categories SET parent_id = ? WHERE id = ?"_s,
                          {milk, food})
                     .ok());
        QVERIFY(
            !Sql::run(m_tdb->db(), u"UPDATE categories SET parent_id = id WHERE id = ?"_s, {food})
                 .ok());
        // A cashier changes no category (managers and stock keepers do).
        auto cashier = categories().create(m_cashier, 0, u"Toys"_s);
        QVERIFY(!cashier.ok());
        QCOMPARE(cashier.error().code, StoreError::Code::Permission);
        QCOMPARE(snapshot(), withOtherMilk);
    }

    void aProductsCategoryChangeIsKept()
    {
        const qint64 food = make(0, u"Food"_s);
        const qint64 dairy = make(food, u"Dairy"_s);
        auto placed = place(u"1001"_s, dairy);
        QVERIFY2(placed.ok(), placed.ok() ? "" : qPrintable(placed.error().message));
        QCOMPARE(placed->categoryId, dairy);
        QCOMPARE(placed->categoryPath, u"Food / Dairy"_s);
        QVERIFY(lastChange(u"1001"_s, "before").value(u"category"_s).isNull());
        QCOMPARE(lastChange(u"1001"_s, "after").value(u"category"_s).toString(), u"Food / Dairy"_s);
        QCOMPARE(lastChange(u"1001"_s, "after").value(u"category_id"_s).toInteger(), dairy);
        // An edit that does not name a category keeps it.
        ProductPatch rename;
        rename.plu = u"1001"_s;
        rename.name = u"Milk 3.2%"_s;
        QCOMPARE(products().patch(m_manager, rename)->categoryId, dairy);
        // Moved to another category, then to none: each kept.
        QVERIFY(place(u"1001"_s, food).ok());
        QCOMPARE(lastChange(u"1001"_s, "before").value(u"category"_s).toString(),
                 u"Food / Dairy"_s);
        QCOMPARE(lastChange(u"1001"_s, "after").value(u"category"_s).toString(), u"Food"_s);
        QVERIFY(place(u"1001"_s, 0).ok());
        QVERIFY(lastChange(u"1001"_s, "after").value(u"category"_s).isNull());
        QCOMPARE(count(u"SELECT count(*) FROM products WHERE category_id IS NOT NULL"_s), 0);

        // An unknown category, named; nothing written.
        const QString unchanged = snapshot();
        auto unknown = place(u"1002"_s, 999999);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().field, u"category"_s);
        NewProduct lost {u"1004"_s, u"Juice"_s, 9990, {}, false};
        lost.categoryId = 999999;
        auto made = products().create(m_manager, lost);
        QVERIFY(!made.ok());
        QCOMPARE(made.error().field, u"category"_s);
        QCOMPARE(snapshot(), unchanged);
        // A new product in a category.
        lost.categoryId = dairy;
        auto juice = products().create(m_manager, lost);
        QVERIFY(juice.ok());
        QCOMPARE(juice->categoryId, dairy);
        QCOMPARE(products().byPlu(u"1004"_s).value()->categoryPath, u"Food / Dairy"_s);
    }

    void aCategoryIsDeletedEmptyOrWithItsContentsMovedUp()
    {
        const qint64 food = make(0, u"Food"_s);
        const qint64 dairy = make(food, u"Dairy"_s);
        const qint64 milk = make(dairy, u"Milk"_s);
        const qint64 empty = make(0, u"Empty"_s);
        QVERIFY(place(u"1001"_s, milk).ok());
        QVERIFY(place(u"1002"_s, dairy).ok());
        const QString unchanged = snapshot();
        for (const qint64 id : {dairy, milk, food}) {
            auto refused = categories().remove(m_manager, id);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().code, StoreError::Code::Conflict);
            QCOMPARE(snapshot(), unchanged);
        }
        QVERIFY(categories().remove(m_manager, empty).ok());
        QVERIFY(!categories().byId(empty).value().has_value());

        // Dairy goes: Milk moves under Food, Cream into Food, kept in its history.
        auto up = categories().remove(m_manager, dairy, true);
        QVERIFY2(up.ok(), up.ok() ? "" : qPrintable(up.error().message));
        QCOMPARE(paths(), QStringList({u"Food"_s, u"Food / Milk"_s}));
        QCOMPARE(products().byPlu(u"1002"_s).value()->categoryId, food);
        QCOMPARE(products().byPlu(u"1001"_s).value()->categoryId, milk);
        QCOMPARE(lastChange(u"1002"_s, "before").value(u"category"_s).toString(),
                 u"Food / Dairy"_s);
        QCOMPARE(lastChange(u"1002"_s, "after").value(u"category"_s).toString(), u"Food"_s);
        // A top-level one: its products are left in no category.
        QVERIFY(categories().remove(m_manager, food, true).ok());
        QCOMPARE(paths(), QStringList({u"Milk"_s}));
        QCOMPARE(products().byPlu(u"1002"_s).value()->categoryId, qint64(0));
        QVERIFY(lastChange(u"1002"_s, "after").value(u"category"_s).isNull());
    }

    // The Stock page's tree filters the list to a category and everything
    // below it: the same rows as SQL over the subtree.
    void theStockFilterTakesTheWholeSubtree()
    {
        const qint64 food = make(0, u"Food"_s);
        const qint64 dairy = make(food, u"Dairy"_s);
        const qint64 drinks = make(0, u"Drinks"_s);
        QVERIFY(place(u"1001"_s, dairy).ok());
        QVERIFY(place(u"1002"_s, food).ok());
        QVERIFY(place(u"1003"_s, drinks).ok());
        StockStore stock(m_tdb->db());
        for (const QString &plu : {u"1001"_s, u"1002"_s, u"1003"_s})
            QVERIFY(stock.create(m_keeper, plu, m_shop, 10, 0).ok());
        const auto plusOf = [&](qint64 category) {
            StockFilter filter;
            filter.categoryId = category;
            QStringList plus;
            for (const StockRow &r : stock.list(filter, StockOrder {}, 0, 100).value())
                plus << r.plu;
            plus.sort();
            return plus;
        };
        QCOMPARE(plusOf(food), QStringList({u"1001"_s, u"1002"_s}));
        QCOMPARE(plusOf(dairy), QStringList {u"1001"_s});
        QCOMPARE(plusOf(drinks), QStringList {u"1003"_s});
        StockFilter filter;
        filter.categoryId = food;
        QCOMPARE(stock.count(filter).value(),
                 count(u"SELECT count(*) FROM stocks s JOIN products p ON p.id = s.product_id "
                       "WHERE p.category_id IN (SELECT category_subtree(?))"_s,
                       {food}));
        filter.categoryId = 0;
        QVERIFY(filter.validate().has_value());
        QCOMPARE(filter.validate()->field, u"category_id"_s);
    }
};

QTEST_GUILESS_MAIN(TestCategories)
#include "tst_categories.moc"
