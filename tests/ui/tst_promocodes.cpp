// Promo codes driven as people use them: a manager makes one from the
// Orders page with the keyboard (refused while wrong, naming the field), a
// cashier sells with it (the discount on its line in the cart and on the
// receipt), and the uses report says what it cost, as SQL does.
#include "CardApproval.h"
#include "DemoSession.h"
#include "TestDatabase.h"
#include "WhenModal.h"
#include "models/checkout/CartModel.h"
#include "models/checkout/Receipt.h"
#include "models/core/Money.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "ui/checkout/CheckoutPage.h"
#include "ui/common/MessageBanner.h"
#include "ui/orders/OrdersPage.h"
#include "ui/promotions/PromoCodesDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestPromoCodes : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    qint64 scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql, values);
        return v ? v.value().toLongLong() : -1;
    }
    QString scalarText(const QString &sql) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql);
        return v ? v.value().toString() : QString();
    }
    static void type(QWidget *field, const QString &text) { QTest::keyClicks(field, text); }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"promocodes"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 100;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE stocks SET shelf_qty = 50 WHERE shop_id = 1"_s).ok());
        QVERIFY(m_tdb->openShift(1));
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    // Ctrl+Shift+M on the Orders page; the code typed, each mistake named
    // under the form with Save off, then saved with Enter; a duplicate is
    // refused by the database, naming the code.
    void managerMakesACodeByKeyboard()
    {
        const Session session = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        OrdersPage page(session);
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        bool driven = false;
        auto driver = test::whenModal<PromoCodesDialog>([&](PromoCodesDialog *dialog) {
            auto *table = dialog->findChild<QTableWidget *>(u"codes"_s);
            auto *code = dialog->findChild<QLineEdit *>(u"code"_s);
            auto *value = dialog->findChild<QLineEdit *>(u"value"_s);
            auto *maxUses = dialog->findChild<QLineEdit *>(u"maxUses"_s);
            auto *products = dialog->findChild<QLineEdit *>(u"products"_s);
            auto *problem = dialog->findChild<QLabel *>(u"problem"_s);
            auto *save = dialog->findChild<QPushButton *>(u"save"_s);
            auto *banner = dialog->findChild<MessageBanner *>();
            QTRY_VERIFY_WITH_TIMEOUT(dialog->hasLoaded(), 20000);
            QCOMPARE(table->rowCount(), 0);

            QTRY_VERIFY(code->hasFocus());
            type(code, u"spring10"_s);
            QCOMPARE(code->text(), u"SPRING10"_s); // kept in capitals
            QVERIFY(!save->isEnabled()); // no discount yet
            QVERIFY(problem->text().contains(u"percentage"_s));
            const int saveAt = save->mapTo(dialog, QPoint()).y();
            QTest::keyClick(code, Qt::Key_Tab); // the kind: percent
            QTest::keyClick(dialog->focusWidget(), Qt::Key_Tab);
            QCOMPARE(dialog->focusWidget(), value);
            type(value, u"150"_s);
            QVERIFY(!save->isEnabled());
            QVERIFY2(problem->text().contains(u"1 to 100"_s), qPrintable(problem->text()));
            QTest::keyClick(value, Qt::Key_Backspace);
            QTest::keyClick(value, Qt::Key_Backspace);
            QTest::keyClick(value, Qt::Key_Backspace);
            type(value, u"10"_s);
            QVERIFY(save->isEnabled());
            QTest::qWait(50);
            QCOMPARE(save->mapTo(dialog, QPoint()).y(), saveAt); // the form did not jump
            type(maxUses, u"0"_s);
            QVERIFY(!save->isEnabled());
            QVERIFY2(problem->text().contains(u"uses"_s), qPrintable(problem->text()));
            QTest::keyClick(maxUses, Qt::Key_Backspace);
            type(maxUses, u"5"_s);
            type(products, u"10042"_s);
            QVERIFY2(save->isEnabled(), qPrintable(problem->text()));
            QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), 0); // nothing written yet
            QTest::keyClick(products, Qt::Key_Return); // Enter saves
            QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 1, 20000);
            QCOMPARE(table->item(0, 0)->text(), u"SPRING10"_s);
            QCOMPARE(scalar(u"SELECT value FROM promo_codes WHERE code = 'SPRING10' "
                            "AND kind = 'percent' AND max_uses = 5 AND active"_s),
                     10);
            QCOMPARE(scalar(u"SELECT count(*) FROM promo_code_products x JOIN products p ON "
                            "p.id = x.product_id WHERE p.plu = '10042'"_s),
                     1);
            QVERIFY(code->isReadOnly()); // the saved code's text is fixed

            // Ctrl+N: a new one with the same text is refused by the database.
            QTest::keyClick(dialog, Qt::Key_N, Qt::ControlModifier);
            QTRY_VERIFY(code->hasFocus());
            QVERIFY(code->text().isEmpty());
            type(code, u"Spring10"_s);
            type(value, u"5"_s);
            QTest::keyClick(value, Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"already"_s), 20000);
            QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), 1);
            QTRY_VERIFY(code->hasFocus()); // the field at fault

            // A window that ends before it starts.
            QTest::keyClick(dialog, Qt::Key_N, Qt::ControlModifier);
            type(code, u"WINDOW"_s);
            type(value, u"5"_s);
            dialog->findChild<QCheckBox *>(u"hasFrom"_s)->setChecked(true);
            dialog->findChild<QCheckBox *>(u"hasUntil"_s)->setChecked(true);
            auto *from = dialog->findChild<QDateTimeEdit *>(u"validFrom"_s);
            auto *until = dialog->findChild<QDateTimeEdit *>(u"validUntil"_s);
            until->setDateTime(from->dateTime().addDays(-1));
            QVERIFY(!save->isEnabled());
            QVERIFY(problem->text().contains(u"end after it starts"_s));
            until->setDateTime(from->dateTime().addDays(1));
            QVERIFY(save->isEnabled());
            driven = true;
            dialog->reject();
        });
        QTest::keyClick(page.table(), Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(driven, 30000);
        QCOMPARE(scalar(u"SELECT count(*) FROM promo_codes"_s), 1);
    }

    // The cashier types the code: 10 % off the 10042 line only, shown on
    // that line and in the total; the receipt has it under the line, and the
    // lines add up to the order's discount.
    void cashierSellsWithTheCode()
    {
        const Session session = test::demoSession(*m_tdb, u"cashier"_s, u"cashier123"_s);
        CheckoutPage page(session);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        CartModel *cart = page.cart();
        type(page.scanField(), u"2*10042"_s);
        QTest::keyClick(page.scanField(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 1, 10000);
        type(page.scanField(), u"10070"_s);
        QTest::keyClick(page.scanField(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(cart->rowCount(), 2, 10000);
        const qint64 line42 = 2 * cart->productAt(0).price;
        const qint64 off = (line42 * 10 + 50) / 100;
        const qint64 total = cart->total();
        auto *promo = page.findChild<QLineEdit *>(u"promoCode"_s);
        type(promo, u"spring10"_s);
        QTest::keyClick(promo, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(cart->discount(), off, 10000);
        QCOMPARE(cart->discountAt(0), off);
        QCOMPARE(cart->discountAt(1), qint64(0));
        QCOMPARE(cart->index(0, CartModel::Discount).data().toString(),
                 u"−"_s + Money::format(off));
        QCOMPARE(cart->index(1, CartModel::Discount).data().toString(), QString());
        QCOMPARE(page.findChild<QLabel *>(u"cartTotal"_s)->text(), Money::format(total - off));

        auto approve = test::approveCardPayments();
        QSignalSpy paid(&page, &CheckoutPage::orderPaid);
        QTest::keyClick(page.scanField(), Qt::Key_F10);
        QVERIFY2(paid.wait(15000), qPrintable(page.findChild<MessageBanner *>()->text()));
        const auto order = paid.first().at(0).value<Order>();
        QCOMPARE(order.discount, off);
        QCOMPARE(order.total, total - off);
        QCOMPARE(order.lines.at(0).discount, off);
        QCOMPARE(order.lines.at(1).discount, qint64(0));
        QCOMPARE(scalar(u"SELECT sum(discount) FROM order_lines WHERE order_id = ?"_s, {order.id}),
                 scalar(u"SELECT discount FROM orders WHERE id = ?"_s, {order.id}));
        const QStringList receipt = Receipt::forOrder(order, session.shop, u"Cashier"_s, 0).lines;
        const qsizetype at = receipt.indexOf(QRegularExpression(
            u"^  Discount +-"_s + QRegularExpression::escape(Money::format(off)) + u"$"_s));
        QVERIFY2(at > 0, qPrintable(receipt.join(u'\n')));
        QVERIFY(receipt.at(at - 2).startsWith(order.lines.at(0).name.left(20))); // under its line
        QVERIFY(receipt.contains(Receipt::spread(u"Discount"_s, u"-"_s + Money::format(off), 42)));
        QCOMPARE(cart->discount(), qint64(0)); // the next sale starts without it
    }

    // The uses report: one use, the money it cost as SQL sums it; saved as CSV.
    void theUsesReportSaysWhatItCost()
    {
        const Session session = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        PromoCodesDialog dialog(session.actor, session.shop.timeZone);
        dialog.show();
        QSignalSpy reported(&dialog, &PromoCodesDialog::usageLoaded);
        dialog.findChild<QTabWidget *>(u"tabs"_s)->setCurrentIndex(1);
        dialog.findChild<QPushButton *>(u"showUsage"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(reported.count() > 0, 20000);
        QCOMPARE(dialog.usage().size(), 1);
        const PromoUsage row = dialog.usage().first();
        const qint64 cost = scalar(u"SELECT sum(o.discount) FROM orders o JOIN promo_codes p ON "
                                   "p.id = o.promo_code_id WHERE p.code = 'SPRING10' "
                                   "AND o.status = 'paid'"_s);
        QCOMPARE(row.code, u"SPRING10"_s);
        QCOMPARE(row.uses, 1);
        QCOMPARE(row.discount, cost);
        auto *table = dialog.findChild<QTableWidget *>(u"uses"_s);
        QCOMPARE(table->item(0, 3)->text(), Money::format(cost));
        QVERIFY(dialog.findChild<QLabel *>(u"usesTotal"_s)->text().contains(Money::format(cost)));
        const QString path = m_dir.filePath(u"uses.csv"_s);
        QVERIFY(dialog.exportUsage(path));
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QVERIFY2(text.contains(u"SPRING10,1,"_s) && text.contains(Money::plain(cost)),
                 qPrintable(text));
        // And the list shows the use too.
        QTRY_COMPARE_WITH_TIMEOUT(dialog.codes().size(), 1, 20000);
        QCOMPARE(dialog.codes().first().uses, 1);
    }

    // The list says what an empty limit means, in the form's words: a code
    // with no smallest purchase is for any purchase, one with no limits has
    // no limit, one with no window is always valid; set ones show their
    // values.
    void theListSaysWhatAnEmptyLimitMeans()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO promo_codes (code, kind, value) VALUES ('OPENALL', "
                         "'percent', 5)"_s)
                    .ok());
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO promo_codes (code, kind, value, min_total, max_uses, "
                         "valid_from) VALUES ('CAPPED', 'amount', 10000, 50000, 3, "
                         "'2026-01-01T00:00:00Z')"_s)
                    .ok());
        const Session session = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        PromoCodesDialog dialog(session.actor, session.shop.timeZone);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.hasLoaded(), 20000);
        auto *table = dialog.findChild<QTableWidget *>(u"codes"_s);
        const auto cell = [table](const QString &code, const QString &header) {
            int column = -1;
            for (int c = 0; c < table->columnCount(); ++c)
                if (table->horizontalHeaderItem(c)->text() == header)
                    column = c;
            for (int row = 0; row < table->rowCount(); ++row)
                if (table->item(row, 0)->text() == code)
                    return column < 0 ? u"(no column %1)"_s.arg(header)
                                      : table->item(row, column)->text();
            return u"(no row %1)"_s.arg(code);
        };
        const QString anyPurchase = dialog.findChild<QLineEdit *>(u"minTotal"_s)->placeholderText();
        const QString noLimit = dialog.findChild<QLineEdit *>(u"maxUses"_s)->placeholderText();
        QCOMPARE(anyPurchase, u"any purchase"_s);
        QCOMPARE(noLimit, u"no limit"_s);

        QCOMPARE(cell(u"OPENALL"_s, u"Smallest purchase"_s), anyPurchase);
        QCOMPARE(cell(u"OPENALL"_s, u"Limits"_s), noLimit);
        QCOMPARE(cell(u"OPENALL"_s, u"Valid"_s), u"always"_s);
        QCOMPARE(cell(u"OPENALL"_s, u"Uses"_s), u"0"_s);
        QCOMPARE(cell(u"OPENALL"_s, u"Given off"_s), Money::format(0));
        QCOMPARE(cell(u"CAPPED"_s, u"Smallest purchase"_s), Money::format(50000));
        QCOMPARE(cell(u"CAPPED"_s, u"Limits"_s), u"3 in all"_s);
        QVERIFY2(cell(u"CAPPED"_s, u"Valid"_s).startsWith(u"from "_s),
                 qPrintable(cell(u"CAPPED"_s, u"Valid"_s)));
        // No cell of the list is blank.
        for (int row = 0; row < table->rowCount(); ++row)
            for (int column = 0; column < table->columnCount(); ++column)
                QVERIFY2(
                    !table->item(row, column)->text().trimmed().isEmpty(),
                    qPrintable(u"row %1, %2"_s.arg(table->item(row, 0)->text(),
                                                   table->horizontalHeaderItem(column)->text())));
    }

    void aCashierHasNoPromoCodes()
    {
        const Session session = test::demoSession(*m_tdb, u"cashier"_s, u"cashier123"_s);
        OrdersPage page(session);
        auto *action = page.findChild<QAction *>(u"promoCodes"_s);
        QVERIFY(action && !action->isVisible());
    }

    // A code limited to a category, ticked from the keyboard: the list says
    // where it applies, and the database keeps the category.
    void aCodeIsLimitedToACategoryByKeyboard()
    {
        const QString path = scalarText(u"SELECT category_path(id) FROM categories "
                                        "ORDER BY category_path(id) LIMIT 1"_s);
        QVERIFY(!path.isEmpty());
        const Session session = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        PromoCodesDialog dialog(session.actor, u"Europe/Moscow"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *categories = dialog.findChild<QListWidget *>(u"categories"_s);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.hasLoaded() && categories->count() > 0, 20000);
        QCOMPARE(categories->item(0)->text(), path);
        type(dialog.findChild<QLineEdit *>(u"code"_s), u"SHELF15"_s);
        type(dialog.findChild<QLineEdit *>(u"value"_s), u"15"_s);
        categories->setFocus();
        categories->setCurrentRow(0);
        QTest::keyClick(categories, Qt::Key_Space);
        QCOMPARE(categories->item(0)->checkState(), Qt::Checked);
        auto *save = dialog.findChild<QPushButton *>(u"save"_s);
        QVERIFY(save->isEnabled());
        save->click();
        auto *table = dialog.findChild<QTableWidget *>(u"codes"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!table->findItems(u"SHELF15"_s, Qt::MatchExactly).isEmpty(),
                                 20000);
        const int row = table->findItems(u"SHELF15"_s, Qt::MatchExactly).first()->row();
        QTRY_VERIFY(table->item(row, 1)->text().contains(path));
        QCOMPARE(scalarText(u"SELECT string_agg(category_path(x.category_id), ',') FROM "
                            "promo_code_categories x JOIN promo_codes p ON p.id = x.promo_code_id "
                            "WHERE p.code = 'SHELF15'"_s),
                 path);
        // Chosen again, the code shows its category ticked.
        dialog.findChild<QPushButton *>(u"new"_s)->click();
        QCOMPARE(categories->item(0)->checkState(), Qt::Unchecked);
        table->selectRow(row);
        QTRY_COMPARE(categories->item(0)->checkState(), Qt::Checked);
    }

    // A code the head office sent is shown, marked, and cannot be changed here.
    void aCodeFromTheHeadOfficeIsShownNotChanged()
    {
        QVERIFY(Sql::run(m_tdb->db(),
                         u"INSERT INTO promo_codes (code, kind, value, from_central) "
                         "VALUES ('CHAIN7', 'percent', 7, true)"_s)
                    .ok());
        const Session session = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        PromoCodesDialog dialog(session.actor, u"Europe/Moscow"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *table = dialog.findChild<QTableWidget *>(u"codes"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!table->findItems(u"CHAIN7"_s, Qt::MatchExactly).isEmpty(), 20000);
        const int row = table->findItems(u"CHAIN7"_s, Qt::MatchExactly).first()->row();
        QVERIFY(table->item(row, 1)->text().contains(u"head office"_s));
        table->selectRow(row);
        auto *value = dialog.findChild<QLineEdit *>(u"value"_s);
        QTRY_COMPARE(value->text(), u"7"_s);
        auto *problem = dialog.findChild<QLabel *>(u"problem"_s);
        QVERIFY(problem->text().contains(u"head office"_s));
        QVERIFY(!dialog.findChild<QPushButton *>(u"save"_s)->isEnabled());
        QVERIFY(!dialog.findChild<QPushButton *>(u"deactivate"_s)->isEnabled());
        // Typing does not make it savable.
        value->selectAll();
        QTest::keyClicks(value, u"70"_s);
        QVERIFY(!dialog.findChild<QPushButton *>(u"save"_s)->isEnabled());
    }
};

QTEST_MAIN(TestPromoCodes)
#include "tst_promocodes.moc"
