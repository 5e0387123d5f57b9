#include "DemoSession.h"
#include "WhenModal.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "ui/catalog/ProductDialog.h"
#include "ui/catalog/ProductEditDialog.h"
#include "ui/catalog/VatRateComboBox.h"
#include "ui/catalog/VatRatesDialog.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"
#include "ui/settings/SettingsPage.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The VAT rates list from the Settings page and the VAT choice in the
// product dialogs, driven with real widgets over the demo shop; what they
// did is read back from the database.
class TestVatRates : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QTemporaryDir m_dir;

    qint64 scalar(const QString &sql) const
    {
        auto v = Sql::scalar(m_tdb->db(), sql);
        return v ? v.value().toLongLong() : -1;
    }
    static int rowOf(QTableWidget *table, const QString &code)
    {
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 2)->text() == code)
                return row;
        return -1;
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_tdb = std::make_unique<test::TestDatabase>(u"vatrates"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 10;
        options.products = 20;
        QVERIFY2(m_tdb->fillWithDemo(options), qPrintable(m_tdb->errorText()));
    }
    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_tdb.reset();
    }

    // A manager opens the list from Settings, adds a rate, is told why a
    // bad one is refused, stops offering the new rate and deletes it; a rate
    // in use cannot be deleted.
    void managerEditsTheRatesList()
    {
        const Session session = test::demoSession(*m_tdb, u"manager"_s, u"manager123"_s);
        SettingsPage page(session);
        page.show();
        auto *open = page.findChild<QPushButton *>(u"vatRates"_s);
        QVERIFY(open && open->isEnabled());
        const qint64 rates = scalar(u"SELECT count(*) FROM vat_rates"_s);
        bool driven = false;
        auto answer = test::whenModal<VatRatesDialog>([&](VatRatesDialog *dialog) {
            auto *table = dialog->findChild<QTableWidget *>(u"rates"_s);
            auto *banner = dialog->findChild<MessageBanner *>();
            auto *code = dialog->findChild<QLineEdit *>(u"newCode"_s);
            auto *label = dialog->findChild<QLineEdit *>(u"newLabel"_s);
            auto *percent = dialog->findChild<QLineEdit *>(u"newPercent"_s);
            auto *add = dialog->findChild<QPushButton *>(u"add"_s);
            QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), int(rates), 20000);

            // 150 % is refused, naming the percentage; nothing is written.
            QTest::keyClicks(code, u"vat15"_s);
            QTest::keyClicks(label, u"15 %"_s);
            QTest::keyClicks(percent, u"150"_s);
            add->click();
            QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"0 to 100"_s), 20000);
            QTRY_VERIFY(add->isEnabled());
            QCOMPARE(scalar(u"SELECT count(*) FROM vat_rates"_s), rates);
            // A second 20 % is a duplicate.
            percent->clear();
            QTest::keyClicks(percent, u"20"_s);
            add->click();
            QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(u"already"_s), 20000);
            QTRY_VERIFY(add->isEnabled());
            QCOMPARE(scalar(u"SELECT count(*) FROM vat_rates"_s), rates);
            // 15 % is added and listed, selected.
            percent->clear();
            QTest::keyClicks(percent, u"15"_s);
            add->click();
            QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), int(rates) + 1, 20000);
            QCOMPARE(scalar(u"SELECT rate_bp FROM vat_rates WHERE code = 'vat15'"_s), 1500);

            // The standard rate is on every demo product: it cannot be deleted.
            auto *remove = dialog->findChild<QPushButton *>(u"remove"_s);
            auto *active = dialog->findChild<QCheckBox *>(u"active"_s);
            auto *save = dialog->findChild<QPushButton *>(u"save"_s);
            table->selectRow(rowOf(table, u"vat20"_s));
            QVERIFY(!remove->isEnabled());
            // The new rate: no longer offered, then deleted.
            table->selectRow(rowOf(table, u"vat15"_s));
            QVERIFY(active->isChecked());
            active->setChecked(false);
            save->click();
            QTRY_COMPARE_WITH_TIMEOUT(
                scalar(u"SELECT count(*) FROM vat_rates WHERE code = 'vat15' AND NOT active"_s), 1,
                20000);
            QTRY_VERIFY_WITH_TIMEOUT(remove->isEnabled(), 20000);
            // Asked first: no, and the rate stays; yes, and it goes.
            Confirm::setAnswerForTests(false);
            auto answered = qScopeGuard([] { Confirm::setAnswerForTests(std::nullopt); });
            remove->click();
            QCOMPARE(table->rowCount(), int(rates) + 1);
            QCOMPARE(scalar(u"SELECT count(*) FROM vat_rates WHERE code = 'vat15'"_s), 1);
            Confirm::setAnswerForTests(true);
            remove->click();
            QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), int(rates), 20000);
            QCOMPARE(scalar(u"SELECT count(*) FROM vat_rates WHERE code = 'vat15'"_s), 0);
            driven = true;
            dialog->reject();
        });
        open->click();
        QVERIFY(driven);
    }

    void aCashierCannotOpenTheList()
    {
        const Session session = test::demoSession(*m_tdb, u"cashier"_s, u"cashier123"_s);
        SettingsPage page(session);
        auto *open = page.findChild<QPushButton *>(u"vatRates"_s);
        QVERIFY(open && !open->isEnabled());
        QVERIFY(!open->toolTip().isEmpty());
    }

    // A stock keeper changes a product's VAT rate; the change is kept with
    // the product's other edits. A new product gets the rate chosen.
    void productDialogsChooseTheRate()
    {
        const Session session = test::demoSession(*m_tdb, u"keeper"_s, u"keeper123"_s);
        const QString plu =
            Sql::scalar(m_tdb->db(), u"SELECT min(plu) FROM products"_s).value().toString();
        ProductEditDialog edit(session.actor, plu, session.shop.timeZone);
        edit.show();
        auto *vat = edit.findChild<VatRateComboBox *>(u"vatRate"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!edit.findChild<QLineEdit *>(u"name"_s)->text().isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(vat->isLoaded(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(vat->currentCode(), u"vat20"_s, 20000);
        vat->setCurrentIndex(vat->findData(u"vat10"_s));
        QTest::keyClicks(edit.findChild<QLineEdit *>(u"reason"_s), u"food"_s);
        auto *save = edit.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 20000);
        save->click();
        QTRY_COMPARE_WITH_TIMEOUT(edit.result(), int(QDialog::Accepted), 20000);
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT vat_code FROM products WHERE plu = ?"_s, {plu})
                     .value()
                     .toString(),
                 u"vat10"_s);
        QCOMPARE(Sql::scalar(m_tdb->db(),
                             u"SELECT c.after ->> 'vat_code' FROM product_changes c "
                             "JOIN products p ON p.id = c.product_id WHERE p.plu = ?"_s,
                             {plu})
                     .value()
                     .toString(),
                 u"vat10"_s);

        ProductDialog create(session.actor);
        create.show();
        auto *newVat = create.findChild<VatRateComboBox *>(u"vatRate"_s);
        QTRY_VERIFY_WITH_TIMEOUT(newVat->isLoaded(), 20000);
        QCOMPARE(newVat->currentCode(), u"vat20"_s); // the standard rate unless chosen
        QTest::keyClicks(create.findChild<QLineEdit *>(u"plu"_s), u"VAT-NEW"_s);
        QTest::keyClicks(create.findChild<QLineEdit *>(u"name"_s), u"Newspaper"_s);
        QTest::keyClicks(create.findChild<QLineEdit *>(u"price"_s), u"30"_s);
        newVat->setCurrentIndex(newVat->findData(u"novat"_s));
        create.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_COMPARE_WITH_TIMEOUT(create.result(), int(QDialog::Accepted), 20000);
        QCOMPARE(create.product().vatCode, u"novat"_s);
    }
};

QTEST_MAIN(TestVatRates)
#include "tst_vatrates.moc"
