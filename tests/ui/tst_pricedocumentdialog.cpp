#include "DemoSession.h"
#include "WhenModal.h"
#include "models/catalog/PriceStore.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/documents/PriceLinesModel.h"
#include "models/settings/AppSettings.h"
#include "models/shops/ShopTime.h"
#include "ui/common/CategoryComboBox.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"
#include "ui/documents/PriceDocumentDialog.h"
#include "ui/documents/PriceDocumentsDialog.h"
#include "ui/stock/StockPage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// A manager's price-change document, driven from the keyboard with real
// widgets over the demo shop: drafted, a line edited, posted, read back.
class TestPriceDocumentDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    Session manager() { return test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s); }
    template<typename T>
    static T *child(QObject *parent, const QString &name)
    {
        return parent->findChild<T *>(name);
    }
    qint64 priceNow(const QString &plu) const
    {
        return PriceStore(m_tdb->db()).priceAt(plu, QDateTime::currentDateTimeUtc()).value();
    }
    // Three piece products' PLUs and prices, cheapest first.
    QList<std::pair<QString, qint64>> threeProducts(int offset) const
    {
        auto q = Sql::run(m_tdb->db(),
                          u"SELECT plu, price FROM products WHERE active AND NOT sold_by_weight "
                          "AND price > 1000 ORDER BY id OFFSET ? LIMIT 3"_s,
                          {offset});
        QList<std::pair<QString, qint64>> products;
        while (q.value().next())
            products.append({q.value().value(0).toString(), q.value().value(1).toLongLong()});
        return products;
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"pricedocumentdialog"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 10;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        Confirm::setAnswerForTests(true);
    }
    void cleanupTestCase()
    {
        Confirm::setAnswerForTests(std::nullopt);
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    // PLUs typed, +5 % to the ruble ending in .99, one line retyped, Ctrl+Enter.
    void aManagerRaisesThreePricesAndPostsThem()
    {
        const auto products = threeProducts(0);
        QCOMPARE(products.size(), 3);
        PriceDocumentDialog dialog(manager(), 0);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *text = child<QLineEdit>(&dialog, u"selectText"_s);
        auto *kind = child<QComboBox>(&dialog, u"ruleKind"_s);
        auto *value = child<QDoubleSpinBox>(&dialog, u"ruleValue"_s);
        auto *roundTo = child<QComboBox>(&dialog, u"roundTo"_s);
        auto *endIn99 = child<QCheckBox>(&dialog, u"endIn99"_s);
        auto *table = child<QTableView>(&dialog, u"lines"_s);
        QVERIFY(text && kind && value && roundTo && endIn99 && table);
        QVERIFY(!endIn99->isEnabled()); // "set the price" has no rounding

        kind->setCurrentIndex(1);
        QVERIFY(endIn99->isEnabled());
        value->setValue(5);
        roundTo->setCurrentIndex(2); // to the ruble
        endIn99->setChecked(true);
        QCOMPARE(child<QLabel>(&dialog, u"example"_s)->text(),
                 u"For example, 99.90 becomes 104.99."_s);
        text->setFocus();
        QTest::keyClicks(
            text, u"%1, %2 %3"_s.arg(products[0].first, products[1].first, products[2].first));
        QSignalSpy added(&dialog, &PriceDocumentDialog::linesAdded);
        QTest::keyClick(text, Qt::Key_Return);
        QVERIFY(added.wait(20000));
        QCOMPARE(added.first().first().toInt(), 3);
        QVERIFY(dialog.documentId() > 0);
        QTRY_COMPARE(dialog.lines()->rowCount(), 3);
        QCOMPARE(child<QLabel>(&dialog, u"summary"_s)->text(), u"3 product(s)"_s);
        // Each new price is 5 % more, to the ruble, less a kopeck; nothing
        // has changed yet.
        QList<qint64> expected;
        for (const auto &[plu, price] : products)
            expected << std::llround(price * 1.05 / 100.0) * 100 - 1;
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(dialog.lines()->index(row, PriceLinesModel::Plu).data().toString(),
                     products[row].first);
            QCOMPARE(dialog.lines()->index(row, PriceLinesModel::NewPrice).data(Qt::EditRole),
                     QVariant(Money::formatPlain(expected[row])));
            QCOMPARE(priceNow(products[row].first), products[row].second);
        }

        // The third line's price typed over in the table.
        const QModelIndex third = dialog.lines()->index(2, PriceLinesModel::NewPrice);
        table->setCurrentIndex(third);
        table->edit(third);
        auto *editor = table->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QSignalSpy lineChanged(dialog.lines(), &PriceLinesModel::lineChanged);
        QTest::keyClicks(editor, u"77.70"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QVERIFY(lineChanged.wait(20000));
        expected[2] = 7770;
        QCOMPARE(dialog.lines()->index(2, PriceLinesModel::NewPrice).data(Qt::EditRole),
                 QVariant(u"77.70"_s));

        // A price that is not one is refused in the banner; the line keeps its price.
        QSignalSpy failed(&dialog, &PriceDocumentDialog::failed);
        QVERIFY(!dialog.lines()->setData(dialog.lines()->index(1, PriceLinesModel::NewPrice),
                                         u"12,3,4"_s, Qt::EditRole));
        QCOMPARE(failed.size(), 1);
        QVERIFY(child<MessageBanner>(&dialog, QString())->text().startsWith(u"New price:"_s));

        QSignalSpy posted(&dialog, &PriceDocumentDialog::posted);
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(posted.wait(20000));
        for (int row = 0; row < 3; ++row)
            QCOMPARE(priceNow(products[row].first), expected[row]);
        QCOMPARE(dialog.document().status, DocumentStatus::Posted);
        QCOMPARE(dialog.document().changed, 3);
        QVERIFY2(child<QLabel>(&dialog, u"title"_s)->text().contains(u"3 price(s) changed"_s),
                 qPrintable(child<QLabel>(&dialog, u"title"_s)->text()));
        // Posted: read-only, the buttons that change it gone.
        QVERIFY(!child<QPushButton>(&dialog, u"post"_s)->isVisible());
        QVERIFY(!text->isEnabled());
        QTRY_COMPARE(dialog.lines()->rowCount(), 3);
        QVERIFY(!(dialog.lines()->flags(dialog.lines()->index(0, PriceLinesModel::NewPrice)) &
                  Qt::ItemIsEditable));
        // The posted lines compare with the prices they replaced, not with
        // today's (their own).
        QCOMPARE(dialog.lines()->headerData(PriceLinesModel::CurrentPrice, Qt::Horizontal,
                                            Qt::DisplayRole),
                 QVariant(u"Old price"_s));
        QCOMPARE(dialog.lines()->index(0, PriceLinesModel::CurrentPrice).data().toString(),
                 Money::format(products[0].second));
        QVERIFY(dialog.lines()->index(0, PriceLinesModel::Change).data().toString() != u"0.0 %"_s);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM label_queue WHERE printed_at IS NULL AND "
                             "product_id IN (SELECT product_id FROM price_document_lines WHERE "
                             "document_id = ?)"_s,
                             {dialog.documentId()})
                     .value()
                     .toInt(),
                 3);
    }

    // A PLU that is not in the catalog: the banner names it, no line is added.
    void anUnknownPluIsNamedAndNothingIsAdded()
    {
        PriceDocumentDialog dialog(manager(), 0);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *text = child<QLineEdit>(&dialog, u"selectText"_s);
        child<QDoubleSpinBox>(&dialog, u"ruleValue"_s)->setValue(10);
        QTest::keyClicks(text, u"%1 NO-SUCH-PLU"_s.arg(threeProducts(3).at(0).first));
        QSignalSpy failed(&dialog, &PriceDocumentDialog::failed);
        QTest::keyClick(text, Qt::Key_Return);
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().first().toString().contains(u"NO-SUCH-PLU"_s),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(dialog.lines()->rowCount(), 0);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM price_document_lines WHERE document_id = ?"_s,
                             {dialog.documentId()})
                     .value()
                     .toInt(),
                 0);
        QVERIFY(!child<QPushButton>(&dialog, u"post"_s)->isEnabled());
    }

    // By category (issue 17): "a category (with its subcategories)" adds
    // exactly the active products of that subtree.
    void aCategoryWithItsSubcategoriesIsAdded()
    {
        PriceDocumentDialog dialog(manager(), 0);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *selectBy = child<QComboBox>(&dialog, u"selectBy"_s);
        auto *category = child<CategoryComboBox>(&dialog, u"selectCategory"_s);
        QVERIFY(selectBy && category);
        selectBy->setCurrentIndex(int(PriceSelection::Kind::Category));
        QVERIFY(category->isVisibleTo(&dialog));
        QVERIFY(!child<QLineEdit>(&dialog, u"selectText"_s)->isVisibleTo(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(category->isLoaded(), 20000);
        const qint64 drinks = Sql::scalar(m_tdb->db(),
                                          u"SELECT id FROM categories "
                                          "WHERE parent_id IS NULL AND name = 'Напитки'"_s)
                                  .value()
                                  .toLongLong();
        QVERIFY(drinks > 0);
        category->setCurrentCategoryId(drinks);
        child<QDoubleSpinBox>(&dialog, u"ruleValue"_s)->setValue(10);
        QSignalSpy added(&dialog, &PriceDocumentDialog::linesAdded);
        child<QPushButton>(&dialog, u"add"_s)->click();
        QVERIFY(added.wait(20000));
        const qint64 expected = Sql::scalar(m_tdb->db(),
                                            u"SELECT count(*) FROM products WHERE active "
                                            "AND category_id IN (SELECT category_subtree(?))"_s,
                                            {drinks})
                                    .value()
                                    .toLongLong();
        QVERIFY(expected > 0);
        QCOMPARE(added.first().first().toLongLong(), expected);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM price_document_lines l "
                             "JOIN products p ON p.id = l.product_id WHERE l.document_id = ? "
                             "AND p.category_id IN (SELECT category_subtree(?))"_s,
                             {dialog.documentId(), drinks})
                     .value()
                     .toLongLong(),
                 expected);
    }

    // From the Stock page: Price changes…, New, a price from tomorrow 08:00
    // in the shop's zone for every product named "Молоко"; posted, today's
    // price holds and the list shows the document.
    void aScheduledChangeFromTheStockPage()
    {
        StockPage page(manager());
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *action = page.findChild<QAction *>(u"priceChanges"_s);
        QVERIFY(action && action->isEnabled());
        const QString zone = manager().shop.timeZone;
        const QDate tomorrow =
            ShopTime::toShop(QDateTime::currentDateTimeUtc(), zone).date().addDays(1);
        const QDateTime from = QDateTime(tomorrow, QTime(8, 0), ShopTime::zone(zone));
        const QString word = Sql::scalar(m_tdb->db(),
                                         u"SELECT split_part(name, ' ', 1) FROM products "
                                         "WHERE active ORDER BY id OFFSET 10 LIMIT 1"_s)
                                 .value()
                                 .toString();
        const qint64 matching = Sql::scalar(m_tdb->db(),
                                            u"SELECT count(*) FROM products WHERE active "
                                            "AND name ILIKE '%' || ? || '%'"_s,
                                            {word})
                                    .value()
                                    .toLongLong();
        QVERIFY(matching > 0);
        bool drove = false;
        auto driver = test::whenModal<PriceDocumentsDialog>([&](PriceDocumentsDialog *list) {
            QSignalSpy opened(list, &PriceDocumentsDialog::documentOpened);
            QVERIFY(QTest::qWaitForWindowActive(list));
            QTest::keyClick(list, Qt::Key_N, Qt::ControlModifier);
            QCOMPARE(opened.size(), 1);
            auto *dialog = opened.first().first().value<PriceDocumentDialog *>();
            child<QComboBox>(dialog, u"starts"_s)->setCurrentIndex(1);
            auto *when = child<QDateTimeEdit>(dialog, u"validFrom"_s);
            QVERIFY(when->isEnabled());
            QCOMPARE(when->dateTime(), QDateTime(tomorrow, QTime(8, 0)));
            child<QLineEdit>(dialog, u"reason"_s)->setText(u"Supplier's new list"_s);
            child<QComboBox>(dialog, u"selectBy"_s)->setCurrentIndex(1);
            child<QComboBox>(dialog, u"ruleKind"_s)->setCurrentIndex(1);
            child<QDoubleSpinBox>(dialog, u"ruleValue"_s)->setValue(-10);
            auto *text = child<QLineEdit>(dialog, u"selectText"_s);
            QTest::keyClicks(text, word);
            QSignalSpy added(dialog, &PriceDocumentDialog::linesAdded);
            QTest::keyClick(text, Qt::Key_Return);
            QVERIFY(added.wait(20000));
            QCOMPARE(added.first().first().toLongLong(), matching);
            QTRY_VERIFY(child<QPushButton>(dialog, u"post"_s)->isEnabled());
            QSignalSpy posted(dialog, &PriceDocumentDialog::posted);
            child<QPushButton>(dialog, u"post"_s)->click();
            QVERIFY(posted.wait(20000));
            QCOMPARE(dialog->document().validFrom, from.toUTC());
            dialog->accept();
            QSignalSpy loaded(list, &PriceDocumentsDialog::loaded);
            QVERIFY(loaded.wait(20000));
            QTreeWidgetItem *top = list->list()->topLevelItem(0);
            QCOMPARE(top->text(0), QString::number(dialog->documentId()));
            QCOMPARE(top->text(1), u"posted"_s);
            QCOMPARE(top->text(4), u"Supplier's new list"_s);
            drove = true;
            list->accept();
        });
        action->trigger();
        QVERIFY(drove);
        // Today's prices hold; tomorrow's are 10 % less.
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM products p JOIN product_prices pp ON "
                             "pp.product_id = p.id AND pp.valid_from = ? WHERE pp.price = "
                             "round(price_at(p, now()) * 0.9)"_s,
                             {from.toUTC()})
                     .value()
                     .toLongLong(),
                 matching);
    }
};

QTEST_MAIN(TestPriceDocumentDialog)
#include "tst_pricedocumentdialog.moc"
