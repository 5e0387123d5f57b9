#pragma once

#include "models/core/Actor.h"
#include "models/db/DbConfig.h"
#include "models/demo/DemoOptions.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace shopdesk::test {

// The throwaway PostgreSQL server the `pg` CTest fixture started
// (scripts/testdb), or $SHOPDESK_TEST_DB when set.
std::optional<DbConfig> testServer(QString *error);

// A fresh, empty database on the test server for one test case, dropped
// again on destruction. Its connection is db(); others can use config().
class TestDatabase
{
public:
    explicit TestDatabase(const QString &purpose);
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    bool isReady() const { return m_db.isOpen(); }
    QString errorText() const { return m_error; }
    DbConfig config() const { return m_config; }
    QSqlDatabase db() const { return m_db; }
    // Applies the schema; false (with errorText()) on failure.
    bool migrate();
    // The schema and the demo shop (DemoDataGenerator) with these sizes, and
    // this database as the default for pool-thread connections.
    bool fillWithDemo(const DemoOptions &options);

    // Fixture rows written directly (no password hashing: fast), for store tests.
    qint64 addShop(const QString &code, const QString &name);
    Actor addStaff(const QString &login, Role role, qint64 shopId);
    // A shift open at `till` (no shift, no sale), opened by the first staff
    // account, unless one is open there already.
    bool openShift(qint64 shopId, const QString &till = QStringLiteral("1"),
                   qint64 openingCash = 0);
    // Gives a fixture account a real password (for sign-ins and approvals).
    bool setPassword(qint64 staffId, const QString &password);

private:
    DbConfig m_server;
    DbConfig m_config;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace shopdesk::test
