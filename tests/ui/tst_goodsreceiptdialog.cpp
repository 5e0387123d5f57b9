#include "DemoSession.h"
#include "WhenModal.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/documents/ReceiptLinesModel.h"
#include "models/settings/AppSettings.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"
#include "ui/documents/GoodsReceiptDialog.h"
#include "ui/documents/GoodsReceiptsDialog.h"
#include "ui/suppliers/SupplierDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// A stock keeper records a supplier's delivery with real widgets over the
// demo shop: a new supplier, forty products scanned (one of them twice),
// prices typed, posted, and read back from the list (issue 18).
class TestGoodsReceiptDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    Session keeper() { return test::demoSession(*m_tdb, u"keeper"_s, u"keeper123"_s); }
    template<typename T>
    static T *child(QObject *parent, const QString &name)
    {
        return parent->findChild<T *>(name);
    }
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        return Sql::scalar(m_tdb->db(), sql, values).value().toLongLong();
    }
    // Piece products with a barcode: (barcode, PLU).
    QList<std::pair<QString, QString>> scannable(int count) const
    {
        auto q = Sql::run(m_tdb->db(),
                          u"SELECT barcode, plu FROM products WHERE active AND NOT "
                          "sold_by_weight AND barcode IS NOT NULL ORDER BY id LIMIT ?"_s,
                          {count});
        QList<std::pair<QString, QString>> found;
        while (q.value().next())
            found.append({q.value().value(0).toString(), q.value().value(1).toString()});
        return found;
    }
    qint64 shelf(const QString &plu) const
    {
        return scalar(u"SELECT coalesce((SELECT shelf_qty FROM stocks WHERE plu = ? AND "
                      "shop_id = 1), 0)"_s,
                      {plu});
    }
    static void scan(QLineEdit *field, const QString &code)
    {
        QTest::keyClicks(field, code);
        QTest::keyClick(field, Qt::Key_Return);
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"goodsreceiptdialog"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 10;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        Confirm::setAnswerForTests(true);
        qRegisterMetaType<QMenu *>();
    }
    void cleanupTestCase()
    {
        Confirm::setAnswerForTests(std::nullopt);
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    void aKeeperScansAFortyLineDeliveryAndPostsIt()
    {
        const auto products = scannable(40);
        QCOMPARE(products.size(), 40);
        QList<qint64> before;
        for (const auto &[barcode, plu] : products)
            before << shelf(plu);

        GoodsReceiptsDialog list(keeper());
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        QSignalSpy opened(&list, &GoodsReceiptsDialog::receiptOpened);
        QTest::keyClick(&list, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(opened.size(), 1);
        auto *dialog = opened.first().first().value<GoodsReceiptDialog *>();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *scanField = child<QLineEdit>(dialog, u"scan"_s);
        auto *supplier = child<QComboBox>(dialog, u"supplier"_s);
        QVERIFY(scanField && supplier);
        QVERIFY(scanField->hasFocus());

        // A supplier not yet in the list, added from the receipt.
        auto driver = test::whenModal<SupplierDialog>([](SupplierDialog *d) {
            // QTest types ASCII only: the Cyrillic name is inserted as an
            // input method would.
            d->findChild<QLineEdit *>(u"name"_s)->insert(u"Молочная ферма"_s);
            QTest::keyClick(d->findChild<QLineEdit *>(u"name"_s), Qt::Key_Tab);
            QTest::keyClicks(d->findChild<QLineEdit *>(u"taxId"_s), u"7709876543"_s);
            QTest::keyClick(d->findChild<QLineEdit *>(u"taxId"_s), Qt::Key_Return);
        });
        child<QPushButton>(dialog, u"newSupplier"_s)->click();
        QCOMPARE(supplier->currentText(), u"Молочная ферма"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM suppliers WHERE tax_id = '7709876543'"_s), 1);
        child<QLineEdit>(dialog, u"invoiceNumber"_s)->insert(u"ТН-4512"_s);

        // Forty products by barcode, the first one twice and the last by
        // "2*PLU", as fast as the keys go.
        scanField->setFocus();
        QSignalSpy added(dialog, &GoodsReceiptDialog::lineAdded);
        for (const auto &[barcode, plu] : products)
            scan(scanField, barcode);
        scan(scanField, products.first().first);
        scan(scanField, u"2*%1"_s.arg(products.last().second));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 60000);
        QCOMPARE(added.size(), 42);
        QCOMPARE(dialog->lines()->rowCount(), 40);
        QCOMPARE(dialog->lines()->lines().first().quantity, 2);
        QCOMPARE(dialog->lines()->lines().last().quantity, 3);
        QCOMPARE(dialog->lines()->index(5, ReceiptLinesModel::Plu).data().toString(),
                 products.at(5).second);

        // A new supplier has no prices yet (the shop's cost is offered):
        // each is typed into its cell,
        // 10.00 more per line, moving down with the keyboard.
        auto *table = child<QTableView>(dialog, u"lines"_s);
        for (int row = 0; row < 40; ++row) {
            const QModelIndex price = dialog->lines()->index(row, ReceiptLinesModel::Price);
            table->setCurrentIndex(price);
            table->edit(price);
            auto *editor = table->viewport()->findChild<QLineEdit *>();
            QVERIFY(editor);
            editor->selectAll();
            QTest::keyClicks(editor, u"%1.50"_s.arg(10 * (row + 1)));
            QTest::keyClick(editor, Qt::Key_Return);
            QTRY_COMPARE(dialog->lines()->lines().at(row).price, 1000 * (row + 1) + 50);
        }
        // A quantity that is not a number is refused in the banner.
        QSignalSpy failed(dialog, &GoodsReceiptDialog::failed);
        QVERIFY(!dialog->lines()->setData(dialog->lines()->index(3, ReceiptLinesModel::Quantity),
                                          u"two"_s, Qt::EditRole));
        QCOMPARE(failed.size(), 1);
        QVERIFY(child<MessageBanner>(dialog, QString())->text().startsWith(u"Line 4:"_s));
        qint64 total = 0;
        for (int row = 0; row < 40; ++row)
            total += (1000 * (row + 1) + 50) * dialog->lines()->lines().at(row).quantity;
        QCOMPARE(child<QLabel>(dialog, u"summary"_s)->text(),
                 u"40 line(s), total %1"_s.arg(Money::format(total)));

        QSignalSpy posted(dialog, &GoodsReceiptDialog::posted);
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTest::keyClick(dialog, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(posted.wait(30000));
        QCOMPARE(dialog->receipt().status, DocumentStatus::Posted);
        QCOMPARE(dialog->receipt().total, total);
        for (int i = 0; i < 40; ++i) {
            const int expected = i == 0 ? 2 : (i == 39 ? 3 : 1);
            QCOMPARE(shelf(products.at(i).second), before.at(i) + expected);
        }
        QCOMPARE(scalar(u"SELECT count(*) FROM history WHERE document_id = ? AND action = "
                        "'received' AND reason LIKE '%ТН-4512%'"_s,
                        {dialog->receipt().id}),
                 40);
        // Posted: read-only, nothing left to scan into.
        QVERIFY(!scanField->isVisible());
        QVERIFY(!child<QPushButton>(dialog, u"post"_s)->isVisible());
        QVERIFY(!(dialog->lines()->flags(dialog->lines()->index(0, ReceiptLinesModel::Price)) &
                  Qt::ItemIsEditable));

        // On paper: the supplier, the invoice, every line and the total.
        const QString pdf = m_dir.filePath(u"receipt.pdf"_s);
        dialog->setPdfPathForTests(pdf);
        QSignalSpy written(dialog, &GoodsReceiptDialog::pdfWritten);
        child<QPushButton>(dialog, u"pdf"_s)->click();
        QCOMPARE(written.size(), 1);
        QProcess pdftotext;
        pdftotext.start(u"pdftotext"_s, {u"-layout"_s, pdf, u"-"_s});
        QVERIFY(pdftotext.waitForFinished(30000));
        const QString text = QString::fromUtf8(pdftotext.readAllStandardOutput());
        QVERIFY2(text.contains(u"Молочная ферма"_s) && text.contains(u"ТН-4512"_s) &&
                     text.contains(products.at(17).second) && text.contains(Money::format(total)) &&
                     text.contains(u"40 line(s)"_s),
                 qPrintable(text.left(2000)));

        // The received goods' shelf labels, queued in one go.
        QSignalSpy queued(dialog, &GoodsReceiptDialog::labelsQueued);
        child<QPushButton>(dialog, u"queueLabels"_s)->click();
        QVERIFY(queued.wait(20000));
        QCOMPARE(queued.first().first().toInt(), 40);

        // The list shows it once the receipt is closed.
        QSignalSpy loaded(&list, &GoodsReceiptsDialog::loaded);
        dialog->reject();
        QVERIFY(loaded.wait(20000));
        QTreeWidgetItem *top = list.list()->topLevelItem(0);
        QVERIFY(top);
        QCOMPARE(top->text(2), u"Молочная ферма"_s);
        QCOMPARE(top->text(1), u"posted"_s);
        QCOMPARE(top->text(5), Money::format(total));
    }

    // A draft left open is saved on closing and found again, with its lines.
    void aDraftIsSavedOnClosingAndReopened()
    {
        const auto products = scannable(2);
        qint64 id = 0;
        {
            GoodsReceiptDialog dialog(keeper(), 0);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            auto *supplier = child<QComboBox>(&dialog, u"supplier"_s);
            QTRY_VERIFY(supplier->findText(u"Молочная ферма"_s) >= 0);
            supplier->setCurrentIndex(supplier->findText(u"Молочная ферма"_s));
            auto *scanField = child<QLineEdit>(&dialog, u"scan"_s);
            scan(scanField, products.at(0).first);
            scan(scanField, products.at(1).second); // by PLU
            QTRY_VERIFY(!dialog.isBusy());
            QCOMPARE(dialog.lines()->rowCount(), 2);
            // The supplier's price from the first test is offered.
            QCOMPARE(dialog.lines()->lines().at(0).price, 1050);
            QSignalSpy finished(&dialog, &QDialog::finished);
            QTest::keyClick(&dialog, Qt::Key_Escape);
            QVERIFY(finished.wait(20000));
            id = dialog.receipt().id;
        }
        QVERIFY(id > 0);
        GoodsReceiptDialog reopened(keeper(), id);
        QSignalSpy shown(&reopened, &GoodsReceiptDialog::shown);
        QVERIFY(shown.wait(20000));
        QCOMPARE(reopened.receipt().status, DocumentStatus::Draft);
        QCOMPARE(reopened.lines()->rowCount(), 2);
        QCOMPARE(reopened.lines()->lines().at(1).plu, products.at(1).second);
    }

    // A delivery of forty lines from the supplier's XLSX file, written by a
    // real spreadsheet writer: imported in one go and posted.
    void aDeliveryNoteFileIsImportedAndPosted()
    {
        const auto products = scannable(40);
        QString script = u"import xlsxwriter, sys\n"
                         "book = xlsxwriter.Workbook(sys.argv[1])\n"
                         "sheet = book.add_worksheet()\n"
                         "sheet.write_row(0, 0, ['Штрихкод', 'Наименование', 'Количество', "
                         "'Цена'])\n"_s;
        for (int i = 0; i < products.size(); ++i)
            script += u"sheet.write_row(%1, 0, ['%2', 'Товар', %3, %4])\n"_s.arg(i + 1)
                          .arg(products.at(i).first)
                          .arg(i + 1)
                          .arg(100.5 + i);
        script += u"book.close()\n"_s;
        const QString xlsx = m_dir.filePath(u"delivery.xlsx"_s);
        QProcess python;
        python.start(u"/usr/bin/python3"_s, {u"-c"_s, script, xlsx});
        QVERIFY(python.waitForFinished(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        QList<qint64> before;
        for (const auto &[barcode, plu] : products)
            before << shelf(plu);

        GoodsReceiptDialog dialog(keeper(), 0);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *supplier = child<QComboBox>(&dialog, u"supplier"_s);
        QTRY_VERIFY(supplier->findText(u"Молочная ферма"_s) >= 0);
        supplier->setCurrentIndex(supplier->findText(u"Молочная ферма"_s));
        dialog.setImportPathForTests(xlsx);
        QSignalSpy imported(&dialog, &GoodsReceiptDialog::linesImported);
        child<QPushButton>(&dialog, u"importLines"_s)->click();
        QVERIFY(imported.wait(30000));
        QCOMPARE(imported.first().at(0).toInt(), 40);
        QCOMPARE(imported.first().at(1).toInt(), 0);
        QCOMPARE(dialog.lines()->rowCount(), 40);
        QCOMPARE(dialog.lines()->lines().at(9).quantity, 10);
        QCOMPARE(dialog.lines()->lines().at(9).price, 10950);

        QSignalSpy posted(&dialog, &GoodsReceiptDialog::posted);
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(posted.wait(30000));
        for (int i = 0; i < products.size(); ++i)
            QCOMPARE(shelf(products.at(i).second), before.at(i) + i + 1);
    }

    // Words that name several products offer them to choose from; words
    // that name none say so.
    void aNameOffersTheProductsItMatches()
    {
        GoodsReceiptDialog dialog(keeper(), 0);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *scanField = child<QLineEdit>(&dialog, u"scan"_s);
        const QString name =
            Sql::scalar(m_tdb->db(),
                        u"SELECT split_part(name, ' ', 1) FROM products WHERE active GROUP BY 1 "
                        "HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 1"_s)
                .value()
                .toString();
        QSignalSpy offered(&dialog, &GoodsReceiptDialog::candidatesShown);
        QSignalSpy added(&dialog, &GoodsReceiptDialog::lineAdded);
        scanField->insert(name); // Cyrillic: see above
        QTest::keyClick(scanField, Qt::Key_Return);
        QVERIFY(offered.wait(20000));
        auto *menu = offered.first().first().value<QMenu *>();
        QVERIFY(menu->actions().size() > 1);
        menu->actions().at(1)->trigger();
        QVERIFY(added.wait(20000));
        QCOMPARE(dialog.lines()->rowCount(), 1);
        QVERIFY(menu->actions().at(1)->text().startsWith(dialog.lines()->lines().at(0).plu));

        QSignalSpy failed(&dialog, &GoodsReceiptDialog::failed);
        scan(scanField, u"zzzqqq"_s);
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().first().toString(), u"No product is called \"zzzqqq\"."_s);
        QCOMPARE(dialog.lines()->rowCount(), 1);
        dialog.lines()->setLines({}); // nothing to keep
    }
};

QTEST_MAIN(TestGoodsReceiptDialog)
#include "tst_goodsreceiptdialog.moc"
