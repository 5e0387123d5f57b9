#include "DemoSession.h"
#include "TestDatabase.h"
#include "WhenModal.h"
#include "models/core/Sql.h"
#include "models/customers/CustomerModel.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "models/staff/StaffStore.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"
#include "ui/customers/CustomerDialog.h"
#include "ui/customers/CustomersPage.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The Customers page driven like a manager would.
class TestCustomersPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    Session managerSession() { return test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s); }
    qint64 count(const QString &sql) { return Sql::scalar(m_tdb->db(), sql).value().toLongLong(); }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"customerspage"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 5000;
        options.history = 10;
        options.products = 20;
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

    void searchEditAndReset()
    {
        CustomersPage page(managerSession());
        page.resize(1100, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        CustomerModel *model = page.model();
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(5000), 20000);

        // Search: typed, debounced, counted on the server.
        const QString lastName =
            Sql::scalar(
                m_tdb->db(),
                u"SELECT last_name FROM customers WHERE last_name ~ '^[A-Za-z]+$' ORDER BY id LIMIT 1"_s)
                .value()
                .toString();
        const qint64 matches =
            count(u"SELECT count(*) FROM customers WHERE (first_name || ' ' || last_name) "
                  "~* '(^|[ -])%1'"_s.arg(lastName)); // a word that starts so
        QTest::keyClicks(page.findChild<QLineEdit *>(u"customerSearch"_s), lastName);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), matches, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(model->customerAt(0).has_value(), 20000);

        // Edit the first one through the form.
        const Customer before = *model->customerAt(0);
        page.table()->setFocus();
        page.table()->setCurrentIndex(model->index(0, 0));
        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<CustomerDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *age = dialog->findChild<QSpinBox *>(u"age"_s);
            age->setValue(77);
            auto *first = dialog->findChild<QLineEdit *>(u"firstName"_s);
            first->clear();
            // An empty name is refused in the form, nothing is sent.
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
            QVERIFY(dialog->isVisible());
            QVERIFY(dialog->findChild<MessageBanner *>()->text().contains(u"first name"_s));
            QTest::keyClicks(first, u"Zinaida"_s); // QTest types ASCII only
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
        });
        QTest::keyClick(page.table(), Qt::Key_E, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(
            count(u"SELECT age FROM customers WHERE id = %1"_s.arg(before.id)), qint64(77), 15000);
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT first_name FROM customers WHERE id = ?"_s,
                             {before.id})
                     .value()
                     .toString(),
                 u"Zinaida"_s);

        // Reset problems: the question says beforehand exactly how many it
        // will clear; No clears nothing, Yes clears that many.
        const qint64 flagged = count(u"SELECT count(*) FROM customers WHERE problems"_s);
        QVERIFY(flagged > 1);
        Confirm::setAnswerForTests(std::nullopt); // the real question box
        auto restoreAnswer = qScopeGuard([] { Confirm::setAnswerForTests(true); });
        QStringList asked;
        auto answer = [&asked](QMessageBox::StandardButton button) {
            return test::whenModal<QMessageBox>([&asked, button](QMessageBox *box) {
                asked << box->text();
                box->button(button)->click();
            });
        };
        QSignalSpy reset(&page, &CustomersPage::problemsReset);
        {
            auto no = answer(QMessageBox::No);
            page.resetProblems();
            QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
        }
        const QString expected =
            u"Clear the problems flag of %1 customer(s)?"_s.arg(QLocale().toString(flagged));
        QCOMPARE(asked.at(0), expected);
        QTest::qWait(100);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(count(u"SELECT count(*) FROM customers WHERE problems"_s), flagged);
        {
            auto yes = answer(QMessageBox::Yes);
            page.resetProblems();
            QVERIFY(reset.wait(20000));
        }
        QCOMPARE(asked.value(1), expected);
        QCOMPARE(reset.takeFirst().at(0).toLongLong(), flagged);
        auto *banner = page.findChild<MessageBanner *>();
        QVERIFY2(banner->text().contains(u"had problems; all cleared"_s),
                 qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QLocale().toString(flagged)));
        // Nothing left to clear: said so, no question, nothing run.
        page.resetProblems();
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"nothing to clear"_s), 20000);
        QCOMPARE(asked.size(), 2);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(count(u"SELECT count(*) FROM customers WHERE problems"_s), qint64(0));
    }

    void exportWritesTheFilteredSet()
    {
        CustomersPage page(managerSession());
        CustomerModel *model = page.model();
        QTRY_VERIFY_WITH_TIMEOUT(model->totalCount() > 0, 20000);
        page.findChild<QSpinBox *>(u"ageMin"_s)->setValue(60);
        const qint64 expected = count(u"SELECT count(*) FROM customers WHERE age >= 60"_s);
        QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), expected, 20000);
        QSignalSpy exported(&page, &CustomersPage::exported);
        const QString path = m_dir.filePath(u"customers.csv"_s);
        page.exportTo(path);
        QVERIFY(exported.wait(30000));
        QCOMPARE(exported.first().at(1).toLongLong(), expected);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), expected + 1); // the header and one line per customer
    }
};

QTEST_MAIN(TestCustomersPage)
#include "tst_customerspage.moc"
