#pragma once

#include "CsvFormat.h"
#include "models/core/Result.h"
#include "models/db/DbConfig.h"

#include <QCoreApplication>
#include <QFuture>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>

namespace shopdesk {

// Streams a query into a CSV file without holding the rows in memory: the
// query is read row by row (libpq single-row mode) on the calling thread's
// own connection, and the file is written to a temporary name and renamed
// only when complete, so a cancelled or failed export leaves no half file.
class CsvExport
{
    Q_DECLARE_TR_FUNCTIONS(CsvExport)
public:
    struct Job
    {
        DbConfig database;
        QString sql;
        QVariantList values;
        QStringList headers;
        // One CSV row from the current query row, its numbers and times
        // written as `csv` says.
        std::function<QStringList(const QSqlQuery &, const CsvFormat &csv)> format;
        QString path;
        // The separator, decimals and time zone (the page sets them).
        CsvFormat csv;
    };
    // Called every few thousand rows with the rows written so far; return
    // false to cancel.
    using Progress = std::function<bool(qint64 rows)>;

    // Returns the number of rows written.
    static Result<qint64> run(const Job &job, const Progress &progress = {});
    // The same on a pool thread (`progress` is called there too).
    static QFuture<Result<qint64>> start(const Job &job, const Progress &progress = {});
};

} // namespace shopdesk
