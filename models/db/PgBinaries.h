#pragma once

#include "models/core/Result.h"

#include <QString>
#include <QStringList>

namespace shopdesk {

// The PostgreSQL server programs ShopDesk needs to run its embedded cluster.
struct PgBinaries
{
    QString binDir;

    QString initdb() const;
    QString pgCtl() const;

    // Looks in: `preferred` (if given), $SHOPDESK_PG_BINDIR, `pg_config --bindir`,
    // /usr/lib/postgresql/<newest>/bin and other usual places, then PATH.
    // The error says what to install when nothing is found.
    static Result<PgBinaries> locate(const QString &preferred = {});
    // The first complete folder among `candidates`, or the error that says what to install.
    static Result<PgBinaries> locateIn(const QStringList &candidates);
    // True when binDir holds initdb, pg_ctl and postgres.
    static bool isComplete(const QString &binDir);
};

} // namespace shopdesk
