// The Sync page and the status bar, driven as a manager would, against the
// real shopdesk-central process.

#include "CentralProcess.h"
#include "DemoSession.h"
#include "TestDatabase.h"
#include "app/sync/CentralClient.h"
#include "app/sync/SyncEngine.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "models/settings/AppStateStore.h"
#include "models/shops/ShopStore.h"
#include "models/stock/StockStore.h"
#include "ui/MainWindow.h"
#include "ui/common/MessageBanner.h"
#include "ui/sync/SyncPage.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

// Stands for the user's language: marks every sentence that says why central
// refused an event, so the test sees the page says it through tr() rather
// than in central's words.
class MarkingTranslator : public QTranslator
{
public:
    static inline const QString kMark = u"[ru] "_s;

    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *, int) const override
    {
        if (qstrcmp(context, "RefusalReason") != 0)
            return {};
        return kMark + QString::fromUtf8(sourceText);
    }
};

QStringList rows(const QSqlDatabase &db, const QString &sql, const QString &value)
{
    auto q = Sql::run(db, sql, {value});
    if (!q)
        return {q.error().message};
    QStringList out;
    while (q.value().next())
        out << u"%1|%2|%3"_s.arg(q.value().value(0).toString(), q.value().value(1).toString(),
                                 q.value().value(2).toString());
    return out;
}

} // namespace

class TestSyncPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::TestDatabase> m_shop;
    std::unique_ptr<test::TestDatabase> m_centralDb;
    std::unique_ptr<test::CentralProcess> m_central;

    template<typename T>
    static T *child(QWidget *parent, const QString &name)
    {
        T *widget = parent->findChild<T *>(name);
        if (!widget)
            qWarning() << "no child" << name;
        return widget;
    }

    bool syncOnce(SyncEngine &engine)
    {
        QSignalSpy finished(&engine, &SyncEngine::finished);
        engine.syncNow();
        return finished.wait(60000) && finished.first().at(0).toBool();
    }

