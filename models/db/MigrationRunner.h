#pragma once

#include "models/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace shopdesk {

// One versioned schema change: resources/sql/NNNN_name.sql.
struct Migration
{
    int version = 0;
    QString name;
    QString sql;
    QByteArray checksum; // SHA-256 of the SQL, hex
};

// Brings a database's schema up to date. Each migration runs in its own
// transaction and is recorded in schema_migrations; running again applies
// nothing; concurrent runners (two processes starting at once) queue on a
// PostgreSQL advisory lock instead of colliding.
class MigrationRunner
{
    Q_DECLARE_TR_FUNCTIONS(MigrationRunner)
public:
    explicit MigrationRunner(QSqlDatabase db, QString directory = QStringLiteral(":/sql"));

    // The migrations shipped in `directory`, in version order.
    Result<QList<Migration>> available() const;
    // Applies what is missing; returns how many migrations were applied.
    Result<int> run();
    // The highest applied version (0 for an empty database).
    Result<int> currentVersion() const;

private:
    Result<int> applyPending(const QList<Migration> &migrations);

    QSqlDatabase m_db;
    QString m_directory;
};

} // namespace shopdesk
