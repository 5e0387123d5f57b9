// Promo codes over a real PostgreSQL: a manager makes, edits and switches
// them off (PromoStore), bad input is refused naming the field with nothing
// written, and the till enforces every rule in the order's transaction
// (window, minimum, limits in all and per customer, products), with the
// discount on the lines it applies to, against hand-worked totals.
#include "TestDatabase.h"
#include "models/catalog/CategoryStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/orders/OrderStore.h"
#include "models/promotions/PromoStore.h"
#include "models/stock/StockStore.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestPromotions : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_cashier, m_manager, m_keeper;

    PromoStore promos() const { return PromoStore(m_tdb->db()); }
    OrderStore orders() const { return OrderStore(m_tdb->db()); }
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    NewOrder cart(const QList<CartLine> &lines, const QString &code = {},
                  std::optional<qint64> customer = std::nullopt) const
    {
        NewOrder o;
        o.shopId = m_shop;
        o.lines = lines;
        o.promoCode = code;
        o.customerId = customer;
        return o;
    }
    static PromoCodeInput percent(const QString &code, qint64 value)
    {
        PromoCodeInput p;
        p.code = code;
        p.kind = PromoKind::Percent;
        p.value = value;
        return p;
    }
    static PromoCodeInput amount(const QString &code, qint64 value)
    {
        PromoCodeInput p = percent(code, value);
        p.kind = PromoKind::Amount;
        return p;
    }
    QString refusal(const NewOrder &order) const
    {
        auto made = orders().create(m_cashier, order);
        return made ? QString() : made.error().message;
    }
    qint64 customer(const QString &name)
    {
        return scalar(u"INSERT INTO customers (first_name, last_name, age, gender) "
                      "VALUES (?, 'Test', 30, 'female') RETURNING id"_s,
                      {name});
    }
    bool pay(qint64 orderId) const
    {
        return orders().pay(m_cashier, orderId, {PaymentMethod::Card, 0, 0}).ok();
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"promotions"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"TVR"_s, u"Tverskaya"_s);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        ProductStore products(m_tdb->db());
        StockStore stock(m_tdb->db());
        const QList<std::pair<QString, qint64>> catalog {
            {u"1001"_s, 9990}, // milk, 99.90
            {u"1002"_s, 4550}, // bread, 45.50
            {u"1003"_s, 65000}, // cheese, 650.00
            {u"1004"_s, 10000}, // 100.00
            {u"1005"_s, 9999}, // 99.99
        };
        for (const auto &[plu, price] : catalog) {
            QVERIFY(
                products.create(m_keeper, NewProduct {plu, u"Product "_s + plu, price, {}}).ok());
            QVERIFY(stock.create(m_keeper, plu, m_shop, 100, 0).ok());
        }
        for (int till = 1; till <= 8; ++till)
            QVERIFY(m_tdb->openShift(m_shop, QString::number(till)));
    }
    void cleanup() { m_tdb.reset(); }

    // Every bad input is refused naming its field, and nothing is written.
    void badInputIsRefusedAndNothingWritten()
    {
        const auto field = [this](const PromoCodeInput &input) {
            auto saved = promos().save(m_manager, input);
            return saved ? u"(saved)"_s : saved.error().field;
        };
        QCOMPARE(field(percent(u"OVER"_s, 101)), u"value"_s);
        QCOMPARE(field(percent(u"ZERO"_s, 0)), u"value"_s);
        QCOMPARE(field(amount(u"NEG"_s, -100)), u"value"_s);
        QCOMPARE(field(amount(u"HUGE"_s, PromoStore::kMaxAmount + 1)), u"value"_s);
        QCOMPARE(field(percent(u"a b"_s, 10)), u"code"_s);
        QCOMPARE(field(percent(u"AB"_s, 10)), u"code"_s);
        QCOMPARE(field(percent(u"ДА-ДА"_s, 10)), u"code"_s);
        PromoCodeInput backwards = percent(u"BACK"_s, 10);
        backwards.validFrom = QDateTime::currentDateTimeUtc();
        backwards.validUntil = backwards.validFrom.addSecs(-3600);
        QCOMPARE(field(backwards), u"valid_until"_s);
        PromoCodeInput noUses = percent(u"NOUSE"_s, 10);
        noUses.maxUses = 0;
        QCOMPARE(field(noUses), u"max_uses"_s);
        PromoCodeInput noCustomerUses = percent(u"NOCUST"_s, 10);
        noCustomerUses.maxUsesPerCustomer = 0;
        QCOMPARE(field(noCustomerUses), u"max_uses_per_customer"_s);
        PromoCodeInput negativeMinimum = percent(u"NEGMIN"_s, 10);
        negativeMinimum.minTotal = -1;
        QCOMPARE(field(negativeMinimum), u"min_total"_s);
        PromoCodeInput unknownProduct = percent(u"NOPLU"_s, 10);
        unknownProduct.plus = {u"1001"_s, u"9999"_s};
        QCOMPARE(field(unknownProduct), u"products"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM promo_code_products"_s), 0);

        // A cashier may not make one; a duplicate (in any case) is refused.
        QCOMPARE(promos().save(m_cashier, percent(u"TEN"_s, 10)).error().code,
                 StoreError::Code::Permission);
        QVERIFY(promos().save(m_manager, percent(u"TEN"_s, 10)).ok());
        auto twice = promos().save(m_manager, percent(u" ten "_s, 20));
        QCOMPARE(twice.error().code, StoreError::Code::Conflict);
        QCOMPARE(twice.error().field, u"code"_s);
        QVERIFY(twice.error().message.contains(u"TEN"_s));
        QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), 1);
        QCOMPARE(scalar(u"SELECT value FROM promo_codes"_s), 10);
    }

    void managerMakesEditsAndSwitchesOffACode()
    {
        PromoCodeInput input = percent(u"spring10"_s, 10);
        input.plus = {u"1002"_s, u"1001"_s};
        input.minTotal = 10000;
        input.maxUses = 100;
        input.maxUsesPerCustomer = 2;
        input.validFrom = QDateTime::currentDateTimeUtc().addDays(-1);
        input.validUntil = QDateTime::currentDateTimeUtc().addDays(30);
        auto made = promos().save(m_manager, input);
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
        QCOMPARE(made->code, u"SPRING10"_s);
        QCOMPARE(made->plus, QStringList({u"1001"_s, u"1002"_s}));
        QCOMPARE(made->maxUses, std::optional<int>(100));
        QCOMPARE(made->maxUsesPerCustomer, std::optional<int>(2));
        QCOMPARE(made->minTotal, qint64(10000));
        QCOMPARE(made->uses, 0);
        QCOMPARE(scalar(u"SELECT created_by FROM promo_codes"_s), m_manager.staffId);

        // Edited: 15 %, no product limit, no limits; its text stays.
        input.id = made->id;
        input.value = 15;
        input.plus.clear();
        input.maxUses.reset();
        input.maxUsesPerCustomer.reset();
        auto edited = promos().save(m_manager, input);
        QVERIFY(edited.ok());
        QCOMPARE(edited->value, qint64(15));
        QVERIFY(edited->plus.isEmpty());
        QVERIFY(!edited->maxUses);
        QCOMPARE(scalar(u"SELECT count(*) FROM promo_code_products"_s), 0);
        input.code = u"SUMMER15"_s;
        QCOMPARE(promos().save(m_manager, input).error().field, u"code"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes WHERE code = 'SPRING10'"_s), 1);

        // Used once, then switched off: listed with its use; the till refuses it.
        auto used = orders().create(m_cashier, cart({{u"1003"_s, 1}}, u"spring10"_s));
        QVERIFY(used.ok());
        QCOMPARE(used->discount, qint64(9750)); // 15 % of 650.00
        QVERIFY(pay(used->id));
        QVERIFY(promos().deactivate(m_manager, made->id).ok());
        QVERIFY(refusal(cart({{u"1003"_s, 1}}, u"SPRING10"_s)).contains(u"switched off"_s));
        const QList<PromoCode> listed = promos().list().value();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().uses, 1);
        QCOMPARE(listed.first().discountGiven, qint64(9750));
        QVERIFY(!listed.first().active);
    }

    // 10 % off milk only: 2 × 99.90 + 650.00 = 849.80, of which 199.80 is
    // milk; 10 % of it is 19.98, all on the milk's line.
    void tenPercentOffTheEligibleLinesOnly()
    {
        PromoCodeInput milk = percent(u"MILK10"_s, 10);
        milk.plus = {u"1001"_s};
        QVERIFY(promos().save(m_manager, milk).ok());
        auto made = orders().create(m_cashier, cart({{u"1003"_s, 1}, {u"1001"_s, 2}}, u"milk10"_s));
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
        QCOMPARE(made->subtotal, qint64(84980));
        QCOMPARE(made->discount, qint64(1998));
        QCOMPARE(made->total, qint64(82982));
        QCOMPARE(made->lines.at(0).plu, u"1003"_s);
        QCOMPARE(made->lines.at(0).discount, qint64(0));
        QCOMPARE(made->lines.at(0).netAmount, qint64(65000));
        QCOMPARE(made->lines.at(1).discount, qint64(1998));
        QCOMPARE(made->lines.at(1).netAmount, qint64(17982));
        QCOMPARE(scalar(u"SELECT sum(discount) FROM order_lines WHERE order_id = ?"_s, {made->id}),
                 qint64(1998));
        // Nothing it applies to: refused, saying why.
        QVERIFY(refusal(cart({{u"1002"_s, 1}}, u"MILK10"_s)).contains(u"other products"_s));

        // 50.00 off bread only, one bread at 45.50: the discount stops at the
        // bread's amount and the milk keeps its price.
        PromoCodeInput bread = amount(u"BREAD50"_s, 5000);
        bread.plus = {u"1002"_s};
        QVERIFY(promos().save(m_manager, bread).ok());
        auto capped =
            orders().create(m_cashier, cart({{u"1001"_s, 1}, {u"1002"_s, 1}}, u"BREAD50"_s));
        QVERIFY(capped.ok());
        QCOMPARE(capped->discount, qint64(4550));
        QCOMPARE(capped->total, qint64(9990));
        QCOMPARE(capped->lines.at(0).discount, qint64(0));
        QCOMPARE(capped->lines.at(1).discount, qint64(4550));
    }

    // 20 % off Dairy, whose subcategory Cheese holds the cheese: milk
    // 99.90 + cheese 650.00 + bread 45.50 = 795.40, of which 749.90 is
    // dairy; 20 % of it is 149.98 (19.98 on the milk, 130.00 on the cheese),
    // and the bread (in no category) keeps its price.
    void aCodeLimitedToACategoryTakesItsSubcategoriesToo()
    {
        CategoryStore categories(m_tdb->db());
        auto dairy = categories.create(m_manager, 0, u"Dairy"_s);
        QVERIFY(dairy.ok());
        auto cheese = categories.create(m_manager, dairy->id, u"Cheese"_s);
        QVERIFY(cheese.ok());
        auto empty = categories.create(m_manager, 0, u"Fish"_s);
        QVERIFY(empty.ok());
        QCOMPARE(scalar(u"WITH m AS (UPDATE products SET category_id = CASE plu WHEN '1001' "
                        "THEN ?::bigint ELSE ?::bigint END WHERE plu IN ('1001', '1003') "
                        "RETURNING 1) SELECT count(*) FROM m"_s,
                        {dairy->id, cheese->id}),
                 qint64(2));

        PromoCodeInput dairy20 = percent(u"DAIRY20"_s, 20);
        dairy20.categoryIds = {dairy->id};
        auto saved = promos().save(m_manager, dairy20);
        QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
        QCOMPARE(saved->categories, QStringList({u"Dairy"_s}));
        QCOMPARE(saved->categoryIds, QList<qint64>({dairy->id}));

        auto made = orders().create(
            m_cashier, cart({{u"1001"_s, 1}, {u"1003"_s, 1}, {u"1002"_s, 1}}, u"DAIRY20"_s));
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
        QCOMPARE(made->subtotal, qint64(79540));
        QCOMPARE(made->discount, qint64(14998));
        QCOMPARE(made->lines.at(0).discount, qint64(1998));
        QCOMPARE(made->lines.at(1).discount, qint64(13000));
        QCOMPARE(made->lines.at(2).discount, qint64(0));
        QVERIFY(refusal(cart({{u"1002"_s, 1}}, u"DAIRY20"_s)).contains(u"other products"_s));

        // A code limited to a category with nothing in it discounts nothing
        // (never everything).
        PromoCodeInput fish = amount(u"FISH100"_s, 10000);
        fish.categoryIds = {empty->id};
        QVERIFY(promos().save(m_manager, fish).ok());
        QVERIFY(refusal(cart({{u"1001"_s, 1}}, u"FISH100"_s)).contains(u"other products"_s));

        // An unknown category is refused naming the field, nothing written.
        const qint64 codes = scalar(u"SELECT count(*) FROM promo_codes"_s);
        PromoCodeInput unknown = percent(u"NOWHERE"_s, 5);
        unknown.categoryIds = {dairy->id, 987654};
        auto refused = promos().save(m_manager, unknown);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, u"categories"_s);
        QVERIFY(refused.error().message.contains(u"987654"_s));
        QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), codes);

        // The category a code names cannot be deleted from under it.
        auto kept = categories.remove(m_manager, empty->id);
        QVERIFY(!kept.ok());
        QVERIFY2(kept.error().message.contains(u"FISH100"_s), qPrintable(kept.error().message));
        QCOMPARE(scalar(u"SELECT count(*) FROM categories WHERE id = ?"_s, {empty->id}), qint64(1));
        // Taken out of the code, it can.
        fish.id = scalar(u"SELECT id FROM promo_codes WHERE code = 'FISH100'"_s);
        fish.categoryIds.clear();
        fish.plus = {u"1005"_s};
        QVERIFY(promos().save(m_manager, fish).ok());
        QVERIFY(categories.remove(m_manager, empty->id).ok());
    }

    // A minimum of 500.00: 4 × 100.00 + 99.99 = 499.99 is refused, 5 × 100.00
    // is enough and gets 50.00 off.
    void theMinimumTotalAtItsBoundary()
    {
        PromoCodeInput min = amount(u"MIN500"_s, 5000);
        min.minTotal = 50000;
        QVERIFY(promos().save(m_manager, min).ok());
        QVERIFY(
            refusal(cart({{u"1004"_s, 4}, {u"1005"_s, 1}}, u"MIN500"_s)).contains(u"at least"_s));
        auto enough = orders().create(m_cashier, cart({{u"1004"_s, 5}}, u"MIN500"_s));
        QVERIFY(enough.ok());
        QCOMPARE(enough->total, qint64(45000));
        QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE promo_code_id IS NOT NULL"_s), 1);
    }

    // The window, in the database's clock: not before it starts, not from
    // the moment it ends.
    void theValidityWindow()
    {
        PromoCodeInput later = percent(u"LATER"_s, 10);
        later.validFrom = QDateTime::currentDateTimeUtc().addSecs(3600);
        QVERIFY(promos().save(m_manager, later).ok());
        PromoCodeInput over = percent(u"OVER"_s, 10);
        over.validFrom = QDateTime::currentDateTimeUtc().addDays(-2);
        over.validUntil = QDateTime::currentDateTimeUtc().addSecs(-1);
        QVERIFY(promos().save(m_manager, over).ok());
        PromoCodeInput now = percent(u"NOW"_s, 10);
        now.validFrom = QDateTime::currentDateTimeUtc().addSecs(-60);
        now.validUntil = QDateTime::currentDateTimeUtc().addSecs(3600);
        QVERIFY(promos().save(m_manager, now).ok());
        QVERIFY(refusal(cart({{u"1004"_s, 1}}, u"LATER"_s)).contains(u"not valid yet"_s));
        QVERIFY(refusal(cart({{u"1004"_s, 1}}, u"OVER"_s)).contains(u"expired"_s));
        QCOMPARE(refusal(cart({{u"1004"_s, 1}}, u"NOW"_s)), QString());
    }

    // Good for two uses: an order awaiting payment holds its use; the third
    // is refused until a cancelled order gives its use back.
    void theLimitThUseIsTakenAndTheNextRefused()
    {
        PromoCodeInput twice = amount(u"TWICE"_s, 1000);
        twice.maxUses = 2;
        QVERIFY(promos().save(m_manager, twice).ok());
        auto first = orders().create(m_cashier, cart({{u"1004"_s, 1}}, u"TWICE"_s));
        QVERIFY(first.ok());
        QVERIFY(pay(first->id));
        auto second = orders().create(m_cashier, cart({{u"1004"_s, 1}}, u"TWICE"_s));
        QVERIFY(second.ok());
        QCOMPARE(second->total, qint64(9000));
        QVERIFY(refusal(cart({{u"1004"_s, 1}}, u"TWICE"_s)).contains(u"used up"_s));
        QVERIFY(orders().cancel(m_cashier, second->id).ok());
        auto third = orders().create(m_cashier, cart({{u"1004"_s, 1}}, u"TWICE"_s));
        QVERIFY(third.ok());
        QVERIFY(refusal(cart({{u"1004"_s, 1}}, u"TWICE"_s)).contains(u"used up"_s));
        QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE promo_code_id IS NOT NULL "
                        "AND status IN ('paid', 'awaiting_payment')"_s),
                 2);
    }

    // Once per customer: none chosen is refused, saying so; each customer
    // gets it once.
    void oncePerCustomer()
    {
        PromoCodeInput once = percent(u"ONCE"_s, 5);
        once.maxUsesPerCustomer = 1;
        QVERIFY(promos().save(m_manager, once).ok());
        const qint64 anna = customer(u"Anna"_s), boris = customer(u"Boris"_s);
        auto none = orders().create(m_cashier, cart({{u"1004"_s, 1}}, u"ONCE"_s));
        QCOMPARE(none.error().field, u"customer"_s);
        QVERIFY(none.error().message.contains(u"choose the customer"_s));
        auto forAnna = orders().create(m_cashier, cart({{u"1004"_s, 2}}, u"ONCE"_s, anna));
        QVERIFY(forAnna.ok());
        QCOMPARE(forAnna->discount, qint64(1000)); // 5 % of 200.00
        QVERIFY(pay(forAnna->id));
        QVERIFY(refusal(cart({{u"1004"_s, 1}}, u"ONCE"_s, anna)).contains(u"already"_s));
        QCOMPARE(refusal(cart({{u"1004"_s, 1}}, u"ONCE"_s, boris)), QString());
        QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE promo_code_id IS NOT NULL"_s), 2);
    }

    // Eight tills want the one use of a code at once: exactly one gets it.
    void eightTillsForTheLastUse()
    {
        PromoCodeInput last = amount(u"LAST"_s, 1000);
        last.maxUses = 1;
        QVERIFY(promos().save(m_manager, last).ok());
        std::atomic<int> made {0}, refused {0}, errors {0};
        std::vector<std::thread> tills;
        const DbConfig config = m_tdb->config();
        for (int t = 0; t < 8; ++t) {
            tills.emplace_back([&, t] {
                ScopedConnection conn(config, u"till-%1"_s.arg(t));
                NewOrder o = cart({{u"1004"_s, 1}}, u"LAST"_s);
                o.till = QString::number(t + 1);
                auto order = OrderStore(conn.db()).create(m_cashier, o);
                if (order)
                    ++made;
                else if (order.error().field == u"promo_code"_s)
                    ++refused;
                else
                    ++errors;
            });
        }
        for (auto &t : tills)
            t.join();
        QCOMPARE(errors.load(), 0);
        QCOMPARE(made.load(), 1);
        QCOMPARE(refused.load(), 7);
        QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE promo_code_id IS NOT NULL"_s), 1);
    }

    // Promotions with no code: the till takes the one that takes most off
    // a sale it suits, and nothing when none does; a typed code wins.
    void automaticPromotionsNeedNoCode()
    {
        PromoCodeInput milk = percent(u"AUTO-MILK"_s, 10);
        milk.automatic = true;
        milk.plus = {u"1001"_s};
        milk.validFrom = QDateTime::currentDateTimeUtc().addSecs(-3600);
        milk.validUntil = QDateTime::currentDateTimeUtc().addSecs(3600);
        auto milkCode = promos().save(m_manager, milk);
        QVERIFY(milkCode.ok());
        QVERIFY(milkCode->automatic);
        PromoCodeInput big = amount(u"AUTO-BIG"_s, 10000);
        big.automatic = true;
        big.minTotal = 100000;
        QVERIFY(promos().save(m_manager, big).ok());
        QVERIFY(promos().save(m_manager, percent(u"FIVE"_s, 5)).ok());
        const auto codeOf = [this](qint64 orderId) {
            return Sql::scalar(m_tdb->db(),
                               u"SELECT coalesce(p.code, '') FROM orders o LEFT JOIN promo_codes "
                               "p ON p.id = o.promo_code_id WHERE o.id = ?"_s,
                               {orderId})
                .value()
                .toString();
        };

        // 2 × 99.90 + 650.00 = 849.80: under 1,000.00, so 10 % of the milk.
        auto milkOnly = orders().create(m_cashier, cart({{u"1001"_s, 2}, {u"1003"_s, 1}}));
        QVERIFY(milkOnly.ok());
        QCOMPARE(milkOnly->discount, qint64(1998));
        QCOMPARE(codeOf(milkOnly->id), u"AUTO-MILK"_s);
        // 2 × 650.00, no milk: 100.00 off the purchase.
        auto bigOnly = orders().create(m_cashier, cart({{u"1003"_s, 2}}));
        QCOMPARE(bigOnly->discount, qint64(10000));
        QCOMPARE(codeOf(bigOnly->id), u"AUTO-BIG"_s);
        // 10 × 99.90 + 650.00: 99.90 off the milk or 100.00 off: the larger.
        auto both = orders().create(m_cashier, cart({{u"1001"_s, 10}, {u"1003"_s, 1}}));
        QCOMPARE(both->discount, qint64(10000));
        QCOMPARE(codeOf(both->id), u"AUTO-BIG"_s);
        // Bread alone suits neither.
        auto none = orders().create(m_cashier, cart({{u"1002"_s, 1}}));
        QCOMPARE(none->discount, qint64(0));
        QCOMPARE(codeOf(none->id), QString());
        // A typed code is the one used: 5 % of 199.80 = 9.99.
        auto typed = orders().create(m_cashier, cart({{u"1001"_s, 2}}, u"five"_s));
        QCOMPARE(typed->discount, qint64(999));
        QCOMPARE(codeOf(typed->id), u"FIVE"_s);
        // Switched off, it is no longer applied.
        QVERIFY(promos().deactivate(m_manager, milkCode->id).ok());
        auto off = orders().create(m_cashier, cart({{u"1001"_s, 2}}));
        QCOMPARE(off->discount, qint64(0));
    }

    // The uses report is what SQL says the paid orders were given off, and
    // every order's lines add up to its discount.
    void theUsesReportEqualsSql()
    {
        PromoCodeInput ten = percent(u"TEN"_s, 10);
        QVERIFY(promos().save(m_manager, ten).ok());
        QVERIFY(promos().save(m_manager, amount(u"FIVE"_s, 500)).ok());
        const QList<std::pair<QList<CartLine>, QString>> sales {
            {{{u"1001"_s, 3}, {u"1002"_s, 1}, {u"1005"_s, 2}}, u"TEN"_s},
            {{{u"1003"_s, 1}, {u"1005"_s, 1}}, u"TEN"_s},
            {{{u"1002"_s, 1}}, u"FIVE"_s},
            {{{u"1004"_s, 1}}, {}},
        };
        for (const auto &[lines, code] : sales) {
            auto made = orders().create(m_cashier, cart(lines, code));
            QVERIFY(made.ok());
            QVERIFY(pay(made->id));
        }
        // One awaiting payment: not paid, not in the report.
        QVERIFY(orders().create(m_cashier, cart({{u"1003"_s, 1}}, u"TEN"_s)).ok());
        QCOMPARE(scalar(u"SELECT count(*) FROM orders o WHERE o.discount <> "
                        "(SELECT sum(l.discount) FROM order_lines l WHERE l.order_id = o.id)"_s),
                 0);
        const QDateTime from = QDateTime::currentDateTimeUtc().addSecs(-3600);
        const QDateTime until = QDateTime::currentDateTimeUtc().addSecs(3600);
        auto report = promos().usage(m_manager, from, until);
        QVERIFY(report.ok());
        QCOMPARE(report->size(), 2);
        for (const PromoUsage &row : report.value()) {
            QCOMPARE(qint64(row.uses),
                     scalar(u"SELECT count(*) FROM orders o JOIN promo_codes p ON p.id = "
                            "o.promo_code_id WHERE p.code = ? AND o.status = 'paid'"_s,
                            {row.code}));
            QCOMPARE(row.discount,
                     scalar(u"SELECT sum(l.discount) FROM order_lines l JOIN orders o ON o.id = "
                            "l.order_id JOIN promo_codes p ON p.id = o.promo_code_id "
                            "WHERE p.code = ? AND o.status = 'paid'"_s,
                            {row.code}));
        }
        QCOMPARE(report->first().code, u"TEN"_s); // the costliest first
        QCOMPARE(report->first().uses, 2);
        // 10 % of 3 × 99.90 + 45.50 + 2 × 99.99 = 545.18 is 54.52; of 749.99, 75.00.
        QCOMPARE(report->first().discount, qint64(5452 + 7500));
        QCOMPARE(report->last().discount, qint64(500));
        // A period with no sale has no rows; the cashier may not see it.
        QVERIFY(promos().usage(m_manager, until, until.addDays(1))->isEmpty());
        QCOMPARE(promos().usage(m_cashier, from, until).error().code, StoreError::Code::Permission);
    }
};

QTEST_GUILESS_MAIN(TestPromotions)
#include "tst_promotions.moc"
