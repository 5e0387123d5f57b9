#pragma once

#include "models/db/DbConfig.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// What every benchmark needs: its server, a fresh migrated database, and
// statements whose failures are printed rather than lost.
namespace shopdesk::bench {

// The server from SHOPDESK_BENCH_DB (or SHOPDESK_TEST_DB); prints why not.
std::optional<DbConfig> server(const QString &benchName);
// A new, migrated database `name` on `server` (an old one is dropped first).
std::optional<DbConfig> freshDatabase(const DbConfig &server, const QString &name);
void dropDatabase(const DbConfig &server, const QString &name);
// Runs one statement; prints its error.
bool exec(const QSqlDatabase &db, const QString &sql);
// The p-th percentile (0..1) of the values.
double percentile(QList<double> values, double p);
// This process's resident memory (kB), from /proc.
qint64 rssKb();

} // namespace shopdesk::bench
