#pragma once

#include "export/CsvExport.h"

#include <functional>

class QString;
class QWidget;

namespace shopdesk {

// Runs a CSV export off the GUI thread behind a cancellable progress dialog
// over `parent`, then calls `done` on the GUI thread (not at all if `parent`
// is gone by then).
void runCsvExport(QWidget *parent, const CsvExport::Job &job, qint64 expectedRows,
                  const QString &label, std::function<void(const Result<qint64> &)> done);

} // namespace shopdesk
