#include "TestDatabase.h"
#include "models/catalog/CategoryStore.h"
#include "models/catalog/PriceStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/documents/PriceDocumentStore.h"
#include "models/labels/LabelQueueStore.h"

#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Price-change documents over a real PostgreSQL: drafted, posted all at once
// or not at all, scheduled, and never changed once posted.
class TestPriceDocuments : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    Actor m_manager, m_cashier;

    PriceDocumentStore documents() const { return PriceDocumentStore(m_tdb->db()); }
    qint64 count(const QString &sql, const QVariantList &values = {}) const
    {
        return Sql::scalar(m_tdb->db(), sql, values).value().toLongLong();
    }
    qint64 priceOf(const QString &plu) const
    {
        return PriceStore(m_tdb->db()).priceAt(plu, QDateTime::currentDateTimeUtc()).value();
    }
    qint64 draft(const PriceDocumentHeader &header = {})
    {
        auto made = documents().createDraft(m_manager, header);
        if (!made.ok())
            qWarning() << made.error().message;
        return made.ok() ? made->id : 0;
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"pricedocuments"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        const qint64 shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, shop);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, shop);
        ProductStore products(m_tdb->db());
        QVERIFY(products.create(m_manager, {u"1001"_s, u"Milk 3.2%"_s, 9990, {}, false}).ok());
        QVERIFY(products.create(m_manager, {u"1002"_s, u"Milk 1.5%"_s, 8990, {}, false}).ok());
        QVERIFY(products.create(m_manager, {u"1003"_s, u"Kefir"_s, 7500, {}, false}).ok());
        QVERIFY(products.create(m_manager, {u"2001"_s, u"Parmesan"_s, 189900, {}, true}).ok());
    }
    void cleanup() { m_tdb.reset(); }

    void aDraftRaisesManyPricesAtOnceWhenPosted()
    {
        const qint64 id = draft({u"Dairy +5 %"_s, {}});
        QVERIFY(id > 0);
        const PriceRule rule =
            PriceRule::changeByPercent(500, {100, PriceRounding::Direction::Nearest, true});
        auto added = documents().addLines(m_manager, id, PriceSelection::byName(u"milk"_s), rule);
        QVERIFY2(added.ok(), added.ok() ? "" : qPrintable(added.error().message));
        QCOMPARE(added.value(), 2);
        // A draft changes no price.
        QCOMPARE(priceOf(u"1001"_s), qint64(9990));
        const QList<PriceDocumentLine> lines = documents().lines(id).value();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).plu, u"1001"_s);
        QCOMPARE(lines.at(0).oldPrice, qint64(9990));
        QCOMPARE(lines.at(0).newPrice, qint64(10499)); // 104.895 → 105 → 104.99
        QCOMPARE(lines.at(1).newPrice, qint64(9399)); // 94.395 → 94 → 93.99

        auto posted = documents().post(m_manager, id);
        QVERIFY2(posted.ok(), posted.ok() ? "" : qPrintable(posted.error().message));
        QCOMPARE(posted->status, DocumentStatus::Posted);
        QCOMPARE(posted->changed, 2);
        QCOMPARE(posted->postedBy, m_manager.displayName);
        QCOMPARE(priceOf(u"1001"_s), qint64(10499));
        QCOMPARE(priceOf(u"1002"_s), qint64(9399));
        QCOMPARE(priceOf(u"1003"_s), qint64(7500));
        // Each price names the document, who and why; each product's change
        // and history row says before and after; each shelf tag is queued.
        QCOMPARE(count(u"SELECT count(*) FROM product_prices WHERE document_id = ? "
                       "AND staff_id = ? AND reason LIKE '%Dairy +5 %'"_s,
                       {id, m_manager.staffId}),
                 2);
        QCOMPARE(count(u"SELECT count(*) FROM product_changes WHERE document_id = ? "
                       "AND before = '{\"price\": 9990}' AND after = '{\"price\": 10499}'"_s,
                       {id}),
                 1);
        QCOMPARE(count(u"SELECT count(*) FROM history WHERE action = 'product_changed' "
                       "AND plu IN ('1001', '1002') AND staff_id = ?"_s,
                       {m_manager.staffId}),
                 2);
        QCOMPARE(LabelQueueStore(m_tdb->db()).waitingCount(m_manager.shopId).value(), 2);
        const QList<PriceEntry> history = PriceStore(m_tdb->db()).list(u"1001"_s).value();
        QCOMPARE(history.first().price, qint64(10499));
        QCOMPARE(history.first().previous, std::optional<qint64>(9990));
    }

    // By category (issue 17): exactly the active products of the category
    // and of every category below it, as SQL finds them.
    void aCategoryAddsItsWholeSubtree()
    {
        CategoryStore categories(m_tdb->db());
        const qint64 dairy = categories.create(m_manager, 0, u"Dairy"_s)->id;
        const qint64 milk = categories.create(m_manager, dairy, u"Milk"_s)->id;
        const qint64 cheese = categories.create(m_manager, 0, u"Cheese"_s)->id;
        const qint64 empty = categories.create(m_manager, 0, u"Empty"_s)->id;
        ProductStore products(m_tdb->db());
        QVERIFY(products.create(m_manager, {u"1004"_s, u"Old milk"_s, 5000, {}, false}).ok());
        const auto place = [&](const QString &plu, qint64 category, bool active = true) {
            ProductPatch patch;
            patch.plu = plu;
            patch.categoryId = category;
            patch.active = active;
            return products.patch(m_manager, patch).ok();
        };
        QVERIFY(place(u"1001"_s, milk));
        QVERIFY(place(u"1002"_s, milk));
        QVERIFY(place(u"1003"_s, dairy));
        QVERIFY(place(u"2001"_s, cheese));
        QVERIFY(place(u"1004"_s, milk, false)); // archived: keeps its price

        const qint64 id = draft({u"Dairy"_s, {}});
        auto added = documents().addLines(m_manager, id, PriceSelection::byCategory(dairy),
                                          PriceRule::setPrice(10000));
        QVERIFY2(added.ok(), added.ok() ? "" : qPrintable(added.error().message));
        QCOMPARE(added.value(), 3);
        const QString subtree = u"SELECT p.id FROM products p WHERE p.active "
                                "AND p.category_id IN (SELECT category_subtree(?))"_s;
        QCOMPARE(count(u"SELECT count(*) FROM price_document_lines WHERE document_id = ?"_s, {id}),
                 count(u"SELECT count(*) FROM (%1) x"_s.arg(subtree), {dairy}));
        QCOMPARE(count(u"SELECT count(*) FROM price_document_lines WHERE document_id = ? "
                       "AND product_id NOT IN (%1)"_s.arg(subtree),
                       {id, dairy}),
                 0);
        // A subcategory alone: its own products only.
        const qint64 milkOnly = draft({u"Milk"_s, {}});
        QCOMPARE(documents()
                     .addLines(m_manager, milkOnly, PriceSelection::byCategory(milk),
                               PriceRule::setPrice(10000))
                     .value(),
                 2);
        // An empty or unknown category: refused naming it, nothing added.
        for (const qint64 category : {empty, qint64(999999), qint64(0)}) {
            auto refused =
                documents().addLines(m_manager, milkOnly, PriceSelection::byCategory(category),
                                     PriceRule::setPrice(10000));
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().field, u"category"_s);
        }
        QCOMPARE(
            count(u"SELECT count(*) FROM price_document_lines WHERE document_id = ?"_s, {milkOnly}),
            2);
    }

    void aPostedDocumentNeverChanges()
    {
        const qint64 id = draft();
        QVERIFY(documents()
                    .addLines(m_manager, id, PriceSelection::byPlus({u"1003"_s}),
                              PriceRule::setPrice(7900))
                    .ok());
        QVERIFY(documents().post(m_manager, id).ok());
        const auto again = documents().post(m_manager, id);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, StoreError::Code::Conflict);
        QVERIFY(!documents()
                     .addLines(m_manager, id, PriceSelection::byPlus({u"1001"_s}),
                               PriceRule::setPrice(1))
                     .ok());
        const qint64 kefir = documents().lines(id).value().at(0).productId;
        QVERIFY(!documents().setLinePrice(m_manager, id, kefir, 1).ok());
        QVERIFY(!documents().removeLines(m_manager, id, {kefir}).ok());
        QVERIFY(!documents().cancel(m_manager, id).ok());
        QVERIFY(!documents().updateDraft(m_manager, id, {u"changed"_s, {}}).ok());
        QCOMPARE(priceOf(u"1003"_s), qint64(7900));
        QCOMPARE(count(u"SELECT count(*) FROM product_prices WHERE document_id = ?"_s, {id}), 1);
    }

    void aLineWhosePriceAlreadyHoldsChangesNothing()
    {
        const qint64 id = draft();
        QVERIFY(documents()
                    .addLines(m_manager, id, PriceSelection::byPlus({u"1001"_s, u"1003"_s}),
                              PriceRule::setPrice(7500))
                    .ok());
        auto posted = documents().post(m_manager, id);
        QVERIFY(posted.ok());
        QCOMPARE(posted->lineCount, 2);
        QCOMPARE(posted->changed, 1);
        QCOMPARE(count(u"SELECT count(*) FROM product_changes WHERE document_id = ?"_s, {id}), 1);
    }

    void aDraftsLinesCanBeEditedAndRemoved()
    {
        const qint64 id = draft();
        QVERIFY(
            documents()
                .addLines(m_manager, id, PriceSelection::all(), PriceRule::changeByPercent(-1000))
                .ok());
        QList<PriceDocumentLine> lines = documents().lines(id).value();
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(3).newPrice, qint64(170910)); // 1,899.00 − 10 %
        auto edited = documents().setLinePrice(m_manager, id, lines.at(3).productId, 175000);
        QVERIFY(edited.ok());
        QCOMPARE(edited->newPrice, qint64(175000));
        const auto tooMuch = documents().setLinePrice(m_manager, id, lines.at(3).productId, -5);
        QVERIFY(!tooMuch.ok());
        QCOMPARE(tooMuch.error().field, u"price"_s);
        QCOMPARE(documents().removeLines(m_manager, id, {lines.at(0).productId}).value(), 1);
        // Adding a product again replaces its line.
        QVERIFY(documents()
                    .addLines(m_manager, id, PriceSelection::byPlus({u"2001"_s}),
                              PriceRule::setPrice(200000))
                    .ok());
        lines = documents().lines(id).value();
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.last().newPrice, qint64(200000));
        // Paged on the product.
        const QList<PriceDocumentLine> second =
            documents().lines(id, lines.at(0).productId, 1).value();
        QCOMPARE(second.size(), 1);
        QCOMPARE(second.at(0).plu, lines.at(1).plu);
        QCOMPARE(documents().byId(id)->lineCount, 3);
    }

    void badInputNamesTheFieldAndWritesNothing()
    {
        const qint64 id = draft();
        ProductEdit archive {u"1003"_s, u"Kefir"_s, 7500, {}, false, false, u"gone"_s};
        QVERIFY(ProductStore(m_tdb->db()).update(m_manager, archive).ok());

        auto unknown =
            documents().addLines(m_manager, id, PriceSelection::byPlus({u"1001"_s, u"9999"_s}),
                                 PriceRule::setPrice(100));
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().field, u"plus"_s);
        QVERIFY2(unknown.error().message.contains(u"9999"_s), qPrintable(unknown.error().message));
        auto archived = documents().addLines(m_manager, id, PriceSelection::byPlus({u"1003"_s}),
                                             PriceRule::setPrice(100));
        QVERIFY(!archived.ok());
        QVERIFY2(archived.error().message.contains(u"1003"_s),
                 qPrintable(archived.error().message));
        auto nothing = documents().addLines(m_manager, id, PriceSelection::byName(u"caviar"_s),
                                            PriceRule::setPrice(100));
        QVERIFY(!nothing.ok());
        QCOMPARE(nothing.error().field, u"text"_s);
        QVERIFY(ProductStore(m_tdb->db())
                    .create(m_manager, {u"3001"_s, u"Gold bar"_s, 2'000'000'000, {}, false})
                    .ok());
        auto overMax =
            documents().addLines(m_manager, id, PriceSelection::byPlus({u"2001"_s, u"3001"_s}),
                                 PriceRule::changeByPercent(100000));
        QVERIFY(!overMax.ok());
        QCOMPARE(overMax.error().field, u"price"_s);
        QVERIFY2(overMax.error().message.contains(u"3001"_s), qPrintable(overMax.error().message));
        auto percent = documents().addLines(m_manager, id, PriceSelection::all(),
                                            PriceRule::changeByPercent(200000));
        QCOMPARE(percent.error().field, u"percent"_s);
        QCOMPARE(count(u"SELECT count(*) FROM price_document_lines"_s), 0);

        auto past =
            documents().createDraft(m_manager, {{}, QDateTime::currentDateTimeUtc().addSecs(-60)});
        QVERIFY(!past.ok());
        QCOMPARE(past.error().field, u"valid_from"_s);
        auto longReason = documents().createDraft(m_manager, {QString(501, u'x'), {}});
        QCOMPARE(longReason.error().field, u"reason"_s);
        auto cashier = documents().createDraft(m_cashier, {});
        QCOMPARE(cashier.error().code, StoreError::Code::Permission);
        QVERIFY(!documents().post(m_cashier, id).ok());
        auto empty = documents().post(m_manager, id);
        QCOMPARE(empty.error().code, StoreError::Code::Conflict);
        QCOMPARE(count(u"SELECT count(*) FROM price_documents"_s), 1);
    }

    void aCancelledDraftIsKeptAndNeverPosted()
    {
        const qint64 id = draft({u"wrong shelf"_s, {}});
        QVERIFY(documents()
                    .addLines(m_manager, id, PriceSelection::byPlus({u"1001"_s}),
                              PriceRule::setPrice(100))
                    .ok());
        auto cancelled = documents().cancel(m_manager, id);
        QVERIFY(cancelled.ok());
        QCOMPARE(cancelled->status, DocumentStatus::Cancelled);
        QVERIFY(!documents().post(m_manager, id).ok());
        QCOMPARE(priceOf(u"1001"_s), qint64(9990));
        QCOMPARE(documents().list().value().first().status, DocumentStatus::Cancelled);
    }

    void aScheduledDocumentChargesTheNewPricesFromItsMoment()
    {
        // Far enough ahead for the post; the boundary is then read with
        // price_at on both sides of it.
        const QDateTime from = QDateTime::currentDateTimeUtc().addSecs(3600);
        const qint64 id = draft({u"New year"_s, from});
        QVERIFY(documents()
                    .addLines(m_manager, id, PriceSelection::byPlus({u"1001"_s, u"2001"_s}),
                              PriceRule::changeByPercent(1000, {100}))
                    .ok());
        auto posted = documents().post(m_manager, id);
        QVERIFY2(posted.ok(), posted.ok() ? "" : qPrintable(posted.error().message));
        QCOMPARE(posted->changed, 2);
        PriceStore prices(m_tdb->db());
        QCOMPARE(prices.priceAt(u"1001"_s, from.addMSecs(-1)).value(), qint64(9990));
        QCOMPARE(prices.priceAt(u"1001"_s, from).value(), qint64(11000)); // 109.89 → 110
        QCOMPARE(prices.priceAt(u"2001"_s, from).value(), qint64(208900));
        QCOMPARE(priceOf(u"1001"_s), qint64(9990));
        // The "from" tags are queued ahead, with the new prices.
        const QList<QueuedLabel> labels =
            LabelQueueStore(m_tdb->db()).waiting(m_manager.shopId).value();
        QCOMPARE(labels.size(), 2);
        for (const QueuedLabel &label : labels) {
            QCOMPARE(label.reason, LabelReason::PriceScheduled);
            QCOMPARE(label.validFrom, from);
            QCOMPARE(label.price, label.plu == u"1001"_s ? qint64(11000) : qint64(208900));
        }

        // A second document for the same moment is refused as a whole.
        const qint64 clash = draft({{}, from});
        QVERIFY(documents()
                    .addLines(m_manager, clash, PriceSelection::all(), PriceRule::setPrice(500))
                    .ok());
        auto refused = documents().post(m_manager, clash);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().field, u"plus"_s);
        QVERIFY2(refused.error().message.contains(u"1001"_s), qPrintable(refused.error().message));
        QCOMPARE(count(u"SELECT count(*) FROM product_prices WHERE document_id = ?"_s, {clash}), 0);
        QCOMPARE(documents().byId(clash)->status, DocumentStatus::Draft);
    }

    void thousandsOfLinesArePostedAllOrNothing()
    {
        // 3,000 products more; one of them is archived after it was drafted.
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO products (plu, name, price) SELECT 'B' || g, "
                         "'Bulk ' || g, 1000 + g FROM generate_series(1, 3000) g"_s)
                    .ok());
        const qint64 id = draft();
        auto added = documents().addLines(m_manager, id, PriceSelection::byName(u"bulk"_s),
                                          PriceRule::changeByPercent(250, {10}));
        QVERIFY(added.ok());
        QCOMPARE(added.value(), 3000);
        ProductEdit archive {u"B2999"_s, u"Bulk 2999"_s, 3999, {}, false, false, {}};
        QVERIFY(ProductStore(m_tdb->db()).update(m_manager, archive).ok());
        const qint64 pricesBefore = count(u"SELECT count(*) FROM product_prices"_s);

        auto refused = documents().post(m_manager, id);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"B2999"_s), qPrintable(refused.error().message));
        QCOMPARE(count(u"SELECT count(*) FROM product_prices"_s), pricesBefore);
        QCOMPARE(priceOf(u"B1"_s), qint64(1001));
        QCOMPARE(LabelQueueStore(m_tdb->db()).waitingCount(m_manager.shopId).value(), 0);

        const qint64 archivedId = count(u"SELECT id FROM products WHERE plu = 'B2999'"_s);
        QVERIFY(documents().removeLines(m_manager, id, {archivedId}).ok());
        auto posted = documents().post(m_manager, id);
        QVERIFY2(posted.ok(), posted.ok() ? "" : qPrintable(posted.error().message));
        QCOMPARE(posted->changed, 2999);
        QCOMPARE(priceOf(u"B1"_s), qint64(1030)); // 10.01 + 2.5 % = 10.26 → 10.30 in tens
        QCOMPARE(count(u"SELECT count(*) FROM products WHERE plu LIKE 'B%' AND price = "
                       "round((1000 + substr(plu, 2)::int) * 1.025 / 10) * 10 AND active"_s),
                 2999);
    }
};

QTEST_GUILESS_MAIN(TestPriceDocuments)
#include "tst_pricedocuments.moc"
