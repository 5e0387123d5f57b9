#include "PgPassFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QMutex s_pathMutex;
QString s_defaultPath;

QString escape(QString field)
{
    return field.replace(u"\\"_s, u"\\\\"_s).replace(u":"_s, u"\\:"_s);
}

} // namespace

PgPassFile::PgPassFile(QString path) : m_path(std::move(path)) { }

void PgPassFile::setDefaultPath(const QString &path)
{
    QMutexLocker locker(&s_pathMutex);
    s_defaultPath = path;
}

QString PgPassFile::defaultPath()
{
    {
        QMutexLocker locker(&s_pathMutex);
        if (!s_defaultPath.isEmpty())
            return s_defaultPath;
    }
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(u"pgpass"_s);
}

bool PgPassFile::store(const DbConfig &config, QString *error)
{
    const QString key = u"%1:%2:%3:%4:"_s.arg(escape(config.host))
                            .arg(config.port)
                            .arg(escape(config.database), escape(config.user));
    QStringList lines;
    QFile existing(m_path);
    if (existing.open(QIODevice::ReadOnly)) {
        for (const QString &line : QString::fromUtf8(existing.readAll()).split(u'\n')) {
            if (!line.isEmpty() && !line.startsWith(key))
                lines << line;
        }
    }
    lines << key + escape(config.password);

    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    // libpq ignores a password file that others can read.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray contents = (lines.join(u'\n') + u'\n').toUtf8();
    if (file.write(contents) != contents.size() || !file.flush()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace shopdesk
