#include "MigrationRunner.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMigrations, "shopdesk.migrations")

namespace shopdesk {

namespace {

// Any fixed 64-bit number shared by every ShopDesk process ("ShopDesk" in ASCII).
constexpr qint64 kMigrationLockKey = 0x53686f704465736b;

} // namespace

MigrationRunner::MigrationRunner(QSqlDatabase db, QString directory)
    : m_db(std::move(db)), m_directory(std::move(directory))
{
}

Result<QList<Migration>> MigrationRunner::available() const
{
    static const QRegularExpression pattern(u"^(\\d{4})_([a-z0-9_]+)\\.sql$"_s);
    QList<Migration> migrations;
    const QDir dir(m_directory);
    for (const QString &file : dir.entryList({u"*.sql"_s}, QDir::Files, QDir::Name)) {
        const auto match = pattern.match(file);
        if (!match.hasMatch())
            return StoreError::invalid(
                u"migration"_s, tr("Migration file %1 is not named NNNN_name.sql.").arg(file));
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            return StoreError::database(tr("Cannot read migration %1.").arg(file));
        const QByteArray bytes = f.readAll();
        Migration m;
        m.version = match.captured(1).toInt();
        m.name = match.captured(2);
        m.sql = QString::fromUtf8(bytes);
        m.checksum = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        if (!migrations.isEmpty() && migrations.last().version == m.version)
            return StoreError::invalid(u"migration"_s,
                                       tr("Two migrations have version %1.").arg(m.version));
        migrations.append(m);
    }
    if (migrations.isEmpty())
        return StoreError::database(tr("No migrations found in %1.").arg(m_directory));
    return migrations;
}

Result<int> MigrationRunner::run()
{
    auto migrations = available();
    if (!migrations)
        return migrations.error();

    QSqlQuery lock(m_db);
    lock.prepare(u"SELECT pg_advisory_lock(?)"_s);
    lock.addBindValue(kMigrationLockKey);
    if (!lock.exec())
        return StoreError::database(lock.lastError());

    Result<int> result = applyPending(migrations.value());

    QSqlQuery unlock(m_db);
    unlock.prepare(u"SELECT pg_advisory_unlock(?)"_s);
    unlock.addBindValue(kMigrationLockKey);
    if (!unlock.exec())
        qCWarning(lcMigrations) << "cannot release the migration lock:"
                                << unlock.lastError().text();
    return result;
}

Result<int> MigrationRunner::applyPending(const QList<Migration> &migrations)
{
    QSqlQuery q(m_db);
    // Created under the lock, so two first runs cannot race on it.
    if (!q.exec(u"CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, "
                "applied_at timestamptz NOT NULL DEFAULT now())"_s))
        return StoreError::database(q.lastError());

    QHash<int, QString> applied;
    if (!q.exec(u"SELECT version, checksum FROM schema_migrations"_s))
        return StoreError::database(q.lastError());
    while (q.next())
        applied.insert(q.value(0).toInt(), q.value(1).toString());

    const int newestKnown = migrations.last().version;
    for (auto it = applied.cbegin(); it != applied.cend(); ++it) {
        if (it.key() > newestKnown)
            return StoreError::conflict(
                tr("The database schema (version %1) is newer than this ShopDesk "
                   "understands (version %2). Update ShopDesk.")
                    .arg(it.key())
                    .arg(newestKnown));
    }

    int count = 0;
    for (const Migration &m : migrations) {
        if (applied.contains(m.version)) {
            if (applied.value(m.version) != QString::fromLatin1(m.checksum))
                return StoreError::conflict(
                    tr("Migration %1 (%2) was changed after it was applied to this "
                       "database. Restore the original file or migrate by hand.")
                        .arg(m.version)
                        .arg(m.name));
            continue;
        }
        qCInfo(lcMigrations) << "applying migration" << m.version << m.name;
        if (!m_db.transaction())
            return StoreError::database(m_db.lastError());
        QSqlQuery step(m_db);
        QSqlQuery record(m_db);
        record.prepare(
            u"INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)"_s);
        record.addBindValue(m.version);
        record.addBindValue(m.name);
        record.addBindValue(QString::fromLatin1(m.checksum));
        if (!step.exec(m.sql) || !record.exec()) {
            const QSqlError error =
                step.lastError().isValid() ? step.lastError() : record.lastError();
            m_db.rollback();
            return StoreError::database(tr("Migration %1 (%2) failed and was rolled back: %3")
                                            .arg(m.version)
                                            .arg(m.name, error.databaseText().trimmed()));
        }
        if (!m_db.commit()) {
            const QSqlError error = m_db.lastError();
            m_db.rollback();
            return StoreError::database(error);
        }
        ++count;
    }
    return count;
}

Result<int> MigrationRunner::currentVersion() const
{
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT to_regclass('schema_migrations') IS NOT NULL"_s) || !q.next())
        return StoreError::database(q.lastError());
    if (!q.value(0).toBool())
        return 0;
    if (!q.exec(u"SELECT coalesce(max(version), 0) FROM schema_migrations"_s) || !q.next())
        return StoreError::database(q.lastError());
    return q.value(0).toInt();
}

} // namespace shopdesk
