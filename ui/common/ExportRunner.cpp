#include "ExportRunner.h"

#include "MessageBanner.h"

#include "models/core/TaskRunner.h"
#include "models/settings/AppSettings.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QLocale>
#include <QPointer>
#include <QProgressDialog>
#include <QTimeZone>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QString rowsWritten(qint64 rows)
{
    const int count = int(qMin<qint64>(rows, INT_MAX));
    return QCoreApplication::translate("ExportRunner", "%Ln row(s) written…", nullptr, count);
}

QString spreadsheetFilter()
{
    const CsvFormat format(CsvFormat::Style::Spreadsheet, QLocale(), QTimeZone::utc());
    const QString example = u"1"_s + format.decimalPoint() + u"5"_s;
    return QCoreApplication::translate("ExportRunner",
                                       "CSV for a spreadsheet, fields separated by \"%1\", "
                                       "decimals \"%2\" (*.csv)")
        .arg(QString(format.separator()), example);
}

QString plainFilter()
{
    return QCoreApplication::translate("ExportRunner",
                                       "Plain CSV, fields separated by \",\", decimals \"1.5\" "
                                       "(*.csv)");
}

} // namespace

QString askCsvExportPath(QWidget *parent, const QString &title, const QString &suggestedPath)
{
    AppSettings settings;
    const QString spreadsheet = spreadsheetFilter();
    const QString plain = plainFilter();
    QString chosen = settings.csvStyle() == CsvFormat::Style::Plain ? plain : spreadsheet;
    const QString path = QFileDialog::getSaveFileName(parent, title, suggestedPath,
                                                      spreadsheet + u";;"_s + plain, &chosen);
    if (!path.isEmpty())
        settings.setCsvStyle(chosen == plain ? CsvFormat::Style::Plain
                                             : CsvFormat::Style::Spreadsheet);
    return path;
}

CsvFormat csvExportFormat(const QTimeZone &zone)
{
    return CsvFormat(AppSettings().csvStyle(), QLocale(), zone);
}

void runCsvExport(QWidget *parent, const CsvExport::Job &job, qint64 expectedRows,
                  const QString &label, std::function<void(const Result<qint64> &)> done)
{
    const qint64 total = qMax<qint64>(1, expectedRows);
    // Without a count (a large history) the bar just shows that work goes on.
    const bool known = expectedRows > 0;
    auto *progress = new QProgressDialog(
        label, QCoreApplication::translate("ExportRunner", "Cancel"), 0, 1000, parent);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    if (!known)
        progress->setRange(0, 0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    QObject::connect(progress, &QProgressDialog::canceled, progress,
                     [cancelled] { *cancelled = true; });
    QPointer<QProgressDialog> dialog(progress);
    const auto progressed = [cancelled, dialog, total, known](qint64 rows) {
        // The QPointer is read on the GUI thread only (qApp lives there).
        QMetaObject::invokeMethod(qApp, [dialog, rows, total, known] {
            if (!dialog)
                return;
            if (known)
                dialog->setValue(int(qMin<qint64>(1000, rows * 1000 / total)));
            else
                dialog->setLabelText(rowsWritten(rows));
        });
        return !cancelled->load();
    };
    whenReady(parent, CsvExport::start(job, progressed),
              [dialog, done = std::move(done)](const Result<qint64> &result) {
                  if (dialog)
                      dialog->close();
                  done(result);
              });
}

bool showExportResult(MessageBanner *banner, const Result<qint64> &result, const QString &path)
{
    if (!result) {
        banner->showMessage(result.error().message,
                            result.error().code == StoreError::Code::Cancelled
                                ? MessageBanner::Type::Information
                                : MessageBanner::Type::Error);
        return false;
    }
    // %Ln takes an int; no export comes near INT_MAX rows, but never wrap.
    const int rows = int(qMin<qint64>(result.value(), INT_MAX));
    banner->showMessage(
        QCoreApplication::translate("ExportRunner", "%Ln row(s) written to %1.", nullptr, rows)
            .arg(path),
        MessageBanner::Type::Positive);
    return true;
}

} // namespace shopdesk
