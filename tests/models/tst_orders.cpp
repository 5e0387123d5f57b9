#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/orders/OrderStore.h"
#include "models/orders/PromoCodeStore.h"
#include "models/shifts/ShiftStore.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockStore.h"

#include <QSet>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The order lifecycle over a real PostgreSQL: reservation all or nothing,
// payment, cancel, timeout with two tills, returns, races for the last units.
class TestOrders : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_cashier, m_cashier2, m_manager, m_keeper;

    OrderStore orders() const { return OrderStore(m_tdb->db()); }
    ManagerApproval managerApproval() const
    {
        return StaffStore(m_tdb->db())
            .approveAsManager(u"manager"_s, u"manager-pass"_s, m_shop)
            .value();
    }
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    QPair<int, int> stockOf(const QString &plu) const
    {
        const StockRow r = StockStore(m_tdb->db()).find(m_shop, plu).value().value();
        return {r.shelfQty, r.orderQty};
    }
    NewOrder cart(const QList<CartLine> &lines) const
    {
        NewOrder o;
        o.shopId = m_shop;
        o.lines = lines;
        return o;
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"orders"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"TVR"_s, u"Tverskaya"_s);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        m_cashier2 = m_tdb->addStaff(u"cashier2"_s, Role::Cashier, m_shop);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        QVERIFY(m_tdb->setPassword(m_manager.staffId, u"manager-pass"_s));
        QVERIFY(m_tdb->setPassword(m_cashier2.staffId, u"cashier2-pass"_s));
        ProductStore products(m_tdb->db());
        StockStore stock(m_tdb->db());
        QVERIFY(products.create(m_keeper, NewProduct {u"1001"_s, u"Молоко"_s, 9990, {}}).ok());
        QVERIFY(products.create(m_keeper, NewProduct {u"1002"_s, u"Хлеб"_s, 4550, {}}).ok());
        QVERIFY(products.create(m_keeper, NewProduct {u"1003"_s, u"Сыр"_s, 65000, {}}).ok());
        QVERIFY(stock.create(m_keeper, u"1001"_s, m_shop, 20, 0).ok());
        QVERIFY(stock.create(m_keeper, u"1002"_s, m_shop, 5, 0).ok());
        QVERIFY(stock.create(m_keeper, u"1003"_s, m_shop, 1, 0).ok());
        // No shift, no sale: tills 1 to 16 are open (the races use them).
        for (int till = 1; till <= 16; ++till)
            QVERIFY(m_tdb->openShift(m_shop, QString::number(till)));
    }
    void cleanup() { m_tdb.reset(); }

    void createReservesPayCashSells()
    {
        // Milk scanned twice: one line with both counts.
        auto made =
            orders().create(m_cashier, cart({{u"1001"_s, 2}, {u"1002"_s, 1}, {u"1001"_s, 1}}));
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
        const Order o = made.value();
        QCOMPARE(o.status, OrderStatus::AwaitingPayment);
        QCOMPARE(o.number, u"TVR-1-000001"_s);
        QCOMPARE(o.lines.size(), 2);
        QCOMPARE(o.lines.at(0).qty, 3);
        QCOMPARE(o.lines.at(0).unitPrice, qint64(9990));
        QCOMPARE(o.total, qint64(3 * 9990 + 4550));
        QVERIFY(o.expiresAt > QDateTime::currentDateTimeUtc().addSecs(14 * 60));
        QCOMPARE(stockOf(u"1001"_s), qMakePair(17, 3)); // available = total − reserved
        QCOMPARE(stockOf(u"1002"_s), qMakePair(4, 1));
        QCOMPARE(
            scalar(u"SELECT count(*) FROM history WHERE action = 'reserved' AND order_id = ?"_s,
                   {o.id}),
            2);

        auto short_ = orders().pay(m_cashier, o.id, {PaymentMethod::Cash, 10000, 0});
        QCOMPARE(short_.error().field, u"cash_tendered"_s);
        QCOMPARE(orders().byId(o.id).value()->status, OrderStatus::AwaitingPayment);

        auto paid = orders().pay(m_cashier, o.id, {PaymentMethod::Cash, 50000, 0});
        QVERIFY2(paid.ok(), paid.ok() ? "" : qPrintable(paid.error().message));
        QCOMPARE(paid->order.status, OrderStatus::Paid);
        QCOMPARE(paid->change, qint64(50000 - 34520));
        QCOMPARE(paid->order.paidCash, qint64(34520));
        QCOMPARE(stockOf(u"1001"_s), qMakePair(17, 0));
        QCOMPARE(stockOf(u"1002"_s), qMakePair(4, 0));
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'sold' AND order_id = ? "
                        "AND staff_id = ?"_s,
                        {o.id, m_cashier.staffId}),
                 2);
        // Every stock change queued its event for central.
        QCOMPARE(scalar(u"SELECT count(*) FROM outbox WHERE payload->>'order_id' = ?"_s,
                        {QString::number(o.id)}),
                 4);
    }

    void anOrderThatCannotBeReservedFailsAndHoldsNothing()
    {
        const qint64 history = scalar(u"SELECT count(*) FROM history"_s);
        auto made = orders().create(m_cashier, cart({{u"1001"_s, 2}, {u"1003"_s, 2}}));
        QVERIFY(made.ok());
        QCOMPARE(made->status, OrderStatus::Failed);
        QVERIFY2(made->failure.contains(u"Only 1 of PLU 1003"_s), qPrintable(made->failure));
        QCOMPARE(stockOf(u"1001"_s), qMakePair(20, 0)); // nothing stayed reserved
        QCOMPARE(stockOf(u"1003"_s), qMakePair(1, 0));
        QCOMPARE(scalar(u"SELECT count(*) FROM history"_s), history);
        QCOMPARE(made->lines.size(), 2); // the attempt is kept, for the Orders page
        auto pay = orders().pay(m_cashier, made->id, {PaymentMethod::Card, 0, 0});
        QCOMPARE(pay.error().code, StoreError::Code::Conflict);
    }

    void badOrdersAreRefusedAndRecordNothing()
    {
        QCOMPARE(orders().create(m_cashier, cart({})).error().field, u"lines"_s);
        QCOMPARE(orders().create(m_cashier, cart({{u"1001"_s, 0}})).error().field, u"qty"_s);
        auto unknown = orders().create(m_cashier, cart({{u"1001"_s, 1}, {u"777"_s, 1}}));
        QCOMPARE(unknown.error().code, StoreError::Code::NotFound);
        QVERIFY(unknown.error().message.contains(u"777"_s));
        NewOrder badTill = cart({{u"1001"_s, 1}});
        badTill.till = u"till one; DROP"_s;
        QCOMPARE(orders().create(m_cashier, badTill).error().field, u"till"_s);
        NewOrder badPromo = cart({{u"1001"_s, 1}});
        badPromo.promoCode = u"NOPE"_s;
        QCOMPARE(orders().create(m_cashier, badPromo).error().field, u"promo_code"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM orders"_s), 0);
        QCOMPARE(stockOf(u"1001"_s), qMakePair(20, 0));
    }

    void promoCodesDiscount()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO promo_codes (code, kind, value) VALUES "
                         "('TEN', 'percent', 10), ('MINUS100', 'amount', 10000)"_s)
                    .ok());
        NewOrder o = cart({{u"1001"_s, 1}, {u"1002"_s, 1}}); // 99.90 + 45.50 = 145.40
        o.promoCode = u"ten"_s;
        auto made = orders().create(m_cashier, o);
        QVERIFY(made.ok());
        QCOMPARE(made->discount, qint64(1454)); // 10% rounded to the kopeck
        QCOMPARE(made->total, qint64(14540 - 1454));
        o.promoCode = u"MINUS100"_s;
        o.lines = {{u"1002"_s, 1}}; // 45.50: the amount is capped at the subtotal
        made = orders().create(m_cashier, o);
        QCOMPARE(made->total, qint64(0));
    }

    void cancelPutsItBackAndIllegalMovesAreRefused()
    {
        auto made = orders().create(m_cashier, cart({{u"1002"_s, 5}}));
        QCOMPARE(stockOf(u"1002"_s), qMakePair(0, 5));
        // Another cashier may not cancel it; a manager may.
        QCOMPARE(orders().cancel(m_cashier2, made->id).error().code, StoreError::Code::Permission);
        auto cancelled = orders().cancel(m_cashier, made->id, u"customer left"_s);
        QVERIFY(cancelled.ok());
        QCOMPARE(cancelled->status, OrderStatus::Cancelled);
        QCOMPARE(stockOf(u"1002"_s), qMakePair(5, 0));
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'released' AND reason LIKE "
                        "'%customer left%'"_s),
                 1);
        auto payCancelled = orders().pay(m_cashier, made->id, {PaymentMethod::Card, 0, 0});
        QCOMPARE(payCancelled.error().code, StoreError::Code::Conflict);
        QVERIFY(payCancelled.error().message.contains(u"cancelled"_s));
        QCOMPARE(orders().cancel(m_cashier, made->id).error().code, StoreError::Code::Conflict);

        auto second = orders().create(m_cashier, cart({{u"1002"_s, 1}}));
        QVERIFY(orders().pay(m_cashier, second->id, {PaymentMethod::Card, 0, 0}).ok());
        auto cancelPaid = orders().cancel(m_manager, second->id);
        QCOMPARE(cancelPaid.error().code, StoreError::Code::Conflict);
        QVERIFY(cancelPaid.error().message.contains(u"Return"_s));
        QCOMPARE(orders().pay(m_cashier, second->id, {PaymentMethod::Card, 0, 0}).error().code,
                 StoreError::Code::Conflict); // not twice
        QCOMPARE(stockOf(u"1002"_s), qMakePair(4, 0));
        QCOMPARE(second->number, u"TVR-1-000002"_s);
    }

    void splitPayment()
    {
        auto made = orders().create(m_cashier, cart({{u"1003"_s, 1}})); // 650.00
        auto wrong = orders().pay(m_cashier, made->id, {PaymentMethod::Split, 100000, 65000});
        QCOMPARE(wrong.error().field, u"card"_s);
        auto paid = orders().pay(m_cashier, made->id, {PaymentMethod::Split, 20000, 50000});
        QVERIFY(paid.ok());
        QCOMPARE(paid->order.paidCard, qint64(50000));
        QCOMPARE(paid->order.paidCash, qint64(15000));
        QCOMPARE(paid->change, qint64(5000));
    }

    // 16 tills want the last 10 units at once: exactly 10 orders are paid.
    void sixteenBuyersForTheLastTenUnits()
    {
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 10 WHERE plu = '1001'"_s).ok());
        std::atomic<int> paid {0}, failed {0}, errors {0};
        std::vector<std::thread> tills;
        const DbConfig config = m_tdb->config();
        for (int t = 0; t < 16; ++t) {
            tills.emplace_back([&, t] {
                ScopedConnection conn(config, u"till-%1"_s.arg(t));
                OrderStore store(conn.db());
                NewOrder o;
                o.shopId = m_shop;
                o.till = QString::number(t + 1);
                o.lines = {{u"1001"_s, 1}};
                auto made = store.create(m_cashier, o);
                if (!made) {
                    ++errors;
                    return;
                }
                if (made->status == OrderStatus::Failed) {
                    ++failed;
                    return;
                }
                if (store.pay(m_cashier, made->id, {PaymentMethod::Card, 0, 0}).ok())
                    ++paid;
                else
                    ++errors;
            });
        }
        for (auto &t : tills)
            t.join();
        QCOMPARE(errors.load(), 0);
        QCOMPARE(paid.load(), 10);
        QCOMPARE(failed.load(), 6);
        QCOMPARE(stockOf(u"1001"_s), qMakePair(0, 0));
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'sold' AND plu = '1001'"_s),
                 10);
    }

    // Unpaid orders past their time, two tills sweeping at once: each order
    // is cancelled once and every unit is back.
    void expiryWithTwoTillsSweeping()
    {
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 100 WHERE plu = '1001'"_s).ok());
        QList<qint64> ids;
        for (int i = 0; i < 30; ++i) {
            auto made = orders().create(m_cashier, cart({{u"1001"_s, 2}}));
            QVERIFY(made.ok());
            ids << made->id;
        }
        auto fresh = orders().create(m_cashier, cart({{u"1001"_s, 1}})); // not yet due
        QCOMPARE(stockOf(u"1001"_s), qMakePair(100 - 61, 61));
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE orders SET expires_at = now() - interval '1 minute' "
                         "WHERE id <> ?"_s,
                         {fresh->id})
                    .ok());
        std::atomic<int> expired {0}, errors {0};
        std::vector<std::thread> sweepers;
        const DbConfig config = m_tdb->config();
        for (int t = 0; t < 2; ++t) {
            sweepers.emplace_back([&, t] {
                ScopedConnection conn(config, u"sweeper-%1"_s.arg(t));
                OrderStore store(conn.db());
                for (int round = 0; round < 10; ++round) {
                    auto n = store.expireOverdue(4);
                    if (n)
                        expired += n.value();
                    else
                        ++errors;
                }
            });
        }
        for (auto &t : sweepers)
            t.join();
        QCOMPARE(errors.load(), 0);
        QCOMPARE(expired.load(), 30);
        QCOMPARE(stockOf(u"1001"_s), qMakePair(99, 1));
        QCOMPARE(scalar(u"SELECT count(*) FROM orders WHERE status = 'cancelled'"_s), 30);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'released'"_s), 30);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'released' "
                        "AND staff_id IS NULL"_s),
                 30); // the timeout, not a person
        // Paying an order whose time is up is refused, and its units go back.
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE orders SET expires_at = now() WHERE id = ?"_s,
                         {fresh->id})
                    .ok());
        auto late = orders().pay(m_cashier, fresh->id, {PaymentMethod::Card, 0, 0});
        QCOMPARE(late.error().code, StoreError::Code::Conflict);
        QCOMPARE(stockOf(u"1001"_s), qMakePair(100, 0));
    }

    // A price changed at the till: charged, the catalog's price kept beside
    // it, and the approving manager named on the line and in the history.
    void priceChangedWithAManagersApproval()
    {
        NewOrder o = cart({{u"1001"_s, 2}, {u"1002"_s, 1}});
        o.priceOverrides.push_back({u"1001"_s, 5000, managerApproval()});
        auto made = orders().create(m_cashier, o);
        QVERIFY2(made, made ? "" : qPrintable(made.error().message));
        QCOMPARE(made->subtotal, 2 * 5000 + 4550);
        QCOMPARE(made->lines.at(0).unitPrice, 5000);
        QCOMPARE(made->lines.at(0).catalogPrice, 9990);
        QCOMPARE(made->lines.at(0).priceApprovedBy, m_manager.staffId);
        QCOMPARE(made->lines.at(1).unitPrice, 4550);
        QCOMPARE(made->lines.at(1).priceApprovedBy, 0);
        Payment card;
        card.method = PaymentMethod::Card;
        QVERIFY(orders().pay(m_cashier, made->id, card));
        // Both people in the history of the changed line, at reservation and sale.
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE order_id = ? AND plu = '1001' "
                        "AND action IN ('reserved', 'sold') AND staff_id = ? AND approved_by = ?"_s,
                        {made->id, m_cashier.staffId, m_manager.staffId}),
                 2);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE order_id = ? AND plu = '1002' "
                        "AND approved_by IS NOT NULL"_s,
                        {made->id}),
                 0);

        // A changed price for a product the order does not have is refused.
        NewOrder stray = cart({{u"1002"_s, 1}});
        stray.priceOverrides.push_back({u"1001"_s, 1, managerApproval()});
        const qint64 ordersBefore = scalar(u"SELECT count(*) FROM orders"_s);
        QCOMPARE(orders().create(m_cashier, stray).error().field, u"price"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM orders"_s), ordersBefore);
    }

    void returnsNeedAManagerAndPutStockBack()
    {
        auto made = orders().create(m_cashier, cart({{u"1001"_s, 3}, {u"1002"_s, 2}}));
        QVERIFY(orders().pay(m_cashier, made->id, {PaymentMethod::Card, 0, 0}).ok());
        QCOMPARE(stockOf(u"1001"_s), qMakePair(17, 0));
        // Only a manager approves, with their password: not another cashier,
        // not a manager with a wrong password.
        StaffStore staff(m_tdb->db());
        QCOMPARE(staff.approveAsManager(u"cashier2"_s, u"cashier2-pass"_s, m_shop).error().code,
                 StoreError::Code::Permission);
        QVERIFY(!staff.approveAsManager(u"manager"_s, u"wrong"_s, m_shop).ok());
        const ManagerApproval approval = managerApproval();
        QCOMPARE(
            orders().returnItems(m_cashier, made->id, {{1, 4}}, approval, u"1"_s).error().field,
            u"qty"_s);
        QCOMPARE(
            orders().returnItems(m_cashier, made->id, {{9, 1}}, approval, u"1"_s).error().field,
            u"line_no"_s);
        auto part =
            orders().returnItems(m_cashier, made->id, {{1, 1}}, approval, u"1"_s, u"broken"_s);
        QVERIFY2(part.ok(), part.ok() ? "" : qPrintable(part.error().message));
        QCOMPARE(part->order.status, OrderStatus::Paid); // partly returned
        QCOMPARE(part->order.lines.at(0).returnedQty, 1);
        QCOMPARE(part->refund, qint64(9990));
        QCOMPARE(part->method, PaymentMethod::Card); // paid by card, refunded to the card
        QCOMPARE(stockOf(u"1001"_s), qMakePair(18, 0));
        // Both people are in the history row.
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'returned' AND staff_id = ? "
                        "AND approved_by = ? AND order_id = ?"_s,
                        {m_cashier.staffId, m_manager.staffId, made->id}),
                 1);
        auto rest = orders().returnItems(m_cashier, made->id, {}, approval, u"1"_s);
        QVERIFY(rest.ok());
        QCOMPARE(rest->order.status, OrderStatus::Returned);
        QCOMPARE(rest->refund, qint64(2 * 9990 + 2 * 4550));
        QCOMPARE(stockOf(u"1001"_s), qMakePair(20, 0));
        QCOMPARE(stockOf(u"1002"_s), qMakePair(5, 0));
        QCOMPARE(orders().returnItems(m_cashier, made->id, {}, approval, u"1"_s).error().code,
                 StoreError::Code::Conflict);
    }

    void aDiscountIsSharedOutOverTheRefund()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO promo_codes (code, kind, value) VALUES "
                         "('HALF', 'percent', 50)"_s)
                    .ok());
        NewOrder o = cart({{u"1001"_s, 2}}); // 199.80, half off: 99.90
        o.promoCode = u"HALF"_s;
        auto made = orders().create(m_cashier, o);
        QVERIFY(orders().pay(m_cashier, made->id, {PaymentMethod::Cash, 10000, 0}).ok());
        auto back = orders().returnItems(m_cashier, made->id, {{1, 1}}, managerApproval(), u"1"_s);
        QVERIFY(back.ok());
        QCOMPARE(back->refund, qint64(4995)); // what the one bottle cost after the discount
        QCOMPARE(back->method, PaymentMethod::Cash);
    }

    void shiftReportsAddUpTheTill()
    {
        ShiftStore shifts(m_tdb->db());
        QVERIFY(shifts.close(m_cashier, m_shop, u"1"_s, CashCount::ofTotal(0)).ok());
        QCOMPARE(shifts.xReport(m_shop, u"1"_s).error().code, StoreError::Code::NotFound);
        auto opened = shifts.open(m_cashier, m_shop, u"1"_s, 500000);
        QVERIFY(opened.ok());
        QCOMPARE(shifts.open(m_cashier, m_shop, u"1"_s, 0).error().code,
                 StoreError::Code::Conflict); // one open shift per till
        auto sell = [&](const QList<CartLine> &lines, const Payment &payment, const QString &till) {
            NewOrder o = cart(lines);
            o.till = till;
            auto made = orders().create(m_cashier, o);
            return orders().pay(m_cashier, made->id, payment);
        };
        // Cash 2 × 99.90 (1000 handed over), card 45.50, split 650.00 = 500 card + 150 cash.
        auto cash = sell({{u"1001"_s, 2}}, {PaymentMethod::Cash, 100000, 0}, u"1"_s);
        QVERIFY(cash.ok());
        QVERIFY(sell({{u"1002"_s, 1}}, {PaymentMethod::Card, 0, 0}, u"1"_s).ok());
        QVERIFY(sell({{u"1003"_s, 1}}, {PaymentMethod::Split, 15000, 50000}, u"1"_s).ok());
        QVERIFY(sell({{u"1002"_s, 1}}, {PaymentMethod::Card, 0, 0}, u"2"_s).ok()); // another till
        // One milk comes back at till 1: 99.90 paid back in cash. A card
        // sale's return is refunded to the card and leaves the drawer alone;
        // a return at till 2 is till 2's.
        QVERIFY(orders()
                    .returnItems(m_cashier, cash->order.id, {{1, 1}}, managerApproval(), u"1"_s)
                    .ok());
        auto cardSale = sell({{u"1001"_s, 1}}, {PaymentMethod::Card, 0, 0}, u"1"_s);
        QVERIFY(orders()
                    .returnItems(m_cashier, cardSale->order.id, {}, managerApproval(), u"1"_s)
                    .ok());
        QVERIFY(orders()
                    .returnItems(m_cashier, cash->order.id, {{1, 1}}, managerApproval(), u"2"_s)
                    .ok());

        auto x = shifts.xReport(m_shop, u"1"_s);
        QVERIFY2(x.ok(), x.ok() ? "" : qPrintable(x.error().message));
        QCOMPARE(x->sales, 4);
        QCOMPARE(x->cash, qint64(2 * 9990 + 15000));
        QCOMPARE(x->card, qint64(4550 + 50000 + 9990));
        QCOMPARE(x->refundedCash, qint64(9990));
        QCOMPARE(x->refundedCard, qint64(9990));
        QCOMPARE(x->expectedCash(), qint64(500000 + 2 * 9990 + 15000 - 9990));
        QCOMPARE(x->total(), qint64(2 * 9990 + 15000 + 4550 + 50000 + 9990 - 2 * 9990));
        QVERIFY(!x->closedAt.isValid());

        // Cash in and out, with their reasons, in the drawer's figures.
        QCOMPARE(
            shifts.moveCash(m_cashier, m_shop, u"1"_s, CashMovement::Direction::Out, 10000, u" "_s)
                .error()
                .field,
            u"reason"_s);
        QCOMPARE(shifts
                     .moveCash(m_cashier, m_shop, u"1"_s, CashMovement::Direction::Out,
                               x->expectedCash() + 1, u"Collection"_s)
                     .error()
                     .field,
                 u"amount"_s); // not more than the drawer holds
        QVERIFY(shifts
                    .moveCash(m_cashier, m_shop, u"1"_s, CashMovement::Direction::In, 20000,
                              u"Float top-up"_s)
                    .ok());
        QVERIFY(shifts
                    .moveCash(m_cashier, m_shop, u"1"_s, CashMovement::Direction::Out, 300000,
                              u"Collection"_s)
                    .ok());
        const qint64 expected = x->expectedCash() + 20000 - 300000;
        QCOMPARE(shifts.xReport(m_shop, u"1"_s)->expectedCash(), expected);
        QCOMPARE(shifts.xReport(m_shop, u"1"_s)->movements.size(), 2);

        // Z: counted by notes, 50.00 short.
        QMap<qint64, int> notes;
        qint64 left = expected - 5000;
        for (const qint64 value : CashCount::denominations()) {
            notes.insert(value, int(left / value));
            left %= value;
        }
        QCOMPARE(
            shifts.close(m_cashier, m_shop, u"1"_s, CashCount::ofNotes({{12345, 1}})).error().field,
            u"counted_cash"_s); // no such note
        auto z = shifts.close(m_cashier, m_shop, u"1"_s, CashCount::ofNotes(notes));
        QVERIFY(z.ok());
        QVERIFY(z->closedAt.isValid());
        QCOMPARE(z->total(), x->total());
        QCOMPARE(z->countedCash, std::optional<qint64>(expected - 5000));
        QCOMPARE(z->overShort(), std::optional<qint64>(-5000));
        QCOMPARE(shifts.close(m_cashier, m_shop, u"1"_s, CashCount::ofTotal(0)).error().code,
                 StoreError::Code::Conflict);
        QVERIFY(shifts.open(m_cashier, m_shop, u"1"_s, 0).ok()); // the next shift
        QCOMPARE(shifts.xReport(m_shop, u"1"_s)->sales, 0);
    }

    // After the Z report the till sells nothing until a new shift opens: no
    // order (and no order number) is made, an order reserved before the Z
    // is not paid, and no refund is paid out of a closed drawer.
    void noSaleOutsideAShift()
    {
        auto reserved = orders().create(m_cashier, cart({{u"1001"_s, 1}}));
        QVERIFY(reserved.ok());
        auto paidBefore = orders().create(m_cashier, cart({{u"1002"_s, 1}}));
        QVERIFY(orders().pay(m_cashier, paidBefore->id, {PaymentMethod::Card, 0, 0}).ok());
        ShiftStore shifts(m_tdb->db());
        QVERIFY(shifts.close(m_cashier, m_shop, u"1"_s, CashCount::ofTotal(0)).ok());
        const auto numbers = [this] {
            return Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM orders"_s).value().toInt();
        };
        const int before = numbers();
        auto refused = orders().create(m_cashier, cart({{u"1001"_s, 1}}));
        QCOMPARE(refused.error().code, StoreError::Code::Conflict);
        QCOMPARE(refused.error().field, u"shift"_s);
        QVERIFY(refused.error().message.contains(u"no open shift"_s));
        QCOMPARE(numbers(), before);
        QCOMPARE(orders().pay(m_cashier, reserved->id, {PaymentMethod::Card, 0, 0}).error().field,
                 u"shift"_s);
        QCOMPARE(orders()
                     .returnItems(m_cashier, paidBefore->id, {}, managerApproval(), u"1"_s)
                     .error()
                     .field,
                 u"shift"_s);
        QCOMPARE(shifts
                     .moveCash(m_cashier, m_shop, u"1"_s, CashMovement::Direction::In, 100,
                               u"Float top-up"_s)
                     .error()
                     .field,
                 u"shift"_s);
        // A new shift: the same order is paid, and counts in it.
        auto next = shifts.open(m_cashier, m_shop, u"1"_s, 0);
        QVERIFY(next.ok());
        QVERIFY(orders().pay(m_cashier, reserved->id, {PaymentMethod::Card, 0, 0}).ok());
        QCOMPARE(
            Sql::scalar(m_tdb->db(), u"SELECT shift_id FROM orders WHERE id = ?"_s, {reserved->id})
                .value()
                .toLongLong(),
            next.value());
    }

    // A promo code refused says exactly why.
    void aPromoCodeRefusalSaysWhy()
    {
        QVERIFY(
            Sql::run(m_tdb->db(),
                     u"INSERT INTO promo_codes (code, kind, value, valid_from, valid_until, "
                     "active, min_total) VALUES "
                     "('OLD', 'percent', 10, now() - interval '2 days', now() - interval '1 day', "
                     "true, 0), "
                     "('SOON', 'percent', 10, now() + interval '1 day', NULL, true, 0), "
                     "('OFF', 'percent', 10, NULL, NULL, false, 0), "
                     "('BIG', 'amount', 5000, NULL, NULL, true, 100000)"_s)
                .ok());
        const auto why = [this](const QString &code, const QList<CartLine> &lines) {
            NewOrder o = cart(lines);
            o.promoCode = code;
            auto made = orders().create(m_cashier, o);
            return made ? QString() : made.error().message;
        };
        QVERIFY(why(u"NOPE"_s, {{u"1001"_s, 1}}).contains(u"There is no promo code NOPE"_s));
        QVERIFY(why(u"old"_s, {{u"1001"_s, 1}}).contains(u"has expired"_s));
        QVERIFY(why(u"SOON"_s, {{u"1001"_s, 1}}).contains(u"not valid yet"_s));
        QVERIFY(why(u"OFF"_s, {{u"1001"_s, 1}}).contains(u"switched off"_s));
        QVERIFY(why(u"BIG"_s, {{u"1001"_s, 1}}).contains(u"at least"_s)); // 99.90 < 1 000.00
        QVERIFY(why(u"BIG"_s, {{u"1003"_s, 1}, {u"1001"_s, 4}}).isEmpty()); // 650 + 399.60
        QCOMPARE(PromoCodeStore(m_tdb->db()).check(u"big"_s, std::nullopt)->minTotal,
                 qint64(100000)); // typed before anything was scanned: no minimum yet
    }

    void numbersAreUniquePerTill()
    {
        QSet<QString> numbers;
        for (const QString &till : {u"1"_s, u"2"_s, u"1"_s, u"2"_s, u"1"_s}) {
            NewOrder o = cart({{u"1001"_s, 1}});
            o.till = till;
            auto made = orders().create(m_cashier, o);
            QVERIFY(made.ok());
            numbers.insert(made->number);
        }
        QCOMPARE(numbers.size(), 5);
        QVERIFY(numbers.contains(u"TVR-1-000003"_s));
        QVERIFY(numbers.contains(u"TVR-2-000002"_s));
    }
};

QTEST_GUILESS_MAIN(TestOrders)
#include "tst_orders.moc"
