#include "CsvExport.h"

#include "models/db/Database.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QSqlError>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace shopdesk {

Result<qint64> CsvExport::run(const Job &job, const Progress &progress)
{
    QSaveFile file(job.path);
    if (!file.open(QIODevice::WriteOnly))
        return StoreError::invalid(u"path"_s,
                                   tr("Cannot write %1: %2").arg(job.path, file.errorString()));

    ScopedConnection conn(job.database, u"csv-export"_s);
    if (!conn.isOpen()) {
        file.cancelWriting();
        return StoreError::database(conn.errorText());
    }
    QSqlQuery q(conn.db());
    q.setForwardOnly(true); // streams: the driver does not buffer the whole result
    if (!q.prepare(job.sql)) {
        file.cancelWriting();
        return StoreError::database(q.lastError());
    }
    for (const QVariant &v : job.values)
        q.addBindValue(v);
    if (!q.exec()) {
        file.cancelWriting();
        return StoreError::database(q.lastError());
    }

    file.write("\xEF\xBB\xBF"); // BOM: spreadsheets then read the file as UTF-8
    file.write(job.csv.line(job.headers));
    qint64 rows = 0;
    while (q.next()) {
        file.write(job.csv.line(job.format(q, job.csv)));
        ++rows;
        if (rows % 5000 == 0 && progress && !progress(rows)) {
            file.cancelWriting();
            return StoreError::cancelled(tr("The export was cancelled; no file was written."));
        }
    }
    if (q.lastError().isValid()) {
        file.cancelWriting();
        return StoreError::database(q.lastError());
    }
    if (progress)
        progress(rows);
    if (!file.commit())
        return StoreError::invalid(u"path"_s,
                                   tr("Cannot write %1: %2").arg(job.path, file.errorString()));
    return rows;
}

QFuture<Result<qint64>> CsvExport::start(const Job &job, const Progress &progress)
{
    return QtConcurrent::run([job, progress] { return run(job, progress); });
}

} // namespace shopdesk
