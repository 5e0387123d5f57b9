#include "BenchSupport.h"

#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/db/MigrationRunner.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk::bench {

std::optional<DbConfig> server(const QString &benchName)
{
    QString url = qEnvironmentVariable("SHOPDESK_BENCH_DB");
    if (url.isEmpty())
        url = qEnvironmentVariable("SHOPDESK_TEST_DB");
    QString error;
    const DbConfig config = DbConfig::fromUrl(url, &error);
    if (!config.isValid()) {
        QTextStream(stderr) << benchName << ": set SHOPDESK_BENCH_DB to a server URL whose user "
                            << "may create databases (" << error << "); scripts/bench does.\n";
        return std::nullopt;
    }
    return config;
}

bool exec(const QSqlDatabase &db, const QString &sql)
{
    auto r = Sql::run(db, sql);
    if (!r)
        QTextStream(stderr) << r.error().message << "\n";
    return r.ok();
}

void dropDatabase(const DbConfig &server, const QString &name)
{
    ScopedConnection admin(server, u"bench-admin"_s);
    exec(admin.db(), u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name));
}

std::optional<DbConfig> freshDatabase(const DbConfig &server, const QString &name)
{
    dropDatabase(server, name);
    {
        ScopedConnection admin(server, u"bench-admin"_s);
        if (!admin.isOpen() || !exec(admin.db(), u"CREATE DATABASE %1"_s.arg(name)))
            return std::nullopt;
    }
    const DbConfig target = server.withDatabase(name);
    ScopedConnection conn(target, u"bench-migrate"_s);
    auto migrated = MigrationRunner(conn.db()).run();
    if (!migrated) {
        QTextStream(stderr) << migrated.error().message << "\n";
        return std::nullopt;
    }
    return target;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(qMin(values.size() - 1, qsizetype(p * double(values.size()))));
}

qint64 rssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

} // namespace shopdesk::bench
