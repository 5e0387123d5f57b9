#include "TestDatabase.h"
#include "models/catalog/CategoryStore.h"
#include "models/catalog/Ean13.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Sql.h"
#include "models/imports/PriceListImportStore.h"
#include "models/imports/TableReader.h"
#include "models/settings/AppStateStore.h"
#include "models/suppliers/SupplierStore.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

// Windows-1251 as Excel saves a CSV file in Russia: ASCII and Cyrillic.
QByteArray windows1251(const QString &text)
{
    QByteArray bytes;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80)
            bytes += char(u);
        else if (u >= 0x0410 && u <= 0x044F)
            bytes += char(0xC0 + (u - 0x0410));
        else if (u == 0x0401)
            bytes += char(0xA8);
        else if (u == 0x0451)
            bytes += char(0xB8);
        else
            qFatal("no Windows-1251 byte for U+%04X", unsigned(u));
    }
    return bytes;
}

} // namespace

// Importing a supplier's price list into the catalog over a real PostgreSQL
// (issue 18, item 6): CSV in Windows-1251 and XLSX written by xlsxwriter,
// with good and bad rows; everything in one transaction or nothing.
class TestPriceListImport : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;
    QString m_python;
    Actor m_manager, m_cashier;
    qint64 m_supplier = 0, m_otherSupplier = 0, m_sourCream = 0;
    // Valid EAN-13s: the cheese's, the kefir's, a new one.
    const QString m_cheeseEan = Ean13::complete(u"460000000004");
    const QString m_kefirEan = Ean13::complete(u"460000000002");
    const QString m_newEan = Ean13::complete(u"460000000099");

    PriceListImportStore store() const { return PriceListImportStore(m_tdb->db()); }
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        if (!v)
            qWarning() << v.error().message;
        return v ? v.value().toLongLong() : -999;
    }
    QString text(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toString() : u"<error>"_s;
    }
    qint64 price(const QString &plu) const
    {
        return scalar(u"SELECT price_at(p, now()) FROM products p WHERE plu = ?"_s, {plu});
    }
    qint64 supplierPrice(const QString &plu, qint64 supplier = 0) const
    {
        return scalar(u"SELECT coalesce((SELECT sp.price FROM supplier_prices sp JOIN products p "
                      "ON p.id = sp.product_id WHERE p.plu = ? AND sp.supplier_id = ?), -1)"_s,
                      {plu, supplier ? supplier : m_supplier});
    }
    // What a refused import must leave as it was.
    QString footprint() const
    {
        return text(u"SELECT concat_ws(' ', (SELECT count(*) FROM products), "
                    "(SELECT sum(price) FROM products), (SELECT count(*) FROM product_prices), "
                    "(SELECT count(*) FROM product_changes), (SELECT count(*) FROM history), "
                    "(SELECT count(*) FROM label_queue), (SELECT count(*) FROM outbox), "
                    "(SELECT count(*) || '/' || sum(price) FROM supplier_prices), "
                    "(SELECT count(*) FROM categories), "
                    "(SELECT count(*) FROM suppliers WHERE price_list_columns IS NOT NULL))"_s);
    }
    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    // The CSV written as XLSX by python3-xlsxwriter.
    QString writeXlsx(const QString &name, const QString &csv)
    {
        const QString source = write(name + u".csv"_s, csv.toUtf8());
        const QString path = m_dir.filePath(name);
        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start(m_python,
                     {QStringLiteral(SHOPDESK_SOURCE_DIR) + u"/tests/data/price_list_from_csv.py"_s,
                      source, path});
        if (!python.waitForFinished(120000) || python.exitCode() != 0) {
            qWarning().noquote() << python.readAll();
            return {};
        }
        return path;
    }

    // The supplier's list in Windows-1251 with ';': good rows and bad ones.
    // Row 1 is the header; the comments give the expected verdicts.
    QString csvList()
    {
        const QStringList lines {
            u"Артикул;Штрихкод;Наименование;Цена закупки;Цена;Категория"_s,
            u"1001;;Молоко;60,00;105,50;"_s, // 2 update: 99.90 → 105.50, purchase new
            u"1002;;Кефир;50,00;75,00;"_s, // 3 unchanged
            u"2001;%1;Сметана 20%;80,00;130,00;Молочное/Сметана"_s.arg(m_newEan), // 4 new
            u"2002;;Йогурт;40;0;"_s, // 5 refused: retail price zero
            u"1003;;Масло;150;260;"_s, // 6 refused: archived
            u"2003;;Творог;90;150;Молочка / Творог"_s, // 7 refused: unknown category
            u"1001;;Молоко ещё раз;61;106;"_s, // 8 refused: PLU again
            u";%1;Сыр;300;550;"_s.arg(m_cheeseEan), // 9 update by barcode: 500.00 → 550.00
            u"2004;4600000000019;Ряженка;40;70;"_s, // 10 refused: check digit
            u"2005;%1;Снежок;40;70;"_s.arg(m_kefirEan), // 11 refused: the kefir's barcode
            u"2006;;;40;70;"_s, // 12 refused: a new product without a name
            u"2007;;Ацидофилин;абв;70;"_s, // 13 refused: purchase price unreadable
        };
        return write(u"list.csv"_s, windows1251(lines.join(u"\r\n"_s) + u"\r\n"_s));
    }
    PriceListMapping csvMapping() const
    {
        return PriceListMapping::guess({u"Артикул"_s, u"Штрихкод"_s, u"Наименование"_s,
                                        u"Цена закупки"_s, u"Цена"_s, u"Категория"_s});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_python = QStandardPaths::findExecutable(u"python3"_s, {u"/usr/bin"_s});
        if (m_python.isEmpty())
            m_python = QStandardPaths::findExecutable(u"python3"_s);
        QVERIFY2(!m_python.isEmpty(), "python3 is needed to write the XLSX files");
    }

    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"pricelistimport"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        const qint64 shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_manager = m_tdb->addStaff(u"manager"_s, Role::Manager, shop);
        m_cashier = m_tdb->addStaff(u"cashier"_s, Role::Cashier, shop);
        ProductStore products(m_tdb->db());
        QVERIFY(products.create(m_manager, {u"1001"_s, u"Milk"_s, 9990, {}, false}).ok());
        QVERIFY(products.create(m_manager, {u"1002"_s, u"Kefir"_s, 7500, m_kefirEan, false}).ok());
        QVERIFY(products.create(m_manager, {u"1003"_s, u"Butter"_s, 25000, {}, false}).ok());
        QVERIFY(
            products.create(m_manager, {u"1004"_s, u"Cheese"_s, 50000, m_cheeseEan, false}).ok());
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE products SET active = false WHERE plu = '1003'"_s).ok());
        CategoryStore categories(m_tdb->db());
        auto dairy = categories.create(m_manager, 0, u"Молочное"_s);
        QVERIFY(dairy.ok());
        auto sourCream = categories.create(m_manager, dairy->id, u"Сметана"_s);
        QVERIFY(sourCream.ok());
        m_sourCream = sourCream->id;
        SupplierStore suppliers(m_tdb->db());
        auto supplier = suppliers.create(m_manager, {0, u"Dairy Farm LLC"_s, {}, {}, true});
        QVERIFY(supplier.ok());
        m_supplier = supplier->id;
        auto other = suppliers.create(m_manager, {0, u"Cheese House"_s, {}, {}, true});
        QVERIFY(other.ok());
        m_otherSupplier = other->id;
        // The kefir's purchase price from the last delivery: the list repeats it.
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO supplier_prices (supplier_id, product_id, price) "
                         "SELECT ?, id, 5000 FROM products WHERE plu = '1002'"_s,
                         {m_supplier})
                    .ok());
    }
    void cleanup() { m_tdb.reset(); }

    void theMappingIsGuessedFromTheHeaderWords()
    {
        const PriceListMapping ru = csvMapping();
        QVERIFY(ru.headerRow);
        QCOMPARE(ru.column(PriceListField::Plu), 0);
        QCOMPARE(ru.column(PriceListField::Barcode), 1);
        QCOMPARE(ru.column(PriceListField::Name), 2);
        QCOMPARE(ru.column(PriceListField::PurchasePrice), 3);
        QCOMPARE(ru.column(PriceListField::RetailPrice), 4);
        QCOMPARE(ru.column(PriceListField::Category), 5);
        const PriceListMapping en = PriceListMapping::guess(
            {u"Category"_s, u"Name"_s, u"Retail"_s, u"EAN"_s, u"Code"_s, u"Purchase"_s});
        QCOMPARE(en.column(PriceListField::Category), 0);
        QCOMPARE(en.column(PriceListField::Name), 1);
        QCOMPARE(en.column(PriceListField::RetailPrice), 2);
        QCOMPARE(en.column(PriceListField::Barcode), 3);
        QCOMPARE(en.column(PriceListField::Plu), 4);
        QCOMPARE(en.column(PriceListField::PurchasePrice), 5);
        QCOMPARE(PriceListMapping::fromJson(en.toJson()), en);
        // Data in row 1: nothing mapped, and the row is not a header.
        const PriceListMapping none = PriceListMapping::guess({u"1001"_s, u"Milk"_s, u"99.90"_s});
        QVERIFY(!none.headerRow);
        QCOMPARE(none.column(PriceListField::Plu), PriceListMapping::kNone);
    }

    void aMappingWithoutKeyOrPriceIsRefused()
    {
        PriceListMapping m;
        m.setColumn(PriceListField::Name, 0);
        m.setColumn(PriceListField::RetailPrice, 1);
        QCOMPARE(m.check()->field, u"plu"_s);
        m.setColumn(PriceListField::Barcode, 2);
        QVERIFY(!m.check());
        m.setColumn(PriceListField::RetailPrice, PriceListMapping::kNone);
        QCOMPARE(m.check()->field, u"retail_price"_s);
        m.setColumn(PriceListField::PurchasePrice, 2);
        QCOMPARE(m.check()->field, u"purchase_price"_s); // the barcode's column too
        // apply refuses it, writing nothing.
        const QString before = footprint();
        auto done = store().apply(m_manager, m_supplier, csvList(), m);
        QVERIFY(!done);
        QCOMPARE(done.error().field, u"purchase_price"_s);
        QCOMPARE(footprint(), before);
    }

    void aCsvListIsImportedAtOnce()
    {
        const QString path = csvList();
        QList<int> progress;
        const QString refusedPath = m_dir.filePath(u"refused.csv"_s);
        auto done = store().apply(
            m_manager, m_supplier, path, csvMapping(), nullptr,
            [&progress](int rows) { progress << rows; }, refusedPath);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(progress, QList<int> {12});
        QCOMPARE(done->counts.created, 1);
        QCOMPARE(done->counts.updated, 2);
        QCOMPARE(done->counts.unchanged, 1);
        QCOMPARE(done->counts.refused, 8);

        // Every refused row with its row number and field.
        QList<int> rows;
        QStringList fields;
        for (const PriceListRow &r : done->refused) {
            rows << r.number;
            fields << r.field;
            QVERIFY(!r.reason.isEmpty());
        }
        QCOMPARE(rows, (QList<int> {5, 6, 7, 8, 10, 11, 12, 13}));
        QCOMPARE(fields,
                 (QStringList {u"retail_price"_s, u"plu"_s, u"category"_s, u"plu"_s, u"barcode"_s,
                               u"barcode"_s, u"name"_s, u"purchase_price"_s}));
        QCOMPARE(done->refused.at(0).reason, u"The price must be more than zero."_s);
        QCOMPARE(done->refused.at(1).reason,
                 u"PLU 1003 is archived; its prices are not changed."_s);
        QCOMPARE(done->refused.at(2).reason,
                 u"There is no category \"Молочка / Творог\"; categories are not created by an "
                 "import."_s);
        QCOMPARE(done->refused.at(3).reason, u"The PLU 1001 is also in row 2."_s);
        QCOMPARE(done->refused.at(5).reason, u"The barcode belongs to PLU 1002."_s);

        // The prices, their history naming the list, the changes and labels.
        QCOMPARE(price(u"1001"_s), 10550);
        QCOMPARE(price(u"1002"_s), 7500);
        QCOMPARE(price(u"1003"_s), 25000);
        QCOMPARE(price(u"1004"_s), 55000);
        const QString reason = u"Price list of Dairy Farm LLC, list.csv"_s;
        QCOMPARE(
            text(u"SELECT string_agg(pp.price || ' ' || pp.reason, ',' ORDER BY pp.valid_from) "
                 "FROM product_prices pp JOIN products p ON p.id = pp.product_id "
                 "WHERE p.plu = '1001'"_s),
            u"9990 ,10550 "_s + reason);
        QCOMPARE(scalar(u"SELECT count(*) FROM product_changes c JOIN products p ON p.id = "
                        "c.product_id WHERE c.reason = ? AND c.before = '{\"price\": 9990}' "
                        "AND c.after = '{\"price\": 10550}' AND p.plu = '1001'"_s,
                        {reason}),
                 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE reason = ? AND action = "
                        "'product_changed'"_s,
                        {reason}),
                 2);
        QCOMPARE(text(u"SELECT string_agg(p.plu, ',' ORDER BY p.plu) FROM label_queue q "
                      "JOIN products p ON p.id = q.product_id"_s),
                 u"1001,1004"_s);
        // The supplier's purchase prices.
        QCOMPARE(supplierPrice(u"1001"_s), 6000);
        QCOMPARE(supplierPrice(u"1002"_s), 5000);
        QCOMPARE(supplierPrice(u"1004"_s), 30000);
        QCOMPARE(supplierPrice(u"2001"_s), 8000);
        QCOMPARE(supplierPrice(u"1003"_s), -1);
        // The new product, in its category, with its barcode.
        QCOMPARE(text(u"SELECT concat_ws('|', name, price, barcode, category_path(category_id)) "
                      "FROM products WHERE plu = '2001'"_s),
                 u"Сметана 20%|13000|%1|Молочное / Сметана"_s.arg(m_newEan));
        QCOMPARE(scalar(u"SELECT count(*) FROM product_barcodes b JOIN products p ON p.id = "
                        "b.product_id WHERE p.plu = '2001'"_s),
                 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE reason = ? AND action = "
                        "'product_created' AND plu = '2001'"_s,
                        {reason}),
                 1);
        // The refused ones made nothing: no product, no category.
        QCOMPARE(scalar(u"SELECT count(*) FROM products WHERE plu IN ('2002', '2003', '2004', "
                        "'2005', '2006', '2007')"_s),
                 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM categories"_s), 2);
        // Exported with their reasons.
        const QByteArray csv = PriceListImportStore::refusedCsv(done->refused);
        QCOMPARE(csv.count('\n'), 9);
        QFile written(refusedPath);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(written.readAll(), csv);
        QVERIFY(csv.contains("\r\n7,2003,,Творог,category,"));
    }

    void anXlsxListIsImportedAtOnce()
    {
        const QString path =
            writeXlsx(u"list.xlsx"_s,
                      u"PLU,Barcode,Name,Purchase price,Retail price,Category\n"
                      "1001,,Milk,61.5,104.9,\n" // 2 update
                      "1004,%1,Cheese,310,500,\n" // 3 purchase price only: update
                      "3001,,Cottage cheese,70,120.5,Молочное / Сметана\n" // 4 new
                      "3002,,Yoghurt,-5,80,\n" // 5 refused: negative purchase price
                      "3003,,,20,30,\n" // 6 refused: no name
                      "1003,,Butter,100,200,\n" // 7 refused: archived
                      "3004,,Ayran,30,45,Drinks\n"_s // 8 refused: unknown category
                          .arg(m_cheeseEan));
        QVERIFY(!path.isEmpty());
        const PriceListMapping mapping =
            PriceListMapping::guess(PriceListImportStore::firstRow(path).value());
        QVERIFY(!mapping.check());
        auto done = store().apply(m_manager, m_otherSupplier, path, mapping);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done->counts.created, 1);
        QCOMPARE(done->counts.updated, 2);
        QCOMPARE(done->counts.unchanged, 0);
        QCOMPARE(done->counts.refused, 4);
        QList<int> rows;
        QStringList fields;
        for (const PriceListRow &r : done->refused) {
            rows << r.number;
            fields << r.field;
        }
        QCOMPARE(rows, (QList<int> {5, 6, 7, 8}));
        QCOMPARE(fields, (QStringList {u"purchase_price"_s, u"name"_s, u"plu"_s, u"category"_s}));
        QCOMPARE(done->refused.at(0).reason, u"The price must be more than zero."_s); // -5
        QCOMPARE(price(u"1001"_s), 10490);
        QCOMPARE(price(u"1004"_s), 50000); // unchanged: no new price row
        QCOMPARE(scalar(u"SELECT count(*) FROM product_prices pp JOIN products p ON p.id = "
                        "pp.product_id WHERE p.plu = '1004'"_s),
                 1);
        QCOMPARE(price(u"3001"_s), 12050);
        QCOMPARE(supplierPrice(u"1001"_s, m_otherSupplier), 6150);
        QCOMPARE(supplierPrice(u"1004"_s, m_otherSupplier), 31000);
        QCOMPARE(supplierPrice(u"3001"_s, m_otherSupplier), 7000);
        QCOMPARE(supplierPrice(u"1001"_s), -1); // the other supplier's are its own
        QCOMPARE(text(u"SELECT reason FROM product_prices pp JOIN products p ON p.id = "
                      "pp.product_id WHERE p.plu = '1001' ORDER BY valid_from DESC LIMIT 1"_s),
                 u"Price list of Cheese House, list.xlsx"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM products WHERE plu IN ('3002', '3003', '3004')"_s),
                 0);
    }

    void everyRefusedRowGoesToTheFile()
    {
        // 2,500 rows with a zero price: the outcome keeps the first 1,000.
        QStringList lines {u"PLU;Name;Price"_s};
        for (int i = 0; i < 2500; ++i)
            lines << u"Z%1;Product %1;0"_s.arg(i);
        const QString path = write(u"zero.csv"_s, lines.join(u"\n"_s).toUtf8());
        const QString refusedPath = m_dir.filePath(u"zero-refused.csv"_s);
        auto done = store().apply(m_manager, m_supplier, path,
                                  PriceListMapping::guess({u"PLU"_s, u"Name"_s, u"Price"_s}),
                                  nullptr, {}, refusedPath);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        QCOMPARE(done->counts.refused, 2500);
        QCOMPARE(done->refused.size(), PriceListImportStore::kRefusedKept);
        QCOMPARE(done->refused.last().number, 1001);
        QFile written(refusedPath);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = written.readAll().split('\n');
        QCOMPARE(rows.size(), 2502); // the header, 2,500 rows, and after the last CRLF
        QCOMPARE(rows.at(1),
                 QByteArray("2,Z0,,Product 0,retail_price,"
                            "The price must be more than zero.\r"));
        QVERIFY(rows.at(2500).startsWith("2501,Z2499,"));
    }

    void thePreviewShowsEachRowAndWritesNothing()
    {
        const QString before = footprint();
        auto rows = store().preview(m_manager, m_supplier, csvList(), csvMapping(), 4);
        QVERIFY2(rows, rows ? "" : qPrintable(rows.error().message));
        QCOMPARE(rows->size(), 4);
        const PriceListRow &milk = rows->at(0);
        QCOMPARE(milk.number, 2);
        QCOMPARE(milk.verdict, PriceListVerdict::Update);
        QCOMPARE(milk.name, u"Milk"_s); // the product's name
        QCOMPARE(milk.oldRetail, std::optional<qint64>(9990));
        QCOMPARE(milk.newRetail, std::optional<qint64>(10550));
        QCOMPARE(milk.oldPurchase, std::optional<qint64>());
        QCOMPARE(milk.newPurchase, std::optional<qint64>(6000));
        QCOMPARE(rows->at(1).verdict, PriceListVerdict::Unchanged);
        QCOMPARE(rows->at(2).verdict, PriceListVerdict::New);
        QCOMPARE(rows->at(2).name, u"Сметана 20%"_s);
        QCOMPARE(rows->at(3).verdict, PriceListVerdict::Refused);
        QCOMPARE(rows->at(3).field, u"retail_price"_s);
        QCOMPARE(footprint(), before);
        // The session keeps no staging table: a second preview works.
        QVERIFY(store().preview(m_manager, m_supplier, csvList(), csvMapping(), 2).ok());
    }

    void theMappingIsRememberedPerSupplier()
    {
        QVERIFY(!store().savedMapping(m_supplier).value().has_value());
        PriceListMapping mapping = csvMapping();
        mapping.setColumn(PriceListField::Category, PriceListMapping::kNone);
        QVERIFY(store().apply(m_manager, m_supplier, csvList(), mapping).ok());
        QCOMPARE(store().savedMapping(m_supplier).value(), std::optional(mapping));
        QVERIFY(!store().savedMapping(m_otherSupplier).value().has_value());
    }

    void aCancelWritesNothing()
    {
        // 12,000 new products: three batches; stopped after the first.
        QStringList lines {u"PLU;Name;Price"_s};
        for (int i = 0; i < 12000; ++i)
            lines << u"P%1;Product %1;%2,50"_s.arg(i).arg(10 + i % 90);
        const QString path = write(u"long.csv"_s, lines.join(u"\n"_s).toUtf8());
        const QString before = footprint();
        std::atomic_bool cancelled = false;
        QList<int> progress;
        auto done = store().apply(m_manager, m_supplier, path,
                                  PriceListMapping::guess({u"PLU"_s, u"Name"_s, u"Price"_s}),
                                  &cancelled, [&](int rows) {
                                      progress << rows;
                                      cancelled = true;
                                  });
        QVERIFY(!done);
        QCOMPARE(done.error().code, StoreError::Code::Cancelled);
        QCOMPARE(progress, QList<int> {PriceListImportStore::kBatch});
        QCOMPARE(footprint(), before);
        // Not cancelled, the same file makes them all.
        cancelled = false;
        progress.clear();
        auto made = store().apply(m_manager, m_supplier, path,
                                  PriceListMapping::guess({u"PLU"_s, u"Name"_s, u"Price"_s}),
                                  &cancelled, [&](int rows) { progress << rows; });
        QVERIFY2(made, made ? "" : qPrintable(made.error().message));
        QCOMPARE(made->counts.created, 12000);
        QCOMPARE(progress, (QList<int> {5000, 10000, 12000}));
        QCOMPARE(
            scalar(u"SELECT sum(price) FROM products WHERE plu LIKE 'P%'"_s),
            scalar(u"SELECT sum((10 + i % 90) * 100 + 50) FROM generate_series(0, 11999) i"_s));
    }

    void aFailureMidwayWritesNothing()
    {
        // The prices and products are written, then the purchase prices fail.
        QVERIFY(Sql::run(m_tdb->db(),
                         u"CREATE FUNCTION refuse_supplier_prices() RETURNS trigger "
                         "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$"_s)
                    .ok());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"CREATE TRIGGER refuse BEFORE INSERT ON supplier_prices "
                         "FOR EACH ROW EXECUTE FUNCTION refuse_supplier_prices()"_s)
                    .ok());
        const QString before = footprint();
        auto done = store().apply(m_manager, m_supplier, csvList(), csvMapping());
        QVERIFY(!done);
        QVERIFY2(done.error().message.contains(u"disk full"_s), qPrintable(done.error().message));
        QCOMPARE(footprint(), before);
        QCOMPARE(price(u"1001"_s), 9990);
    }

    void aBadFileWritesNothing()
    {
        // A truncated workbook: a zip whose sheet was cut off.
        const QString good = writeXlsx(u"good.xlsx"_s, u"PLU,Name,Price\n5001,Tea,10\n"_s);
        QVERIFY(!good.isEmpty());
        QByteArray bytes;
        {
            QFile f(good);
            QVERIFY(f.open(QIODevice::ReadOnly));
            bytes = f.readAll();
        }
        const QString cut = write(u"cut.xlsx"_s, bytes.left(bytes.size() / 2));
        const QString before = footprint();
        auto done = store().apply(m_manager, m_supplier, cut,
                                  PriceListMapping::guess({u"PLU"_s, u"Name"_s, u"Price"_s}));
        QVERIFY(!done);
        QCOMPARE(done.error().field, TableReader::fileField());
        QCOMPARE(footprint(), before);
    }

    void aLinkedShopOrACashierIsRefused()
    {
        const QString before = footprint();
        auto cashier = store().apply(m_cashier, m_supplier, csvList(), csvMapping());
        QVERIFY(!cashier);
        QCOMPARE(cashier.error().code, StoreError::Code::Permission);
        QVERIFY(AppStateStore(m_tdb->db())
                    .setValue(QString::fromLatin1(AppStateStore::kCentralToken), u"sdk_linked"_s)
                    .ok());
        auto linked = store().apply(m_manager, m_supplier, csvList(), csvMapping());
        QVERIFY(!linked);
        QCOMPARE(linked.error().code, StoreError::Code::Conflict);
        QVERIFY(linked.error().message.contains(u"head office"_s));
        QCOMPARE(footprint(), before);
        QCOMPARE(price(u"1001"_s), 9990);
    }

    void anUnknownSupplierIsRefused()
    {
        auto done = store().apply(m_manager, 987654, csvList(), csvMapping());
        QVERIFY(!done);
        QCOMPARE(done.error().field, u"supplier"_s);
    }
};

QTEST_GUILESS_MAIN(TestPriceListImport)
#include "tst_pricelistimport.moc"