private slots:
    void initTestCase()
    {
        AppSettings::setFilePath(m_dir.filePath(u"settings.ini"_s));
        m_centralDb = std::make_unique<test::TestDatabase>(u"syncpage_central"_s);
        QVERIFY2(m_centralDb->isReady(), qPrintable(m_centralDb->errorText()));
        m_central = std::make_unique<test::CentralProcess>(
            QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk-central"), m_centralDb->config().toUrl());
        QVERIFY2(m_central->start(), qPrintable(m_central->errorText()));
        m_shop = std::make_unique<test::TestDatabase>(u"syncpage_shop"_s);
        QVERIFY2(m_shop->isReady(), qPrintable(m_shop->errorText()));
        DemoOptions options;
        options.customers = 10;
        options.history = 100;
        QVERIFY2(m_shop->fillWithDemo(options), qPrintable(m_shop->errorText()));
    }

    void cleanupTestCase()
    {
        QThreadPool::globalInstance()->waitForDone();
        Database::closeThreadConnection();
        m_central.reset();
        m_shop.reset();
        m_centralDb.reset();
    }

    void managerConnectsAShopWithGoodsAndSeesWhyAnEventWasRefused()
    {
        const Session manager = test::demoSession(*m_shop, u"manager"_s, u"manager123"_s);
        QString error;
        const QByteArray token = m_central->issueToken(manager.shop.code, &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));

        MainWindow window(manager);
        window.resize(1300, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPage(u"sync"_s));
        auto *page = window.findChild<SyncPage *>();
        QVERIFY(page);
        auto *url = child<QLineEdit>(page, u"centralUrl"_s);
        auto *code = child<QLineEdit>(page, u"centralShopCode"_s);
        auto *tokenEdit = child<QLineEdit>(page, u"centralToken"_s);
        auto *save = child<QPushButton>(page, u"saveCentral"_s);
        auto *banner = page->findChild<MessageBanner *>();
        QVERIFY(url && code && tokenEdit && save && banner);
        QVERIFY(url->isEnabled());
        QCOMPARE(tokenEdit->echoMode(), QLineEdit::Password);
        QCOMPARE(child<QLabel>(&window, u"syncStatus"_s)->text(), u"Central: not set up"_s);

        // A URL that is not a server's is refused, naming the field; nothing is saved.
        QTest::keyClicks(url, u"ftp://files.example"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(banner->text().startsWith(u"URL:"_s), qPrintable(banner->text()));
        QCOMPARE(AppSettings().centralUrl(), QString());

        QSignalSpy changed(&window, &MainWindow::centralSettingsChanged);
        url->clear();
        QTest::keyClicks(url, m_central->baseUrl().toString());
        QTest::keyClicks(code, manager.shop.code);
        QTest::keyClicks(tokenEdit, QString::fromLatin1(token));
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(changed.wait(15000));
        QCOMPARE(AppSettings().centralUrl(), m_central->baseUrl().toString());
        QCOMPARE(AppSettings().centralShopCode(), manager.shop.code);
        QVERIFY(tokenEdit->text().isEmpty());
        // The token went to the shop's database, not to the settings file.
        QCOMPARE(AppStateStore(m_shop->db())
                     .value(QString::fromLatin1(AppStateStore::kCentralToken))
                     .value(),
                 QString::fromLatin1(token));
        AppSettings().sync();
        QFile ini(AppSettings::filePath());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains(token));

        // The shop had goods and sales before it was enrolled: a sale now,
        // and a change of another shop's stock made at this till (this
        // database holds the chain's three shops; the token is this one's).
        const QString plu =
            Sql::scalar(m_shop->db(),
                        u"SELECT plu FROM stocks WHERE shop_id = ? AND shelf_qty > 0 LIMIT 1"_s,
                        {manager.shop.id})
                .value()
                .toString();
        StockAdjustment sale {manager.shop.id, plu, StockQuantity::Shelf, 1, u"sold"_s};
        QVERIFY(StockStore(m_shop->db()).decrease(manager.actor, sale));
        const Shop other = ShopStore(m_shop->db()).byId(2).value();
        QVERIFY2(!m_central->issueToken(other.code, &error).isEmpty(), qPrintable(error));
        StockAdjustment delivery {other.id, plu, StockQuantity::Shelf, 5, u"delivered"_s};
        QVERIFY(StockStore(m_shop->db()).increase(manager.actor, delivery));

        MarkingTranslator usersLanguage;
        QCoreApplication::installTranslator(&usersLanguage);
        CentralClient client(m_central->baseUrl());
        client.setToken(token);
        SyncEngine engine(&client);
        engine.setShopCode(manager.shop.code);
        window.setSyncMonitor(&engine);
        QVERIFY(syncOnce(engine));

        // One sync took the shop's catalog and stock to central, the sale
        // too; only the other shop's change was refused.
        const QString stock = u"SELECT s.plu, s.shelf_qty, s.order_qty FROM stocks s "
                              "JOIN shops sh ON sh.id = s.shop_id WHERE sh.code = ? "
                              "ORDER BY s.plu"_s;
        QCOMPARE(rows(m_centralDb->db(), stock, manager.shop.code),
                 rows(m_shop->db(), stock, manager.shop.code));
        QCOMPARE(Sql::scalar(m_centralDb->db(), u"SELECT count(*) FROM products"_s).value(),
                 Sql::scalar(m_shop->db(), u"SELECT count(*) FROM products"_s).value());
        // Refused is not unsent, on the page and in the status bar.
        auto *status = child<QLabel>(&window, u"syncStatus"_s);
        QVERIFY2(status->text().contains(u"online"_s), qPrintable(status->text()));
        QVERIFY2(status->text().contains(u"0 unsent · 1 refused"_s), qPrintable(status->text()));
        QCOMPARE(child<QLabel>(page, u"unsentCount"_s)->text(), u"0"_s);
        QCOMPARE(child<QLabel>(page, u"rejectedCount"_s)->text(), u"1"_s);
        auto *table = child<QTableView>(page, u"pendingEvents"_s);
        // The table reloads after each batch, so a load taken mid-sync may
        // still show the event waiting; the last load must say refused.
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QTRY_COMPARE(table->model()->index(0, 4).data().toString(), u"refused"_s);
        // Why, in the user's language and saying what to do; central's own
        // code and words behind it.
        const QModelIndex why = table->model()->index(0, 5);
        QVERIFY2(why.data().toString().startsWith(MarkingTranslator::kMark),
                 qPrintable(why.data().toString()));
        QVERIFY2(why.data().toString().contains(u"%1's own till"_s.arg(other.code)),
                 qPrintable(why.data().toString()));
        QVERIFY2(why.data(Qt::ToolTipRole).toString().startsWith(u"forbidden: "_s),
                 qPrintable(why.data(Qt::ToolTipRole).toString()));

        // A manager's retry sends it again; central refuses it again.
        QSignalSpy finished(&engine, &SyncEngine::finished);
        QTest::mouseClick(child<QAbstractButton>(page, u"retryRejected"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QTRY_COMPARE(table->model()->index(0, 3).data().toString(), u"2"_s);
        QCOMPARE(child<QLabel>(page, u"rejectedCount"_s)->text(), u"1"_s);
        QCOMPARE(child<QLabel>(page, u"unsentCount"_s)->text(), u"0"_s);
        QCoreApplication::removeTranslator(&usersLanguage);
        window.setSyncMonitor(nullptr);
    }

    void cashierMaySyncButNotReconfigure()
    {
        const Session cashier = test::demoSession(*m_shop, u"cashier"_s, u"cashier123"_s);
        SyncPage page(cashier);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!child<QLineEdit>(&page, u"centralUrl"_s)->isEnabled());
        QVERIFY(!child<QLineEdit>(&page, u"centralToken"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(&page, u"saveCentral"_s)->isEnabled());
        QVERIFY(!child<QAbstractButton>(&page, u"retryRejected"_s)->isEnabled());
        // Without a running sync there is nothing to start.
        QVERIFY(!child<QAbstractButton>(&page, u"syncNow"_s)->isEnabled());
        QCOMPARE(child<QLabel>(&page, u"syncState"_s)->text(),
                 u"not set up: this shop works on its own"_s);
    }
};

QTEST_MAIN(TestSyncPage)
#include "tst_syncpage.moc"
