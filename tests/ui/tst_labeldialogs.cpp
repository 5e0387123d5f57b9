#include "DemoSession.h"
#include "WhenModal.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/labels/LabelQueueStore.h"
#include "models/labels/ShelfLabel.h"
#include "models/settings/AppSettings.h"
#include "models/stock/StockModel.h"
#include "ui/common/MessageBanner.h"
#include "ui/labels/LabelPrintDialog.h"
#include "ui/labels/LabelQueueDialog.h"
#include "ui/stock/StockPage.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Shelf labels from the Stock page and the label queue, driven with real
// widgets over the demo shop, printed to PDF files read back with pdftotext.
class TestLabelDialogs : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    Session keeper() { return test::demoSession(*m_tdb, u"keeper"_s, u"keeper123"_s); }
    static QString pdfText(const QString &path)
    {
        QProcess p;
        p.start(QStandardPaths::findExecutable(u"pdftotext"_s), {path, u"-"_s});
        p.waitForFinished(60000);
        return QString::fromUtf8(p.readAllStandardOutput());
    }
    static bool settle(StockModel *model)
    {
        if (!model->isLoading())
            return true;
        QSignalSpy idle(model, &StockModel::idle);
        return idle.wait(20000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(!QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty());
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"labeldialogs"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 10;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    // Select three rows, Ctrl+P, choose the roll, Print: a PDF of three
    // pages with their prices; the roll is remembered for next time.
    void printTheSelectedRowsOnARoll()
    {
        StockPage page(keeper());
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        // This till's shop (the list first loads before the shops are known).
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->totalCount(), qint64(2000), 20000);
        QVERIFY(settle(page.model()));
        for (int row = 0; row < 3; ++row)
            QTRY_VERIFY(page.model()->stockAt(row).has_value());
        QStringList prices;
        for (int row = 0; row < 3; ++row) {
            page.table()->selectionModel()->select(page.model()->index(row, 0),
                                                   QItemSelectionModel::Select |
                                                       QItemSelectionModel::Rows);
            prices << Money::format(page.model()->stockAt(row)->price);
        }
        const QString path = m_dir.filePath(u"roll.pdf"_s);
        auto driver = test::whenModal<LabelPrintDialog>([path](LabelPrintDialog *dialog) {
            dialog->setPdfPath(path);
            dialog->findChild<QRadioButton *>(u"roll"_s)->setChecked(true);
            QCOMPARE(dialog->findChild<QLabel *>(u"summary"_s)->text(), u"3 label(s), 3 page(s)"_s);
            dialog->findChild<QPushButton *>(u"print"_s)->click();
        });
        QCOMPARE(page.table()->selectionModel()->selectedRows().size(), qsizetype(3));
        auto *print = page.findChild<QAction *>(u"printLabels"_s);
        QVERIFY(print && print->isEnabled());
        QCOMPARE(print->shortcut(), QKeySequence(QKeySequence::Print));
        print->trigger();
        QVERIFY(QFile::exists(path));
        const QString text = pdfText(path);
        for (const QString &price : std::as_const(prices))
            QVERIFY2(text.contains(price), qPrintable(text));
        QCOMPARE(text.count(u'\f'), qsizetype(3)); // one page per label
        QCOMPARE(AppSettings().labelLayout().kind, LabelLayout::Kind::Roll);
    }

    // Two rows chosen, Ctrl+Shift+L: their tags wait on the queue, said in
    // the banner; nothing chosen is said too, and nothing is queued.
    void queueTheSelectedRowsLabels()
    {
        QVERIFY(Sql::run(m_tdb->db(), u"DELETE FROM label_queue"_s).ok());
        StockPage page(keeper());
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->totalCount(), qint64(2000), 20000);
        QVERIFY(settle(page.model()));
        QTRY_VERIFY(page.model()->stockAt(1).has_value());
        auto *banner = page.findChild<MessageBanner *>();
        page.table()->setFocus();
        page.table()->setCurrentIndex(page.model()->index(0, 0));
        page.table()->clearSelection();
        QTest::keyClick(page.table(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(banner->text().startsWith(u"Choose the products"_s));
        QCOMPARE(LabelQueueStore(m_tdb->db()).waitingCount(keeper().actor.shopId).value(),
                 qint64(0));

        QList<qint64> chosen;
        for (int row = 0; row < 2; ++row) {
            page.table()->selectionModel()->select(page.model()->index(row, 0),
                                                   QItemSelectionModel::Select |
                                                       QItemSelectionModel::Rows);
            chosen << page.model()->stockAt(row)->productId;
        }
        QTest::keyClick(page.table(), Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().startsWith(u"2 shelf label(s) added"_s), 20000);
        auto queued = Sql::run(m_tdb->db(),
                               u"SELECT product_id FROM label_queue WHERE printed_at IS NULL "
                               "AND reason = 'requested' ORDER BY product_id"_s);
        QVERIFY(queued.ok());
        QList<qint64> waiting;
        while (queued.value().next())
            waiting << queued.value().value(0).toLongLong();
        std::sort(chosen.begin(), chosen.end());
        QCOMPARE(waiting, chosen);
        QVERIFY(Sql::run(m_tdb->db(), u"DELETE FROM label_queue"_s).ok());
    }

    // Nine columns do not fit across A4: refused naming the field, no file.
    void aGridThatDoesNotFitIsRefused()
    {
        ShelfLabel label;
        label.name = u"Milk"_s;
        label.price = 9990;
        label.plu = u"1001"_s;
        LabelPrintDialog dialog({label});
        const QString path = m_dir.filePath(u"refused.pdf"_s);
        dialog.setPdfPath(path);
        dialog.findChild<QRadioButton *>(u"sheet"_s)->setChecked(true);
        dialog.findChild<QSpinBox *>(u"columns"_s)->setValue(9);
        dialog.show();
        dialog.findChild<QPushButton *>(u"print"_s)->click();
        QVERIFY2(dialog.errorText().contains(u"columns"_s), qPrintable(dialog.errorText()));
        QVERIFY(dialog.isVisible());
        QVERIFY(!QFile::exists(path));
        QTRY_COMPARE(QApplication::focusWidget(), dialog.findChild<QSpinBox *>(u"columns"_s));
    }

    // Stop while printing over yesterday's PDF: yesterday's file stays whole
    // and no temporary file is left beside it.
    void stoppingKeepsTheFileThatWasThere()
    {
        const QString path = m_dir.filePath(u"kept.pdf"_s);
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("yesterday's labels");
        }
        QList<ShelfLabel> labels;
        for (int i = 0; i < 10000; ++i) {
            ShelfLabel label;
            label.name = u"Milk %1"_s.arg(i);
            label.price = 9990 + i;
            label.plu = QString::number(1000 + i);
            label.ean13 = u"4601234567893"_s;
            labels << label;
        }
        LabelPrintDialog dialog(labels);
        dialog.setPdfPath(path);
        dialog.findChild<QRadioButton *>(u"roll"_s)->setChecked(true);
        dialog.show();
        QTimer stopper;
        stopper.setInterval(20);
        connect(&stopper, &QTimer::timeout, &dialog, [&dialog, &stopper] {
            auto *progress = dialog.findChild<QProgressDialog *>(u"labelProgress"_s);
            if (progress && progress->isVisible()) {
                progress->cancel();
                stopper.stop();
            }
        });
        stopper.start();
        dialog.findChild<QPushButton *>(u"print"_s)->click();
        QVERIFY(!stopper.isActive()); // the progress came up and was stopped
        QVERIFY(dialog.isVisible());
        QFile kept(path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("yesterday's labels"));
        QCOMPARE(QDir(m_dir.path()).entryList({u"kept.pdf?*"_s}, QDir::Files), QStringList());
    }

    // Queued labels (a price change, a scheduled price) are listed, printed
    // and taken off the queue.
    void theQueueIsPrintedAndEmptied()
    {
        auto ids = Sql::run(m_tdb->db(), u"SELECT id FROM products ORDER BY id LIMIT 2"_s);
        QVERIFY(ids.ok());
        QList<qint64> products;
        QSqlQuery &query = ids.value();
        while (query.next())
            products << query.value(0).toLongLong();
        QCOMPARE(products.size(), 2);
        QVERIFY(LabelQueueStore::enqueue(m_tdb->db(), products.at(0), std::nullopt,
                                         LabelReason::PriceChanged)
                    .ok());
        QVERIFY(LabelQueueStore::enqueue(m_tdb->db(), products.at(1),
                                         QDateTime::currentDateTimeUtc().addDays(3),
                                         LabelReason::PriceScheduled, 12345)
                    .ok());

        LabelQueueDialog dialog(keeper());
        QSignalSpy loaded(&dialog, &LabelQueueDialog::loaded);
        dialog.show();
        // The queue is this shop's.
        QVERIFY2(dialog.windowTitle().contains(keeper().shop.name),
                 qPrintable(dialog.windowTitle()));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.last().at(0).toInt(), 2);
        QCOMPARE(dialog.list()->topLevelItemCount(), 2);

        const QString path = m_dir.filePath(u"queue.pdf"_s);
        dialog.setPdfPath(path);
        auto driver = test::whenModal<LabelPrintDialog>([](LabelPrintDialog *print) {
            print->findChild<QRadioButton *>(u"sheet"_s)->setChecked(true);
            print->findChild<QPushButton *>(u"print"_s)->click();
        });
        QSignalSpy marked(&dialog, &LabelQueueDialog::marked);
        dialog.findChild<QPushButton *>(u"print"_s)->click();
        QVERIFY(marked.wait(20000));
        QCOMPARE(marked.first().at(0).toInt(), 2);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(dialog.list()->topLevelItemCount(), 0);
        const QString text = pdfText(path);
        QVERIFY2(text.contains(Money::format(12345)), qPrintable(text));
        QVERIFY2(text.contains(u"from "_s), qPrintable(text));
        QCOMPARE(LabelQueueStore(m_tdb->db()).waitingCount(keeper().actor.shopId).value(),
                 qint64(0));
    }
};

QTEST_MAIN(TestLabelDialogs)
#include "tst_labeldialogs.moc"
