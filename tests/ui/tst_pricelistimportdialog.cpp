#include "TestDatabase.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "models/settings/AppStateStore.h"
#include "models/shops/ShopStore.h"
#include "models/suppliers/SupplierStore.h"
#include "ui/common/MessageBanner.h"
#include "ui/documents/GoodsReceiptsDialog.h"
#include "ui/imports/PriceListImportDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// A manager imports a supplier's price list with real widgets (issue 18,
// item 6): the columns guessed from the header, a preview, Apply, the
// counts, the refused rows saved, and the mapping offered again next time.
class TestPriceListImportDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;
    Session m_session;

    template<typename T>
    static T *child(QObject *parent, const QString &name)
    {
        return parent->findChild<T *>(name);
    }
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        return Sql::scalar(m_tdb->db(), sql, values).value().toLongLong();
    }
    QString write(const QString &name, const QString &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        file.write(text.toUtf8());
        return path;
    }
    // The dialog shown with its suppliers loaded (`suppliers` spied on it
    // from its construction), and `path` chosen and previewed.
    static bool load(PriceListImportDialog &dialog, QSignalSpy &suppliers, const QString &path)
    {
        dialog.show();
        if (!QTest::qWaitForWindowExposed(&dialog))
            return false;
        if (suppliers.isEmpty() && !suppliers.wait(30000))
            return false;
        QSignalSpy previewed(&dialog, &PriceListImportDialog::previewed);
        dialog.setFile(path);
        return previewed.wait(30000);
    }
    static int column(PriceListImportDialog &dialog, const QString &field)
    {
        return child<QComboBox>(&dialog, u"column_"_s + field)->currentData().toInt();
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"pricelistimportdialog"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        Database::setDefaultConfig(m_tdb->config());
        const qint64 shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_session.database = m_tdb->config();
        m_session.shop = ShopStore(m_tdb->db()).byId(shop).value();
        m_session.actor = m_tdb->addStaff(u"manager"_s, Role::Manager, shop);
        ProductStore products(m_tdb->db());
        QVERIFY(products.create(m_session.actor, {u"1001"_s, u"Milk"_s, 9990, {}, false}).ok());
        QVERIFY(products.create(m_session.actor, {u"1002"_s, u"Kefir"_s, 7500, {}, false}).ok());
        QVERIFY(SupplierStore(m_tdb->db())
                    .create(m_session.actor, {0, u"Молочная ферма"_s, {}, {}, true})
                    .ok());
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    void itOpensFromTheGoodsReceiptsList()
    {
        GoodsReceiptsDialog list(m_session);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        auto *button = child<QPushButton>(&list, u"importPriceList"_s);
        QVERIFY(button && button->isVisible());
        button->click();
        auto *dialog = list.findChild<PriceListImportDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QSignalSpy loaded(dialog, &PriceListImportDialog::suppliersLoaded);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(child<QComboBox>(dialog, u"supplier"_s)->currentText(), u"Молочная ферма"_s);
        dialog->reject();
    }

    void aManagerImportsAListAndSavesTheRefusedRows()
    {
        const QString path = write(u"prices.csv"_s,
                                   u"Артикул;Наименование;Цена закупки;Цена\r\n"
                                   "1001;Молоко;60,00;105,50\r\n"
                                   "3001;Ряженка;40,00;70,00\r\n"
                                   "1002;Кефир;50,00;-1\r\n"_s);
        PriceListImportDialog dialog(m_session);
        QSignalSpy suppliers(&dialog, &PriceListImportDialog::suppliersLoaded);
        QVERIFY(load(dialog, suppliers, path));

        // The columns guessed from the Russian header.
        QCOMPARE(column(dialog, u"plu"_s), 0);
        QCOMPARE(column(dialog, u"barcode"_s), PriceListMapping::kNone);
        QCOMPARE(column(dialog, u"name"_s), 1);
        QCOMPARE(column(dialog, u"purchase_price"_s), 2);
        QCOMPARE(column(dialog, u"retail_price"_s), 3);
        QCOMPARE(child<QComboBox>(&dialog, u"column_retail_price"_s)->currentText(), u"D: Цена"_s);

        // The preview: each row with its prices and what it would do.
        QTreeWidget *rows = dialog.previewRows();
        QCOMPARE(rows->topLevelItemCount(), 3);
        QCOMPARE(rows->topLevelItem(0)->text(0), u"2"_s);
        QCOMPARE(rows->topLevelItem(0)->text(2), u"Milk"_s);
        QCOMPARE(rows->topLevelItem(0)->text(3),
                 u"%1 → %2"_s.arg(Money::format(9990), Money::format(10550)));
        QCOMPARE(rows->topLevelItem(0)->text(4), Money::format(6000));
        QCOMPARE(rows->topLevelItem(0)->text(5), u"Update"_s);
        QCOMPARE(rows->topLevelItem(1)->text(5), u"New product"_s);
        QCOMPARE(rows->topLevelItem(2)->text(5),
                 u"Refused (Retail price): The price must be more than zero."_s);

        // Without the purchase column (chosen with the keyboard), previewed again.
        auto *purchase = child<QComboBox>(&dialog, u"column_purchase_price"_s);
        purchase->setFocus();
        QTest::keyClick(purchase, Qt::Key_Home);
        QCOMPARE(column(dialog, u"purchase_price"_s), PriceListMapping::kNone);
        QSignalSpy previewed(&dialog, &PriceListImportDialog::previewed);
        QTest::keyClick(&dialog, Qt::Key_P, Qt::AltModifier);
        QVERIFY(previewed.wait(30000));
        QCOMPARE(rows->topLevelItem(0)->text(4), QString());
        QTest::keyClick(purchase, Qt::Key_Down);
        QTest::keyClick(purchase, Qt::Key_Down);
        QTest::keyClick(purchase, Qt::Key_Down);
        QCOMPARE(column(dialog, u"purchase_price"_s), 2);

        // Apply, from the keyboard: the counts, the prices.
        QSignalSpy applied(&dialog, &PriceListImportDialog::applied);
        QTest::keyClick(&dialog, Qt::Key_A, Qt::AltModifier);
        QVERIFY(applied.wait(60000));
        QCOMPARE(applied.first().first().toBool(), true);
        QCOMPARE(child<QLabel>(&dialog, u"result"_s)->text(),
                 u"Imported: 1 new product(s), 1 updated, 0 unchanged; 1 refused."_s);
        QCOMPARE(scalar(u"SELECT price FROM products WHERE plu = '1001'"_s), 10550);
        QCOMPARE(scalar(u"SELECT price FROM products WHERE plu = '3001'"_s), 7000);
        QCOMPARE(scalar(u"SELECT price FROM products WHERE plu = '1002'"_s), 7500);
        QCOMPARE(scalar(u"SELECT count(*) FROM supplier_prices"_s), 2);
        QVERIFY(child<QPushButton>(&dialog, u"saveRefused"_s)->isEnabled());

        // The refused row, saved with its reason.
        const QString refused = m_dir.filePath(u"refused.csv"_s);
        QVERIFY(dialog.saveRefusedTo(refused));
        QFile file(refused);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()),
                 u"Row,PLU,Barcode,Name,Field,Reason\r\n"
                 "4,1002,,Кефир,retail_price,The price must be more than zero.\r\n"_s);
    }

    void theSuppliersColumnsAreOfferedNextTime()
    {
        // Column titles no guess would map: the supplier's saved choice is used.
        const QString path = write(u"next.csv"_s,
                                   u"a;b;c;d\r\n"
                                   "1001;Молоко;60,00;106,00\r\n"_s);
        PriceListImportDialog dialog(m_session);
        QSignalSpy suppliers(&dialog, &PriceListImportDialog::suppliersLoaded);
        QVERIFY(load(dialog, suppliers, path));
        QCOMPARE(column(dialog, u"plu"_s), 0);
        QCOMPARE(column(dialog, u"name"_s), 1);
        QCOMPARE(column(dialog, u"purchase_price"_s), 2);
        QCOMPARE(column(dialog, u"retail_price"_s), 3);
        QCOMPARE(dialog.previewRows()->topLevelItemCount(), 1);
        QCOMPARE(dialog.previewRows()->topLevelItem(0)->text(5), u"Update"_s);
    }

    void aLinkedShopIsRefusedInTheBanner()
    {
        QVERIFY(AppStateStore(m_tdb->db())
                    .setValue(QString::fromLatin1(AppStateStore::kCentralToken), u"sdk_linked"_s)
                    .ok());
        const QString path =
            write(u"linked.csv"_s, u"Артикул;Наименование;Цена\r\n1001;Молоко;200,00\r\n"_s);
        PriceListImportDialog dialog(m_session);
        QSignalSpy suppliers(&dialog, &PriceListImportDialog::suppliersLoaded);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!suppliers.isEmpty() || suppliers.wait(30000));
        QSignalSpy columns(&dialog, &PriceListImportDialog::columnsLoaded);
        dialog.setFile(path);
        QVERIFY(columns.wait(30000));
        QSignalSpy applied(&dialog, &PriceListImportDialog::applied);
        child<QPushButton>(&dialog, u"apply"_s)->click();
        QVERIFY(applied.wait(30000) || !applied.isEmpty());
        QCOMPARE(applied.last().first().toBool(), false);
        QVERIFY(child<MessageBanner>(&dialog, QString())->text().contains(u"head office"_s));
        QCOMPARE(scalar(u"SELECT price FROM products WHERE plu = '1001'"_s), 10550);
        QVERIFY(AppStateStore(m_tdb->db())
                    .setValue(QString::fromLatin1(AppStateStore::kCentralToken), u""_s)
                    .ok());
    }
};

QTEST_MAIN(TestPriceListImportDialog)
#include "tst_pricelistimportdialog.moc"
