#include "TestDatabase.h"
#include "models/core/Sql.h"
#include "models/setup/SetupStore.h"
#include "models/staff/StaffStore.h"

#include "models/db/Database.h"

#include <QSqlQuery>
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

    // Every column of every account, to show that a refused call wrote nothing.
    QString staffTable()
    {
        return Sql::scalar(m_tdb->db(),
                           u"SELECT coalesce(string_agg(s::text, E'\\n' ORDER BY id), '') "
                           "FROM staff s"_s)
            .value()
            .toString();
    }
    QVariant column(const QString &column, qint64 staffId)
    {
        return Sql::scalar(m_tdb->db(), u"SELECT %1 FROM staff WHERE id = ?"_s.arg(column),
                           {staffId})
            .value();
    }
    // Sessions of this database waiting for a lock.
    int lockWaiters()
    {
        auto n = Sql::scalar(m_tdb->db(),
                             u"SELECT count(*) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND wait_event_type = 'Lock'"_s);
        return n ? n->toInt() : -1;
    }
    int activeAdmins()
    {
        return Sql::scalar(m_tdb->db(),
                           u"SELECT count(*) FROM staff WHERE role = 'admin' AND active"_s)
            .value()
            .toInt();
    }
    // A fixture account that can sign in with `password-<login>`.
    Actor account(const QString &login, Role role)
    {
        const Actor actor = m_tdb->addStaff(login, role, m_shopId);
        if (actor.isValid())
            m_tdb->setPassword(actor.staffId, u"password-%1"_s.arg(login));
        return actor;
    }
    // A shop and its administrator, made directly (fast); m_shopId is set.
    Actor shopWithAdmin()
    {
        m_shopId = m_tdb->addShop(u"S1"_s, u"Shop"_s);
        return account(u"boss"_s, Role::Admin);
    }
    Result<Actor> signIn(const QString &login, const QString &secret)
    {
        return StaffStore(m_tdb->db()).authenticate(login, secret, m_shopId);
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

    // Lockouts in a row grow: a minute, two, four ... at most an hour; a good
    // sign-in starts again from a minute.
    void lockoutsInARowLastLonger()
    {
        auto created = SetupStore(m_tdb->db()).initialize(u"S1"_s, u"Shop"_s, person(u"boss"_s));
        QVERIFY(created.ok());
        StaffStore store(m_tdb->db());
        const auto lockedFor = [&] {
            return Sql::scalar(m_tdb->db(),
                               u"SELECT extract(epoch FROM locked_until - now()) "
                               "FROM staff"_s)
                .value()
                .toDouble();
        };
        const auto lockOut = [&] {
            // The previous lockout has run out; five wrong guesses again.
            QVERIFY(Sql::run(m_tdb->db(),
                             u"UPDATE staff SET locked_until = now() - interval '1 second'"_s)
                        .ok());
            for (int i = 0; i < StaffStore::kMaxFailedLogins; ++i)
                QCOMPARE(store.authenticate(u"boss"_s, u"0000"_s, created->shopId).error().code,
                         StoreError::Code::Invalid);
        };
        for (const int expected : {60, 120, 240, 480, 960, 1920, 3600, 3600}) {
            lockOut();
            const double seconds = lockedFor();
            QVERIFY2(seconds > expected - 10 && seconds <= expected,
                     qPrintable(u"locked for %1 s, expected %2 s"_s.arg(seconds).arg(expected)));
        }
        // An hour reads in minutes.
        auto locked = store.authenticate(u"boss"_s, u"password-boss"_s, created->shopId);
        QCOMPARE(locked.error().code, StoreError::Code::Locked);
        QVERIFY2(locked.error().message.contains(u"60 minute"_s),
                 qPrintable(locked.error().message));

        // A good sign-in once the lock is over: the next lockout is a minute again.
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE staff SET locked_until = now() - interval '1 second'"_s)
                .ok());
        QVERIFY(store.authenticate(u"boss"_s, u"password-boss"_s, created->shopId).ok());
        lockOut();
        const double again = lockedFor();
        QVERIFY2(again > 50 && again <= 60, qPrintable(QString::number(again)));
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

    // Every administrative call, made by each role that may not manage staff:
    // a Permission error, and not one byte of the staff table changes.
    void administrationIsRefusedForOtherRoles_data()
    {
        QTest::addColumn<Role>("role");
        QTest::newRow("cashier") << Role::Cashier;
        QTest::newRow("stock keeper") << Role::StockKeeper;
        QTest::newRow("manager") << Role::Manager;
    }
    void administrationIsRefusedForOtherRoles()
    {
        QFETCH(Role, role);
        const Actor admin = shopWithAdmin();
        StaffStore store(m_tdb->db());
        const Actor target = account(u"target"_s, Role::Cashier);
        QVERIFY(store.setPin(admin, target.staffId, u"4827"_s).ok()); // so clearing would change it
        const Actor actor = account(u"actor"_s, role);
        const QString before = staffTable();

        auto expectRefused = [&](const StoreError &error, const char *what) {
            QVERIFY2(error.code == StoreError::Code::Permission, what);
            QVERIFY2(!error.message.isEmpty(), what);
        };
        auto listed = store.list(actor);
        QVERIFY(!listed.ok());
        expectRefused(listed.error(), "list");
        auto created = store.create(actor, person(u"sneaky"_s, Role::Admin));
        QVERIFY(!created.ok());
        expectRefused(created.error(), "create");
        for (auto result : {store.setActive(actor, target.staffId, false),
                            store.setActive(actor, admin.staffId, false),
                            store.setActive(actor, actor.staffId, true),
                            store.changeRole(actor, target.staffId, Role::Admin),
                            store.changeRole(actor, actor.staffId, Role::Admin),
                            store.changeRole(actor, admin.staffId, Role::Cashier),
                            store.resetPassword(actor, target.staffId, u"new-password-1"_s),
                            store.resetPassword(actor, admin.staffId, u"short"_s),
                            store.setPin(actor, target.staffId, u"1357"_s),
                            store.setPin(actor, target.staffId, QString()),
                            store.setPin(actor, actor.staffId, u"1357"_s)}) {
            QVERIFY(!result.ok());
            expectRefused(result.error(), "setActive/changeRole/resetPassword/setPin");
        }
        QCOMPARE(staffTable(), before);
    }

    void administratorManagesAccounts()
    {
        const Actor admin = shopWithAdmin();
        StaffStore store(m_tdb->db());
        auto id = store.create(admin, person(u"kate"_s, Role::Cashier));
        QVERIFY(id.ok());

        auto listed = store.list(admin);
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), 2);
        const StaffMember kate = listed->at(1); // by login: boss, kate
        QCOMPARE(kate.id, id.value());
        QCOMPARE(kate.login, u"kate"_s);
        QCOMPARE(kate.displayName, u"Name of kate"_s);
        QCOMPARE(kate.role, Role::Cashier);
        QVERIFY(kate.active);
        QVERIFY(!kate.hasPin);
        QVERIFY(!kate.lockedUntil.isValid());
        QVERIFY(kate.createdAt.isValid());

        QVERIFY(store.changeRole(admin, kate.id, Role::Manager).ok());
        QCOMPARE(signIn(u"kate"_s, u"password-kate"_s)->role, Role::Manager);

        QVERIFY(store.setActive(admin, kate.id, false).ok());
        QVERIFY(!store.list(admin)->at(1).active);
        QCOMPARE(signIn(u"kate"_s, u"password-kate"_s).error().code, StoreError::Code::Permission);
        QVERIFY(store.setActive(admin, kate.id, true).ok());
        QVERIFY(signIn(u"kate"_s, u"password-kate"_s).ok());

        QVERIFY(store.resetPassword(admin, kate.id, u"a-new-password"_s).ok());
        QVERIFY(!signIn(u"kate"_s, u"password-kate"_s).ok());
        QVERIFY(signIn(u"kate"_s, u"a-new-password"_s).ok());

        // Bad input names its field and writes nothing.
        const QString before = staffTable();
        auto shortPassword = store.resetPassword(admin, kate.id, u"1234567"_s);
        QCOMPARE(shortPassword.error().code, StoreError::Code::Invalid);
        QCOMPARE(shortPassword.error().field, u"password"_s);
        QCOMPARE(staffTable(), before);

        // An account that does not exist is NotFound, for every call.
        const qint64 missing = kate.id + 1000;
        for (auto result :
             {store.setActive(admin, missing, false), store.setActive(admin, missing, true),
              store.changeRole(admin, missing, Role::Manager),
              store.changeRole(admin, missing, Role::Admin),
              store.resetPassword(admin, missing, u"a-new-password"_s),
              store.setPin(admin, missing, u"4827"_s)}) {
            QVERIFY(!result.ok());
            QCOMPARE(result.error().code, StoreError::Code::NotFound);
        }
        QCOMPARE(staffTable(), before);
    }

    void resetPasswordClearsTheLockout()
    {
        const Actor admin = shopWithAdmin();
        const Actor kate = account(u"kate"_s, Role::Cashier);
        for (int i = 0; i < StaffStore::kMaxFailedLogins; ++i)
            QVERIFY(!signIn(u"kate"_s, u"guess"_s).ok());
        QCOMPARE(signIn(u"kate"_s, u"password-kate"_s).error().code, StoreError::Code::Locked);
        auto listed = StaffStore(m_tdb->db()).list(admin);
        QVERIFY(listed->at(1).lockedUntil > QDateTime::currentDateTime());

        QVERIFY(StaffStore(m_tdb->db()).resetPassword(admin, kate.staffId, u"fresh-start"_s).ok());
        QVERIFY(column(u"locked_until"_s, kate.staffId).isNull());
        QCOMPARE(column(u"failed_logins"_s, kate.staffId).toInt(), 0);
        QVERIFY(signIn(u"kate"_s, u"fresh-start"_s).ok());
    }

    void theLastAdministratorIsKept()
    {
        const Actor boss = shopWithAdmin();
        const Actor second = account(u"second"_s, Role::Admin);
        StaffStore store(m_tdb->db());

        // Nobody locks themselves out.
        auto selfDeactivate = store.setActive(boss, boss.staffId, false);
        QCOMPARE(selfDeactivate.error().code, StoreError::Code::Conflict);
        auto selfDemote = store.changeRole(boss, boss.staffId, Role::Manager);
        QCOMPARE(selfDemote.error().code, StoreError::Code::Conflict);
        QCOMPARE(activeAdmins(), 2);

        // With two, one may go; then the other is the last and stays. A session
        // that still carries the administrator role of the one who went is
        // refused outright: the store asks the database who that account is now.
        QVERIFY(store.setActive(boss, second.staffId, false).ok());
        QCOMPARE(activeAdmins(), 1);
        const QString before = staffTable();
        auto deactivateLast = store.setActive(second, boss.staffId, false);
        QVERIFY(!deactivateLast.ok());
        QCOMPARE(deactivateLast.error().code, StoreError::Code::Permission);
        QVERIFY2(deactivateLast.error().message.contains(u"no longer active"_s),
                 qPrintable(deactivateLast.error().message));
        for (Role role : {Role::Manager, Role::StockKeeper, Role::Cashier}) {
            auto demoteLast = store.changeRole(second, boss.staffId, role);
            QVERIFY(!demoteLast.ok());
            QCOMPARE(demoteLast.error().code, StoreError::Code::Permission);
        }
        // Nor may the stale session bring its own account back.
        QCOMPARE(store.setActive(second, second.staffId, true).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(staffTable(), before);

        // An inactive administrator is no help, and demoting one is harmless.
        QVERIFY(store.changeRole(boss, second.staffId, Role::Cashier).ok());
        QVERIFY(store.changeRole(boss, second.staffId, Role::Admin).ok());
        QVERIFY(store.setActive(boss, second.staffId, true).ok());
        QCOMPARE(activeAdmins(), 2);

        // Demoted, the second cannot take the first one's role either: the
        // store sees the demotion even though the session still says admin.
        QVERIFY(store.changeRole(boss, second.staffId, Role::Manager).ok());
        QCOMPARE(store.changeRole(second, boss.staffId, Role::Manager).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(activeAdmins(), 1);
        QCOMPARE(column(u"role"_s, boss.staffId).toString(), u"admin"_s);

        // Other accounts come and go freely.
        const Actor kate = account(u"kate"_s, Role::Cashier);
        QVERIFY(store.setActive(boss, kate.staffId, false).ok());
        QVERIFY(store.changeRole(boss, kate.staffId, Role::StockKeeper).ok());
    }

    // The only two administrators take each other's rights away at the same
    // moment. A third session holds the administrators' rows until both calls
    // are waiting on them, so they really do run at once: one wins, the other
    // is refused (it is no longer an administrator), and one administrator is
    // left.
    void concurrentChangesLeaveOneAdministrator_data()
    {
        QTest::addColumn<bool>("firstDemotes");
        QTest::addColumn<bool>("secondDemotes");
        QTest::newRow("both demote") << true << true;
        QTest::newRow("both deactivate") << false << false;
        QTest::newRow("one of each") << true << false;
    }
    void concurrentChangesLeaveOneAdministrator()
    {
        QFETCH(bool, firstDemotes);
        QFETCH(bool, secondDemotes);
        const Actor a = shopWithAdmin();
        const Actor b = account(u"second"_s, Role::Admin);
        const DbConfig config = m_tdb->config();

        ScopedConnection blocker(config, u"blocker"_s);
        QVERIFY(blocker.isOpen());
        QVERIFY(blocker.db().transaction());
        QVERIFY(
            Sql::run(blocker.db(), u"SELECT id FROM staff WHERE role = 'admin' FOR UPDATE"_s).ok());

        std::atomic<int> done {0}, refused {0}, other {0};
        auto takeAway = [&](const Actor &actor, qint64 target, bool demote, const QString &name) {
            ScopedConnection conn(config, name);
            StaffStore store(conn.db());
            const Result<void> r = demote ? store.changeRole(actor, target, Role::Manager)
                                          : store.setActive(actor, target, false);
            if (r.ok())
                ++done;
            else if (r.error().code == StoreError::Code::Permission)
                ++refused; // the one who came second was taken away by the first
            else
                ++other;
        };
        std::thread first(takeAway, a, b.staffId, firstDemotes, u"admin-a"_s);
        std::thread second(takeAway, b, a.staffId, secondDemotes, u"admin-b"_s);

        // Sessions of this database waiting for a lock: the two calls, once
        // both are held up by the blocker.
        // Whatever happens, the threads are released and joined before any check.
        const bool bothWaiting = QTest::qWaitFor([&] { return lockWaiters() == 2; }, 15000);
        const bool committed = blocker.db().commit();
        first.join();
        second.join();
        QVERIFY(bothWaiting);
        QVERIFY(committed);

        QCOMPARE(done.load(), 1);
        QCOMPARE(refused.load(), 1);
        QCOMPARE(other.load(), 0);
        QCOMPARE(activeAdmins(), 1);
    }

    // An administrator demoted while their write waits does not get it
    // through: the check and the write are one transaction, behind the same
    // locks as the demotion.
    void aDemotionCommittedMeanwhileRefusesTheWrite()
    {
        const Actor boss = shopWithAdmin();
        const Actor other = account(u"other"_s, Role::Admin);
        const Actor clerk = account(u"clerk"_s, Role::Cashier);
        const QString hashBefore = column(u"password_hash"_s, clerk.staffId).toString();
        const DbConfig config = m_tdb->config();

        // Another administrator is demoting the boss right now (not committed yet).
        ScopedConnection demoter(config, u"demoter"_s);
        QVERIFY(demoter.isOpen());
        QVERIFY(demoter.db().transaction());
        QVERIFY(Sql::run(demoter.db(),
                         u"SELECT id FROM staff WHERE role = 'admin' AND active "
                         "ORDER BY id FOR UPDATE"_s)
                    .ok());
        QVERIFY(Sql::run(demoter.db(), u"UPDATE staff SET role = 'manager' WHERE id = ?"_s,
                         {boss.staffId})
                    .ok());

        std::optional<StoreError> error;
        std::thread reset([&] {
            ScopedConnection conn(config, u"boss"_s);
            auto done = StaffStore(conn.db()).resetPassword(boss, clerk.staffId, u"new-secret-1"_s);
            if (!done)
                error = done.error();
        });
        const bool held = QTest::qWaitFor([&] { return lockWaiters() == 1; }, 15000);
        const bool committed = demoter.db().commit();
        reset.join();
        QVERIFY(held);
        QVERIFY(committed);
        QVERIFY2(error.has_value(), "the demoted administrator's write went through");
        QCOMPARE(error->code, StoreError::Code::Permission);
        QCOMPARE(column(u"password_hash"_s, clerk.staffId).toString(), hashBefore);
        // The other administrator, who demoted the boss, still can.
        QVERIFY(
            StaffStore(m_tdb->db()).resetPassword(other, clerk.staffId, u"new-secret-2"_s).ok());
    }

    void pinSignsInAndApproves()
    {
        const Actor admin = shopWithAdmin();
        const Actor mike = account(u"mike"_s, Role::Manager);
        const Actor kate = account(u"kate"_s, Role::Cashier);
        StaffStore store(m_tdb->db());

        // Without a PIN no digits sign in (a PIN only counts when one is set).
        QVERIFY(!signIn(u"mike"_s, u"4827"_s).ok());
        QVERIFY(store.setPin(admin, mike.staffId, u"4827"_s).ok());
        QVERIFY(store.list(admin)->at(2).hasPin); // boss, kate, mike
        QVERIFY(!store.list(admin)->at(1).hasPin);

        auto byPin = signIn(u"mike"_s, u"4827"_s);
        QVERIFY(byPin.ok());
        QCOMPARE(byPin->staffId, mike.staffId);
        QVERIFY(signIn(u"mike"_s, u"password-mike"_s).ok()); // the password still works
        auto approval = store.approveAsManager(u"mike"_s, u"4827"_s, m_shopId);
        QVERIFY(approval.ok());
        QCOMPARE(approval->staffId(), mike.staffId);

        // A wrong PIN is refused like an unknown login: nothing tells which was wrong.
        auto wrongPin = signIn(u"mike"_s, u"4828"_s);
        auto wrongPassword = signIn(u"mike"_s, u"password-mik"_s);
        auto unknown = signIn(u"nobody"_s, u"4827"_s);
        QCOMPARE(wrongPin.error().code, StoreError::Code::Invalid);
        QCOMPARE(wrongPin.error().message, unknown.error().message);
        QCOMPARE(wrongPassword.error().message, unknown.error().message);
        QCOMPARE(wrongPin.error().field, unknown.error().field);

        // A cashier's PIN signs the cashier in but approves nothing.
        QVERIFY(store.setPin(admin, kate.staffId, u"73915"_s).ok());
        QVERIFY(signIn(u"kate"_s, u"73915"_s).ok());
        QCOMPARE(store.approveAsManager(u"kate"_s, u"73915"_s, m_shopId).error().code,
                 StoreError::Code::Permission);
        // Someone else's PIN is not yours.
        QVERIFY(!signIn(u"kate"_s, u"4827"_s).ok());

        // Cleared, the PIN no longer works; the password does.
        QVERIFY(store.setPin(admin, mike.staffId, QString()).ok());
        QVERIFY(column(u"pin_hash"_s, mike.staffId).isNull());
        QVERIFY(!signIn(u"mike"_s, u"4827"_s).ok());
        QVERIFY(!store.approveAsManager(u"mike"_s, u"4827"_s, m_shopId).ok());
        QVERIFY(signIn(u"mike"_s, u"password-mike"_s).ok());
    }

    void badPinsAreRefused_data()
    {
        QTest::addColumn<QString>("pin");
        QTest::newRow("three digits") << u"123"_s;
        QTest::newRow("nine digits") << u"123456789"_s;
        QTest::newRow("a letter") << u"12a4"_s;
        QTest::newRow("a space") << u" 1234"_s;
        QTest::newRow("arabic-indic digits") << u"\u0661\u0662\u0663\u0664"_s;
        QTest::newRow("full-width digits") << u"\uFF11\uFF12\uFF13\uFF14"_s;
        QTest::newRow("injection") << u"1234'; DROP TABLE staff; --"_s;
        QTest::newRow("wildcard") << u"12%"_s;
        QTest::newRow("final line break") << u"1234\n"_s;
    }
    void badPinsAreRefused()
    {
        QFETCH(QString, pin);
        const Actor admin = shopWithAdmin();
        const Actor kate = account(u"kate"_s, Role::Cashier);
        const QString before = staffTable();
        auto result = StaffStore(m_tdb->db()).setPin(admin, kate.staffId, pin);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, StoreError::Code::Invalid);
        QCOMPARE(result.error().field, u"pin"_s);
        QVERIFY(StaffStore::validatePin(pin).has_value());
        QCOMPARE(staffTable(), before);
    }

    // Five failures in a row lock the account, whether they were passwords or PINs.
    void lockoutCountsPasswordsAndPinsTogether()
    {
        const Actor admin = shopWithAdmin();
        const Actor mike = account(u"mike"_s, Role::Manager);
        StaffStore store(m_tdb->db());
        QVERIFY(store.setPin(admin, mike.staffId, u"4827"_s).ok());

        const QStringList attempts {u"not-the-password"_s, u"0000"_s, u"password-mike "_s,
                                    u"48270"_s};
        for (const QString &attempt : attempts)
            QCOMPARE(signIn(u"mike"_s, attempt).error().code, StoreError::Code::Invalid);
        QCOMPARE(column(u"failed_logins"_s, mike.staffId).toInt(), attempts.size());
        // The fifth, through the manager's approval on the till.
        QCOMPARE(store.approveAsManager(u"mike"_s, u"1111"_s, m_shopId).error().code,
                 StoreError::Code::Invalid);

        for (const QString &right : {u"4827"_s, u"password-mike"_s}) {
            auto locked = signIn(u"mike"_s, right);
            QVERIFY(!locked.ok());
            QCOMPARE(locked.error().code, StoreError::Code::Locked);
        }
        QCOMPARE(store.approveAsManager(u"mike"_s, u"4827"_s, m_shopId).error().code,
                 StoreError::Code::Locked);

        // When the lockout is over the PIN works again and the count starts afresh.
        QVERIFY(
            Sql::run(m_tdb->db(), u"UPDATE staff SET locked_until = now() - interval '1 second'"_s)
                .ok());
        QVERIFY(signIn(u"mike"_s, u"4827"_s).ok());
        QCOMPARE(column(u"failed_logins"_s, mike.staffId).toInt(), 0);
    }

    void inactiveAccountIsRefusedWithPasswordAndPin()
    {
        const Actor admin = shopWithAdmin();
        const Actor mike = account(u"mike"_s, Role::Manager);
        StaffStore store(m_tdb->db());
        QVERIFY(store.setPin(admin, mike.staffId, u"4827"_s).ok());
        QVERIFY(store.setActive(admin, mike.staffId, false).ok());

        QCOMPARE(signIn(u"mike"_s, u"password-mike"_s).error().code, StoreError::Code::Permission);
        QCOMPARE(signIn(u"mike"_s, u"4827"_s).error().code, StoreError::Code::Permission);
        QCOMPARE(store.approveAsManager(u"mike"_s, u"4827"_s, m_shopId).error().code,
                 StoreError::Code::Permission);
        QCOMPARE(store.approveAsManager(u"mike"_s, u"password-mike"_s, m_shopId).error().code,
                 StoreError::Code::Permission);
        // A wrong secret gets the usual answer: being deactivated is only told
        // to someone who knows the password or the PIN.
        QCOMPARE(signIn(u"mike"_s, u"4828"_s).error().code, StoreError::Code::Invalid);
    }

    void secretsAreStoredOnlyAsSaltedHashes()
    {
        const Actor admin = shopWithAdmin();
        StaffStore store(m_tdb->db());
        const QString password = u"plain-pass-123"_s;
        auto kate = store.create(admin, NewStaff {u"kate"_s, u"Kate"_s, Role::Cashier, password});
        QVERIFY(kate.ok());
        auto ann = store.create(admin, NewStaff {u"ann"_s, u"Ann"_s, Role::Cashier, password});
        QVERIFY(ann.ok());
        const QString newPassword = u"another-pass-456"_s;
        QVERIFY(store.resetPassword(admin, ann.value(), newPassword).ok());
        const QString pin = u"73915"_s;
        QVERIFY(store.setPin(admin, kate.value(), pin).ok());
        QVERIFY(store.setPin(admin, ann.value(), pin).ok());

        QSqlQuery q(m_tdb->db());
        QVERIFY(
            q.exec(u"SELECT login, password_hash, pin_hash FROM staff WHERE login <> 'boss'"_s));
        QStringList hashes;
        while (q.next()) {
            const QString passwordHash = q.value(1).toString();
            const QString pinHash = q.value(2).toString();
            for (const QString &hash : {passwordHash, pinHash}) {
                QVERIFY2(hash.startsWith(u"pbkdf2-sha256$"_s), qPrintable(q.value(0).toString()));
                for (const QString &plain : {password, newPassword, pin})
                    QVERIFY(!hash.contains(plain));
                hashes << hash;
            }
        }
        QCOMPARE(hashes.size(), 4);
        // Salted: the same PIN (or password) never gives the same hash twice.
        hashes.removeDuplicates();
        QCOMPARE(hashes.size(), 4);
        QVERIFY(signIn(u"kate"_s, pin).ok());
        QVERIFY(signIn(u"ann"_s, pin).ok());
    }

    void injectionLookingLoginsAreRefused_data()
    {
        QTest::addColumn<QString>("login");
        QTest::newRow("drop table") << u"'; DROP TABLE staff; --"_s;
        QTest::newRow("quote") << u"o'brien"_s;
        QTest::newRow("percent") << u"%"_s;
        QTest::newRow("backslash") << u"a\\b"_s;
        QTest::newRow("unicode") << u"\u0430\u043d\u043d\u0430"_s; // Cyrillic "анна"
        QTest::newRow("emoji") << u"kate\U0001F600"_s;
        QTest::newRow("nul") << QString(u"kate\0x"_s);
        QTest::newRow("final line break") << u"kate\n"_s;
        QTest::newRow("empty") << QString();
    }
    void injectionLookingLoginsAreRefused()
    {
        QFETCH(QString, login);
        const Actor admin = shopWithAdmin();
        const QString before = staffTable();
        auto created =
            StaffStore(m_tdb->db())
                .create(admin, NewStaff {login, u"Name"_s, Role::Cashier, u"long-enough"_s});
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, StoreError::Code::Invalid);
        QCOMPARE(created.error().field, u"login"_s);
        QCOMPARE(staffTable(), before);
        // And signing in with it finds nobody, without an error from the database.
        QCOMPARE(signIn(login, u"password-boss"_s).error().code, StoreError::Code::Invalid);
    }

    void injectionLookingNamesAreStoredLiterally()
    {
        const Actor admin = shopWithAdmin();
        StaffStore store(m_tdb->db());
        const QStringList names {
            u"'; DROP TABLE staff; --"_s, u"100% _real_ name"_s, u"back\\slash \\' \\\\"_s,
            u"\u0410\u043d\u043d\u0430 \u00c9l\u00e8ve \u6f22\u5b57 \U0001F600"_s,
            u"Robert\"); DELETE FROM staff WHERE ('1'='1"_s};
        QHash<QString, QString> expected;
        for (int i = 0; i < names.size(); ++i) {
            const QString login = u"user%1"_s.arg(i);
            QVERIFY(
                store.create(admin, NewStaff {login, names.at(i), Role::Cashier, u"long-enough"_s})
                    .ok());
            expected.insert(login, names.at(i));
        }
        auto listed = store.list(admin);
        QVERIFY(listed.ok());
        QCOMPARE(listed->size(), names.size() + 1);
        for (const StaffMember &m : listed.value())
            if (m.login != u"boss"_s)
                QCOMPARE(m.displayName, expected.value(m.login));
        QCOMPARE(signIn(u"user0"_s, u"long-enough"_s)->displayName, names.at(0));
    }

    void namesWithControlCharactersAreRefused()
    {
        const Actor admin = shopWithAdmin();
        const QString before = staffTable();
        for (const QString &name :
             {u"Kate\0Cash"_s, u"Kate\nCash"_s, u"Kate\tCash"_s, u"Kate\u001bCash"_s}) {
            auto created =
                StaffStore(m_tdb->db())
                    .create(admin, NewStaff {u"kate"_s, name, Role::Cashier, u"long-enough"_s});
            QVERIFY(!created.ok());
            QCOMPARE(created.error().code, StoreError::Code::Invalid);
            QCOMPARE(created.error().field, u"display_name"_s);
        }
        QCOMPARE(staffTable(), before);
    }

    // "_" is a valid login (letters, digits, '.', '-', '_'); it is matched
    // literally, never as a LIKE pattern.
    void wildcardLoginsMatchOnlyThemselves()
    {
        const Actor admin = shopWithAdmin();
        StaffStore store(m_tdb->db());
        QVERIFY(store
                    .create(admin,
                            NewStaff {u"_"_s, u"Under Score"_s, Role::Cashier, u"underscore-pw"_s})
                    .ok());
        QVERIFY(
            store.create(admin, NewStaff {u"x"_s, u"Ex"_s, Role::Cashier, u"ex-password"_s}).ok());
        QCOMPARE(signIn(u"_"_s, u"underscore-pw"_s)->login, u"_"_s);
        QVERIFY(!signIn(u"_"_s, u"ex-password"_s).ok());
        QVERIFY(!signIn(u"%"_s, u"underscore-pw"_s).ok());
        QVERIFY(!signIn(u"%"_s, u"ex-password"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestStaffStore)
#include "tst_staffstore.moc"
