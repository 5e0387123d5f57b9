#pragma once

#include <QString>
#include <QStringList>

namespace shopdesk {

// The operating-system account facts the embedded cluster depends on:
// PostgreSQL refuses to run as root, so as root we run it as `postgres`.
class SystemUser
{
public:
    static bool isRoot();
    // True when a system account of that name exists.
    static bool exists(const QString &name);
    // Makes `name` the owner of `path` (only meaningful as root).
    static bool changeOwner(const QString &path, const QString &name, QString *error);
    // The program and arguments that run `program args` as `user`
    // (through runuser, or su when runuser is missing).
    static QStringList commandAs(const QString &user, const QString &program,
                                 const QStringList &args);
    // True when a process with that id exists and its program name is `name`
    // (any program when `name` is empty).
    static bool processIsRunning(qint64 pid, const QString &name);
};

} // namespace shopdesk
