#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/core/Transaction.h"
#include "models/labels/LabelQueueStore.h"
#include "models/labels/ShelfLabel.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The label queue over a real PostgreSQL: what a price change queues (in its
// own transaction), what the queue lists and what printing takes off it.
class TestLabelQueue : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    Actor m_keeper, m_cashier;
    qint64 m_milk = 0, m_cheese = 0, m_shop = 0;

    LabelQueueStore queue() const { return LabelQueueStore(m_tdb->db()); }
    QList<QueuedLabel> waiting(qint64 shop = 0) const
    {
        auto listed = queue().waiting(shop ? shop : m_shop);
        return listed ? listed.value() : QList<QueuedLabel>();
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"labelqueue"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        const qint64 shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_shop = shop;
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, shop);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, shop);
        auto milk = ProductStore(m_tdb->db())
                        .create(m_keeper, {u"1001"_s, u"Milk"_s, 9990, u"4601234567893"_s});
        auto cheese =
            ProductStore(m_tdb->db()).create(m_keeper, {u"1002"_s, u"Cheese"_s, 89900, {}, true});
        QVERIFY(milk.ok() && cheese.ok());
        m_milk = milk->id;
        m_cheese = cheese->id;
    }
    void cleanup() { m_tdb.reset(); }

    void aPriceChangeQueuesItsLabelOnce()
    {
        QVERIFY(
            LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt, LabelReason::PriceChanged)
                .ok());
        QVERIFY(
            LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt, LabelReason::PriceChanged)
                .ok());
        const QList<QueuedLabel> labels = waiting();
        QCOMPARE(labels.size(), 1);
        QCOMPARE(labels.at(0).productId, m_milk);
        QCOMPARE(labels.at(0).plu, u"1001"_s);
        QCOMPARE(labels.at(0).price, qint64(9990)); // the product's price
        QCOMPARE(labels.at(0).barcode, u"4601234567893"_s);
        QCOMPARE(labels.at(0).reason, LabelReason::PriceChanged);
        QVERIFY(!labels.at(0).validFrom.isValid());
        QCOMPARE(queue().waitingCount(m_shop).value(), 1);
    }

    void aScheduledPriceQueuesItsFromTagBesideTodays()
    {
        const QDateTime from(QDate(2027, 1, 1), QTime(0, 0),
                             QTimeZone(QByteArrayLiteral("Europe/Moscow")));
        QVERIFY(
            LabelQueueStore::enqueue(m_tdb->db(), m_cheese, std::nullopt, LabelReason::PriceChanged)
                .ok());
        QVERIFY(LabelQueueStore::enqueue(m_tdb->db(), m_cheese, from, LabelReason::PriceScheduled,
                                         79900)
                    .ok());
        const QList<QueuedLabel> labels = waiting();
        QCOMPARE(labels.size(), 2);
        const QueuedLabel scheduled = labels.at(1);
        QCOMPARE(scheduled.reason, LabelReason::PriceScheduled);
        QCOMPARE(scheduled.price, qint64(79900));
        QCOMPARE(scheduled.validFrom, from);
        QVERIFY(scheduled.soldByWeight);
        // The tag says "from" the day the price starts, in the shop's zone.
        const ShelfLabel label =
            ShelfLabel::forQueued(scheduled, QDateTime::currentDateTimeUtc(), u"Europe/Moscow"_s);
        QVERIFY(label.scheduled);
        QCOMPARE(label.date, QDate(2027, 1, 1));
        QVERIFY(label.dateText().startsWith(u"from "_s));
        QVERIFY(label.perKg);
    }

    void enqueueFollowsTheCallersTransaction()
    {
        {
            Transaction tx(m_tdb->db());
            QVERIFY(tx.isOpen());
            QVERIFY(LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt,
                                             LabelReason::PriceChanged)
                        .ok());
            // The price change fails after it: rolled back, nothing queued.
        }
        QCOMPARE(waiting().size(), 0);
        auto missing =
            LabelQueueStore::enqueue(m_tdb->db(), 999999, std::nullopt, LabelReason::PriceChanged);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, StoreError::Code::NotFound);
        auto negative = LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt,
                                                 LabelReason::PriceChanged, -1);
        QVERIFY(!negative.ok());
        QCOMPARE(negative.error().field, u"price"_s);
    }

    void printingTakesLabelsOffTheQueue()
    {
        auto requested = queue().request(m_keeper, {m_milk, m_cheese});
        QVERIFY2(requested.ok(), requested.ok() ? "" : qPrintable(requested.error().message));
        QCOMPARE(requested.value(), 2);
        QList<QueuedLabel> labels = waiting();
        QCOMPARE(labels.size(), 2);
        QCOMPARE(labels.at(0).reason, LabelReason::Requested);

        auto refused = queue().markPrinted(m_cashier, {labels.at(0)});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, StoreError::Code::Permission);
        QVERIFY(!queue().request(m_cashier, {m_milk}).ok());

        auto marked = queue().markPrinted(m_keeper, {labels.at(0)});
        QVERIFY(marked.ok());
        QCOMPARE(marked.value(), 1);
        QCOMPARE(queue().markPrinted(m_keeper, {labels.at(0)}).value(), 0); // once
        labels = waiting();
        QCOMPARE(labels.size(), 1);
        // Printed labels stay with who printed them, and for which shop.
        auto by = Sql::scalar(m_tdb->db(),
                              u"SELECT printed_by FROM label_prints WHERE shop_id = ?"_s, {m_shop});
        QVERIFY(by.ok());
        QCOMPARE(by.value().toLongLong(), m_keeper.staffId);
        // A new price after printing queues a new label.
        QVERIFY(
            LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt, LabelReason::PriceChanged)
                .ok());
        QCOMPARE(waiting().size(), 2);
        auto empty = queue().request(m_keeper, {});
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().field, u"products"_s);
    }

    // The price changed again while the old tag was being printed: the
    // printed tag is the old one, the new one stays queued.
    void aLabelQueuedAgainWhilePrintingStaysQueued()
    {
        QVERIFY(
            LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt, LabelReason::PriceChanged)
                .ok());
        const QList<QueuedLabel> listed = waiting();
        QCOMPARE(listed.size(), 1);
        QVERIFY(LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt,
                                         LabelReason::PriceChanged, 10990)
                    .ok());
        QCOMPARE(queue().markPrinted(m_keeper, listed).value(), 0);
        const QList<QueuedLabel> still = waiting();
        QCOMPARE(still.size(), 1);
        QCOMPARE(still.at(0).price, qint64(10990));
        QCOMPARE(still.at(0).revision, listed.at(0).revision + 1);
        QCOMPARE(queue().markPrinted(m_keeper, still).value(), 1);
        QCOMPARE(waiting().size(), 0);
    }

    // Two shops in one database each print their own tags: one shop's
    // printing leaves the other's waiting, and a new price brings the label
    // back to both.
    void eachShopPrintsItsOwnLabels()
    {
        const qint64 second = m_tdb->addShop(u"S2"_s, u"Second"_s);
        const Actor secondKeeper = m_tdb->addStaff(u"keeper2"_s, Role::StockKeeper, second);
        QVERIFY(
            LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt, LabelReason::PriceChanged)
                .ok());
        QCOMPARE(waiting().size(), 1);
        QCOMPARE(waiting(second).size(), 1);
        QCOMPARE(queue().markPrinted(m_keeper, waiting()).value(), 1);
        QCOMPARE(waiting().size(), 0);
        QCOMPARE(queue().waitingCount(m_shop).value(), qint64(0));
        QCOMPARE(waiting(second).size(), 1);
        QCOMPARE(queue().waitingCount(second).value(), qint64(1));

        QVERIFY(LabelQueueStore::enqueue(m_tdb->db(), m_milk, std::nullopt,
                                         LabelReason::PriceChanged, 10490)
                    .ok());
        QCOMPARE(waiting().size(), 1);
        QCOMPARE(waiting().at(0).price, qint64(10490));
        QCOMPARE(queue().markPrinted(secondKeeper, waiting(second)).value(), 1);
        QCOMPARE(waiting(second).size(), 0);
        QCOMPARE(waiting().size(), 1); // the first shop has the new price to print

        // Printing needs to know for which shop.
        Actor nowhere = m_keeper;
        nowhere.shopId = 0;
        auto refused = queue().markPrinted(nowhere, waiting());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, u"shop"_s);
        QCOMPARE(waiting().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestLabelQueue)
#include "tst_labelqueue.moc"
