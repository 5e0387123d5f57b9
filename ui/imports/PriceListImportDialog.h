#pragma once

#include "models/imports/PriceListImport.h"
#include "models/imports/PriceListMapping.h"
#include "ui/Session.h"

#include <QDialog>
#include <QTemporaryDir>

#include <array>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace shopdesk {

class MessageBanner;

// Imports a supplier's price list (CSV or XLSX) into the catalog (issue 18,
// item 6): the supplier and the file, one combo per field naming the file's
// column that feeds it (guessed from the header, or the supplier's own from
// the last import), a preview of the first rows with what each would do,
// then Apply with a progress dialog that can stop it (nothing is written
// then), the counts, and the refused rows saved as CSV with their reasons.
// Every file and database access runs on a pool thread.
class PriceListImportDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kPreviewRows = 50;

    explicit PriceListImportDialog(const Session &session, QWidget *parent = nullptr);

    QTreeWidget *previewRows() const { return m_preview; }
    const PriceListOutcome &outcome() const { return m_outcome; }
    // The mapping the combos show.
    PriceListMapping mapping() const;
    // What the user calls a field named by its key ("retail_price").
    static QString fieldTitle(const QString &key);

public slots:
    // The file to import (what "Choose…" sets): reads its header row.
    void setFile(const QString &path);
    void chooseFile();
    void preview();
    void apply();
    void saveRefused();
    // Copies every refused row of the last import to `path` (CSV).
    bool saveRefusedTo(const QString &path);

signals:
    void suppliersLoaded(int count);
    // The file's columns are in the combos (mapping guessed or remembered).
    void columnsLoaded(int count);
    void previewed(int rows);
    // An import ended: ok false when it was refused or stopped.
    void applied(bool ok);
    void failed(const QString &message);

private:
    void loadColumns();
    void showMapping(const PriceListMapping &mapping);
    void setBusy(bool busy);
    qint64 supplierId() const;

    Session m_session;
    MessageBanner *m_banner;
    QComboBox *m_supplier;
    QLineEdit *m_file;
    QPushButton *m_choose;
    QCheckBox *m_headerRow;
    std::array<QComboBox *, kPriceListFieldCount> m_columns {};
    QPushButton *m_previewButton;
    QTreeWidget *m_preview;
    QLabel *m_result;
    QPushButton *m_apply;
    QPushButton *m_saveRefused;
    QStringList m_header;
    PriceListOutcome m_outcome;
    // Holds every refused row of the last import (refused.csv).
    QTemporaryDir m_refusedDir;
    int m_request = 0;
};

} // namespace shopdesk
