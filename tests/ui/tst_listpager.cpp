#include "ui/common/ListPager.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The footer every list pages with: what it says, and where its buttons
// and keys go, over a plain model (the pages' own tests drive it over
// their real lists).
class TestListPager : public QObject
{
    Q_OBJECT

    struct List
    {
        QWidget window;
        QStandardItemModel model;
        QTableView *view;
        ListPager *pager;

        explicit List(int rows)
        {
            appendRows(rows);
            view = new QTableView(&window);
            view->setModel(&model);
            view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
            view->verticalHeader()->setDefaultSectionSize(20);
            pager = new ListPager(view, &window);
            auto *layout = new QVBoxLayout(&window);
            layout->addWidget(view);
            layout->addWidget(pager);
            window.resize(500, 400);
        }
        void appendRows(int rows)
        {
            for (int i = 0; i < rows; ++i)
                model.appendRow(new QStandardItem(QString::number(model.rowCount() + 1)));
        }
        QString status() const { return pager->statusLabel()->text(); }
        QPushButton *button(const QString &name) const
        {
            return window.findChild<QPushButton *>(name);
        }
    };

    static QString n(qint64 value) { return QLocale().toString(value); }

private slots:
    void pagesOfAChosenSize()
    {
        List list(1000);
        list.pager->setPageSize(50);
        list.pager->setTotal(ListPager::Total::Exact, 1000);
        list.window.show();
        QVERIFY(QTest::qWaitForWindowActive(&list.window));
        QCOMPARE(list.status(), u"Rows 1–50 of %1"_s.arg(n(1000)));
        QVERIFY(!list.button(u"firstPage"_s)->isEnabled());
        QVERIFY(!list.button(u"previousPage"_s)->isEnabled());

        list.button(u"nextPage"_s)->click();
        QCOMPARE(list.pager->pageStart(), 50);
        QCOMPARE(list.view->currentIndex().row(), 50);
        QCOMPARE(list.status(), u"Rows 51–100 of %1"_s.arg(n(1000)));

        // The same keys as on every list, wherever the focus is in the window
        // (A button's shortcut clicks it with a short animation: QTRY.)
        list.view->setFocus();
        QTest::keyClick(list.view, Qt::Key_PageDown, Qt::ControlModifier);
        QTRY_COMPARE(list.pager->pageStart(), 100);
        QTest::keyClick(list.view, Qt::Key_PageUp, Qt::ControlModifier);
        QTRY_COMPARE(list.pager->pageStart(), 50);
        QTest::keyClick(list.view, Qt::Key_Home, Qt::AltModifier);
        QTRY_COMPARE(list.pager->pageStart(), 0);
        QCOMPARE(list.view->currentIndex().row(), 0);

        list.pager->showPage(950);
        QCOMPARE(list.status(), u"Rows %1–%2 of %2"_s.arg(n(951), n(1000)));
        QVERIFY(!list.button(u"nextPage"_s)->isEnabled()); // the last page
        QVERIFY(list.button(u"previousPage"_s)->isEnabled());
    }

    void aPageIsWhatTheViewShows()
    {
        List list(1000);
        list.pager->setTotal(ListPager::Total::Exact, 1000);
        list.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list.window));
        const int shown = list.view->viewport()->height() / 20;
        QVERIFY(shown > 1);
        QCOMPARE(list.pager->pageSize(), shown); // a step: the rows shown in full
        // The footer names every row in view, the last one maybe in part.
        const int lastInView = list.view->rowAt(list.view->viewport()->height() - 1) + 1;
        QVERIFY(lastInView == shown || lastInView == shown + 1);
        QCOMPARE(list.status(), u"Rows 1–%1 of %2"_s.arg(n(lastInView), n(1000)));
        list.pager->nextPage();
        QCOMPARE(list.pager->pageStart(), shown);
        // Scrolling moves the page too.
        list.view->scrollToBottom();
        const int top = list.view->rowAt(0);
        QVERIFY(top > 1000 - shown - 2);
        QCOMPARE(list.pager->pageStart(), top);
        QCOMPARE(list.status(), u"Rows %1–%2 of %2"_s.arg(n(top + 1), n(1000)));
        QVERIFY(!list.button(u"nextPage"_s)->isEnabled()); // nothing after the end
    }

    void theTotalInWords()
    {
        List list(100);
        list.pager->setPageSize(50);
        list.pager->setTotal(ListPager::Total::Counting);
        QCOMPARE(list.status(), u"Rows 1–50, counting…"_s);
        list.pager->setTotal(ListPager::Total::MoreThan, 10000);
        QCOMPARE(list.status(), u"Rows 1–50 of more than %1"_s.arg(n(10000)));
        list.pager->setTotal(ListPager::Total::AtLeast, 100);
        QCOMPARE(list.status(), u"Rows 1–50 of 100 or more"_s);
        list.pager->setLoading(true);
        QCOMPARE(list.status(), u"Rows 1–50 of 100 or more  (loading more…)"_s);

        List empty(0);
        empty.pager->setLoading(true);
        QCOMPARE(empty.status(), u"Loading…"_s);
        empty.pager->setLoading(false);
        QCOMPARE(empty.status(), u"No rows match these filters."_s);
        empty.pager->setEmptyText(u"No staff accounts."_s);
        QCOMPARE(empty.status(), u"No staff accounts."_s);
        QVERIFY(!empty.button(u"nextPage"_s)->isEnabled());
    }

    void nextPastTheLoadedRowsLoadsMore()
    {
        List list(50);
        list.pager->setPageSize(50);
        list.pager->setTotal(ListPager::Total::AtLeast, 50);
        list.pager->setMoreAvailable(true);
        list.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list.window));
        QSignalSpy more(list.pager, &ListPager::moreRequested);
        QVERIFY(list.button(u"nextPage"_s)->isEnabled());
        list.button(u"nextPage"_s)->click();
        QCOMPARE(more.size(), 1);
        QCOMPARE(list.pager->pageStart(), 0); // not there yet

        // Asked once: a second Next while the rows are on their way waits.
        list.pager->setLoading(true);
        list.button(u"nextPage"_s)->click();
        QCOMPARE(more.size(), 1);

        // They arrive one by one; the page shows once they are in.
        list.appendRows(50);
        list.pager->setLoading(false);
        list.pager->setTotal(ListPager::Total::Exact, 100);
        list.pager->setMoreAvailable(false);
        QTRY_COMPARE(list.pager->pageStart(), 50);
        QCOMPARE(list.view->currentIndex().row(), 50);
        QCOMPARE(list.status(), u"Rows 51–100 of 100"_s);
        QVERIFY(!list.button(u"nextPage"_s)->isEnabled());
    }

    void scrollingToTheEndLoadsMore()
    {
        List list(60);
        list.pager->setTotal(ListPager::Total::AtLeast, 60);
        list.pager->setMoreAvailable(true);
        list.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list.window));
        QSignalSpy more(list.pager, &ListPager::moreRequested);
        list.view->scrollToBottom();
        QCOMPARE(more.size(), 1);
    }
};

QTEST_MAIN(TestListPager)
#include "tst_listpager.moc"
