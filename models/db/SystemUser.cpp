#include "SystemUser.h"

#include <QCoreApplication>
#include <QFile>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace shopdesk {

bool SystemUser::isRoot()
{
#ifdef Q_OS_UNIX
    return geteuid() == 0;
#else
    return false;
#endif
}

bool SystemUser::exists(const QString &name)
{
#ifdef Q_OS_UNIX
    return getpwnam(name.toLocal8Bit().constData()) != nullptr;
#else
    Q_UNUSED(name);
    return false;
#endif
}

bool SystemUser::changeOwner(const QString &path, const QString &name, QString *error)
{
#ifdef Q_OS_UNIX
    const passwd *pw = getpwnam(name.toLocal8Bit().constData());
    if (!pw) {
        if (error)
            *error = QCoreApplication::translate("SystemUser", "there is no system account \"%1\"")
                         .arg(name);
        return false;
    }
    if (::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0) {
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    return true;
#else
    Q_UNUSED(path);
    Q_UNUSED(name);
    Q_UNUSED(error);
    return true;
#endif
}

QStringList SystemUser::commandAs(const QString &user, const QString &program,
                                  const QStringList &args)
{
    const QString runuser = QStandardPaths::findExecutable(
        u"runuser"_s, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s, u"/bin"_s});
    if (!runuser.isEmpty())
        return QStringList {runuser, u"-u"_s, user, u"--"_s, program} + args;
    // su needs one shell command line; quote every word for /bin/sh.
    QStringList words {program};
    words += args;
    for (QString &w : words)
        w = u"'"_s + QString(w).replace(u"'"_s, u"'\\''"_s) + u"'"_s;
    return {u"su"_s, u"-s"_s, u"/bin/sh"_s, user, u"-c"_s, words.join(u' ')};
}

bool SystemUser::processIsRunning(qint64 pid, const QString &name)
{
    if (pid <= 0)
        return false;
#ifdef Q_OS_UNIX
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        return false;
#endif
#ifdef Q_OS_LINUX
    QFile comm(u"/proc/%1/comm"_s.arg(pid));
    if (name.isEmpty())
        return comm.exists();
    if (comm.open(QIODevice::ReadOnly))
        return QString::fromLocal8Bit(comm.readAll()).trimmed() == name;
    return false;
#else
    Q_UNUSED(name);
    return true;
#endif
}

} // namespace shopdesk
