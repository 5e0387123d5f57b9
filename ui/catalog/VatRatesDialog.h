#pragma once

#include "models/catalog/VatRate.h"
#include "models/core/Actor.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace shopdesk {

class MessageBanner;

// The VAT rates list for a manager or an administrator (from the Settings
// page): add a rate, rename one, stop offering it, delete one nothing uses.
// A rate's percentage is fixed once it exists: a new percentage is a new
// rate. Every call goes through CatalogService; the dialog never waits.
class VatRatesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit VatRatesDialog(const Actor &actor, QWidget *parent = nullptr);
    const QList<VatRate> &rates() const { return m_rates; }

signals:
    // The list has been read (again), or could not be.
    void loaded();

private:
    void reload(const QString &select = {});
    void showRates(const QList<VatRate> &rates, const QString &select);
    void selectionChanged();
    void add();
    void save();
    void remove();
    QWidget *fieldFor(const QString &name) const;

    Actor m_actor;
    QList<VatRate> m_rates;
    MessageBanner *m_banner;
    QTableWidget *m_table;
    QLineEdit *m_label; // the selected rate's name
    QCheckBox *m_active;
    QPushButton *m_save;
    QPushButton *m_remove;
    QLineEdit *m_newCode;
    QLineEdit *m_newLabel;
    QLineEdit *m_newPercent;
    QCheckBox *m_newNoVat;
    QPushButton *m_add;
};

} // namespace shopdesk
