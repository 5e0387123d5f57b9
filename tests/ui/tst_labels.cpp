#include "TestDatabase.h"
#include "models/catalog/Ean13.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Money.h"
#include "models/labels/LabelLayout.h"
#include "models/labels/ShelfLabel.h"
#include "ui/labels/LabelRenderer.h"

#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace shopdesk;

Q_DECLARE_METATYPE(shopdesk::LabelLayout)

// Shelf labels as a shop prints them: products from a real database, painted
// into a PDF whose text (pdftotext) has the names and prices and whose
// barcodes, rendered at 300 dpi (pdftoppm), scan back (zbarimg) as the
// products' EAN-13s.
class TestLabels : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::TestDatabase> m_tdb;
    Actor m_keeper;
    QList<Product> m_products;

    static QString tool(const QString &name)
    {
        const QString path = QStandardPaths::findExecutable(name);
        if (path.isEmpty())
            qWarning("%s is missing: install poppler-utils and zbar-tools (scripts/test does)",
                     qPrintable(name));
        return path;
    }
    static QString run(const QString &program, const QStringList &arguments)
    {
        QProcess p;
        p.start(program, arguments);
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return u"<%1 failed: %2>"_s.arg(program, QString::fromUtf8(p.readAllStandardError()));
        return QString::fromUtf8(p.readAllStandardOutput());
    }
    QString render(const LabelLayout &layout, const QList<ShelfLabel> &labels, const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QPdfWriter writer(path);
        QString error;
        if (!LabelRenderer(layout).render(&writer, labels, &error))
            qWarning("render: %s", qPrintable(error));
        return path;
    }
    // Every EAN-13 zbarimg reads off `page` of the PDF at 300 dpi.
    QStringList scan(const QString &pdf, int page)
    {
        const QString stem = m_dir.filePath(u"page%1"_s.arg(page));
        run(tool(u"pdftoppm"_s),
            {u"-r"_s, u"300"_s, u"-png"_s, u"-singlefile"_s, u"-f"_s, QString::number(page),
             u"-l"_s, QString::number(page), pdf, stem});
        QProcess zbar;
        zbar.start(tool(u"zbarimg"_s),
                   {u"--quiet"_s, u"-Sdisable"_s, u"-Sean13.enable"_s, stem + u".png"_s});
        zbar.waitForFinished(60000);
        QStringList codes;
        for (const QString &line : QString::fromLatin1(zbar.readAllStandardOutput()).split(u'\n'))
            if (line.startsWith(u"EAN-13:"_s))
                codes << line.mid(7).trimmed();
        codes.sort();
        return codes;
    }
    QList<ShelfLabel> labels() const
    {
        QList<ShelfLabel> result;
        const QDateTime at(QDate(2026, 12, 6), QTime(22, 30), QTimeZone::utc());
        for (const Product &product : m_products)
            result << ShelfLabel::forProduct(product, at, u"Europe/Moscow"_s);
        return result;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tdb = std::make_unique<test::TestDatabase>(u"labels"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
        const qint64 shop = m_tdb->addShop(u"S1"_s, u"First"_s);
        m_keeper = m_tdb->addStaff(u"keeper"_s, Role::StockKeeper, shop);
        const NewProduct made[] = {
            {u"1001"_s, u"Milk 3.2% 1 l"_s, 9990, Ean13::complete(u"460123456789"), false},
            {u"1002"_s, u"Cheese Gouda"_s, 89900, Ean13::complete(u"460000000001"), true},
            {u"1003"_s, u"Bread"_s, 4550, Ean13::complete(u"400638133393"), false},
            {u"1004"_s,
             u"Chocolate with whole hazelnuts and raisins in a gift box for the holidays, "
             u"limited edition of the season, made in small batches by the old factory that "
             u"stands on the riverbank"_s,
             123450, Ean13::complete(u"590123412345"), false},
        };
        for (const NewProduct &product : made) {
            auto created = ProductStore(m_tdb->db()).create(m_keeper, product);
            QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
            m_products << created.value();
        }
    }
    void cleanupTestCase() { m_tdb.reset(); }

    void aLabelSaysWhatTheProductIs()
    {
        const QList<ShelfLabel> all = labels();
        QCOMPARE(all.at(0).ean13, m_products.at(0).barcode);
        QCOMPARE(all.at(0).date, QDate(2026, 12, 7)); // 01:30 in Moscow
        QVERIFY(!all.at(0).perKg);
        QVERIFY(all.at(1).perKg);
        QCOMPARE(all.at(1).unitText(), u"per kg"_s);
        QCOMPARE(ShelfLabel::ean13From(u"036000291452"_s), u"0036000291452"_s); // UPC-A
        QCOMPARE(ShelfLabel::ean13From(u"4600000000016"_s), QString()); // bad check digit
        QCOMPARE(ShelfLabel::ean13From(u"12345678"_s), QString());
    }

    void layoutsValidateNamingTheField_data()
    {
        QTest::addColumn<LabelLayout>("layout");
        QTest::addColumn<QString>("field");
        LabelLayout ok;
        QTest::newRow("the default A4 grid") << ok << QString();
        LabelLayout wide = ok;
        wide.columns = 8;
        QTest::newRow("8 columns are too narrow") << wide << u"columns"_s;
        LabelLayout tall = ok;
        tall.rows = 14;
        QTest::newRow("14 rows are too low") << tall << u"rows"_s;
        LabelLayout noColumns = ok;
        noColumns.columns = 0;
        QTest::newRow("no columns") << noColumns << u"columns"_s;
        LabelLayout margin = ok;
        margin.marginMm = -1;
        QTest::newRow("a negative margin") << margin << u"margin"_s;
        LabelLayout gap = ok;
        gap.gapMm = 40;
        QTest::newRow("a gap eating the page") << gap << u"rows"_s;
        LabelLayout roll;
        roll.kind = LabelLayout::Kind::Roll;
        QTest::newRow("a 58 × 40 roll") << roll << QString();
        LabelLayout narrowRoll = roll;
        narrowRoll.labelWidthMm = 20;
        QTest::newRow("a 20 mm roll") << narrowRoll << u"labelWidth"_s;
        LabelLayout lowRoll = roll;
        lowRoll.labelHeightMm = 0;
        QTest::newRow("no height") << lowRoll << u"labelHeight"_s;
    }
    void layoutsValidateNamingTheField()
    {
        QFETCH(LabelLayout, layout);
        QFETCH(QString, field);
        const auto error = layout.validate();
        QCOMPARE(error ? error->field : QString(), field);
        if (error)
            QVERIFY(!error->message.isEmpty());
    }

    void anA4SheetHasThePricesAndScannableBarcodes()
    {
        const QString pdftotext = tool(u"pdftotext"_s);
        QVERIFY(!pdftotext.isEmpty() && !tool(u"pdftoppm"_s).isEmpty() &&
                !tool(u"zbarimg"_s).isEmpty());
        const QList<ShelfLabel> all = labels();
        const QString pdf = render(LabelLayout(), all, u"sheet.pdf"_s);
        const QString text = run(pdftotext, {pdf, u"-"_s});
        for (const ShelfLabel &label : all) {
            QVERIFY2(text.contains(label.priceText()), qPrintable(text));
            QVERIFY2(text.contains(label.dateText()), qPrintable(text));
        }
        QVERIFY2(text.contains(u"Milk 3.2% 1 l"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Cheese Gouda"_s), qPrintable(text));
        QVERIFY2(text.contains(u"per kg"_s), qPrintable(text));
        // The long name wraps and ends in an ellipsis rather than running off.
        QVERIFY2(text.contains(u"Chocolate with"_s), qPrintable(text));
        QVERIFY2(text.contains(u"…"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"riverbank"_s), qPrintable(text));

        QStringList expected;
        for (const Product &product : std::as_const(m_products))
            expected << product.barcode;
        expected.sort();
        QCOMPARE(scan(pdf, 1), expected);
    }

    void aRollHasOneLabelOfItsSizePerPage()
    {
        LabelLayout roll;
        roll.kind = LabelLayout::Kind::Roll;
        const QList<ShelfLabel> all = labels();
        const QString pdf = render(roll, all, u"roll.pdf"_s);
        const QString info = run(tool(u"pdfinfo"_s), {pdf});
        QVERIFY2(info.contains(QRegularExpression(u"Pages:\\s+4\\b"_s)), qPrintable(info));
        // 58 × 40 mm in whole points (as Qt writes them): 164 × 113.
        QVERIFY2(
            info.contains(QRegularExpression(u"Page size:\\s+164(\\.\\d+)? x 113(\\.\\d+)? pts"_s)),
            qPrintable(info));
        for (int page = 1; page <= all.size(); ++page)
            QCOMPARE(scan(pdf, page), QStringList {m_products.at(page - 1).barcode});
    }

    void aLayoutThatDoesNotFitIsRefused()
    {
        LabelLayout layout;
        layout.columns = 9;
        QPdfWriter writer(m_dir.filePath(u"refused.pdf"_s));
        QString error;
        QVERIFY(!LabelRenderer(layout).render(&writer, labels(), &error));
        QVERIFY2(error.contains(u"columns"_s), qPrintable(error));
    }

    void progressCanStopALongRun()
    {
        QList<ShelfLabel> many;
        for (int i = 0; i < 50; ++i)
            many << labels();
        QPdfWriter writer(m_dir.filePath(u"stopped.pdf"_s));
        QString error;
        int seen = 0;
        QVERIFY(!LabelRenderer(LabelLayout()).render(&writer, many, &error, [&seen](int done) {
            seen = done;
            return done < 30;
        }));
        QCOMPARE(seen, 30);
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(TestLabels)
#include "tst_labels.moc"
