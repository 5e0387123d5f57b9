#pragma once

#include "models/documents/DocumentsService.h"
#include "ui/Session.h"

#include <QDialog>
#include <QStringList>

#include <functional>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTableView;

namespace shopdesk {

class MessageBanner;
class ReceiptLinesModel;
struct Product;

// One goods receipt. On a draft: the supplier (or a new one), the invoice's
// number and date, a note, and the lines, added by scanning a barcode or
// typing a PLU or part of a name into one field (scans arriving faster than
// the database answers are taken in order; a product scanned again counts
// one more), their quantities and purchase prices edited in the table.
// Save keeps the draft in the database (closing saves it too); Post adds
// every line to the shop's stock at once. A posted receipt is read-only and
// can be cancelled by a reversing receipt. Every call goes through
// DocumentsService.
class GoodsReceiptDialog : public QDialog
{
    Q_OBJECT
public:
    // receiptId 0: a new receipt, made in the database when first saved.
    GoodsReceiptDialog(const Session &session, qint64 receiptId, QWidget *parent = nullptr);

    const GoodsReceipt &receipt() const { return m_receipt; }
    ReceiptLinesModel *lines() const { return m_lines; }
    // Where Save as PDF… writes, instead of asking (tests).
    void setPdfPathForTests(const QString &path) { m_pdfPathForTests = path; }
    // The delivery file Import lines… reads, instead of asking (tests).
    void setImportPathForTests(const QString &path) { m_importPathForTests = path; }
    // Whether lookups are still waiting (tests wait until none is).
    bool isBusy() const { return m_inFlight > 0 || !m_pending.isEmpty(); }

public slots:
    void save();
    void post();
    void cancelReceipt();
    void removeSelected();
    void newSupplier();
    void saveAsPdf();
    void importLines();
    void queueLabels();
    void reject() override;

signals:
    void shown(); // the receipt is (re)read
    void lineAdded(int row);
    void saved();
    void posted();
    void failed(const QString &message); // for tests: what the banner said
    void labelsQueued(int count);
    void pdfWritten(const QString &path);
    void linesImported(int count, int refused);
    // Several products match what was typed: the menu to choose from.
    void candidatesShown(QMenu *menu);

private:
    void load();
    void loadSuppliers(qint64 select);
    void showReceipt(const GoodsReceipt &receipt);
    ReceiptHeader header() const;
    // The scan field's Enter: queued, then looked up one at a time.
    void enqueueScan();
    void lookUpNext();
    // Adds `times` of the product (kilograms when sold by weight).
    void addProduct(const QString &plu, int times = 1);
    void offerCandidates(const QList<Product> &products);
    // Makes the draft if it is new, saves it, then runs `next`.
    void saveThen(std::function<void()> next);
    void setBusy(bool busy);
    void updateState();
    void updateSummary();
    bool isDraft() const { return m_receipt.status == DocumentStatus::Draft; }
    void refuse(const StoreError &error);
    void refuse(const QString &message);

    Session m_session;
    DocumentsService m_service;
    GoodsReceipt m_receipt;
    MessageBanner *m_banner;
    QLabel *m_title;
    QLabel *m_state;
    QComboBox *m_supplier;
    QPushButton *m_newSupplier;
    QLineEdit *m_invoice;
    QDateEdit *m_invoiceDate;
    QLineEdit *m_note;
    QLineEdit *m_scan;
    QWidget *m_scanRow;
    QTableView *m_table;
    ReceiptLinesModel *m_lines;
    QLabel *m_summary;
    QPushButton *m_remove;
    QPushButton *m_save;
    QPushButton *m_post;
    QPushButton *m_cancelReceipt;
    QPushButton *m_pdf;
    QPushButton *m_labels;
    QStringList m_pending; // typed or scanned codes not yet looked up
    QString m_pdfPathForTests;
    QString m_importPathForTests;
    QPushButton *m_import;
    int m_inFlight = 0; // database calls not yet answered
    bool m_dirty = false;
    bool m_priceHint = false; // the banner asks for a line's price
};

} // namespace shopdesk
