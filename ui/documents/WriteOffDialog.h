#pragma once

#include "models/documents/DocumentsService.h"
#include "ui/Session.h"

#include <QDialog>
#include <QStringList>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTableView;

namespace shopdesk {

class MessageBanner;
class WriteOffLinesModel;
struct Product;

// One write-off. On a draft: the reason, a note, and the lines, added by
// scanning a barcode or typing a PLU or part of a name into one field
// (taken in order; a product scanned again counts one more), their
// quantities edited in the table. Save keeps the draft in the database
// (closing saves it too); Post takes every line off the shelf at once,
// asking for a manager's login and password or PIN when the store says the
// value needs approval. A posted write-off is read-only. Every call goes
// through DocumentsService.
class WriteOffDialog : public QDialog
{
    Q_OBJECT
public:
    // writeOffId 0: a new write-off, made in the database when first saved.
    WriteOffDialog(const Session &session, qint64 writeOffId, QWidget *parent = nullptr);

    const WriteOff &writeOff() const { return m_writeOff; }
    WriteOffLinesModel *lines() const { return m_lines; }
    // Whether calls are still waiting (tests wait until none is).
    bool isBusy() const { return m_inFlight > 0 || !m_pending.isEmpty(); }

public slots:
    void save();
    void post();
    void discard();
    void removeSelected();
    void reject() override;

signals:
    void shown(); // the write-off is (re)read
    void lineAdded(int row);
    void saved();
    void posted();
    void failed(const QString &message); // for tests: what the banner said
    // Several products match what was typed: the menu to choose from.
    void candidatesShown(QMenu *menu);

private:
    void load();
    void loadReasons(const QString &select);
    void showWriteOff(const WriteOff &writeOff);
    WriteOffHeader header() const;
    void enqueueScan();
    void lookUpNext();
    void addProduct(const QString &plu, int times = 1);
    void offerCandidates(const QList<Product> &products);
    void saveThen(std::function<void()> next);
    void postWith(const std::optional<DocumentsService::ManagerSignIn> &manager);
    void setBusy(bool busy);
    void updateState();
    void updateSummary();
    bool isDraft() const { return m_writeOff.status == DocumentStatus::Draft; }
    void refuse(const StoreError &error);
    void refuse(const QString &message);

    Session m_session;
    DocumentsService m_service;
    WriteOff m_writeOff;
    MessageBanner *m_banner;
    QLabel *m_title;
    QLabel *m_state;
    QComboBox *m_reason;
    QLineEdit *m_note;
    QLineEdit *m_scan;
    QWidget *m_scanRow;
    QTableView *m_table;
    WriteOffLinesModel *m_lines;
    QLabel *m_summary;
    QPushButton *m_remove;
    QPushButton *m_save;
    QPushButton *m_post;
    QPushButton *m_discard;
    QStringList m_pending; // typed or scanned codes not yet looked up
    std::optional<qint64> m_threshold; // the approval threshold, once read
    int m_inFlight = 0;
    bool m_dirty = false;
};

} // namespace shopdesk
