#pragma once

#include "models/documents/DocumentsService.h"
#include "ui/Session.h"

#include <QDialog>

#include <atomic>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace shopdesk {

class CategoryComboBox;
class MessageBanner;
class PriceLinesModel;

// One price-change document. On a draft: its reason and when its prices
// start (when posted, or a later moment in the shop's zone), products added
// by PLU, by name or all at once with a rule (a price, or a percentage and
// its rounding, shown on an example), new prices edited in the table, lines
// removed, and Post, which changes every price at once or none. A posted or
// cancelled document is shown read-only. Every call goes through
// DocumentsService; adding thousands of products can be stopped.
class PriceDocumentDialog : public QDialog
{
    Q_OBJECT
public:
    // documentId 0: a new draft is made when the first products are added.
    PriceDocumentDialog(const Session &session, qint64 documentId, QWidget *parent = nullptr);

    qint64 documentId() const { return m_document.id; }
    const PriceDocument &document() const { return m_document; }
    PriceLinesModel *lines() const { return m_lines; }

public slots:
    void addProducts();
    void removeSelected();
    void post();
    void cancelDocument();

signals:
    void documentShown(); // the header is (re)read
    void linesAdded(int count);
    void posted();
    void failed(const QString &message); // for tests: what the banner said

private:
    void load();
    void showDocument(const PriceDocument &document);
    void updateRuleFields();
    void updateExample();
    std::optional<PriceRule> rule(bool quiet);
    PriceSelection selection() const;
    PriceDocumentHeader header() const;
    // Saves the header, then runs `next` with the saved document.
    void saveHeaderThen(std::function<void(const PriceDocument &)> next);
    void setBusy(bool busy, const QString &text = {});
    void updateEnabled();
    // Shown and still a draft: until the document is read, nothing acts.
    bool isDraft() const { return m_shown && m_document.status == DocumentStatus::Draft; }
    void refuse(const StoreError &error);

    Session m_session;
    DocumentsService m_service;
    PriceDocument m_document;
    MessageBanner *m_banner;
    QLabel *m_title;
    QLineEdit *m_reason;
    QComboBox *m_starts;
    QDateTimeEdit *m_from;
    QComboBox *m_selectBy;
    QLineEdit *m_selectText;
    CategoryComboBox *m_selectCategory;
    QComboBox *m_ruleKind;
    QDoubleSpinBox *m_value;
    QComboBox *m_step;
    QComboBox *m_direction;
    QCheckBox *m_endIn99;
    QLabel *m_example;
    QPushButton *m_add;
    QTableView *m_table;
    PriceLinesModel *m_lines;
    QLabel *m_summary;
    QPushButton *m_remove;
    QPushButton *m_post;
    QPushButton *m_cancelDocument;
    QWidget *m_editing; // the header and the add row, disabled once posted
    QWidget *m_addBox = nullptr; // hidden once posted
    std::shared_ptr<std::atomic_bool> m_stop;
    bool m_busy = false;
    bool m_shown = false;
};

} // namespace shopdesk
