#include "DemoSession.h"
#include "TestDatabase.h"
#include "WhenModal.h"
#include "models/catalog/CatalogService.h"
#include "models/catalog/Ean13.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/documents/DocumentsService.h"
#include "models/export/CsvFormat.h"
#include "models/settings/AppSettings.h"
#include "models/settings/AppStateStore.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockModel.h"
#include "models/stock/StockStore.h"
#include "models/stock/StocktakeStore.h"
#include "models/sync/CatalogStore.h"
#include "ui/catalog/CategoryTree.h"
#include "ui/catalog/ProductDialog.h"
#include "ui/catalog/ProductEditDialog.h"
#include "ui/catalog/ProductMovementsTable.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/QuantitySpinBox.h"
#include "ui/stock/AdjustStockDialog.h"
#include "ui/stock/StockDialog.h"
#include "ui/stock/StockFilterPanel.h"
#include "ui/stock/StockPage.h"
#include "ui/stock/StocktakeDialog.h"
#include "ui/stock/StocktakeVarianceDialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>

#include <tuple>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The Stock page driven like a stock keeper would, over the demo shop.
class TestStockPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    Session sessionFor(const QString &login, const QString &password)
    {
        return test::demoSession(*m_tdb, login, password);
    }
    static bool settle(StockModel *model)
    {
        if (!model->isLoading())
            return true;
        QSignalSpy idle(model, &StockModel::idle);
        return idle.wait(20000);
    }
    int shelfOf(const QString &plu, qint64 shop)
    {
        return Sql::scalar(m_tdb->db(),
                           u"SELECT shelf_qty FROM stocks WHERE plu = ? AND shop_id = ?"_s,
                           {plu, shop})
            .value()
            .toInt();
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"stockpage"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 100;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    void editAProductAndScheduleItsPrice()
    {
        StockPage page(sessionFor(u"manager"_s, u"manager123"_s));
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        StockModel *model = page.model();
        auto *plu = page.findChild<QLineEdit *>(u"pluFilter"_s);
        plu->clear();
        QTest::keyClicks(plu, u"10002"_s);
        QTest::keyClick(plu, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(1), 20000);
        QVERIFY(settle(model));
        QTRY_VERIFY(model->stockAt(0).has_value());
        const qint64 oldPrice = model->stockAt(0)->price;
        const qint64 newPrice = oldPrice + 1000;
        const qint64 changesBefore =
            Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM product_changes"_s)
                .value()
                .toLongLong();
        const QString otherBarcode =
            Sql::scalar(m_tdb->db(), u"SELECT barcode FROM products WHERE plu = '10003'"_s)
                .value()
                .toString();
        // A valid EAN-13 no demo product has (demo barcodes start with 46).
        const QString secondBarcode = Ean13::complete(u"200000000017");
        const QString ownBarcode =
            Sql::scalar(m_tdb->db(), u"SELECT barcode FROM products WHERE plu = '10002'"_s)
                .value()
                .toString();

        page.table()->setFocus();
        page.table()->setCurrentIndex(model->index(0, 0));
        bool driven = false;
        auto answer = test::whenModal<ProductEditDialog>([&](ProductEditDialog *dialog) {
            auto *name = dialog->findChild<QLineEdit *>(u"name"_s);
            auto *price = dialog->findChild<QLineEdit *>(u"price"_s);
            auto *barcodes = dialog->findChild<QListWidget *>(u"barcodes"_s);
            auto *newBarcode = dialog->findChild<QLineEdit *>(u"newBarcode"_s);
            auto *reason = dialog->findChild<QLineEdit *>(u"reason"_s);
            auto *error = dialog->findChild<QLabel *>(u"fieldError"_s);
            auto *prices = dialog->findChild<QTableWidget *>(u"prices"_s);
            auto *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
            // The product and its prices arrive from the database.
            QTRY_VERIFY_WITH_TIMEOUT(!name->text().isEmpty(), 20000);
            QTRY_VERIFY_WITH_TIMEOUT(prices->rowCount() >= 1, 20000);
            QCOMPARE(Money::parse(price->text()).value_or(-1), oldPrice);

            // A barcode with a wrong check digit, scanned (Enter): said at
            // once, naming it, and the list keeps the product's own.
            QCOMPARE(barcodes->count(), 1);
            QTest::keyClicks(newBarcode, u"4600000000016"_s);
            QTest::keyClick(newBarcode, Qt::Key_Return);
            QVERIFY(error->isVisible());
            QVERIFY(error->text().contains(u"4600000000016"_s));
            QCOMPARE(barcodes->count(), 1);
            QVERIFY(dialog->isVisible()); // Enter added, never saved
            // Another product's barcode: refused naming its PLU.
            newBarcode->clear();
            QTest::keyClicks(newBarcode, otherBarcode);
            QTest::keyClick(newBarcode, Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(u"10003"_s), 20000);
            QCOMPARE(barcodes->count(), 1);
            // A second barcode of its own joins the list after the main one.
            newBarcode->clear();
            QTest::keyClicks(newBarcode, secondBarcode);
            QTest::keyClick(newBarcode, Qt::Key_Return);
            QTRY_COMPARE_WITH_TIMEOUT(barcodes->count(), 2, 20000);
            QCOMPARE(barcodes->item(1)->data(Qt::UserRole).toString(), secondBarcode);
            QVERIFY(save->isEnabled());

            // A price scheduled in the past is refused, naming the moment.
            auto *scheduledPrice = dialog->findChild<QLineEdit *>(u"newPrice"_s);
            auto *from = dialog->findChild<QDateTimeEdit *>(u"validFrom"_s);
            auto *schedule = dialog->findChild<QPushButton *>(u"schedule"_s);
            auto *banner = dialog->findChild<MessageBanner *>();
            QTest::keyClicks(scheduledPrice, Money::formatPlain(oldPrice + 2000));
            from->setDateTime(from->dateTime().addDays(-2));
            schedule->click();
            QTRY_VERIFY_WITH_TIMEOUT(!banner->text().isEmpty(), 20000);
            QTRY_VERIFY(schedule->isEnabled());
            QCOMPARE(prices->rowCount(), 1);
            // Tomorrow is accepted and listed as scheduled.
            from->setDateTime(from->dateTime().addDays(3));
            QSignalSpy shown(dialog, &ProductEditDialog::pricesShown);
            schedule->click();
            QVERIFY(shown.wait(20000));
            QCOMPARE(prices->rowCount(), 2);
            QVERIFY(prices->item(0, 0)->text().contains(u"("_s));
            QCOMPARE(prices->item(0, 1)->text(), Money::format(oldPrice + 2000));

            // The price now, with a reason, saved.
            price->selectAll();
            QTest::keyClicks(price, Money::formatPlain(newPrice));
            QTest::keyClicks(reason, u"supplier raised it"_s);
            QVERIFY(save->isEnabled());
            save->click();
            driven = true;
        });
        QTest::keyClick(page.table(), Qt::Key_F2);
        QVERIFY(driven);
        QTRY_COMPARE_WITH_TIMEOUT(
            Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM product_changes"_s)
                .value()
                .toLongLong(),
            changesBefore + 1, 20000);
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT price FROM products WHERE plu = '10002'"_s)
                     .value()
                     .toLongLong(),
                 newPrice);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT reason FROM product_changes ORDER BY id DESC LIMIT 1"_s)
                     .value()
                     .toString(),
                 u"supplier raised it"_s);
        // The second barcode is the product's now: the till finds it by it.
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT p.plu FROM product_barcodes b JOIN products p "
                             "ON p.id = b.product_id WHERE b.barcode = ?"_s,
                             {secondBarcode})
                     .value()
                     .toString(),
                 u"10002"_s);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM product_prices p JOIN products r ON "
                             "r.id = p.product_id WHERE r.plu = '10002' AND valid_from > now()"_s)
                     .value()
                     .toLongLong(),
                 1);
        QTRY_COMPARE_WITH_TIMEOUT(model->stockAt(0).value_or(StockRow {}).price, newPrice, 20000);

        // Opened again, the product shows the edit: when, who, what, why.
        QStringList change;
        auto look = test::whenModal<ProductEditDialog>([&](ProductEditDialog *dialog) {
            auto *changes = dialog->findChild<QTableWidget *>(u"changes"_s);
            QTRY_VERIFY_WITH_TIMEOUT(changes->rowCount() >= 1, 20000);
            for (int c = 0; c < changes->columnCount(); ++c)
                change << changes->item(0, c)->text();

            // The scheduled price is taken back, with a reason: it leaves
            // the list and the change says so.
            auto *prices = dialog->findChild<QTableWidget *>(u"prices"_s);
            auto *withdraw = dialog->findChild<QPushButton *>(u"withdraw"_s);
            auto *reason = dialog->findChild<QLineEdit *>(u"reason"_s);
            QTRY_COMPARE_WITH_TIMEOUT(prices->rowCount(), 3, 20000); // scheduled, now, before
            prices->selectRow(1); // the price now cannot be withdrawn
            QVERIFY(!withdraw->isEnabled());
            prices->selectRow(0);
            QVERIFY(withdraw->isEnabled());
            QTest::keyClicks(reason, u"offer moved"_s);
            Confirm::setAnswerForTests(true);
            QSignalSpy shown(dialog, &ProductEditDialog::pricesShown);
            QTest::keyClick(dialog, Qt::Key_I, Qt::AltModifier);
            QVERIFY2(shown.wait(20000), qPrintable(dialog->findChild<MessageBanner *>()->text()));
            Confirm::setAnswerForTests(std::nullopt);
            QCOMPARE(prices->rowCount(), 2);
            QVERIFY(!prices->item(0, 0)->text().contains(u"("_s));
            QTRY_VERIFY_WITH_TIMEOUT(changes->item(0, 2)->text().startsWith(u"Scheduled price"_s),
                                     20000);
            QCOMPARE(changes->item(0, 3)->text(), u"offer moved"_s);
            dialog->reject();
        });
        page.activateWindow(); // the dialog gave the keyboard back
        QTRY_VERIFY(page.isActiveWindow());
        page.table()->setFocus();
        page.table()->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(page.table(), Qt::Key_F2);
        QCOMPARE(change.size(), 4);
        QCOMPARE(change.at(1), sessionFor(u"manager"_s, u"manager123"_s).actor.displayName);
        // The second barcode and the price, in one edit.
        QCOMPARE(change.at(2),
                 u"Barcodes: %1 → %1, %2\nPrice: %3 → %4"_s.arg(
                     ownBarcode, secondBarcode, Money::format(oldPrice), Money::format(newPrice)));
        QCOMPARE(change.at(3), u"supplier raised it"_s);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM product_prices p JOIN products r ON "
                             "r.id = p.product_id WHERE r.plu = '10002' AND valid_from > now()"_s)
                     .value()
                     .toLongLong(),
                 0);
    }

    void filterAdjustAndSeeTheNewQuantity()
    {
        StockPage page(sessionFor(u"keeper"_s, u"keeper123"_s));
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        StockModel *model = page.model();
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(2000), 20000); // this till's shop

        // Filter by PLU, as typed.
        auto *plu = page.findChild<QLineEdit *>(u"pluFilter"_s);
        QTest::keyClicks(plu, u"10001"_s);
        QTest::keyClick(plu, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(1), 20000);
        QVERIFY(settle(model));
        QTRY_VERIFY(model->stockAt(0).has_value());
        const int before = model->stockAt(0)->shelfQty;
        QCOMPARE(before, shelfOf(u"10001"_s, 1));
        const int take = qMin(3, before);
        QVERIFY2(take > 0, "the demo stock of PLU 10001 is empty");

        page.table()->setFocus();
        page.table()->setCurrentIndex(model->index(0, 0));
        // The dialog is modal: answer it once it is up.
        bool sawRefusal = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<AdjustStockDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->findChild<QRadioButton *>(u"decrease"_s)->click();
            auto *amount = dialog->findChild<QuantitySpinBox *>(u"amount"_s);
            auto *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
            // More than there is: refused in the form, Save disabled.
            amount->setValue(before + 1);
            sawRefusal = !save->isEnabled() &&
                dialog->findChild<QLabel *>(u"preview"_s)
                    ->text()
                    .contains(u"Only %1"_s.arg(before));
            amount->selectAll();
            QTest::keyClicks(amount, QString::number(take));
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"note"_s), u"broken jar"_s);
            QVERIFY(save->isEnabled());
            save->click();
        });
        QTest::keyClick(page.table(), Qt::Key_E, Qt::ControlModifier);
        QVERIFY(sawRefusal);
        QTRY_COMPARE_WITH_TIMEOUT(shelfOf(u"10001"_s, 1), before - take, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(model->stockAt(0).value_or(StockRow {}).shelfQty, before - take,
                                  15000);
        QCOMPARE(model->data(model->index(0, StockModel::Shelf)).toString(),
                 QString::number(before - take));
        const QString reason =
            Sql::scalar(m_tdb->db(), u"SELECT reason FROM history ORDER BY id DESC LIMIT 1"_s)
                .value()
                .toString();
        QVERIFY2(reason.contains(u"broken jar"_s), qPrintable(reason));
    }

    // Goods sold by weight keep grams and read in kilograms: in the table, the
    // low-stock threshold (kilograms for them) and the adjust dialog.
    void aWeighedProductReadsInKilograms()
    {
        const QString plu = u"10002"_s;
        const int shelfBefore = shelfOf(plu, 1);
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE products SET sold_by_weight = true WHERE plu = ?"_s,
                         {plu})
                    .ok());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE stocks SET shelf_qty = 1250 WHERE plu = ? AND shop_id = 1"_s,
                         {plu})
                    .ok());
        auto restore = qScopeGuard([&] {
            std::ignore = Sql::run(
                m_tdb->db(), u"UPDATE products SET sold_by_weight = false WHERE plu = ?"_s, {plu});
            std::ignore = Sql::run(
                m_tdb->db(), u"UPDATE stocks SET shelf_qty = ? WHERE plu = ? AND shop_id = 1"_s,
                {shelfBefore, plu});
        });
        const auto kg = [](double value) -> QString {
            return QLocale().toString(value, 'f', 3) + u" kg"_s;
        };
        StockPage page(sessionFor(u"keeper"_s, u"keeper123"_s));
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setLowStockThreshold(5); // 5 kg of a weighed product, 1.25 kg left
        StockModel *model = page.model();
        auto *pluFilter = page.findChild<QLineEdit *>(u"pluFilter"_s);
        QTest::keyClicks(pluFilter, plu);
        QTest::keyClick(pluFilter, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(1), 20000);
        QVERIFY(settle(model));
        QTRY_VERIFY(model->stockAt(0).has_value());
        QVERIFY(model->stockAt(0)->soldByWeight);
        QCOMPARE(model->data(model->index(0, StockModel::Shelf)).toString(), kg(1.25));
        QVERIFY(model->data(model->index(0, StockModel::Price)).toString().endsWith(u"/kg"_s));
        QVERIFY(model->data(model->index(0, StockModel::Name), Qt::BackgroundRole).isValid());
        QVERIFY(model->data(model->index(0, StockModel::Name), Qt::ToolTipRole)
                    .toString()
                    .contains(kg(5)));

        page.table()->setFocus();
        page.table()->setCurrentIndex(model->index(0, 0));
        QString now, refusal;
        auto driver = test::whenModal<AdjustStockDialog>([&](AdjustStockDialog *dialog) {
            for (QLabel *label : dialog->findChildren<QLabel *>())
                if (label->text().startsWith(u"Now:"_s))
                    now = label->text();
            dialog->findChild<QRadioButton *>(u"decrease"_s)->click();
            // Asked in kilograms, typed as the user's locale writes them.
            auto *amount = dialog->findChild<QuantitySpinBox *>(u"amount"_s);
            QCOMPARE(amount->suffix(), u" kg"_s);
            amount->selectAll();
            QTest::keyClicks(amount, u"2"_s);
            refusal = dialog->findChild<QLabel *>(u"preview"_s)->text();
            amount->selectAll();
            QTest::keyClicks(amount, QLocale().toString(0.25, 'f', 3));
            QCOMPARE(amount->units(), qint64(250));
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        QTest::keyClick(page.table(), Qt::Key_E, Qt::ControlModifier);
        QVERIFY2(now.contains(kg(1.25)), qPrintable(now));
        QVERIFY2(refusal.contains(u"Only %1 there; cannot take %2"_s.arg(kg(1.25), kg(2))),
                 qPrintable(refusal));
        QTRY_COMPARE_WITH_TIMEOUT(shelfOf(plu, 1), 1000, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(model->data(model->index(0, StockModel::Shelf)).toString(), kg(1),
                                  15000);
    }

    // New stock of a weighed product asks for kilograms once its PLU is
    // typed, and a piece product's for pieces.
    void newStockAsksInTheProductsUnit()
    {
        const Session session = sessionFor(u"keeper"_s, u"keeper123"_s);
        const Session manager = sessionFor(u"manager"_s, u"manager123"_s);
        NewProduct cheese;
        cheese.plu = u"77001"_s;
        cheese.name = u"Parmesan by weight"_s;
        cheese.price = 190000;
        cheese.soldByWeight = true;
        QVERIFY(ProductStore(m_tdb->db()).create(manager.actor, cheese).ok());
        NewProduct jar;
        jar.plu = u"77002"_s;
        jar.name = u"Honey jar"_s;
        jar.price = 45000;
        QVERIFY(ProductStore(m_tdb->db()).create(manager.actor, jar).ok());
        // The other tests count the demo shop's 2,000 stocks.
        auto removeThem = qScopeGuard([&] {
            for (const QString &sql :
                 {u"DELETE FROM history WHERE product_id IN "
                  "(SELECT id FROM products WHERE plu IN ('77001', '77002'))"_s,
                  u"DELETE FROM product_prices WHERE product_id IN "
                  "(SELECT id FROM products WHERE plu IN ('77001', '77002'))"_s,
                  u"DELETE FROM stocks WHERE plu IN ('77001', '77002')"_s,
                  u"DELETE FROM products WHERE plu IN ('77001', '77002')"_s})
                QVERIFY2(Sql::run(m_tdb->db(), sql).ok(), qPrintable(sql));
        });
        const QList<Shop> shops {session.shop};

        StockDialog dialog(session.actor, shops, session.shop.id);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *create = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        auto *product = dialog.findChild<QLabel *>(u"product"_s);
        auto *shelf = dialog.findChild<QuantitySpinBox *>(u"shelf"_s);
        auto *pluEdit = dialog.findChild<QLineEdit *>(u"plu"_s);
        QVERIFY(!create->isEnabled());
        QTest::keyClicks(pluEdit, u"99999"_s);
        QTRY_VERIFY_WITH_TIMEOUT(product->text().contains(u"No product has PLU 99999"_s), 15000);
        QVERIFY(!create->isEnabled());

        pluEdit->clear();
        QTest::keyClicks(pluEdit, cheese.plu);
        QTRY_VERIFY_WITH_TIMEOUT(product->text().contains(u"sold by weight"_s), 15000);
        QVERIFY(create->isEnabled());
        QCOMPARE(shelf->suffix(), u" kg"_s);
        shelf->setFocus();
        shelf->selectAll();
        QTest::keyClicks(shelf, QLocale().toString(1.5, 'f', 3));
        create->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 15000);
        QCOMPARE(shelfOf(cheese.plu, session.shop.id), 1500);

        StockDialog pieces(session.actor, shops, session.shop.id);
        pieces.setPlu(jar.plu);
        auto *piecesShelf = pieces.findChild<QuantitySpinBox *>(u"shelf"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            pieces.findChild<QLabel *>(u"product"_s)->text().contains(u"counted in pieces"_s),
            15000);
        QCOMPARE(piecesShelf->suffix(), u" pcs"_s);
        QCOMPARE(piecesShelf->decimals(), 0);
        // Half a jar is refused in words, never read as 1, 2 or 15.
        pieces.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pieces));
        piecesShelf->setFocus();
        piecesShelf->selectAll();
        QTest::keyClicks(piecesShelf, u"1.5"_s);
        QVERIFY(piecesShelf->problem().has_value());
        QTest::keyClick(piecesShelf, Qt::Key_Return);
        auto *banner = pieces.findChild<MessageBanner *>();
        QVERIFY2(banner->text().contains(u"whole pieces"_s), qPrintable(banner->text()));
        QVERIFY(pieces.isVisible());
        auto *piecesCreate = pieces.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        piecesCreate->click();
        QVERIFY(pieces.isVisible());
        QVERIFY2(piecesShelf->text().startsWith(u"1.5"_s), qPrintable(piecesShelf->text()));
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM stocks WHERE plu = ? AND shop_id = ?"_s,
                             {jar.plu, session.shop.id})
                     .value()
                     .toInt(),
                 0);
        piecesShelf->setFocus();
        piecesShelf->selectAll();
        QTest::keyClicks(piecesShelf, u"2"_s);
        QVERIFY(!piecesShelf->problem().has_value());
        piecesCreate->click();
        QTRY_COMPARE_WITH_TIMEOUT(pieces.result(), int(QDialog::Accepted), 15000);
        QCOMPARE(shelfOf(jar.plu, session.shop.id), 2);
    }

    // "Changed" is the shop's time, whatever the computer's zone is.
    void changedTimeIsTheShops()
    {
        const Session session = sessionFor(u"keeper"_s, u"keeper123"_s);
        StockPage page(session);
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        StockModel *model = page.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->totalCount() > 0, 20000);
        QVERIFY(settle(model));
        QTRY_VERIFY(model->stockAt(0).has_value());
        const QDateTime updated = model->stockAt(0)->updatedAt;
        QVERIFY(updated.isValid());
        QCOMPARE(session.shop.timeZone, u"Europe/Moscow"_s);
        const QDateTime shopTime = updated.toTimeZone(QTimeZone("Europe/Moscow"));
        QCOMPARE(model->data(model->index(0, StockModel::Updated)).toString(),
                 QLocale().toString(shopTime, QLocale::ShortFormat));
    }

    // A count while the shop sells: scan one product, type another's PLU,
    // a sale happens before the commit, and the sale is kept.
    void stocktakeKeepsASaleMadeDuringTheCount()
    {
        StockPage page(sessionFor(u"keeper"_s, u"keeper123"_s));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->totalCount(), qint64(2000), 20000);
        // Two products of this shop with something on the shelf; the first has a barcode.
        auto pick =
            Sql::run(m_tdb->db(),
                     u"SELECT s.plu, p.barcode, s.shelf_qty, s.price FROM stocks s "
                     "JOIN products p ON p.id = s.product_id WHERE s.shop_id = 1 "
                     "AND s.shelf_qty >= 5 AND p.barcode IS NOT NULL AND NOT s.sold_by_weight "
                     "AND NOT EXISTS (SELECT 1 FROM stocktake_lines l WHERE l.stock_id = s.id) "
                     "ORDER BY s.id LIMIT 2"_s);
        QVERIFY(pick.ok());
        QVERIFY(pick.value().next());
        const QString scannedPlu = pick.value().value(0).toString();
        const QString barcode = pick.value().value(1).toString();
        const int scannedBefore = pick.value().value(2).toInt();
        const qint64 scannedPrice = pick.value().value(3).toLongLong();
        QVERIFY(pick.value().next());
        const QString typedPlu = pick.value().value(0).toString();
        const int typedBefore = pick.value().value(2).toInt();
        const qint64 typedPrice = pick.value().value(3).toLongLong();
        // 4 scanned on the shelf, then one more found and scanned: 5.
        const int scannedCount = 5, typedCount = typedBefore + 2; // two found behind the shelf
        const QString csvPath = m_dir.filePath(u"variance.csv"_s);
        const QString pdfPath = m_dir.filePath(u"variance.pdf"_s);
        const qint64 stocktakeRows =
            Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM history WHERE action = 'stocktake'"_s)
                .value()
                .toLongLong();

        bool driven = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<StocktakeDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            // Whatever fails below, the dialog must not stay up and hang the test.
            auto closeOnExit = qScopeGuard([dialog] {
                if (dialog->isVisible())
                    dialog->reject();
            });
            auto *code = dialog->findChild<QLineEdit *>(u"code"_s);
            auto *counted = dialog->findChild<QuantitySpinBox *>(u"counted"_s);
            auto *lines = dialog->findChild<QTableWidget *>(u"countedLines"_s);
            QTRY_VERIFY_WITH_TIMEOUT(code->isEnabled(), 15000); // the count is open
            QTRY_VERIFY(code->hasFocus());

            // An unknown code is refused in the dialog's banner, nothing recorded.
            QTest::keyClicks(code, u"NO-SUCH-PLU"_s);
            QTest::keyClick(code, Qt::Key_Return);
            QVERIFY(counted->hasFocus());
            QTest::keyClick(counted, Qt::Key_Return);
            auto *banner = dialog->findChild<MessageBanner *>();
            QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
            QVERIFY2(banner->text().contains(u"NO-SUCH-PLU"_s), qPrintable(banner->text()));
            QCOMPARE(lines->rowCount(), 0);

            // The scanner types the barcode and Enter; the keeper types the count.
            code->clear();
            QTest::keyClicks(code, barcode);
            QTest::keyClick(code, Qt::Key_Return);
            QTest::keyClicks(counted, u"4"_s);
            QTest::keyClick(counted, Qt::Key_Return);
            QTRY_COMPARE_WITH_TIMEOUT(lines->rowCount(), 1, 15000);
            QCOMPARE(lines->item(0, 0)->text(), scannedPlu);
            QCOMPARE(lines->item(0, 2)->text(), u"4"_s);
            // The same barcode again, Enter, Enter: one more, added to the line.
            QTRY_VERIFY(code->hasFocus() && code->isEnabled());
            QCOMPARE(counted->units(), qint64(1));
            QTest::keyClicks(code, barcode);
            QTest::keyClick(code, Qt::Key_Return);
            QTest::keyClick(counted, Qt::Key_Return);
            QTRY_COMPARE_WITH_TIMEOUT(lines->item(0, 2)->text(), QString::number(scannedCount),
                                      15000);
            QCOMPARE(lines->rowCount(), 1);
            // No header is cut off.
            for (int c = 0; c < lines->columnCount(); ++c) {
                const QString header = lines->horizontalHeaderItem(c)->text();
                QVERIFY2(lines->horizontalHeader()->sectionSize(c) >=
                             lines->horizontalHeader()->fontMetrics().horizontalAdvance(header),
                         qPrintable(header));
            }

            QTRY_VERIFY(code->hasFocus() && code->isEnabled());
            QTest::keyClicks(code, typedPlu);
            QTest::keyClick(code, Qt::Key_Return);
            QTest::keyClicks(counted, QString::number(typedCount));
            QTest::keyClick(counted, Qt::Key_Return);
            QTRY_COMPARE_WITH_TIMEOUT(lines->rowCount(), 2, 15000);

            // A cashier sells 2 of the scanned product before the count is committed.
            auto sold =
                StockStore(m_tdb->db())
                    .decrease(sessionFor(u"keeper"_s, u"keeper123"_s).actor,
                              StockAdjustment {1, scannedPlu, StockQuantity::Shelf, 2, u"sale"_s});
            QVERIFY(sold.ok());

            // Commit shows the variance sheet first; it exports, prints, then commits.
            bool sheetSeen = false;
            auto sheet =
                test::whenModal<StocktakeVarianceDialog>([&](StocktakeVarianceDialog *variance) {
                    QTableWidget *table = variance->table();
                    QCOMPARE(table->rowCount(), 2);
                    const int scannedRow = table->item(0, 0)->text() == scannedPlu ? 0 : 1;
                    const int typedRow = 1 - scannedRow;
                    QCOMPARE(table->item(scannedRow, 2)->text(), QLocale().toString(scannedBefore));
                    QCOMPARE(table->item(scannedRow, 3)->text(), QLocale().toString(scannedCount));
                    QCOMPARE(table->item(scannedRow, 4)->text(),
                             QLocale().toString(scannedCount - scannedBefore));
                    QCOMPARE(table->item(scannedRow, 5)->text(),
                             Money::format((scannedCount - scannedBefore) * scannedPrice));
                    QCOMPARE(table->item(typedRow, 4)->text(), u"+2"_s);
                    QCOMPARE(table->item(typedRow, 5)->text(), Money::format(2 * typedPrice));
                    for (int c = 0; c < table->columnCount(); ++c) {
                        const QString header = table->horizontalHeaderItem(c)->text();
                        QVERIFY2(
                            table->horizontalHeader()->sectionSize(c) >=
                                table->horizontalHeader()->fontMetrics().horizontalAdvance(header),
                            qPrintable(header));
                    }
                    QVERIFY(variance->exportCsv(csvPath));
                    QVERIFY(variance->printToPdf(pdfPath));
                    sheetSeen = true;
                    variance->findChild<QPushButton *>(u"commitVariance"_s)->click();
                });
            QSignalSpy committed(dialog, &StocktakeDialog::committed);
            QTRY_VERIFY(dialog->findChild<QPushButton *>(u"commitCount"_s)->isEnabled());
            dialog->findChild<QPushButton *>(u"commitCount"_s)->click();
            QVERIFY(committed.wait(15000));
            QVERIFY(sheetSeen);
            QCOMPARE(committed.first().first().value<StocktakeSummary>().corrected, 2);
            driven = true;
        });
        QTest::keyClick(&page, Qt::Key_T, Qt::ControlModifier); // Stocktake…
        QVERIFY(driven);
        // The variance sheet, read back from its CSV.
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(csv.readAll().mid(3)).split(u"\r\n"_s);
        QCOMPARE(rows.size(), 5); // headers, two lines, the total, the final line end
        const QString scannedRow =
            rows.at(1).startsWith(scannedPlu + u',') ? rows.at(1) : rows.at(2);
        QVERIFY2(scannedRow.endsWith(
                     u",pcs,%1,%2,%3,%4,%5"_s.arg(scannedBefore)
                         .arg(scannedCount)
                         .arg(scannedCount - scannedBefore)
                         .arg(Money::plain(scannedPrice),
                              Money::plain((scannedCount - scannedBefore) * scannedPrice))),
                 qPrintable(scannedRow));
        QCOMPARE(rows.at(3),
                 u"Total,,,,,,,"_s +
                     Money::plain((scannedCount - scannedBefore) * scannedPrice + 2 * typedPrice));
        QFile pdf(pdfPath);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.readAll().startsWith("%PDF"));
        // The count said 5 before the sale of 2: 3 are left, not 5.
        QCOMPARE(shelfOf(scannedPlu, 1), scannedCount - 2);
        QCOMPARE(shelfOf(typedPlu, 1), typedCount);
        QCOMPARE(
            Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM history WHERE action = 'stocktake'"_s)
                .value()
                .toLongLong(),
            stocktakeRows + 2);
        auto *banner = page.findChild<MessageBanner *>();
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(u"2 corrected"_s), qPrintable(banner->text()));
    }

    void scannedBarcodeFindsItsProduct()
    {
        StockPage page(sessionFor(u"keeper"_s, u"keeper123"_s));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QString barcode =
            Sql::scalar(m_tdb->db(), u"SELECT barcode FROM products WHERE plu = '10042'"_s)
                .value()
                .toString();
        auto *search = page.findChild<QLineEdit *>(u"stockSearch"_s);
        QTest::keyClicks(search, barcode);
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(page.findChild<QLineEdit *>(u"pluFilter"_s)->text(), u"10042"_s,
                                  15000);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->totalCount(), qint64(1), 15000);
        QVERIFY(search->text().isEmpty());
    }

    // The categories tree on the left (issue 17): the demo's categories;
    // choosing one shows the stock of its products and its subcategories';
    // a manager adds one, and a twin sibling is refused naming the field.
    void theCategoryTreeFiltersTheList()
    {
        StockPage page(sessionFor(u"manager"_s, u"manager123"_s));
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        StockModel *model = page.model();
        CategoryTree *tree = page.categoryTree();
        QTRY_VERIFY_WITH_TIMEOUT(!tree->categories().isEmpty(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(2000), 20000);
        const qint64 food =
            Sql::scalar(
                m_tdb->db(),
                u"SELECT id FROM categories WHERE parent_id IS NULL AND name = 'Продукты'"_s)
                .value()
                .toLongLong();
        QVERIFY(food > 0);
        tree->setCurrentCategoryId(food);
        const auto inSubtree = [&](qint64 category) {
            return Sql::scalar(m_tdb->db(),
                               u"SELECT count(*) FROM stocks s JOIN products p "
                               "ON p.id = s.product_id WHERE s.shop_id = ? "
                               "AND p.category_id IN (SELECT category_subtree(?))"_s,
                               {*page.filterPanel()->filter().shopId, category})
                .value()
                .toLongLong();
        };
        const qint64 expected = inSubtree(food);
        QVERIFY(expected > 0 && expected < 2000);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), expected, 20000);
        QVERIFY(settle(model));
        // A subcategory narrows it further.
        const qint64 dairy = Sql::scalar(m_tdb->db(),
                                         u"SELECT id FROM categories WHERE parent_id = ? "
                                         "AND name = 'Молочные продукты'"_s,
                                         {food})
                                 .value()
                                 .toLongLong();
        tree->setCurrentCategoryId(dairy);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), inSubtree(dairy), 20000);

        // A new subcategory, then its twin: refused, said in the banner.
        QSignalSpy loaded(tree, &CategoryTree::loaded);
        tree->createCategory(dairy, u"Сыры"_s);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM categories WHERE parent_id = ? "
                             "AND name = 'Сыры'"_s,
                             {dairy})
                     .value()
                     .toLongLong(),
                 1);
        QCOMPARE(
            tree->currentCategoryId(),
            Sql::scalar(m_tdb->db(), u"SELECT max(id) FROM categories"_s).value().toLongLong());
        auto *banner = page.findChild<MessageBanner *>();
        tree->createCategory(dairy, u"сыры"_s);
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible() && banner->text().contains(u"сыры"_s), 20000);
        // "All products" again: the whole list.
        tree->setCurrentCategoryId(0);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(2000), 20000);
    }

    void filtersNarrowTheList()
    {
        StockPage page(sessionFor(u"manager"_s, u"manager123"_s));
        page.show();
        StockModel *model = page.model();
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(2000), 20000);
        page.findChild<QComboBox *>(u"shopFilter"_s)->setCurrentIndex(0); // all shops
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(6000), 20000);
        page.findChild<QSpinBox *>(u"shelfMax"_s)->setValue(0);
        const qint64 empty =
            Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM stocks WHERE shelf_qty = 0"_s)
                .value()
                .toLongLong();
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), empty, 20000);
        page.findChild<QSpinBox *>(u"shelfMin"_s)->setValue(1); // min above max
        auto *banner = page.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
        QVERIFY2(banner->text().contains(u"above"_s), qPrintable(banner->text()));
        QCOMPARE(model->totalCount(), empty); // the bad filter was not applied
    }

    void csvExportEqualsTheQuery()
    {
        StockPage page(sessionFor(u"manager"_s, u"manager123"_s));
        StockModel *model = page.model();
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(2000), 20000);
        QSignalSpy exported(&page, &StockPage::exported);
        const QString path = m_dir.filePath(u"stock.csv"_s);
        page.exportTo(path);
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.first().at(1).toLongLong(), qint64(2000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 2000 + 2); // header, rows, and the empty piece after the last CRLF
        // Same order as the list: the first data line is the first row by name.
        const QString firstPlu = Sql::scalar(m_tdb->db(),
                                             u"SELECT plu FROM stocks WHERE shop_id = 1 "
                                             "ORDER BY product_name, id LIMIT 1"_s)
                                     .value()
                                     .toString();
        QVERIFY(QString::fromUtf8(lines.at(1)).startsWith(firstPlu + u','));
        // The quantities' unit beside them: pieces here (kilograms when sold by weight).
        QVERIFY(lines.at(0).contains(",In orders,Unit,"));
        QVERIFY(lines.at(1).contains(",pcs,"));
    }

    // Issue 16: a CSV that opens in a Russian spreadsheet (UTF-8 with a BOM,
    // `;` between fields, decimal commas), the barcode in it, and the plain
    // file elsewhere; the Stock page shows the barcode too.
    void csvOpensInTheLocalesSpreadsheet_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<int>("style");
        QTest::addColumn<QString>("separator");
        QTest::addColumn<QString>("kilograms");
        QTest::addColumn<QString>("price");
        QTest::newRow("ru_RU") << u"ru_RU"_s << int(CsvFormat::Style::Spreadsheet) << u";"_s
                               << u"1,5"_s << u"650,50"_s;
        QTest::newRow("en_US") << u"en_US"_s << int(CsvFormat::Style::Spreadsheet) << u","_s
                               << u"1.5"_s << u"650.50"_s;
        QTest::newRow("ru_RU, plain chosen")
            << u"ru_RU"_s << int(CsvFormat::Style::Plain) << u","_s << u"1.5"_s << u"650.50"_s;
    }
    void csvOpensInTheLocalesSpreadsheet()
    {
        QFETCH(QString, locale);
        QFETCH(int, style);
        QFETCH(QString, separator);
        QFETCH(QString, kilograms);
        QFETCH(QString, price);
        const QLocale saved;
        QLocale::setDefault(QLocale(locale));
        AppSettings().setCsvStyle(CsvFormat::Style(style));
        // A weighed product with a barcode: 1.5 kg on the shelf at 650.50 a kilogram.
        const QString plu = Sql::scalar(m_tdb->db(),
                                        u"SELECT plu FROM products WHERE barcode IS NOT NULL "
                                        "ORDER BY plu LIMIT 1"_s)
                                .value()
                                .toString();
        const QString barcode =
            Sql::scalar(m_tdb->db(), u"SELECT barcode FROM products WHERE plu = ?"_s, {plu})
                .value()
                .toString();
        QVERIFY(!barcode.isEmpty());
        const int shelfBefore = shelfOf(plu, 1);
        const qint64 priceBefore =
            Sql::scalar(m_tdb->db(), u"SELECT price FROM products WHERE plu = ?"_s, {plu})
                .value()
                .toLongLong();
        QVERIFY(
            Sql::run(m_tdb->db(),
                     u"UPDATE products SET sold_by_weight = true, price = 65050 WHERE plu = ?"_s,
                     {plu})
                .ok());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"UPDATE stocks SET shelf_qty = 1500 WHERE plu = ? AND shop_id = 1"_s,
                         {plu})
                    .ok());
        auto restore = qScopeGuard([&] {
            QLocale::setDefault(saved);
            std::ignore =
                Sql::run(m_tdb->db(),
                         u"UPDATE products SET sold_by_weight = false, price = ? WHERE plu = ?"_s,
                         {priceBefore, plu});
            std::ignore = Sql::run(
                m_tdb->db(), u"UPDATE stocks SET shelf_qty = ? WHERE plu = ? AND shop_id = 1"_s,
                {shelfBefore, plu});
        });

        StockPage page(sessionFor(u"manager"_s, u"manager123"_s));
        StockModel *model = page.model();
        auto *pluFilter = page.findChild<QLineEdit *>(u"pluFilter"_s);
        QTest::keyClicks(pluFilter, plu);
        QTest::keyClick(pluFilter, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(1), 20000);
        QVERIFY(settle(model));
        QTRY_VERIFY(model->stockAt(0).has_value());
        QCOMPARE(model->data(model->index(0, StockModel::Barcode)).toString(), barcode);
        QCOMPARE(model->headerData(StockModel::Barcode, Qt::Horizontal, Qt::DisplayRole).toString(),
                 u"Barcode"_s);

        QSignalSpy exported(&page, &StockPage::exported);
        const QString path = m_dir.filePath(u"stock-%1.csv"_s.arg(QTest::currentDataTag()));
        page.exportTo(path);
        QVERIFY(exported.wait(30000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(bytes.startsWith("\xEF\xBB\xBF"), "no UTF-8 byte order mark");
        const QStringList lines =
            QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        const QStringList header = lines.at(0).split(separator);
        const QStringList row = lines.at(1).split(separator);
        QCOMPARE(row.size(), header.size());
        const auto field = [&](const QString &name) -> QString {
            const qsizetype i = header.indexOf(name);
            return i < 0 ? u"(no column %1)"_s.arg(name) : row.at(i);
        };
        QCOMPARE(field(u"PLU"_s), plu);
        QCOMPARE(field(u"Barcode"_s), barcode);
        QCOMPARE(field(u"On shelf"_s), kilograms);
        QCOMPARE(field(u"Unit"_s), u"kg"_s);
        QCOMPARE(field(u"Price"_s), price);
        // In the shop's time zone, with its offset.
        const QString changed = field(u"Changed"_s);
        const QDateTime at = QDateTime::fromString(changed, Qt::ISODateWithMs);
        QVERIFY2(at.isValid(), qPrintable(changed));
        const QString shopZone =
            Sql::scalar(m_tdb->db(), u"SELECT time_zone FROM shops WHERE id = 1"_s)
                .value()
                .toString();
        QCOMPARE(at.offsetFromUtc(), QTimeZone(shopZone.toUtf8()).offsetFromUtc(at));
        QVERIFY2(QRegularExpression(u"(Z|[+-]\\d\\d:\\d\\d)$"_s).match(changed).hasMatch(),
                 qPrintable(changed));
    }

    void onlyStockRolesMayChangeStock()
    {
        // The actions that change stock, by their text without the mnemonic.
        const QStringList changing {u"New product…"_s, u"New stock…"_s, u"Stocktake…"_s};
        auto enabledChanging = [&](StockPage &page) {
            QStringList found, enabled;
            for (QAction *action : page.actions()) {
                const QString text = action->text().remove(u'&');
                if (changing.contains(text)) {
                    found << text;
                    if (action->isEnabled())
                        enabled << text;
                }
            }
            return qMakePair(found.size(), enabled.size());
        };
        StockPage cashier(sessionFor(u"cashier"_s, u"cashier123"_s));
        QCOMPARE(enabledChanging(cashier), qMakePair(qsizetype(3), qsizetype(0)));
        StockPage keeper(sessionFor(u"keeper"_s, u"keeper123"_s));
        QCOMPARE(enabledChanging(keeper), qMakePair(qsizetype(3), qsizetype(3)));
        // Adjust needs a selected row as well as the role.
        for (StockPage *page : {&cashier, &keeper}) {
            const auto actions = page->actions();
            const auto adjust = std::find_if(actions.begin(), actions.end(), [](QAction *a) {
                return a->text().remove(u'&') == u"Adjust…"_s;
            });
            QVERIFY(adjust != actions.end());
            QVERIFY(!(*adjust)->isEnabled());
        }
    }

    // Counting a weighed product asks its weight in kilograms; a piece
    // product's scan counts one again after it.
    void aStocktakeCountsWeighedGoodsInKilograms()
    {
        const QString plu = u"10003"_s;
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE products SET sold_by_weight = true WHERE plu = ?"_s,
                         {plu})
                    .ok());
        const Session keeper = sessionFor(u"keeper"_s, u"keeper123"_s);
        auto restore = qScopeGuard([&] {
            if (auto open = StocktakeStore(m_tdb->db()).openFor(keeper.shop.id);
                open && open.value())
                std::ignore = StocktakeStore(m_tdb->db()).cancel(keeper.actor, *open.value());
            std::ignore = Sql::run(
                m_tdb->db(), u"UPDATE products SET sold_by_weight = false WHERE plu = ?"_s, {plu});
        });
        StocktakeDialog dialog(keeper.actor, keeper.shop);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *code = dialog.findChild<QLineEdit *>(u"code"_s);
        auto *counted = dialog.findChild<QuantitySpinBox *>(u"counted"_s);
        auto *lines = dialog.findChild<QTableWidget *>(u"countedLines"_s);
        QTRY_VERIFY_WITH_TIMEOUT(code->isEnabled(), 15000);
        code->setFocus();
        QTest::keyClicks(code, plu);
        QTest::keyClick(code, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(counted->soldByWeight(), 15000);
        QCOMPARE(counted->suffix(), u" kg"_s);
        QVERIFY(counted->hasFocus());
        QTest::keyClicks(counted, QLocale().toString(2.5, 'f', 3));
        QTest::keyClick(counted, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(lines->rowCount(), 1, 15000);
        QCOMPARE(lines->item(0, 2)->text(), QLocale().toString(2.5, 'f', 3) + u" kg"_s);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT l.counted_qty FROM stocktake_lines l JOIN stocks s "
                             "ON s.id = l.stock_id WHERE s.plu = ? AND s.shop_id = ? "
                             "ORDER BY l.id DESC LIMIT 1"_s,
                             {plu, keeper.shop.id})
                     .value()
                     .toInt(),
                 2500);
        // The next scan is a piece product's again: one, in pieces.
        QTRY_VERIFY(code->hasFocus() && code->isEnabled());
        QVERIFY(!counted->soldByWeight());
        QCOMPARE(counted->units(), qint64(1));
    }

    // The product card: its stock in every shop the database has (kilograms
    // for goods sold by weight) and its newest movements first. A stock
    // keeper, who may not read the history, sees the stock but no movements.
    void theProductCardShowsStockInEveryShopAndMovements()
    {
        // Cheese by weight, in the demo shop and in a second one.
        const QString plu = u"CARD-1"_s;
        const Session manager = sessionFor(u"manager"_s, u"manager123"_s);
        QVERIFY(ProductStore(m_tdb->db())
                    .create(manager.actor, {plu, u"Card cheese"_s, 89000, {}, true})
                    .ok());
        const qint64 second = m_tdb->addShop(u"CARD"_s, u"Card street"_s);
        StockStore stock(m_tdb->db());
        QVERIFY(stock.create(manager.actor, plu, manager.shop.id, 4000, 0).ok());
        QVERIFY(stock.create(manager.actor, plu, second, 2500, 0).ok());
        QVERIFY(
            stock
                .decrease(manager.actor,
                          {second, plu, StockQuantity::Shelf, 750, u"spoilt on the card's shelf"_s})
                .ok());

        ProductEditDialog card(manager.actor, plu, manager.shop.timeZone);
        auto *shops = card.findChild<QTableWidget *>(u"productStock"_s);
        auto *movements = card.findChild<QTableWidget *>(u"productMovements"_s);
        QVERIFY(shops && movements);
        const int kept =
            Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM stocks WHERE plu = ?"_s, {plu})
                .value()
                .toInt();
        QCOMPARE(kept, 2);
        QTRY_COMPARE_WITH_TIMEOUT(shops->rowCount(), kept, 20000);
        QStringList secondRow;
        for (int row = 0; row < shops->rowCount(); ++row)
            if (shops->item(row, 0)->text() == u"Card street"_s)
                for (int c = 0; c < shops->columnCount(); ++c)
                    secondRow << shops->item(row, c)->text();
        QCOMPARE(secondRow,
                 QStringList({u"Card street"_s, Quantity::format(1750, true),
                              Quantity::format(0, true), Quantity::format(1750, true)}));

        const int moved = Sql::scalar(m_tdb->db(),
                                      u"SELECT count(*) FROM history WHERE plu = ? "
                                      "AND action NOT IN ('product_created', 'product_changed')"_s,
                                      {plu})
                              .value()
                              .toInt();
        QTRY_COMPARE_WITH_TIMEOUT(movements->rowCount(),
                                  std::min(moved, int(ProductMovementsTable::kShown)), 20000);
        QCOMPARE(movements->item(0, 1)->text(), u"Card street"_s);
        QCOMPARE(movements->item(0, 2)->text(), u"Decreased"_s);
        QCOMPARE(movements->item(0, 3)->text(), u"−"_s + Quantity::format(750, true));
        QCOMPARE(movements->item(0, 5)->text(), Quantity::format(1750, true));
        QCOMPARE(movements->item(0, 6)->text(), manager.actor.displayName);
        QCOMPARE(movements->item(0, 7)->text(), u"spoilt on the card's shelf"_s);
        QCOMPARE(movements->item(1, 2)->text(), u"Stock created"_s);

        const Session keeper = sessionFor(u"keeper"_s, u"keeper123"_s);
        ProductEditDialog keepers(keeper.actor, plu, keeper.shop.timeZone);
        auto *tabs = keepers.findChild<QTabWidget *>(u"productHistory"_s);
        QStringList titles;
        for (int i = 0; i < tabs->count(); ++i)
            titles << tabs->tabText(i);
        QCOMPARE(titles, QStringList({u"&Prices"_s, u"C&hanges"_s, u"Stoc&k"_s}));
        QTRY_COMPARE_WITH_TIMEOUT(keepers.findChild<QTableWidget *>(u"productStock"_s)->rowCount(),
                                  kept, 20000);
        QVERIFY(keepers.findChild<MessageBanner *>()->text().isEmpty());
    }

    // The product card keeps its size when a message appears above or under
    // the form: a dialog that grew would have its title bar pushed off the
    // screen by the window manager.
    void theProductCardKeepsItsSizeWhenAMessageShows()
    {
        const Session manager = sessionFor(u"manager"_s, u"manager123"_s);
        ProductEditDialog card(manager.actor, u"10004"_s, manager.shop.timeZone);
        card.show();
        QVERIFY(QTest::qWaitForWindowExposed(&card));
        auto *name = card.findChild<QLineEdit *>(u"name"_s);
        auto *price = card.findChild<QLineEdit *>(u"price"_s);
        auto *schedule = card.findChild<QPushButton *>(u"schedule"_s);
        auto *banner = card.findChild<MessageBanner *>();
        auto *error = card.findChild<QLabel *>(u"fieldError"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!name->text().isEmpty() && schedule->isEnabled(), 20000);
        QTest::qWait(50); // the layout settled with what was read
        const QSize before = card.size();
        QVERIFY(!banner->isVisible());
        QVERIFY(!error->isVisible());

        // Schedule without a new price: the banner says what to type.
        schedule->click();
        QVERIFY(banner->isVisible());
        QTest::qWait(50);
        QCOMPARE(card.size(), before);
        QVERIFY(card.minimumSizeHint().height() <= before.height());

        // A wrong price: the message under the form, the banner still up.
        price->selectAll();
        QTest::keyClicks(price, u"12,34,56"_s);
        QTRY_VERIFY(error->isVisible());
        QTest::qWait(50);
        QCOMPARE(card.size(), before);

        // Both gone again: still the same size.
        banner->hideMessage();
        price->selectAll();
        QTest::keyClicks(price, u"100"_s);
        QTRY_VERIFY(!error->isVisible());
        QTest::qWait(50);
        QCOMPARE(card.size(), before);

        // In a linked shop the same card opens read-only, saying so in the
        // banner (two lines): the same size as without it.
        QVERIFY(AppStateStore(m_tdb->db())
                    .setValue(QString::fromLatin1(AppStateStore::kCentralToken), u"sdk_linked"_s)
                    .ok());
        auto unlink = qScopeGuard([&] {
            std::ignore = AppStateStore(m_tdb->db())
                              .setValue(QString::fromLatin1(AppStateStore::kCentralToken), u""_s);
        });
        ProductEditDialog readOnly(manager.actor, u"10004"_s, manager.shop.timeZone);
        readOnly.show();
        QVERIFY(QTest::qWaitForWindowExposed(&readOnly));
        auto *notice = readOnly.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible() && notice->text().contains(u"head office"_s),
                                 20000);
        QTest::qWait(50);
        QCOMPARE(readOnly.size(), before);
    }

    // A shop linked to a head office (it keeps central's token) takes its
    // catalog from the feed and changes none of it: edits, new categories and
    // price documents are refused with a message saying where they are made,
    // and the product card opens read-only. The feed still applies.
    // A new product gets every barcode its goods carry, through the same
    // list as the product's card: each check digit checked, one that is
    // another product's refused naming it, and nothing written until all
    // of them are right.
    // The head office creates a product but stocks no shop: it is told the
    // product is made, and not offered the New stock form it may not use.
    void theHeadOfficeCreatesAProductWithoutStock()
    {
        const Session office = sessionFor(u"office"_s, u"office123"_s);
        QCOMPARE(office.actor.role, Role::HeadOffice);
        StockPage page(office);
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *newProduct = page.findChild<QAction *>(u"newProduct"_s);
        QTRY_VERIFY_WITH_TIMEOUT(newProduct->isEnabled(), 20000);
        bool stockOffered = false;
        auto stock = test::whenModal<StockDialog>([&](StockDialog *dialog) {
            stockOffered = true;
            dialog->reject();
        });
        auto form = test::whenModal<ProductDialog>([&](ProductDialog *dialog) {
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"plu"_s), u"HO-NEW-1"_s);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"name"_s), u"Office pens"_s);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(u"price"_s), u"120"_s);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        });
        newProduct->trigger();
        auto *banner = page.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"HO-NEW-1"_s), 20000);
        QVERIFY2(banner->text().contains(u"created"_s), qPrintable(banner->text()));
        QVERIFY(!stockOffered);
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM products WHERE plu = 'HO-NEW-1'"_s)
                     .value()
                     .toInt(),
                 1);
    }

    void aNewProductGetsSeveralBarcodes()
    {
        const Session manager = sessionFor(u"manager"_s, u"manager123"_s);
        const QString plu = u"BC-NEW-1"_s;
        const QString first = Ean13::complete(u"460999100001");
        const QString second = Ean13::complete(u"460999100002");
        QString wrong = first;
        wrong.back() = QChar(u'0' + (wrong.back().digitValue() + 1) % 10);
        auto taken = Sql::run(m_tdb->db(),
                              u"SELECT b.barcode, p.plu FROM product_barcodes b "
                              "JOIN products p ON p.id = b.product_id "
                              "ORDER BY b.barcode LIMIT 1"_s);
        QVERIFY(taken && taken.value().next());
        const QString othersBarcode = taken.value().value(0).toString();
        const QString othersPlu = taken.value().value(1).toString();
        const auto products = [this, &plu] {
            return Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM products WHERE plu = ?"_s, {plu})
                .value()
                .toInt();
        };

        ProductDialog dialog(manager.actor);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(50); // the layout settled
        const QSize size = dialog.size();
        auto *banner = dialog.findChild<MessageBanner *>();
        auto *list = dialog.findChild<QListWidget *>(u"barcodes"_s);
        auto *entry = dialog.findChild<QLineEdit *>(u"newBarcode"_s);
        QVERIFY(list && entry);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"plu"_s), plu);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"name"_s), u"Mineral water 0.5 l"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"price"_s), u"59.90"_s);
        const auto scan = [entry](const QString &code) {
            entry->setFocus();
            entry->selectAll();
            QTest::keyClicks(entry, code);
            QTest::keyClick(entry, Qt::Key_Return); // as a scanner ends its code
        };

        // A wrong check digit does not join the list.
        scan(wrong);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(u"check digit"_s), qPrintable(banner->text()));
        QCOMPARE(list->count(), 0);
        QVERIFY(dialog.isVisible()); // Enter in the field does not create
        QTest::qWait(50);
        QCOMPARE(dialog.size(), size); // the message had its room
        // Two good ones do, the first scanned being the main one.
        scan(first);
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 1, 20000);
        QVERIFY(entry->text().isEmpty());
        scan(second);
        QTRY_COMPARE_WITH_TIMEOUT(list->count(), 2, 20000);
        QCOMPARE(list->item(0)->text(), u"%1 (main)"_s.arg(first));
        // Another product's barcode is refused, naming its product.
        scan(othersBarcode);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(othersPlu), 20000);
        QVERIFY2(banner->text().contains(othersBarcode), qPrintable(banner->text()));
        QCOMPARE(list->count(), 2);

        auto *create = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        // Left typed in the field, it is refused on Create too, by the
        // database this time: the field is named, nothing is written.
        create->click();
        QTRY_VERIFY_WITH_TIMEOUT(create->isEnabled(), 20000);
        QVERIFY(dialog.isVisible());
        QVERIFY2(banner->text().contains(othersPlu), qPrintable(banner->text()));
        QCOMPARE(QApplication::focusWidget(), entry);
        QCOMPARE(products(), 0);
        // So is a wrong check digit left there.
        entry->clear();
        QTest::keyClicks(entry, wrong);
        create->click();
        QVERIFY2(banner->text().contains(u"check digit"_s), qPrintable(banner->text()));
        QVERIFY(dialog.isVisible());
        QCOMPARE(products(), 0);

        // The second made main, the product is created with both.
        entry->clear();
        list->setCurrentRow(1);
        dialog.findChild<QPushButton *>(u"mainBarcode"_s)->click();
        QCOMPARE(list->item(0)->text(), u"%1 (main)"_s.arg(second));
        create->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);
        QCOMPARE(products(), 1);
        const Product made = ProductStore(m_tdb->db()).byPlu(plu).value().value();
        QCOMPARE(made.barcode, second);
        QCOMPARE(made.barcodes, (QStringList {second, first}));
        QCOMPARE(ProductStore(m_tdb->db()).byBarcode(first).value().value().plu, plu);
    }

    void aLinkedShopLeavesTheCatalogToTheHeadOffice()
    {
        const Session manager = sessionFor(u"manager"_s, u"manager123"_s);
        const QString plu = u"10001"_s;
        const auto product = ProductStore(m_tdb->db()).byPlu(plu).value().value();
        QVERIFY(AppStateStore(m_tdb->db())
                    .setValue(QString::fromLatin1(AppStateStore::kCentralToken), u"sdk_linked"_s)
                    .ok());
        auto unlink = qScopeGuard([&] {
            std::ignore = AppStateStore(m_tdb->db())
                              .setValue(QString::fromLatin1(AppStateStore::kCentralToken), u""_s);
        });
        const auto waitFor = [](auto future) {
            future.waitForFinished();
            return future.result();
        };

        ProductEdit edit;
        edit.plu = plu;
        edit.name = product.name + u" (renamed here)"_s;
        edit.price = product.price;
        edit.barcode = product.barcode;
        edit.soldByWeight = product.soldByWeight;
        edit.active = product.active;
        const auto refused = waitFor(CatalogService(manager.actor).update(edit));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, StoreError::Code::Conflict);
        QVERIFY2(refused.error().message.contains(u"head office"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(ProductStore(m_tdb->db()).byPlu(plu).value().value().name, product.name);
        QVERIFY(!waitFor(CatalogService(manager.actor).createCategory(0, u"Local"_s)).ok());
        QVERIFY(
            !waitFor(DocumentsService(manager.actor).createPriceDocument({u"local"_s, {}})).ok());
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM categories WHERE name = 'Local'"_s)
                     .value()
                     .toInt(),
                 0);

        ProductEditDialog card(manager.actor, plu, manager.shop.timeZone);
        auto *banner = card.findChild<MessageBanner *>();
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"head office"_s), 20000);
        QVERIFY(!card.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->isEnabled());
        QVERIFY(card.findChild<QLineEdit *>(u"name"_s)->isReadOnly());
        QVERIFY(!card.findChild<QPushButton *>(u"schedule"_s)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(card.findChild<QTableWidget *>(u"productStock"_s)->rowCount() > 0,
                                 20000);

        // The Stock page offers no catalog change: New product, Price changes
        // and the categories' actions are off and say why, before anyone
        // fills in a form; the product card still opens, read-only.
        auto page = std::make_unique<StockPage>(manager);
        page->resize(1200, 700);
        page->show();
        QVERIFY(QTest::qWaitForWindowExposed(page.get()));
        QTRY_VERIFY_WITH_TIMEOUT(page->catalogIsHeadOffices(), 20000);
        auto *newProduct = page->findChild<QAction *>(u"newProduct"_s);
        auto *priceChanges = page->findChild<QAction *>(u"priceChanges"_s);
        QVERIFY(newProduct && priceChanges);
        for (QAction *action : {newProduct, priceChanges}) {
            QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
            QVERIFY2(action->toolTip().contains(u"head office manages"_s),
                     qPrintable(action->toolTip()));
            QVERIFY(action->statusTip().contains(u"head office manages"_s));
        }
        auto *newButton = page->findChild<QToolButton *>(u"newProduct"_s);
        QVERIFY(newButton && !newButton->isEnabled());
        QVERIFY2(newButton->toolTip().contains(u"head office manages"_s),
                 qPrintable(newButton->toolTip()));
        for (const QString &name :
             {u"newCategory"_s, u"renameCategory"_s, u"moveCategory"_s, u"deleteCategory"_s})
            QVERIFY2(!page->categoryTree()->findChild<QAction *>(name)->isEnabled(),
                     qPrintable(name));
        // Ctrl+N opens no form.
        bool formOpened = false;
        auto form = test::whenModal<ProductDialog>([&](ProductDialog *dialog) {
            formOpened = true;
            dialog->reject();
        });
        page->activateWindow();
        QTest::keyClick(page->table(), Qt::Key_N, Qt::ControlModifier);
        QTest::qWait(200);
        QVERIFY(!formOpened);
        form.reset();
        // Editing stays on: the card shows the product read-only.
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->stockAt(0).has_value(), 20000);
        page->table()->setCurrentIndex(page->model()->index(0, 0));
        QVERIFY(page->findChild<QAction *>(u"editProduct"_s)->isEnabled());

        // What central sends still applies.
        const QJsonArray items {QJsonObject {{u"plu"_s, plu},
                                             {u"name"_s, u"Named at the head office"_s},
                                             {u"price"_s, product.price},
                                             {u"barcode"_s, product.barcode},
                                             {u"sold_by_weight"_s, product.soldByWeight}}};
        QVERIFY(CatalogStore(m_tdb->db()).applyPage(items, std::nullopt).ok());
        QCOMPARE(ProductStore(m_tdb->db()).byPlu(plu).value().value().name,
                 u"Named at the head office"_s);

        // Unlinked, the shop changes its catalog again.
        unlink.dismiss();
        QVERIFY(AppStateStore(m_tdb->db())
                    .setValue(QString::fromLatin1(AppStateStore::kCentralToken), u""_s)
                    .ok());
        edit.name = product.name;
        QVERIFY(waitFor(CatalogService(manager.actor).update(edit)).ok());
        QCOMPARE(ProductStore(m_tdb->db()).byPlu(plu).value().value().name, product.name);
        // And the Stock page, shown again, offers the catalog's actions again.
        page->hide();
        page->show();
        QTRY_VERIFY_WITH_TIMEOUT(!page->catalogIsHeadOffices(), 20000);
        QVERIFY(newProduct->isEnabled());
        QVERIFY(priceChanges->isEnabled());
        QVERIFY(!newProduct->toolTip().contains(u"head office"_s));
        QVERIFY(newProduct->statusTip().isEmpty());
        QVERIFY(page->categoryTree()->findChild<QAction *>(u"newCategory"_s)->isEnabled());
    }
};

QTEST_MAIN(TestStockPage)
#include "tst_stockpage.moc"
