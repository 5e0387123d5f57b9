#include "TestDatabase.h"
#include "db/Sql.h"
#include "store/SetupStore.h"
#include "store/StaffStore.h"

#include "db/Database.h"

#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace shopdesk;

class TestStaffStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    qint64 m_shopId = 0;
    qint64 m_adminId = 0;

    qint64 staffCount() { return StaffStore(m_tdb->db()).count().value(); }

    static NewStaff person(const QString &login, Role role = Role::Cashier)
    {
        return NewStaff {login, u"Name of %1"_s.arg(login), role, u"password-%1"_s.arg(login)};
    }

private slots:
    void init()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"staff"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        QVERIFY2(m_tdb->migrate(), qPrintable(m_tdb->errorText()));
    }
    void cleanup() { m_tdb.reset(); }

    void firstRunCreatesShopAndAdministrator()
    {
        QCOMPARE(staffCount(), 0);
        auto created =
            SetupStore(m_tdb->db()).initialize(u"MAIN"_s, u"Corner shop"_s, person(u"boss"_s));
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        QCOMPARE(staffCount(), 1);
        auto actor =
            StaffStore(m_tdb->db()).authenticate(u"boss"_s, u"password-boss"_s, created->shopId);
        QVERIFY(actor.ok());
        QCOMPARE(actor->role, Role::Admin); // whatever role was asked for
        QCOMPARE(actor->staffId, created->adminId);
        QCOMPARE(actor->shopId, created->shopId);

        // Once set up, nobody can use the first-run path to add another admin.
        auto again =
            SetupStore(m_tdb->db()).initialize(u"MAIN"_s, u"Corner shop"_s, person(u"intruder"_s));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, StoreError::Code::Conflict);
        QCOMPARE(staffCount(), 1);
    }

    // Two tills set up the same empty database at the same moment: one admin.
    void concurrentFirstRunsMakeOneAdministrator()
    {
        std::atomic<int> created {0}, conflicts {0};
        std::vector<std::thread> tills;
        const DbConfig config = m_tdb->config();
        for (int i = 0; i < 6; ++i) {
            tills.emplace_back([&, i] {
                ScopedConnection conn(config, u"till-%1"_s.arg(i));
                auto r = SetupStore(conn.db()).initialize(u"S%1"_s.arg(i), u"Shop"_s,
                                                          person(u"admin%1"_s.arg(i)));
                if (r.ok())
                    ++created;
                else if (r.error().code == StoreError::Code::Conflict)
                    ++conflicts;
            });
        }
        for (auto &t : tills)
            t.join();
        QCOMPARE(created.load(), 1);
        QCOMPARE(conflicts.load(), 5);
        QCOMPARE(staffCount(), 1);
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM shops"_s).value().toInt(), 1);
    }

    void invalidFirstRunWritesNothing_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("shopName");
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("field");
        QTest::newRow("shop code with space")
            << u"MY SHOP"_s << u"Shop"_s << u"admin"_s << u"longenough"_s << u"code"_s;
        QTest::newRow("empty shop name")
            << u"S1"_s << u"   "_s << u"admin"_s << u"longenough"_s << u"name"_s;
        QTest::newRow("login with capitals")
            << u"S1"_s << u"Shop"_s << u"Admin"_s << u"longenough"_s << u"login"_s;
        QTest::newRow("login with quote") << u"S1"_s << u"Shop"_s << u"a'; DROP TABLE staff; --"_s
                                          << u"longenough"_s << u"login"_s;
        QTest::newRow("short password")
            << u"S1"_s << u"Shop"_s << u"admin"_s << u"short"_s << u"password"_s;
    }
    void invalidFirstRunWritesNothing()
    {
        QFETCH(QString, code);
        QFETCH(QString, shopName);
        QFETCH(QString, login);
        QFETCH(QString, password);
        QFETCH(QString, field);
        auto created =
            SetupStore(m_tdb->db())
                .initialize(code, shopName, NewStaff {login, u"Admin"_s, Role::Admin, password});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, StoreError::Code::Invalid);
        QCOMPARE(created.error().field, field);
        QCOMPARE(staffCount(), 0);
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT count(*) FROM shops"_s).value().toInt(), 0);
    }

    void wrongPasswordAndUnknownLoginAreRefusedAlike()
    {
        auto created = SetupStore(m_tdb->db()).initialize(u"S1"_s, u"Shop"_s, person(u"boss"_s));
        QVERIFY(created.ok());
        StaffStore store(m_tdb->db());
        auto wrong = store.authenticate(u"boss"_s, u"password-bos"_s, created->shopId);
        QVERIFY(!wrong.ok());
        auto unknown = store.authenticate(u"nobody"_s, u"password-boss"_s, created->shopId);
        QVERIFY(!unknown.ok());
        // The message does not reveal which logins exist.
        QCOMPARE(wrong.error().message, unknown.error().message);
        // Logins are case-insensitive and trimmed, passwords are not.
        QVERIFY(store.authenticate(u" BOSS "_s, u"password-boss"_s, created->shopId).ok());
        QVERIFY(!store.authenticate(u"boss"_s, u"PASSWORD-BOSS"_s, created->shopId).ok());
    }

    void fiveFailuresLockTheAccount()
    {
        auto created = SetupStore(m_tdb->db()).initialize(u"S1"_s, u"Shop"_s, person(u"boss"_s));
        QVERIFY(created.ok());
        StaffStore store(m_tdb->db());
        for (int i = 0; i < StaffStore::kMaxFailedLogins; ++i)
            QCOMPARE(store.authenticate(u"boss"_s, u"nope"_s, created->shopId).error().code,
                     StoreError::Code::Invalid);
        // Now even the right password is refused for a minute.
        auto locked = store.authenticate(u"boss"_s, u"password-boss"_s, created->shopId);
        QVERIFY(!locked.ok());
        QCOMPARE(locked.error().code, StoreError::Code::Locked);
        QVERIFY2(locked.error().message.contains(u"second"_s), qPrintable(locked.error().message));

        // When the minute is over the right password works again and clears the count.
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE staff SET locked_until = now() - interval '1 second'"_s)
                .ok());
        QVERIFY(store.authenticate(u"boss"_s, u"password-boss"_s, created->shopId).ok());
        QCOMPARE(Sql::scalar(m_tdb->db(), u"SELECT failed_logins FROM staff"_s).value().toInt(), 0);
    }

    void onlyAnAdministratorCreatesAccounts()
    {
        auto created = SetupStore(m_tdb->db()).initialize(u"S1"_s, u"Shop"_s, person(u"boss"_s));
        QVERIFY(created.ok());
        StaffStore store(m_tdb->db());
        const Actor admin =
            store.authenticate(u"boss"_s, u"password-boss"_s, created->shopId).value();

        auto cashierId = store.create(admin, person(u"kate"_s, Role::Cashier));
        QVERIFY(cashierId.ok());
        const Actor cashier =
            store.authenticate(u"kate"_s, u"password-kate"_s, created->shopId).value();
        QCOMPARE(cashier.role, Role::Cashier);

        for (Role role : {Role::Cashier, Role::StockKeeper, Role::Manager}) {
            Actor notAdmin = cashier;
            notAdmin.role = role;
            auto refused = store.create(notAdmin, person(u"sneaky"_s, Role::Admin));
            QVERIFY(!refused.ok());
            QCOMPARE(refused.error().code, StoreError::Code::Permission);
        }
        QCOMPARE(staffCount(), 2);

        auto duplicate = store.create(admin, person(u"kate"_s));
        QVERIFY(!duplicate.ok());
        QCOMPARE(duplicate.error().field, u"login"_s);
        QCOMPARE(staffCount(), 2);
    }

    void deactivatedAccountCannotSignIn()
    {
        auto created = SetupStore(m_tdb->db()).initialize(u"S1"_s, u"Shop"_s, person(u"boss"_s));
        QVERIFY(created.ok());
        QVERIFY(Sql::run(m_tdb->db(), u"UPDATE staff SET active = false"_s).ok());
        auto result =
            StaffStore(m_tdb->db()).authenticate(u"boss"_s, u"password-boss"_s, created->shopId);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, StoreError::Code::Permission);
    }

    void passwordIsNeverStored()
    {
        auto created = SetupStore(m_tdb->db()).initialize(u"S1"_s, u"Shop"_s, person(u"boss"_s));
        QVERIFY(created.ok());
        const QString stored =
            Sql::scalar(m_tdb->db(), u"SELECT password_hash FROM staff"_s).value().toString();
        QVERIFY(stored.startsWith(u"pbkdf2-sha256$"_s));
        QVERIFY(!stored.contains(u"password-boss"_s));
    }
};

QTEST_GUILESS_MAIN(TestStaffStore)
#include "tst_staffstore.moc"
