#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/documents/WriteOffStore.h"
#include "models/history/HistoryModel.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockStore.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Write-offs over a real PostgreSQL (issue 18, item 5): posted with a
// reason, all lines at once or none, refused when the shelf holds less,
// approved by a manager above the threshold, and never changed once posted.
class TestWriteOffs : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_keeper, m_otherKeeper, m_cashier, m_manager, m_admin;

    WriteOffStore store() const { return WriteOffStore(m_tdb->db()); }
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        return Sql::scalar(m_tdb->db(), sql, values).value().toLongLong();
    }
    qint64 shelf(const QString &plu) const
    {
        return scalar(u"SELECT coalesce((SELECT shelf_qty FROM stocks WHERE plu = ? AND "
                      "shop_id = ?), -1)"_s,
                      {plu, m_shop});
    }
    WriteOffLine line(const QString &plu, int quantity) const
    {
        auto made = store().lineFor(m_shop, plu);
        if (!made)
            qWarning() << made.error().message;
        WriteOffLine l = made.value();
        l.quantity = quantity;
        return l;
    }
    static WriteOffHeader header(const QString &reason = u"spoiled"_s, const QString &note = {})
    {
        return {reason, note};
    }
    // A draft with these lines, saved; its id and revision.
    std::pair<qint64, int> drafted(const QList<WriteOffLine> &lines,
                                   const WriteOffHeader &h = header())
    {
        auto made = store().createDraft(m_keeper, m_shop, h);
        if (!made) {
            qWarning() << made.error().message;
            return {0, 0};
        }
        auto saved = store().saveDraft(m_keeper, made->id, made->revision, h, lines);
        if (!saved) {
            qWarning() << saved.error().message;
            return {0, 0};
        }
        return {saved->id, saved->revision};
    }
    // What a refusal must leave: no history, no stock moved, no document posted.
    qint64 footprint() const
    {
        return scalar(u"SELECT (SELECT count(*) FROM history) * 1000000 + "
                      "(SELECT count(*) FROM stock_documents WHERE status = 'posted') * 100000 + "
                      "(SELECT coalesce(sum(shelf_qty), 0) FROM stocks)"_s);
    }
    ManagerApproval approvalBy(const QString &login, const QString &secret) const
    {
        return StaffStore(m_tdb->db()).approveAsManager(login, secret, m_shop).value();
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"writeoffs"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        m_otherKeeper = m_tdb->addStaff(u"keeper2"_s, Role::StockKeeper, m_shop);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop);
        m_admin = m_tdb->addStaff(u"admin"_s, Role::Admin, m_shop);
        QVERIFY(m_tdb->setPassword(m_manager.staffId, u"manager-pass"_s));
        QVERIFY(m_tdb->setPassword(m_keeper.staffId, u"keeper-pass"_s));
        StaffStore staff(m_tdb->db());
        QVERIFY(staff.setPin(m_admin, m_manager.staffId, u"4321"_s).ok());
        QVERIFY(staff.setPin(m_admin, m_keeper.staffId, u"1111"_s).ok());
        ProductStore products(m_tdb->db());
        QVERIFY(products.create(m_manager, {u"1001"_s, u"Milk 3.2%"_s, 9990, {}, false}).ok());
        QVERIFY(products.create(m_manager, {u"1002"_s, u"Kefir"_s, 7500, {}, false}).ok());
        QVERIFY(products.create(m_manager, {u"2001"_s, u"Parmesan"_s, 189900, {}, true}).ok());
        StockStore stock(m_tdb->db());
        QVERIFY(stock.create(m_keeper, u"1001"_s, m_shop, 40, 0).ok());
        QVERIFY(stock.create(m_keeper, u"1002"_s, m_shop, 12, 0).ok());
        QVERIFY(stock.create(m_keeper, u"2001"_s, m_shop, 5000, 0).ok()); // 5 kg
        // Milk has a cost (a receipt's moving average); the others go at
        // their retail prices.
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE stocks SET cost = 6000 WHERE plu = '1001'"_s).ok());
    }
    void cleanup() { m_tdb.reset(); }

    void theReasonsAreSeededAndShownTranslated()
    {
        const QList<WriteOffReason> reasons = store().reasons().value();
        QStringList codes;
        for (const WriteOffReason &r : reasons)
            codes << r.code;
        QCOMPARE(
            codes,
            (QStringList {u"spoiled"_s, u"damaged"_s, u"expired"_s, u"theft"_s, u"own_use"_s}));
        QCOMPARE(reasons.last().name, u"Own use"_s);
        QCOMPARE(reasons.last().text(), u"Own use"_s); // no translator installed
        QCOMPARE(writeOffReasonText(u"shop_1"_s, u"Eaten by mice"_s), u"Eaten by mice"_s);
        QCOMPARE(HistoryModel::actionText(u"written_off"_s), u"Written off"_s);
        QCOMPARE(store().approvalThreshold().value(), 100000);
    }

    void aWriteOffPostsWithEachReason_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("name");
        QTest::newRow("spoiled") << u"spoiled"_s << u"Spoiled"_s;
        QTest::newRow("damaged") << u"damaged"_s << u"Damaged"_s;
        QTest::newRow("expired") << u"expired"_s << u"Expired"_s;
        QTest::newRow("theft") << u"theft"_s << u"Theft"_s;
        QTest::newRow("own use") << u"own_use"_s << u"Own use"_s;
    }
    void aWriteOffPostsWithEachReason()
    {
        QFETCH(QString, reason);
        QFETCH(QString, name);
        // 3 milk at its cost 60.00 and 0.25 kg of parmesan at 1,899.00/kg
        // (474.75): 654.75, under the threshold; a keeper posts it alone.
        const auto [id, revision] =
            drafted({line(u"1001"_s, 3), line(u"2001"_s, 250)}, header(reason, u"Fridge 2"_s));
        QVERIFY(id > 0);
        QCOMPARE(shelf(u"1001"_s), 40); // a draft moves nothing
        const WriteOff draft = store().byId(id).value();
        QCOMPARE(draft.number, 1);
        QCOMPARE(draft.reasonText(), name);
        QCOMPARE(draft.total, 3 * 6000 + 47475);
        QCOMPARE(draft.lines.at(1).amount(), 47475);

        auto done = store().post(m_keeper, id, revision);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done->status, DocumentStatus::Posted);
        QCOMPARE(done->postedBy, m_keeper.displayName);
        QCOMPARE(done->approvedBy, QString());
        QCOMPARE(shelf(u"1001"_s), 37);
        QCOMPARE(shelf(u"2001"_s), 4750);
        // One history row and one event per line, naming the document and
        // the reason.
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'written_off' "
                        "AND document_id = ? AND staff_id = ? AND approved_by IS NULL "
                        "AND reason = ?"_s,
                        {id, m_keeper.staffId, u"Write-off No. 1: %1 (Fridge 2)"_s.arg(name)}),
                 2);
        QCOMPARE(scalar(u"SELECT shelf_delta FROM history WHERE action = 'written_off' "
                        "AND plu = '2001'"_s),
                 -250);
        QCOMPARE(scalar(u"SELECT count(*) FROM outbox WHERE event_type = 'stock.changed' AND "
                        "payload->>'action' = 'written_off'"_s),
                 2);
        QCOMPARE(scalar(u"SELECT count(*) FROM stock_documents WHERE id = ? AND reason_code = ?"_s,
                        {id, reason}),
                 1);
    }

    // Over 1,000.00 a manager approves: not the keeper himself, not a
    // wrong PIN; the manager's PIN posts it and the history names him.
    void aboveTheThresholdAManagerApproves()
    {
        // 20 milk at 60.00 = 1,200.00.
        const auto [id, revision] = drafted({line(u"1001"_s, 20)});
        const qint64 before = footprint();
        auto refused = store().post(m_keeper, id, revision);
        QCOMPARE(refused.error().code, StoreError::Code::Permission);
        QCOMPARE(refused.error().field, u"approval"_s);
        QVERIFY2(refused.error().message.contains(u"Write-off No. 1 is worth"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(footprint(), before);
        // The keeper's own PIN approves nothing; a wrong PIN neither.
        StaffStore staff(m_tdb->db());
        auto self = staff.approveAsManager(u"keeper"_s, u"1111"_s, m_shop);
        QCOMPARE(self.error().code, StoreError::Code::Permission);
        auto wrong = staff.approveAsManager(u"manager"_s, u"9999"_s, m_shop);
        QCOMPARE(wrong.error().field, u"password"_s);
        QCOMPARE(footprint(), before);
        QCOMPARE(store().byId(id)->status, DocumentStatus::Draft);

        auto done = store().post(m_keeper, id, revision, approvalBy(u"manager"_s, u"4321"_s));
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done->approvedBy, m_manager.displayName);
        QCOMPARE(done->total, 120000);
        QCOMPARE(shelf(u"1001"_s), 20);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE document_id = ? AND staff_id = ? "
                        "AND approved_by = ? AND action = 'written_off' "
                        "AND reason = 'Write-off No. 1: Spoiled'"_s,
                        {id, m_keeper.staffId, m_manager.staffId}),
                 1);
        QCOMPARE(scalar(u"SELECT approved_by FROM stock_documents WHERE id = ?"_s, {id}),
                 m_manager.staffId);
    }

    void aManagerApprovesHisOwnAndTheThresholdIsHis()
    {
        const auto [id, revision] = drafted({line(u"1001"_s, 20)});
        auto done = store().post(m_manager, id, revision);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done->approvedBy, m_manager.displayName);

        // Lowered to 100.00 by a manager: 2 kefir (150.00) need approval.
        QCOMPARE(store().setApprovalThreshold(m_keeper, 10000).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(store().setApprovalThreshold(m_manager, -1).error().field, u"threshold"_s);
        QVERIFY(store().setApprovalThreshold(m_manager, 10000).ok());
        QCOMPARE(store().approvalThreshold().value(), 10000);
        const auto [second, rev2] = drafted({line(u"1002"_s, 2)});
        QCOMPARE(store().post(m_keeper, second, rev2).error().field, u"approval"_s);
        QVERIFY(store().setApprovalThreshold(m_manager, 15000).ok());
        QVERIFY(store().post(m_keeper, second, rev2).ok()); // exactly at it: no approval
    }

    void refusedWhenTheShelfHoldsLess()
    {
        const auto [id, revision] = drafted({line(u"1002"_s, 2), line(u"1001"_s, 5)});
        // Meanwhile the milk is sold down to 3.
        QVERIFY(StockStore(m_tdb->db())
                    .decrease(m_keeper, {m_shop, u"1001"_s, StockQuantity::Shelf, 37, u"sold"_s})
                    .ok());
        const qint64 before = footprint();
        auto refused = store().post(m_keeper, id, revision);
        QCOMPARE(refused.error().code, StoreError::Code::Conflict);
        QCOMPARE(refused.error().field, u"amount"_s);
        QCOMPARE(refused.error().message,
                 u"Line 2 (PLU 1001): only 3 on the shelf; cannot write off 5."_s);
        QCOMPARE(footprint(), before);
        QCOMPARE(shelf(u"1002"_s), 12);
        QCOMPARE(store().byId(id)->status, DocumentStatus::Draft);
        // Nothing on the shelf: not offered as a line at all.
        QVERIFY(StockStore(m_tdb->db())
                    .decrease(m_keeper, {m_shop, u"1001"_s, StockQuantity::Shelf, 3, u"sold"_s})
                    .ok());
        QCOMPARE(store().lineFor(m_shop, u"1001"_s).error().code, StoreError::Code::Conflict);
        QCOMPARE(store().lineFor(m_shop, u"9999"_s).error().code, StoreError::Code::NotFound);
    }

    void aPostedWriteOffNeverChanges()
    {
        const auto [id, revision] = drafted({line(u"1002"_s, 2)});
        QVERIFY(store().post(m_keeper, id, revision).ok());
        const qint64 before = footprint();
        auto again = store().post(m_keeper, id, revision);
        QCOMPARE(again.error().code, StoreError::Code::Conflict);
        QVERIFY2(again.error().message.contains(u"already been posted by"_s),
                 qPrintable(again.error().message));
        QCOMPARE(store()
                     .saveDraft(m_keeper, id, revision + 1, header(), {line(u"1002"_s, 5)})
                     .error()
                     .code,
                 StoreError::Code::Conflict);
        QCOMPARE(store().discard(m_keeper, id).error().code, StoreError::Code::Conflict);
        QCOMPARE(footprint(), before);
        QCOMPARE(shelf(u"1002"_s), 10);
    }

    void aDiscardedDraftMovesNothing()
    {
        const auto [id, revision] = drafted({line(u"1002"_s, 2)});
        auto discarded = store().discard(m_otherKeeper, id);
        QVERIFY(discarded.ok());
        QCOMPARE(discarded->status, DocumentStatus::Cancelled);
        QCOMPARE(store().post(m_keeper, id, revision).error().code, StoreError::Code::Conflict);
        QCOMPARE(shelf(u"1002"_s), 12);
    }

    void aCashierIsRefused()
    {
        const auto [id, revision] = drafted({line(u"1002"_s, 2)});
        const qint64 before = footprint();
        QCOMPARE(store().createDraft(m_cashier, m_shop, header()).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(store().saveDraft(m_cashier, id, revision, header(), {}).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(store().post(m_cashier, id, revision).error().code, StoreError::Code::Permission);
        QCOMPARE(store().discard(m_cashier, id).error().code, StoreError::Code::Permission);
        QCOMPARE(store().saveReason(m_keeper, {{}, u"Mice"_s, true}).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(footprint(), before);
        QCOMPARE(store().byId(id)->revision, revision);
    }

    void badInputNamesTheFieldAndWritesNothing_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("plu");
        QTest::addColumn<int>("quantity");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");
        QTest::newRow("zero quantity") << u"spoiled"_s << u"1002"_s << 0 << u"quantity"_s
                                       << u"Line 2 (PLU 1002): the quantity"_s;
        QTest::newRow("negative quantity")
            << u"spoiled"_s << u"1002"_s << -3 << u"quantity"_s << u"Line 2 (PLU 1002)"_s;
        QTest::newRow("too heavy")
            << u"spoiled"_s << u"2001"_s << 1'000'001 << u"quantity"_s << u"at most 1000 kg"_s;
        QTest::newRow("same product twice")
            << u"spoiled"_s << u"1001"_s << 5 << u"plu"_s << u"already on line 1"_s;
        QTest::newRow("no reason")
            << QString() << u"1002"_s << 1 << u"reason_code"_s << u"Choose the reason"_s;
        QTest::newRow("unknown reason")
            << u"lost_at_sea"_s << u"1002"_s << 1 << u"reason_code"_s << u"not in the list"_s;
    }
    void badInputNamesTheFieldAndWritesNothing()
    {
        QFETCH(QString, reason);
        QFETCH(QString, plu);
        QFETCH(int, quantity);
        QFETCH(QString, field);
        QFETCH(QString, words);
        auto made = store().createDraft(m_keeper, m_shop, header());
        QVERIFY(made.ok());
        const qint64 lines = scalar(u"SELECT count(*) FROM stock_document_lines"_s);
        const qint64 before = footprint();
        WriteOffLine bad = line(plu, 1);
        bad.quantity = quantity;
        auto refused = store().saveDraft(m_keeper, made->id, made->revision, header(reason),
                                         {line(u"1001"_s, 2), bad});
        QCOMPARE(refused.error().code, StoreError::Code::Invalid);
        QCOMPARE(refused.error().field, field);
        QVERIFY2(refused.error().message.contains(words), qPrintable(refused.error().message));
        QCOMPARE(footprint(), before);
        QCOMPARE(scalar(u"SELECT count(*) FROM stock_document_lines"_s), lines);
        QCOMPARE(store().byId(made->id)->revision, made->revision);
        // Nothing to post.
        QCOMPARE(store().post(m_keeper, made->id, made->revision).error().field, u"lines"_s);
    }

    void theShopAddsAndSwitchesOffReasons()
    {
        auto mice = store().saveReason(m_manager, {{}, u"Eaten by mice"_s, true});
        QVERIFY2(mice, mice ? "" : qPrintable(mice.error().message));
        QCOMPARE(mice->code, u"shop_1"_s);
        QCOMPARE(store().saveReason(m_manager, {{}, u"eaten by MICE"_s, true}).error().field,
                 u"name"_s);
        QCOMPARE(store().saveReason(m_manager, {{}, u"  "_s, true}).error().field, u"name"_s);
        const auto [id, revision] = drafted({line(u"1002"_s, 1)}, header(u"shop_1"_s));
        QVERIFY(store().post(m_keeper, id, revision).ok());
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE document_id = ? AND "
                        "reason = 'Write-off No. 1: Eaten by mice'"_s,
                        {id}),
                 1);
        // Switched off: kept on the posted write-off, offered for no new one.
        QVERIFY(store().saveReason(m_manager, {u"shop_1"_s, u"Eaten by mice"_s, false}).ok());
        QCOMPARE(store().reasons()->size(), 5);
        QCOMPARE(store().reasons(true)->size(), 6);
        QCOMPARE(store().byId(id)->reasonText(), u"Eaten by mice"_s);
        QCOMPARE(store().createDraft(m_keeper, m_shop, header(u"shop_1"_s)).error().field,
                 u"reason_code"_s);
    }

    // Two stock keepers post the same draft at the same moment: exactly one
    // succeeds, and the goods leave the shelf once.
    void twoKeepersPostingOneDraftAtOnce()
    {
        const auto [id, revision] = drafted({line(u"1001"_s, 10), line(u"1002"_s, 3)});
        std::atomic<int> succeeded {0}, conflicts {0}, others {0};
        std::atomic<bool> go {false};
        std::vector<std::thread> tills;
        const DbConfig config = m_tdb->config();
        const Actor people[] = {m_keeper, m_otherKeeper};
        for (int t = 0; t < 2; ++t) {
            tills.emplace_back([&, t] {
                ScopedConnection conn(config, u"till-%1"_s.arg(t));
                while (!go)
                    std::this_thread::yield();
                auto done = WriteOffStore(conn.db()).post(people[t], id, revision);
                if (done)
                    ++succeeded;
                else if (done.error().code == StoreError::Code::Conflict)
                    ++conflicts;
                else
                    ++others;
            });
        }
        go = true;
        for (auto &t : tills)
            t.join();
        QCOMPARE(succeeded.load(), 1);
        QCOMPARE(conflicts.load(), 1);
        QCOMPARE(others.load(), 0);
        QCOMPARE(shelf(u"1001"_s), 30);
        QCOMPARE(shelf(u"1002"_s), 9);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE document_id = ?"_s, {id}), 2);
    }
};

QTEST_GUILESS_MAIN(TestWriteOffs)
#include "tst_writeoffs.moc"
