#include "TestDatabase.h"

#include "models/demo/DemoDataGenerator.h"
#include "models/staff/PasswordHash.h"

#include "models/db/Database.h"
#include "models/db/MigrationRunner.h"

#include <QCoreApplication>

#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <atomic>

using namespace Qt::StringLiterals;

namespace shopdesk::test {

std::optional<DbConfig> testServer(QString *error)
{
    QString url = qEnvironmentVariable("SHOPDESK_TEST_DB");
    if (url.isEmpty()) {
        const QString state = qEnvironmentVariable("SHOPDESK_TESTDB_STATE");
        QFile file(QDir(state).filePath(u"url"_s));
        if (state.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            *error = u"No test database server: run the tests through ctest (the pg fixture starts "
                     "one with scripts/testdb) or set SHOPDESK_TEST_DB."_s;
            return std::nullopt;
        }
        url = QString::fromUtf8(file.readAll()).trimmed();
    }
    const DbConfig config = DbConfig::fromUrl(url, error);
    if (!config.isValid())
        return std::nullopt;
    return config;
}

TestDatabase::TestDatabase(const QString &purpose)
{
    auto server = testServer(&m_error);
    if (!server)
        return;
    m_server = *server;
    const QString name =
        u"t_%1_%2"_s.arg(purpose.toLower()).arg(QCoreApplication::applicationPid());
    {
        ScopedConnection admin(m_server, u"test-admin"_s);
        if (!admin.isOpen()) {
            m_error = admin.errorText();
            return;
        }
        QSqlQuery q(admin.db());
        q.exec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name));
        if (!q.exec(u"CREATE DATABASE %1"_s.arg(name))) {
            m_error = q.lastError().text();
            return;
        }
    }
    m_config = m_server.withDatabase(name);
    m_connectionName = Database::uniqueConnectionName(u"test"_s);
    m_db = Database::open(m_config, m_connectionName, &m_error);
}

TestDatabase::~TestDatabase()
{
    if (!m_connectionName.isEmpty()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    if (m_config.database.isEmpty())
        return;
    ScopedConnection admin(m_server, u"test-admin"_s);
    if (admin.isOpen())
        QSqlQuery(admin.db())
            .exec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_config.database));
}

bool TestDatabase::migrate()
{
    auto applied = MigrationRunner(m_db).run();
    if (!applied)
        m_error = applied.error().message;
    return applied.ok();
}

} // namespace shopdesk::test

namespace shopdesk::test {

qint64 TestDatabase::addShop(const QString &code, const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO shops (code, name) VALUES (?, ?) RETURNING id"_s);
    q.addBindValue(code);
    q.addBindValue(name);
    if (!q.exec() || !q.next()) {
        m_error = q.lastError().text();
        return 0;
    }
    return q.value(0).toLongLong();
}

Actor TestDatabase::addStaff(const QString &login, Role role, qint64 shopId)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO staff (login, display_name, role, password_hash) "
              "VALUES (?, ?, ?, 'pbkdf2-sha256$1$AAAA$AAAA') RETURNING id"_s);
    q.addBindValue(login);
    q.addBindValue(u"Staff %1"_s.arg(login));
    q.addBindValue(roleKey(role));
    Actor actor;
    if (!q.exec() || !q.next()) {
        m_error = q.lastError().text();
        return actor;
    }
    actor.staffId = q.value(0).toLongLong();
    actor.login = login;
    actor.displayName = u"Staff %1"_s.arg(login);
    actor.role = role;
    actor.shopId = shopId;
    return actor;
}

bool TestDatabase::openShift(qint64 shopId, const QString &till, qint64 openingCash)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO shifts (shop_id, till, opened_by, opening_cash) "
              "SELECT ?, ?, min(id), ? FROM staff "
              "ON CONFLICT (shop_id, till) WHERE closed_at IS NULL DO NOTHING"_s);
    q.addBindValue(shopId);
    q.addBindValue(till);
    q.addBindValue(openingCash);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    return true;
}

bool TestDatabase::setPassword(qint64 staffId, const QString &password)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE staff SET password_hash = ? WHERE id = ?"_s);
    // Few iterations: a fixture, not an account anyone signs in to.
    q.addBindValue(PasswordHash::hash(password, 1000));
    q.addBindValue(staffId);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    return q.numRowsAffected() == 1;
}

bool TestDatabase::fillWithDemo(const DemoOptions &options)
{
    if (!migrate())
        return false;
    if (auto made = DemoDataGenerator(m_config, options).run(); !made) {
        m_error = made.error().message;
        return false;
    }
    Database::setDefaultConfig(m_config);
    return true;
}

} // namespace shopdesk::test
