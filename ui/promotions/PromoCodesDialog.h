#pragma once

#include "models/core/Actor.h"
#include "models/core/StoreError.h"
#include "models/promotions/PromoCode.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace shopdesk {

class MessageBanner;

// Promo codes for a manager (from the Orders page, Ctrl+Shift+M): the list
// with each code's uses, a form to make or change one (checked as it is
// typed: Save stays off, and the field at fault is named, until it is
// right), switching a code off, and the uses report over a period (how
// often each code was used and what it cost), which can be saved as CSV.
// Times are the shop's (`shopTimeZone`). Every call goes through
// PromotionsService; the dialog never waits.
class PromoCodesDialog : public QDialog
{
    Q_OBJECT
public:
    PromoCodesDialog(const Actor &actor, const QString &shopTimeZone, QWidget *parent = nullptr);

    const QList<PromoCode> &codes() const { return m_codes; }
    // The list has been read at least once.
    bool hasLoaded() const { return m_loaded; }
    const QList<PromoUsage> &usage() const { return m_usage; }
    // The uses report as shown, to `path` (the Export button asks where).
    bool exportUsage(const QString &path, QString *error = nullptr) const;

signals:
    // The list has been read (again), or could not be.
    void loaded();
    // The uses report has been read, or could not be.
    void usageLoaded();

private:
    void reload(qint64 select = 0);
    void showCodes(const QList<PromoCode> &codes, qint64 select);
    void selectionChanged();
    void startNew();
    void edit(const PromoCode &code);
    // What the form says, or the first thing wrong with it (naming the field).
    std::optional<PromoCodeInput> formInput(StoreError *error) const;
    void validateForm();
    void save();
    void deactivate();
    // The category list's ticks: those of `ids` on, the others off.
    void checkCategories(const QList<qint64> &ids);
    QList<qint64> checkedCategories() const;
    QWidget *fieldFor(const QString &name) const;
    void loadUsage();
    void showUsage(const QList<PromoUsage> &rows);
    void chooseExport();
    QString windowText(const PromoCode &code) const;

    Actor m_actor;
    QString m_zone;
    QList<PromoCode> m_codes;
    QList<PromoUsage> m_usage;
    qint64 m_editing = 0; // the code in the form; 0: a new one
    bool m_fromCentral = false; // the code in the form is the head office's
    bool m_loaded = false;
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    QTableWidget *m_table;
    QLineEdit *m_code;
    QComboBox *m_kind;
    QLineEdit *m_value;
    QCheckBox *m_hasFrom;
    QDateTimeEdit *m_from;
    QCheckBox *m_hasUntil;
    QDateTimeEdit *m_until;
    QLineEdit *m_minTotal;
    QLineEdit *m_maxUses;
    QLineEdit *m_maxPerCustomer;
    QLineEdit *m_products;
    QListWidget *m_categories;
    // The categories of the code in the form, ticked once the list has come.
    QList<qint64> m_formCategories;
    QCheckBox *m_active;
    QCheckBox *m_automatic;
    QLabel *m_problem;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_deactivate;
    QDateEdit *m_usesFrom;
    QDateEdit *m_usesUntil;
    QPushButton *m_showUsage;
    QPushButton *m_export;
    QTableWidget *m_usesTable;
    QLabel *m_usesTotal;
};

} // namespace shopdesk
