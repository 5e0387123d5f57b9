#include "PgBinaries.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QVersionNumber>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QString exe(const QString &binDir, const QString &name)
{
#ifdef Q_OS_WIN
    return QDir(binDir).filePath(name + u".exe"_s);
#else
    return QDir(binDir).filePath(name);
#endif
}

QString pgConfigBinDir()
{
    const QString pgConfig = QStandardPaths::findExecutable(u"pg_config"_s);
    if (pgConfig.isEmpty())
        return {};
    QProcess p;
    p.start(pgConfig, {u"--bindir"_s});
    if (!p.waitForFinished(5000) || p.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
}

// Folders such as /usr/lib/postgresql/15/bin, newest version first.
QStringList versionedDirs(const QString &parent, const QString &prefix, const QString &suffix)
{
    QList<QPair<QVersionNumber, QString>> found;
    const QDir dir(parent);
    for (const QString &entry : dir.entryList({prefix + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QVersionNumber version = QVersionNumber::fromString(entry.mid(prefix.size()));
        found.append({version, dir.filePath(entry) + suffix});
    }
    std::sort(found.begin(), found.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList dirs;
    for (const auto &f : found)
        dirs << f.second;
    return dirs;
}

} // namespace

QString PgBinaries::initdb() const
{
    return exe(binDir, u"initdb"_s);
}

QString PgBinaries::pgCtl() const
{
    return exe(binDir, u"pg_ctl"_s);
}

bool PgBinaries::isComplete(const QString &binDir)
{
    if (binDir.isEmpty())
        return false;
    for (const QString &name : {u"initdb"_s, u"pg_ctl"_s, u"postgres"_s}) {
        const QFileInfo info(exe(binDir, name));
        if (!info.isFile() || !info.isExecutable())
            return false;
    }
    return true;
}

Result<PgBinaries> PgBinaries::locate(const QString &preferred)
{
    QStringList candidates;
    if (!preferred.isEmpty()) {
        if (!isComplete(preferred))
            return StoreError::notFound(
                QCoreApplication::translate("PgBinaries",
                                            "The PostgreSQL folder %1 does not contain initdb, "
                                            "pg_ctl and postgres.")
                    .arg(QDir::toNativeSeparators(preferred)));
        return PgBinaries {preferred};
    }
    candidates << qEnvironmentVariable("SHOPDESK_PG_BINDIR") << pgConfigBinDir();
    candidates << versionedDirs(u"/usr/lib/postgresql"_s, {}, u"/bin"_s);
    candidates << versionedDirs(u"/usr"_s, u"pgsql-"_s, u"/bin"_s);
    candidates << u"/usr/local/pgsql/bin"_s << u"/opt/homebrew/bin"_s << u"/usr/local/bin"_s;
#ifdef Q_OS_WIN
    candidates << versionedDirs(u"C:/Program Files/PostgreSQL"_s, {}, u"/bin"_s);
#endif
    const QString onPath = QStandardPaths::findExecutable(u"initdb"_s);
    if (!onPath.isEmpty())
        candidates << QFileInfo(onPath).absolutePath();

    return locateIn(candidates);
}

Result<PgBinaries> PgBinaries::locateIn(const QStringList &candidates)
{
    for (const QString &dir : candidates) {
        if (isComplete(dir))
            return PgBinaries {dir};
    }
    return StoreError::notFound(QCoreApplication::translate(
        "PgBinaries",
        "ShopDesk could not find the PostgreSQL server programs (initdb, pg_ctl, postgres) it "
        "needs for its built-in database.\n\nInstall PostgreSQL 13 or newer: on Debian or "
        "Ubuntu run \"sudo apt install postgresql\", on Windows install it from the "
        "PostgreSQL installer. Or connect ShopDesk to an existing PostgreSQL server."));
}

} // namespace shopdesk
