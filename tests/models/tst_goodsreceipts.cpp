#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/documents/GoodsReceiptStore.h"
#include "models/stock/StockStore.h"
#include "models/suppliers/SupplierStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Goods receipts over a real PostgreSQL (issue 18): drafted, posted all at
// once or not at all, the cost averaged, cancelled by a reversing receipt,
// and never changed once posted.
class TestGoodsReceipts : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shop = 0;
    Actor m_keeper, m_otherKeeper, m_cashier;
    qint64 m_supplier = 0;

    GoodsReceiptStore receipts() const { return GoodsReceiptStore(m_tdb->db()); }
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
    QVariant cost(const QString &plu) const
    {
        return Sql::scalar(m_tdb->db(), u"SELECT cost FROM stocks WHERE plu = ? AND shop_id = ?"_s,
                           {plu, m_shop})
            .value();
    }
    ReceiptLine line(const QString &plu, int quantity, qint64 price) const
    {
        auto made = receipts().lineFor(m_shop, m_supplier, plu);
        if (!made)
            qWarning() << made.error().message;
        ReceiptLine l = made.value();
        l.quantity = quantity;
        l.price = price;
        return l;
    }
    ReceiptHeader header(const QString &invoice = u"INV-77"_s) const
    {
        return {m_supplier, invoice, QDate(2026, 12, 1), {}};
    }
    // A draft with these lines, saved; its id and revision.
    std::pair<qint64, int> drafted(const QList<ReceiptLine> &lines,
                                   const QString &invoice = u"INV-77"_s)
    {
        auto made = receipts().createDraft(m_keeper, m_shop, header(invoice));
        if (!made) {
            qWarning() << made.error().message;
            return {0, 0};
        }
        auto saved =
            receipts().saveDraft(m_keeper, made->id, made->revision, header(invoice), lines);
        if (!saved) {
            qWarning() << saved.error().message;
            return {0, 0};
        }
        return {saved->id, saved->revision};
    }
    qint64 posted(const QList<ReceiptLine> &lines)
    {
        const auto [id, revision] = drafted(lines);
        auto done = receipts().post(m_keeper, id, revision);
        if (!done)
            qWarning() << done.error().message;
        return done ? id : 0;
    }
    // What a refusal must leave: no line, no history, no stock moved.
    qint64 footprint() const
    {
        return scalar(u"SELECT (SELECT count(*) FROM stock_document_lines) * 1000000 + "
                      "(SELECT count(*) FROM history) * 1000 + "
                      "(SELECT coalesce(sum(shelf_qty), 0) FROM stocks)"_s);
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"goodsreceipts"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        m_shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, m_shop);
        m_otherKeeper = m_tdb->addStaff(u"keeper2"_s, Role::StockKeeper, m_shop);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, m_shop);
        const Actor manager = m_tdb->addStaff(u"manager"_s, Role::Manager, m_shop);
        ProductStore products(m_tdb->db());
        QVERIFY(products.create(manager, {u"1001"_s, u"Milk 3.2%"_s, 9990, {}, false}).ok());
        QVERIFY(products.create(manager, {u"1002"_s, u"Kefir"_s, 7500, {}, false}).ok());
        QVERIFY(products.create(manager, {u"2001"_s, u"Parmesan"_s, 189900, {}, true}).ok());
        QVERIFY(StockStore(m_tdb->db()).create(m_keeper, u"1001"_s, m_shop, 4, 0).ok());
        auto supplier = SupplierStore(m_tdb->db())
                            .create(m_keeper,
                                    {0, u"Dairy Farm LLC"_s, u"7701234567"_s,
                                     u"Anna, +7 900 000-00-00"_s, true});
        QVERIFY2(supplier, supplier ? "" : qPrintable(supplier.error().message));
        m_supplier = supplier->id;
    }
    void cleanup() { m_tdb.reset(); }

    void aReceiptPostsEveryLineAtOnce()
    {
        const auto [id, revision] =
            drafted({line(u"1001"_s, 20, 6000), line(u"1002"_s, 12, 4500),
                     line(u"2001"_s, 2500, 120000)}); // 2.5 kg at 1,200.00/kg
        QVERIFY(id > 0);
        // A draft moves nothing.
        QCOMPARE(shelf(u"1001"_s), 4);
        QCOMPARE(shelf(u"1002"_s), -1);
        const GoodsReceipt draft = receipts().byId(id).value();
        QCOMPARE(draft.number, 1);
        QCOMPARE(draft.status, DocumentStatus::Draft);
        QCOMPARE(draft.supplierName, u"Dairy Farm LLC"_s);
        QCOMPARE(draft.lineCount, 3);
        QCOMPARE(draft.total, 20 * 6000 + 12 * 4500 + 300000);
        QCOMPARE(draft.lines.at(2).amount(), 300000);

        auto done = receipts().post(m_keeper, id, revision);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done->status, DocumentStatus::Posted);
        QCOMPARE(done->postedBy, m_keeper.displayName);
        QCOMPARE(shelf(u"1001"_s), 24);
        QCOMPARE(shelf(u"1002"_s), 12); // its stock row made by the receipt
        QCOMPARE(shelf(u"2001"_s), 2500);
        // One history row and one event per line, each naming the document.
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'received' "
                        "AND document_id = ? AND staff_id = ? "
                        "AND reason = 'Receipt No. 1 from Dairy Farm LLC, invoice INV-77'"_s,
                        {id, m_keeper.staffId}),
                 3);
        QCOMPARE(scalar(u"SELECT shelf_delta FROM history WHERE action = 'received' "
                        "AND plu = '1001'"_s),
                 20);
        QCOMPARE(scalar(u"SELECT count(*) FROM outbox WHERE event_type = 'stock.changed' AND "
                        "payload->>'action' = 'received'"_s),
                 3);
        // The 4 already there had no cost: they count at the new price.
        QCOMPARE(cost(u"1001"_s).toLongLong(), 6000);
        QCOMPARE(cost(u"2001"_s).toLongLong(), 120000);
        // The supplier's price is remembered and offered for the next receipt.
        QCOMPARE(receipts().lineFor(m_shop, m_supplier, u"1002"_s)->price, 4500);
    }

    void aPostedReceiptNeverChanges()
    {
        const auto [id, revision] = drafted({line(u"1001"_s, 5, 6000)});
        QVERIFY(receipts().post(m_keeper, id, revision).ok());
        const qint64 before = footprint();
        auto again = receipts().post(m_keeper, id, revision);
        QCOMPARE(again.error().code, StoreError::Code::Conflict);
        QVERIFY2(again.error().message.contains(u"already been posted by"_s),
                 qPrintable(again.error().message));
        auto edited =
            receipts().saveDraft(m_keeper, id, revision + 1, header(), {line(u"1001"_s, 50, 6000)});
        QCOMPARE(edited.error().code, StoreError::Code::Conflict);
        QCOMPARE(footprint(), before);
        QCOMPARE(shelf(u"1001"_s), 9);
    }

    // Two stock keepers post the same draft at the same moment from two
    // tills: exactly one succeeds, and the goods arrive once.
    void twoKeepersPostingOneDraftAtOnce()
    {
        const auto [id, revision] = drafted({line(u"1001"_s, 10, 6000), line(u"1002"_s, 3, 4500)});
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
                auto done = GoodsReceiptStore(conn.db()).post(people[t], id, revision);
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
        QCOMPARE(shelf(u"1001"_s), 14);
        QCOMPARE(shelf(u"1002"_s), 3);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE document_id = ?"_s, {id}), 2);
    }

    // The cost after several receipts at different prices, with sales in
    // between, equals the moving average worked by hand.
    void theCostIsTheMovingAverageOfTheReceipts()
    {
        QVERIFY(posted({line(u"1002"_s, 10, 5000)}) > 0); // 10 at 50.00
        QCOMPARE(cost(u"1002"_s).toLongLong(), 5000);
        QVERIFY(posted({line(u"1002"_s, 20, 5600)}) > 0); // (500 + 1,120) / 30 = 54.00
        QCOMPARE(cost(u"1002"_s).toLongLong(), 5400);
        QVERIFY(StockStore(m_tdb->db())
                    .decrease(m_keeper, {m_shop, u"1002"_s, StockQuantity::Shelf, 5, u"sold"_s})
                    .ok());
        QVERIFY(posted({line(u"1002"_s, 25, 6010)}) > 0); // (25 × 54 + 25 × 60.10) / 50
        QCOMPARE(cost(u"1002"_s).toLongLong(), 5705);
        // Weighed: 0.4 kg at 1,150.00/kg onto 2.5 kg at 1,200.00/kg.
        QVERIFY(posted({line(u"2001"_s, 2500, 120000)}) > 0);
        QVERIFY(posted({line(u"2001"_s, 400, 115000)}) > 0);
        // (2.5 × 1,200 + 0.4 × 1,150) / 2.9 = 1,193.103… → 1,193.10
        QCOMPARE(cost(u"2001"_s).toLongLong(), 119310);
    }

    void cancellingPostsAReversingReceipt()
    {
        QVERIFY(posted({line(u"1002"_s, 10, 5000)}) > 0);
        const qint64 id = posted({line(u"1002"_s, 20, 5600), line(u"1001"_s, 6, 6100)});
        QVERIFY(id > 0);
        QCOMPARE(shelf(u"1002"_s), 30);
        auto cancelled = receipts().cancel(m_otherKeeper, id);
        QVERIFY2(cancelled, cancelled ? "" : qPrintable(cancelled.error().message));
        QCOMPARE(cancelled->status, DocumentStatus::Cancelled);
        QCOMPARE(cancelled->reversedByNumber, 3);
        QCOMPARE(shelf(u"1002"_s), 10);
        QCOMPARE(shelf(u"1001"_s), 4);
        QCOMPARE(cost(u"1002"_s).toLongLong(), 5000); // back to what the first receipt cost
        const GoodsReceipt reversal =
            receipts()
                .byId(scalar(u"SELECT id FROM stock_documents WHERE reverses = ?"_s, {id}))
                .value();
        QCOMPARE(reversal.status, DocumentStatus::Posted);
        QCOMPARE(reversal.reversesNumber, 2);
        QCOMPARE(reversal.lines.size(), 2);
        QCOMPARE(reversal.postedBy, m_otherKeeper.displayName);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE action = 'receipt_cancelled' AND "
                        "document_id = ? AND reason = 'Receipt No. 3 cancels receipt No. 2'"_s,
                        {reversal.id}),
                 2);
        // Neither can be cancelled again.
        QCOMPARE(receipts().cancel(m_keeper, id).error().code, StoreError::Code::Conflict);
        QCOMPARE(receipts().cancel(m_keeper, reversal.id).error().code, StoreError::Code::Conflict);
    }

    void cancellingIsRefusedWhenTheGoodsWereSold()
    {
        const qint64 id = posted({line(u"1001"_s, 1, 6000), line(u"1002"_s, 10, 5000)});
        QVERIFY(StockStore(m_tdb->db())
                    .decrease(m_keeper, {m_shop, u"1002"_s, StockQuantity::Shelf, 8, u"sold"_s})
                    .ok());
        const qint64 before = footprint();
        const qint64 documents = scalar(u"SELECT count(*) FROM stock_documents"_s);
        auto refused = receipts().cancel(m_keeper, id);
        QCOMPARE(refused.error().code, StoreError::Code::Conflict);
        QVERIFY2(refused.error().message.contains(u"Receipt No. 1 cannot be cancelled"_s) &&
                     refused.error().message.contains(u"Only 2 of PLU 1002"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(footprint(), before);
        QCOMPARE(scalar(u"SELECT count(*) FROM stock_documents"_s), documents);
        QCOMPARE(receipts().byId(id)->status, DocumentStatus::Posted);
        QCOMPARE(shelf(u"1001"_s), 5);
    }

    void aDraftIsKeptAndAnotherKeeperCarriesOn()
    {
        const auto [id, revision] = drafted({line(u"1001"_s, 3, 6000)});
        // Another stock keeper opens it (as after a restart) and adds a line.
        const GoodsReceipt opened = receipts().byId(id).value();
        QCOMPARE(opened.lines.size(), 1);
        auto saved = GoodsReceiptStore(m_tdb->db())
                         .saveDraft(m_otherKeeper, id, opened.revision, opened.header,
                                    opened.lines + QList<ReceiptLine> {line(u"1002"_s, 7, 4400)});
        QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));
        QCOMPARE(saved->revision, revision + 1);
        // The first keeper's older copy is not saved over theirs.
        auto stale =
            receipts().saveDraft(m_keeper, id, revision, header(), {line(u"1001"_s, 9, 1)});
        QCOMPARE(stale.error().code, StoreError::Code::Conflict);
        QVERIFY2(stale.error().message.contains(u"saved by someone else"_s),
                 qPrintable(stale.error().message));
        QCOMPARE(receipts().byId(id)->lines.size(), 2);
        QCOMPARE(receipts().post(m_keeper, id, revision).error().code, StoreError::Code::Conflict);
        QVERIFY(receipts().post(m_keeper, id, saved->revision).ok());
        QCOMPARE(shelf(u"1002"_s), 7);
    }

    void aDiscardedDraftMovesNothing()
    {
        const auto [id, revision] = drafted({line(u"1001"_s, 3, 6000)});
        Q_UNUSED(revision);
        auto discarded = receipts().cancel(m_keeper, id);
        QVERIFY(discarded.ok());
        QCOMPARE(discarded->status, DocumentStatus::Cancelled);
        QCOMPARE(discarded->reversedByNumber, 0);
        QCOMPARE(shelf(u"1001"_s), 4);
    }

    void badInputNamesTheLineAndWritesNothing_data()
    {
        QTest::addColumn<QString>("plu");
        QTest::addColumn<int>("quantity");
        QTest::addColumn<qint64>("price");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("words");
        QTest::newRow("zero quantity") << u"1002"_s << 0 << qint64(100) << u"quantity"_s
                                       << u"Line 2 (PLU 1002): the quantity"_s;
        QTest::newRow("negative quantity")
            << u"1002"_s << -3 << qint64(100) << u"quantity"_s << u"Line 2 (PLU 1002)"_s;
        QTest::newRow("too heavy")
            << u"2001"_s << 1'000'001 << qint64(100) << u"quantity"_s << u"at most 1000 kg"_s;
        QTest::newRow("zero price") << u"1002"_s << 5 << qint64(0) << u"price"_s
                                    << u"Line 2 (PLU 1002): give the purchase price"_s;
        QTest::newRow("same product twice")
            << u"1001"_s << 5 << qint64(100) << u"plu"_s << u"already on line 1"_s;
    }
    void badInputNamesTheLineAndWritesNothing()
    {
        QFETCH(QString, plu);
        QFETCH(int, quantity);
        QFETCH(qint64, price);
        QFETCH(QString, field);
        QFETCH(QString, words);
        auto made = receipts().createDraft(m_keeper, m_shop, header());
        QVERIFY(made.ok());
        const qint64 before = footprint();
        ReceiptLine bad = line(plu, 1, 1);
        bad.quantity = quantity;
        bad.price = price;
        auto refused = receipts().saveDraft(m_keeper, made->id, made->revision, header(),
                                            {line(u"1001"_s, 2, 6000), bad});
        QCOMPARE(refused.error().code, StoreError::Code::Invalid);
        QCOMPARE(refused.error().field, field);
        QVERIFY2(refused.error().message.contains(words), qPrintable(refused.error().message));
        QCOMPARE(footprint(), before);
        QCOMPARE(receipts().byId(made->id)->revision, made->revision);
    }

    void badHeadersAndProductsAreRefused()
    {
        auto made = receipts().createDraft(m_keeper, m_shop, header());
        QVERIFY(made.ok());
        const qint64 id = made->id;
        const int revision = made->revision;
        const ReceiptLine milk = line(u"1001"_s, 2, 6000);
        ReceiptHeader h = header();
        h.supplierId = 0;
        QCOMPARE(receipts().saveDraft(m_keeper, id, revision, h, {milk}).error().field,
                 u"supplier_id"_s);
        h.supplierId = m_supplier + 100;
        QCOMPARE(receipts().saveDraft(m_keeper, id, revision, h, {milk}).error().field,
                 u"supplier_id"_s);
        h = header(QString(65, u'7'));
        QCOMPARE(receipts().saveDraft(m_keeper, id, revision, h, {milk}).error().field,
                 u"invoice_number"_s);
        h = header();
        h.invoiceDate = QDate::currentDate().addDays(3);
        QCOMPARE(receipts().saveDraft(m_keeper, id, revision, h, {milk}).error().field,
                 u"invoice_date"_s);
        // An archived product is not received.
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET active = false WHERE plu = '1002'"_s).ok());
        ReceiptLine kefir = milk;
        kefir.productId = scalar(u"SELECT id FROM products WHERE plu = '1002'"_s);
        kefir.plu = u"1002"_s;
        auto archived = receipts().saveDraft(m_keeper, id, revision, header(), {milk, kefir});
        QCOMPARE(archived.error().field, u"plu"_s);
        QVERIFY2(archived.error().message.contains(u"Line 2 (PLU 1002): the product is archived"_s),
                 qPrintable(archived.error().message));
        QCOMPARE(receipts().lineFor(m_shop, m_supplier, u"1002"_s).error().code,
                 StoreError::Code::Conflict);
        QCOMPARE(receipts().lineFor(m_shop, m_supplier, u"9999"_s).error().code,
                 StoreError::Code::NotFound);
        // Nothing to post; and a cashier may not receive goods.
        auto empty = receipts().post(m_keeper, id, revision);
        QCOMPARE(empty.error().field, u"lines"_s);
        QCOMPARE(receipts().createDraft(m_cashier, m_shop, header()).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(receipts().post(m_cashier, id, revision).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(scalar(u"SELECT count(*) FROM stock_document_lines"_s), 0);
        QCOMPARE(receipts().byId(id)->status, DocumentStatus::Draft);
    }

    void aProductArchivedAfterDraftingIsNotPosted()
    {
        const auto [id, revision] = drafted({line(u"1001"_s, 2, 6000), line(u"1002"_s, 2, 4000)});
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET active = false WHERE plu = '1002'"_s).ok());
        const qint64 before = footprint();
        auto refused = receipts().post(m_keeper, id, revision);
        QCOMPARE(refused.error().field, u"plu"_s);
        QVERIFY2(refused.error().message.contains(u"Line 2 (PLU 1002)"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(footprint(), before);
        QCOMPARE(receipts().byId(id)->status, DocumentStatus::Draft);
    }

    // A supplier's delivery note as a file: the rows that name a product
    // become lines (repeated ones added up), the others are named with why.
    void aDeliveryNoteGivesTheLinesItCan()
    {
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET active = false WHERE plu = '1002'"_s).ok());
        QTemporaryDir dir;
        const QString path = dir.filePath(u"note.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(u"Артикул;Наименование;Кол-во;Цена, руб.\n"
                   "1001;Молоко;20;60,50\n"
                   "2001;Пармезан;1,250;1200\n"
                   "9999;Неизвестный;3;10\n"
                   "1002;Кефир;5;40\n"
                   ";;;\n"
                   "1001;Молоко ещё;4;61,00\n"
                   "2001;Пармезан;много;1200\n"
                   "1001;Молоко;2;0\n"_s.toUtf8());
        file.close();
        auto rows = DeliveryFile::read(path, GoodsReceiptStore::kMaxLines);
        QVERIFY2(rows.ok(), rows.ok() ? "" : qPrintable(rows.error().message));
        QCOMPARE(rows->size(), 7); // the empty row skipped
        auto read = receipts().linesFor(m_shop, m_supplier, rows.value());
        QVERIFY(read.ok());
        QCOMPARE(read->lines.size(), 2);
        QCOMPARE(read->lines.at(0).plu, u"1001"_s);
        QCOMPARE(read->lines.at(0).quantity, 24);
        QCOMPARE(read->lines.at(0).price, 6050); // the first row's price
        QCOMPARE(read->lines.at(1).quantity, 1250); // grams
        QCOMPARE(read->lines.at(1).price, 120000);
        QCOMPARE(read->refused,
                 (QStringList {u"Row 4: no product has the PLU or barcode \"9999\"."_s,
                               u"Row 5 (PLU 1002): the product is archived and cannot be "
                               "received."_s,
                               u"Row 8 (PLU 2001): the weight \"много\" is not a number of "
                               "kilograms up to 1000."_s,
                               u"Row 9 (PLU 1001): the price \"0\" is not a price above zero."_s}));
        // A file without a quantity column is refused as a whole.
        QFile bad(dir.filePath(u"bad.csv"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("PLU,Name\n1001,Milk\n");
        bad.close();
        auto refused = DeliveryFile::read(bad.fileName(), 10);
        QCOMPARE(refused.error().field, u"file"_s);
        QVERIFY2(refused.error().message.contains(u"found: PLU, Name"_s),
                 qPrintable(refused.error().message));
    }

    void suppliersAreNamedOnce()
    {
        SupplierStore suppliers(m_tdb->db());
        auto twin = suppliers.create(m_keeper, {0, u"  dairy farm llc "_s, {}, {}, true});
        QVERIFY2(twin.error().field == u"name"_s, qPrintable(twin.error().message));
        QCOMPARE(suppliers.create(m_keeper, {0, u"   "_s, {}, {}, true}).error().field, u"name"_s);
        QCOMPARE(suppliers.create(m_keeper, {0, u"X"_s, QString(33, u'1'), {}, true}).error().field,
                 u"tax_id"_s);
        QCOMPARE(suppliers.create(m_cashier, {0, u"Y"_s, {}, {}, true}).error().code,
                 StoreError::Code::Permission);
        auto bakery = suppliers.create(m_keeper, {0, u"Bakery"_s, {}, {}, true});
        QVERIFY(bakery.ok());
        QCOMPARE(suppliers.list()->size(), 2);
        Supplier archived = bakery.value();
        archived.active = false;
        QVERIFY(suppliers.update(m_keeper, archived).ok());
        QCOMPARE(suppliers.list()->size(), 1);
        QCOMPARE(suppliers.list(true)->size(), 2);
        // An archived supplier is offered for no new receipt.
        ReceiptHeader h = header();
        h.supplierId = archived.id;
        QCOMPARE(receipts().createDraft(m_keeper, m_shop, h).error().field, u"supplier_id"_s);
    }
};

QTEST_GUILESS_MAIN(TestGoodsReceipts)
#include "tst_goodsreceipts.moc"
