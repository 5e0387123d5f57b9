#pragma once

#include "models/export/CsvExport.h"

#include <functional>

class QString;
class QTimeZone;
class QWidget;

namespace shopdesk {

class MessageBanner;

// Runs a CSV export off the GUI thread behind a cancellable progress dialog
// over `parent`, then calls `done` on the GUI thread (not at all if `parent`
// is gone by then). With expectedRows <= 0 the dialog counts rows instead.
void runCsvExport(QWidget *parent, const CsvExport::Job &job, qint64 expectedRows,
                  const QString &label, std::function<void(const Result<qint64> &)> done);

// The export dialog: where to save a CSV file and for what (a spreadsheet
// in the user's language, or plain commas and decimal points), offered as
// the file types of the save dialog. The choice is remembered in the
// settings. Empty when cancelled.
QString askCsvExportPath(QWidget *parent, const QString &title, const QString &suggestedPath);
// The CSV format of an export now: the remembered choice, the user's
// locale, and times in `zone` (the shop's).
CsvFormat csvExportFormat(const QTimeZone &zone);

// Tells the export's outcome in `banner`: the rows written and where, why
// it failed, or that it was cancelled. True when the file was written.
bool showExportResult(MessageBanner *banner, const Result<qint64> &result, const QString &path);

} // namespace shopdesk
