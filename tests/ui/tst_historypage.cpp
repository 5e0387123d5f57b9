#include "DemoSession.h"
#include "TestDatabase.h"
#include "models/core/Sql.h"
#include "models/history/HistoryModel.h"
#include "models/settings/AppSettings.h"
#include "models/staff/StaffStore.h"
#include "ui/MainWindow.h"
#include "ui/common/MessageBanner.h"
#include "ui/history/HistoryDetailPane.h"
#include "ui/history/HistoryFilterBar.h"
#include "ui/history/HistoryPage.h"
#include "ui/reports/ReportsPage.h"

#include <QAbstractBarSeries>
#include <QAbstractItemView>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimeZone>

#include <QToolButton>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The History and Reports pages over the demo shop, driven as a manager would.
class TestHistoryPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    Session sessionFor(const QString &login, const QString &password)
    {
        return test::demoSession(*m_tdb, login, password);
    }
    qint64 scalar(const QString &sql, const QVariantList &values = {})
    {
        return Sql::scalar(m_tdb->db(), sql, values).value().toLongLong();
    }
    // The id of the n-th row (0-based) newest first, as the page orders them.
    qint64 nthId(int n, const QString &where = {})
    {
        return scalar(
            u"SELECT id FROM history %1 ORDER BY at DESC, id DESC OFFSET %2 LIMIT 1"_s.arg(where)
                .arg(n));
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"historypage"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 1000;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        m_tdb.reset();
    }

    void pagesForwardAndBack()
    {
        HistoryPage page(sessionFor(u"manager"_s, u"manager123"_s));
        page.resize(1300, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        HistoryModel *model = page.model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 200, 15000);
        auto *pageSize = page.findChild<QComboBox *>(u"pageSize"_s);
        pageSize->setCurrentIndex(pageSize->findData(50));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 50, 15000);
        const qint64 total = scalar(u"SELECT count(*) FROM history"_s);
        QVERIFY(total > 100 && total <= HistoryModel::kCountCap);
        auto *status = page.findChild<QLabel *>(u"historyStatus"_s);
        QTRY_COMPARE(status->text(), u"Rows 1–50 of %1"_s.arg(QLocale().toString(total)));
        QCOMPARE(model->entryAt(0)->id, nthId(0));

        auto *next = page.findChild<QPushButton *>(u"nextPage"_s);
        auto *previous = page.findChild<QPushButton *>(u"previousPage"_s);
        QVERIFY(!previous->isEnabled());
        next->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.pageStart(), 50, 15000);
        // The next page was fetched (the view may have scrolled on a page
        // more), not everything.
        QVERIFY(model->rowCount() >= 100 && model->rowCount() < total);
        QCOMPARE(page.table()->currentIndex().row(), 50);
        QCOMPARE(model->entryAt(50)->id, nthId(50));
        // Once a prefetch the view started is done.
        QTRY_COMPARE(status->text(), u"Rows 51–100 of %1"_s.arg(QLocale().toString(total)));
        // The detail pane shows the selected row.
        auto *detail = page.findChild<HistoryDetailPane *>();
        const HistoryEntry shown = *model->entryAt(50);
        QVERIFY2(detail->text().contains(shown.productName), qPrintable(detail->text()));
        QVERIFY(detail->text().contains(u"%1 → %2"_s.arg(QLocale().toString(shown.shelfBefore()),
                                                         QLocale().toString(shown.shelfAfter))));
        QSignalSpy product(&page, &HistoryPage::showProductRequested);
        page.findChild<QPushButton *>(u"showProduct"_s)->click();
        QCOMPARE(product.size(), 1);
        QCOMPARE(product.first().at(0).toString(), shown.plu);

        QTest::keyClick(&page, Qt::Key_PageDown, Qt::ControlModifier); // Next by keyboard
        QTRY_COMPARE_WITH_TIMEOUT(page.pageStart(), 100, 15000);
        previous->click();
        QCOMPARE(page.pageStart(), 50);
        page.findChild<QPushButton *>(u"firstPage"_s)->click();
        QCOMPARE(page.pageStart(), 0);
        QCOMPARE(page.table()->currentIndex().row(), 0);
    }

    // A weighed product's row reads in kilograms, at the shop's time.
    void theDetailOfAWeighedRowIsInKilogramsAndShopTime()
    {
        HistoryEntry e;
        e.at = QDateTime(QDate(2026, 3, 1), QTime(21, 30, 5), QTimeZone::utc());
        e.shopName = u"Shop 1"_s;
        e.plu = u"20001"_s;
        e.productName = u"Cheese"_s;
        e.soldByWeight = true;
        e.shelfAfter = 1000;
        e.shelfDelta = -250;
        HistoryDetailPane pane;
        pane.showEntry(e, QTimeZone("Europe/Moscow"));
        const QString kg = QLocale().toString(1.25, 'f', 3) + u" kg → "_s +
            QLocale().toString(1.0, 'f', 3) + u" kg"_s;
        QVERIFY2(pane.text().contains(kg), qPrintable(pane.text()));
        // 21:30 UTC is half past midnight the next day in Moscow.
        QVERIFY2(pane.text().contains(QLocale().toString(QDate(2026, 3, 2), QLocale::LongFormat) +
                                      u" 00:30:05"_s),
                 qPrintable(pane.text()));
    }

    void filtersNarrowTheRows()
    {
        HistoryPage page(sessionFor(u"manager"_s, u"manager123"_s));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        HistoryModel *model = page.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 15000);
        const QString plu = Sql::scalar(m_tdb->db(),
                                        u"SELECT plu FROM history WHERE action = 'sold' "
                                        "GROUP BY plu ORDER BY count(*) DESC, plu LIMIT 1"_s)
                                .value()
                                .toString();
        auto *pluBox = page.findChild<QLineEdit *>(u"historyPlu"_s);
        QTest::keyClicks(pluBox, plu);
        QTest::keyClick(pluBox, Qt::Key_Return);
        const qint64 forPlu = scalar(u"SELECT count(*) FROM history WHERE plu = ?"_s, {plu});
        QTRY_COMPARE_WITH_TIMEOUT(model->total(), forPlu, 15000);
        QTRY_COMPARE(model->rowCount(), int(qMin<qint64>(forPlu, 200)));
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->entryAt(r)->plu, plu);

        // Only sales: tick "Sold" in the action menu.
        auto *actions = page.findChild<QToolButton *>(u"historyActions"_s);
        for (QAction *action : actions->menu()->actions())
            if (action->data().toString() == u"sold"_s)
                action->setChecked(true);
        QCOMPARE(actions->text(), u"Sold"_s);
        const qint64 sold =
            scalar(u"SELECT count(*) FROM history WHERE plu = ? AND action = 'sold'"_s, {plu});
        QTRY_COMPARE_WITH_TIMEOUT(model->total(), sold, 15000);
        QTRY_COMPARE(model->rowCount(), int(qMin<qint64>(sold, 200)));
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->entryAt(r)->action, u"sold"_s);

        // The export writes the whole filtered range.
        QSignalSpy exported(&page, &HistoryPage::exported);
        const QString path = m_dir.filePath(u"history.csv"_s);
        page.exportTo(path);
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.first().at(1).toLongLong(), sold);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), sold + 1);

        page.filterBar()->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model->total(), scalar(u"SELECT count(*) FROM history"_s), 15000);
    }

    void cashiersDoNotSeeTheHistory()
    {
        HistoryPage page(sessionFor(u"cashier"_s, u"cashier123"_s));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto *banner = page.findChild<MessageBanner *>();
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(!page.table()->isEnabled());
        // Every way in is closed: refresh, page size, export, the buttons.
        QTest::keyClick(&page, Qt::Key_F5);
        auto *pageSize = page.findChild<QComboBox *>(u"pageSize"_s);
        QVERIFY(!pageSize->isEnabled());
        pageSize->setCurrentIndex(0);
        QVERIFY(!page.findChild<QAbstractButton *>(u"exportHistory"_s)->isEnabled());
        QVERIFY(!page.findChild<QPushButton *>(u"nextPage"_s)->isEnabled());
        const QString path = m_dir.filePath(u"forbidden.csv"_s);
        QSignalSpy exported(&page, &HistoryPage::exported);
        page.exportTo(path);
        // Whatever was started has finished once the pool is idle and its
        // results are delivered: no sleeping on a guess.
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
        QVERIFY(exported.isEmpty());
        QVERIFY(!QFile::exists(path));
        QCOMPARE(page.model()->rowCount(), 0); // nothing was read
        QVERIFY(!page.model()->isLoading());
    }

    void reportsShowTheNumbersAndExport()
    {
        ReportsPage page(sessionFor(u"manager"_s, u"manager123"_s));
        page.resize(1200, 800);
        QSignalSpy ready(&page, &ReportsPage::reportsReady);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(ready.wait(20000));
        // Whole demo period, shop 1, in its zone.
        const QDate first = Sql::scalar(m_tdb->db(),
                                        u"SELECT min((at AT TIME ZONE 'Europe/Moscow')::date) "
                                        "FROM history WHERE shop_id = 1"_s)
                                .value()
                                .toDate();
        HistoryFilter f;
        f.shopId = 1;
        f.dateMin = first;
        // Tomorrow too: late in the UTC evening it is already tomorrow in Moscow.
        const QDate last = QDate::currentDate().addDays(1);
        f.dateMax = last;
        ready.clear();
        page.setFilter(f);
        QVERIFY(ready.wait(20000));
        const int days = int(first.daysTo(last)) + 1;
        QCOMPARE(page.numbers(ReportsPage::Movements)->rowCount(), days);
        auto *bars = qobject_cast<QAbstractBarSeries *>(
            page.chart(ReportsPage::Movements)->series().value(0));
        QVERIFY(bars);
        QCOMPARE(bars->barSets().size(), 2);
        QCOMPARE(bars->barSets().at(0)->count(), days);
        double out = 0;
        for (int i = 0; i < bars->barSets().at(1)->count(); ++i)
            out += bars->barSets().at(1)->at(i);
        QCOMPARE(qint64(out),
                 scalar(u"SELECT coalesce(sum(-(shelf_delta + order_delta)), 0) FROM history "
                        "WHERE shop_id = 1 AND shelf_delta + order_delta < 0"_s));
        const qint64 sold = scalar(u"SELECT coalesce(sum(-(shelf_delta + order_delta)), 0) "
                                   "FROM history WHERE shop_id = 1 AND action = 'sold'"_s);
        const QList<qint64> hours = page.data().salesByHour;
        QCOMPARE(std::accumulate(hours.begin(), hours.end(), qint64(0)), sold);
        QCOMPARE(page.numbers(ReportsPage::SalesByHour)->rowCount(), 24);
        QVERIFY(page.numbers(ReportsPage::TopProducts)->rowCount() > 0);
        QCOMPARE(page.numbers(ReportsPage::StockValue)->rowCount(), 1);
        QCOMPARE(page.data().stockValue.value(0).value,
                 scalar(u"SELECT sum((shelf_qty + order_qty)::bigint * price) FROM stocks "
                        "WHERE shop_id = 1"_s));

        const QString png = m_dir.filePath(u"chart.png"_s);
        QVERIFY(page.exportChartPng(ReportsPage::Movements, png));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 300);
        const QString pdf = m_dir.filePath(u"report.pdf"_s);
        QVERIFY(page.exportPdf(pdf));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.size() > 20000); // four charts as pictures
    }

    // Head-office mode: the History and Reports pages show the shop chosen in
    // the toolbar, as the Stock and Orders pages do, and follow it to the
    // next shop chosen there.
    void theHeadOfficeSeesTheChosenShopsHistoryAndReports()
    {
        AppSettings().setHeadOfficeShopId(0);
        MainWindow window(sessionFor(u"office"_s, u"office123"_s));
        window.resize(1300, 850);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *history = window.findChild<HistoryPage *>();
        auto *reports = window.findChild<ReportsPage *>();
        const auto shopName = [this](qint64 id) {
            return Sql::scalar(m_tdb->db(), u"SELECT name FROM shops WHERE id = ?"_s, {id})
                .value()
                .toString();
        };
        // What the History page lists: every row of `shopId`, and only them.
        const auto historyShows = [&](qint64 shopId) {
            QVERIFY(window.showPage(u"history"_s));
            auto *box = history->filterBar()->findChild<QComboBox *>(u"historyShop"_s);
            QTRY_COMPARE_WITH_TIMEOUT(box->currentText(), shopName(shopId), 20000);
            HistoryModel *model = history->model();
            QTRY_VERIFY_WITH_TIMEOUT(model->totalKnown() && !model->isLoading(), 20000);
            QCOMPARE(model->total(),
                     scalar(u"SELECT count(*) FROM history WHERE shop_id = ?"_s, {shopId}));
            QVERIFY(model->rowCount() > 0);
            for (int row = 0; row < model->rowCount(); ++row)
                QCOMPARE(model->index(row, HistoryModel::Shop).data().toString(), shopName(shopId));
        };
        // What the Reports page shows: that shop's figures.
        const auto reportsShow = [&](qint64 shopId) {
            QVERIFY(window.showPage(u"reports"_s));
            auto *box = reports->filterBar()->findChild<QComboBox *>(u"historyShop"_s);
            QTRY_COMPARE_WITH_TIMEOUT(box->currentText(), shopName(shopId), 20000);
            QTableWidget *byShop = reports->numbers(ReportsPage::StockValue);
            QTRY_VERIFY_WITH_TIMEOUT(byShop->rowCount() == 1 && byShop->item(0, 0) &&
                                         byShop->item(0, 0)->text() == shopName(shopId),
                                     20000);
            QCOMPARE(reports->data().stockValue.size(), 1);
        };

        // It opens on the session's shop.
        historyShows(1);
        reportsShow(1);

        // Another shop from the toolbar (Ctrl+Shift+O, the arrows, Enter).
        auto *selector = window.findChild<QComboBox *>(u"shopSelector"_s);
        QTRY_VERIFY_WITH_TIMEOUT(selector->findData(2) >= 0, 20000);
        QTest::keyClick(&window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
        QAbstractItemView *list = selector->view();
        QTRY_VERIFY(list->isVisible());
        const int target = selector->findData(2);
        while (list->currentIndex().row() != target)
            QTest::keyClick(list, list->currentIndex().row() < target ? Qt::Key_Down : Qt::Key_Up);
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_VERIFY(!list->isVisible());
        QCOMPARE(window.session().shop.id, 2);
        // The Reports page is the one on screen: it follows at once.
        reportsShow(2);
        historyShows(2);
        AppSettings().setHeadOfficeShopId(0);
    }
};

QTEST_MAIN(TestHistoryPage)
#include "tst_historypage.moc"
