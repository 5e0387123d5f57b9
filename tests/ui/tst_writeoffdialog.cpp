#include "DemoSession.h"
#include "WhenModal.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/documents/WriteOffLinesModel.h"
#include "models/settings/AppSettings.h"
#include "models/staff/StaffStore.h"
#include "ui/common/Confirm.h"
#include "ui/common/ManagerApprovalDialog.h"
#include "ui/common/MessageBanner.h"
#include "ui/documents/WriteOffDialog.h"
#include "ui/documents/WriteOffSettingsDialog.h"
#include "ui/documents/WriteOffsDialog.h"
#include "ui/settings/SettingsPage.h"
#include "ui/stock/StockPage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// A stock keeper writes off spoiled goods with real widgets over the demo
// shop: scanned, worth more than the threshold, refused with a wrong PIN,
// posted with the manager's PIN, and read back from the list and the
// history (issue 18, item 5).
class TestWriteOffDialog : public QObject
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
        m_tdb = std::make_unique<test::TestDatabase>(u"writeoffdialog"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 10;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        // The manager approves with a PIN.
        const Actor admin = test::demoSession(*m_tdb, u"admin"_s, u"admin123"_s).actor;
        const qint64 manager = scalar(u"SELECT id FROM staff WHERE login = 'manager'"_s);
        QVERIFY(StaffStore(m_tdb->db()).setPin(admin, manager, u"2468"_s).ok());
        Confirm::setAnswerForTests(true);
    }
    void cleanupTestCase()
    {
        Confirm::setAnswerForTests(std::nullopt);
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    void theStockPageOpensWriteOffsForAKeeper()
    {
        StockPage page(keeper());
        auto *action = page.findChild<QAction *>(u"writeOffs"_s);
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
        StockPage cashierPage(test::demoSession(*m_tdb, u"cashier"_s, u"cashier123"_s));
        QVERIFY(!cashierPage.findChild<QAction *>(u"writeOffs"_s)->isEnabled());
    }

    void aKeeperWritesOffSpoiledGoodsWithTheManagersPin()
    {
        // A piece product with a barcode whose shelf holds more than
        // 1,000.00 worth (at its cost, else its price): enough of it to be
        // above the threshold.
        auto q = Sql::run(m_tdb->db(),
                          u"SELECT p.plu, p.barcode, coalesce(s.cost, p.price), s.shelf_qty "
                          "FROM products p JOIN stocks s ON s.product_id = p.id AND s.shop_id = 1 "
                          "WHERE p.active AND NOT p.sold_by_weight AND p.barcode IS NOT NULL "
                          "AND coalesce(s.cost, p.price) BETWEEN 100 AND 100000 "
                          "AND s.shelf_qty * coalesce(s.cost, p.price) > 100000 + "
                          "coalesce(s.cost, p.price) ORDER BY p.id LIMIT 1"_s);
        QVERIFY(q && q.value().next());
        const QString plu = q.value().value(0).toString();
        const QString barcode = q.value().value(1).toString();
        const qint64 cost = q.value().value(2).toLongLong();
        const int quantity = int(100000 / cost) + 1;
        const qint64 before = shelf(plu);
        QVERIFY(before >= quantity);

        WriteOffsDialog list(keeper());
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        QSignalSpy opened(&list, &WriteOffsDialog::writeOffOpened);
        QTest::keyClick(&list, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(opened.size(), 1);
        auto *dialog = opened.first().first().value<WriteOffDialog *>();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *reason = child<QComboBox>(dialog, u"reason"_s);
        auto *scanField = child<QLineEdit>(dialog, u"scan"_s);
        QVERIFY(reason && scanField);
        QTRY_COMPARE(reason->count(), 5);
        QCOMPARE(reason->currentText(), u"Spoiled"_s);
        child<QLineEdit>(dialog, u"note"_s)->insert(u"Холодильник 2"_s);

        // Scanned once, then the rest as "N*barcode".
        scanField->setFocus();
        QSignalSpy added(dialog, &WriteOffDialog::lineAdded);
        scan(scanField, barcode);
        scan(scanField, u"%1*%2"_s.arg(quantity - 1).arg(barcode));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QCOMPARE(added.size(), 2);
        QCOMPARE(dialog->lines()->rowCount(), 1);
        QCOMPARE(dialog->lines()->lines().first().quantity, quantity);
        QCOMPARE(dialog->lines()->lines().first().cost, cost);
        const qint64 total = cost * quantity;
        QVERIFY(total > 100000);
        QTRY_COMPARE(child<QLabel>(dialog, u"summary"_s)->text(),
                     u"1 line(s), worth %1 — more than %2: a manager approves it"_s.arg(
                         Money::format(total), Money::format(100000)));

        // A wrong PIN: refused, nothing leaves the shelf.
        QSignalSpy failed(dialog, &WriteOffDialog::failed);
        auto wrong = test::whenModal<ManagerApprovalDialog>([](ManagerApprovalDialog *d) {
            QTest::keyClicks(d->findChild<QLineEdit *>(u"managerLogin"_s), u"manager"_s);
            QTest::keyClicks(d->findChild<QLineEdit *>(u"managerSecret"_s), u"1357"_s);
            QTest::keyClick(d->findChild<QLineEdit *>(u"managerSecret"_s), Qt::Key_Return);
        });
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTest::keyClick(dialog, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(failed.wait(30000));
        QCOMPARE(failed.last().first().toString(), u"Wrong login or password (or PIN)."_s);
        QTRY_VERIFY(!dialog->isBusy());
        QCOMPARE(shelf(plu), before);
        QCOMPARE(dialog->writeOff().status, DocumentStatus::Draft);

        // The manager's PIN: posted.
        QSignalSpy posted(dialog, &WriteOffDialog::posted);
        auto right = test::whenModal<ManagerApprovalDialog>([](ManagerApprovalDialog *d) {
            QTest::keyClicks(d->findChild<QLineEdit *>(u"managerLogin"_s), u"manager"_s);
            QTest::keyClicks(d->findChild<QLineEdit *>(u"managerSecret"_s), u"2468"_s);
            QTest::keyClick(d->findChild<QLineEdit *>(u"managerSecret"_s), Qt::Key_Return);
        });
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QTest::keyClick(dialog, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(posted.wait(30000), qPrintable(failed.last().first().toString()));
        QCOMPARE(dialog->writeOff().status, DocumentStatus::Posted);
        QCOMPARE(dialog->writeOff().total, total);
        QCOMPARE(dialog->writeOff().approvedBy, u"Михаил Руководов"_s);
        QCOMPARE(shelf(plu), before - quantity);
        // The history shows it under its document, with the reason and the approver.
        QCOMPARE(scalar(u"SELECT count(*) FROM history h JOIN staff m ON m.id = h.approved_by "
                        "JOIN staff k ON k.id = h.staff_id WHERE h.document_id = ? "
                        "AND h.action = 'written_off' AND h.plu = ? AND h.shelf_delta = ? "
                        "AND m.login = 'manager' AND k.login = 'keeper' "
                        "AND h.reason = 'Write-off No. 1: Spoiled (Холодильник 2)'"_s,
                        {dialog->writeOff().id, plu, -quantity}),
                 1);
        // Posted: read-only.
        QVERIFY(!scanField->isVisible());
        QVERIFY(!child<QPushButton>(dialog, u"post"_s)->isVisible());
        QVERIFY(!(dialog->lines()->flags(dialog->lines()->index(0, WriteOffLinesModel::Quantity)) &
                  Qt::ItemIsEditable));

        // The list shows it once the write-off is closed.
        QSignalSpy loaded(&list, &WriteOffsDialog::loaded);
        dialog->reject();
        QVERIFY(loaded.wait(20000));
        QTreeWidgetItem *top = list.list()->topLevelItem(0);
        QVERIFY(top);
        QCOMPARE(top->text(1), u"posted"_s);
        QCOMPARE(top->text(2), u"Spoiled"_s);
        QCOMPARE(top->text(5), Money::format(total));
        QCOMPARE(top->text(8), u"Михаил Руководов"_s);
    }

    // More than the shelf holds: refused naming the line, nothing written.
    void moreThanTheShelfHoldsIsRefused()
    {
        auto q = Sql::run(m_tdb->db(),
                          u"SELECT p.plu, s.shelf_qty FROM products p JOIN stocks s ON "
                          "s.product_id = p.id AND s.shop_id = 1 WHERE p.active AND NOT "
                          "p.sold_by_weight AND s.shelf_qty BETWEEN 1 AND 50 "
                          "AND coalesce(s.cost, p.price) * (s.shelf_qty + 1) < 100000 "
                          "ORDER BY p.id LIMIT 1"_s);
        QVERIFY(q && q.value().next());
        const QString plu = q.value().value(0).toString();
        const int onShelf = q.value().value(1).toInt();
        WriteOffDialog dialog(keeper(), 0);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(child<QComboBox>(&dialog, u"reason"_s)->count() == 5);
        auto *scanField = child<QLineEdit>(&dialog, u"scan"_s);
        scan(scanField, u"%1*%2"_s.arg(onShelf + 1).arg(plu));
        QTRY_VERIFY(!dialog.isBusy());
        QCOMPARE(dialog.lines()->rowCount(), 1);
        const qint64 history = scalar(u"SELECT count(*) FROM history"_s);
        QSignalSpy failed(&dialog, &WriteOffDialog::failed);
        dialog.post();
        QVERIFY(failed.wait(30000));
        QCOMPARE(failed.first().first().toString(),
                 u"Line 1 (PLU %1): only %2 on the shelf; cannot write off %3."_s.arg(plu)
                     .arg(onShelf)
                     .arg(onShelf + 1));
        QTRY_VERIFY(!dialog.isBusy());
        QCOMPARE(shelf(plu), onShelf);
        QCOMPARE(scalar(u"SELECT count(*) FROM history"_s), history);
        QCOMPARE(dialog.writeOff().status, DocumentStatus::Draft);
        dialog.lines()->setLines({}); // nothing to keep
    }

    // A manager adds a reason, switches one off and lowers the threshold
    // from Settings; a stock keeper may not.
    void aManagerSetsTheReasonsAndTheThreshold()
    {
        SettingsPage keeperPage(keeper());
        QVERIFY(!keeperPage.findChild<QPushButton *>(u"writeOffSettings"_s)->isEnabled());
        const Session manager = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        SettingsPage page(manager);
        QVERIFY(page.findChild<QPushButton *>(u"writeOffSettings"_s)->isEnabled());

        WriteOffSettingsDialog dialog(manager.actor);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy loaded(&dialog, &WriteOffSettingsDialog::loaded);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(dialog.reasons()->topLevelItemCount(), 5);
        QCOMPARE(child<QLineEdit>(&dialog, u"threshold"_s)->text(), Money::formatPlain(100000));

        QSignalSpy saved(&dialog, &WriteOffSettingsDialog::saved);
        auto *name = child<QLineEdit>(&dialog, u"newReason"_s);
        name->insert(u"Съели мыши"_s); // Cyrillic: QTest types ASCII only
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(saved.wait(20000));
        QVERIFY(loaded.wait(20000));
        QCOMPARE(dialog.reasons()->topLevelItemCount(), 6);
        QCOMPARE(dialog.reasons()->topLevelItem(5)->text(0), u"Съели мыши"_s);
        // The same name again is refused, naming it.
        QSignalSpy failed(&dialog, &WriteOffSettingsDialog::failed);
        name->insert(u"съели мыши"_s);
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().first().toString(),
                 u"There already is a reason called \"съели мыши\"."_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM write_off_reasons"_s), 6);

        // Theft switched off: no longer offered.
        dialog.reasons()->topLevelItem(3)->setCheckState(0, Qt::Unchecked);
        QVERIFY(saved.wait(20000));
        QCOMPARE(scalar(u"SELECT count(*) FROM write_off_reasons WHERE active"_s), 5);
        QCOMPARE(scalar(u"SELECT count(*) FROM write_off_reasons WHERE code = 'theft' AND NOT "
                        "active"_s),
                 1);

        // A threshold that is not an amount is refused; 500.00 is kept.
        auto *threshold = child<QLineEdit>(&dialog, u"threshold"_s);
        threshold->selectAll();
        QTest::keyClicks(threshold, u"five"_s);
        QTest::keyClick(threshold, Qt::Key_Return);
        QCOMPARE(failed.size(), 2);
        QVERIFY(failed.last().first().toString().startsWith(u"Approval threshold:"_s));
        threshold->selectAll();
        QTest::keyClicks(threshold, u"500.00"_s);
        QTest::keyClick(threshold, Qt::Key_Return);
        QVERIFY(saved.wait(20000));
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT value FROM app_state WHERE key = "
                             "'write_off_approval_threshold'"_s)
                     .value()
                     .toString(),
                 u"50000"_s);

        // A keeper's next write-off offers the new reason and not theft.
        WriteOffDialog writeOff(keeper(), 0);
        auto *reason = child<QComboBox>(&writeOff, u"reason"_s);
        QTRY_COMPARE(reason->count(), 5);
        QVERIFY(reason->findText(u"Съели мыши"_s) >= 0);
        QCOMPARE(reason->findText(u"Theft"_s), -1);
    }
};

QTEST_MAIN(TestWriteOffDialog)
#include "tst_writeoffdialog.moc"
