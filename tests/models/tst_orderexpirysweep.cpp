// The application's sweep: unpaid orders whose payment time is up give
// their stock back, whether a sweep is asked for or its timer runs.

#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/orders/OrderExpirySweep.h"
#include "models/orders/OrderStore.h"
#include "models/stock/StockStore.h"

#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestOrderExpirySweep : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_cashier;

    QPair<int, int> stockOf(const QString &plu) const
    {
        const StockRow r = StockStore(m_tdb->db()).find(m_shop, plu).value().value();
        return {r.shelfQty, r.orderQty};
    }
    // An order awaiting payment whose time ran out a minute ago.
    qint64 overdueOrder(int qty)
    {
        NewOrder o;
        o.shopId = m_shop;
        o.lines = {{u"1001"_s, qty}};
        auto made = OrderStore(m_tdb->db()).create(m_cashier, o);
        if (!made || made->status != OrderStatus::AwaitingPayment)
            return 0;
        auto late = Sql::run(m_tdb->db(),
                             u"UPDATE orders SET expires_at = now() - interval '1 minute' "
                             "WHERE id = ?"_s,
                             {made->id});
        return late ? made->id : 0;
    }
    OrderStatus statusOf(qint64 orderId) const
    {
        return OrderStore(m_tdb->db()).byId(orderId).value()->status;
    }

private slots:
    void initTestCase()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"sweep"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        Database::setDefaultConfig(m_tdb->config());
        m_shop = m_tdb->addShop(u"TVR"_s, u"Tverskaya"_s);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        const Actor keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        QVERIFY(ProductStore(m_tdb->db())
                    .create(keeper, NewProduct {u"1001"_s, u"Молоко"_s, 9990, {}})
                    .ok());
        QVERIFY(StockStore(m_tdb->db()).create(keeper, u"1001"_s, m_shop, 20, 0).ok());
        QVERIFY(m_tdb->openShift(m_shop)); // no shift, no sale
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_tdb.reset();
    }

    void aSweepReleasesAnOverdueOrder()
    {
        const qint64 overdue = overdueOrder(3);
        QVERIFY(overdue > 0);
        NewOrder fresh;
        fresh.shopId = m_shop;
        fresh.lines = {{u"1001"_s, 1}};
        const qint64 waiting = OrderStore(m_tdb->db()).create(m_cashier, fresh)->id;
        QCOMPARE(stockOf(u"1001"_s), qMakePair(16, 4));

        OrderExpirySweep sweep;
        QSignalSpy swept(&sweep, &OrderExpirySweep::swept);
        sweep.sweep();
        QVERIFY(swept.wait(15000));
        QCOMPARE(swept.first().at(0).toInt(), 1);
        QCOMPARE(statusOf(overdue), OrderStatus::Cancelled);
        QCOMPARE(statusOf(waiting), OrderStatus::AwaitingPayment); // its time is not up
        QCOMPARE(stockOf(u"1001"_s), qMakePair(19, 1));
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM history WHERE order_id = ? "
                             "AND action = 'released' AND staff_id IS NULL"_s,
                             {overdue})
                     .value()
                     .toInt(),
                 1); // the timeout, not a person

        // Nothing more is due: the next sweep releases nothing.
        swept.clear();
        sweep.sweep();
        QVERIFY(swept.wait(15000));
        QCOMPARE(swept.first().at(0).toInt(), 0);
        QVERIFY(OrderStore(m_tdb->db()).cancel(m_cashier, waiting).ok());
    }

    // Started, it sweeps on its own.
    void itsTimerSweeps()
    {
        const qint64 overdue = overdueOrder(2);
        QVERIFY(overdue > 0);
        OrderExpirySweep sweep;
        QSignalSpy swept(&sweep, &OrderExpirySweep::swept);
        sweep.start(50);
        QVERIFY(swept.wait(15000));
        sweep.stop();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(overdue), OrderStatus::Cancelled, 15000);
        QCOMPARE(stockOf(u"1001"_s), qMakePair(20, 0));
    }
};

QTEST_GUILESS_MAIN(TestOrderExpirySweep)
#include "tst_orderexpirysweep.moc"
