#pragma once

#include "models/customers/CustomerStore.h"
#include "ui/Session.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTimer;

namespace shopdesk {

class CustomerModel;
class ListPager;
class MessageBanner;

// The customer base: a grid over a million rows, search and filters, the
// create/edit form, delete, CSV export and the "reset problems" bulk action.
class CustomersPage : public QWidget
{
    Q_OBJECT
public:
    explicit CustomersPage(const Session &session, QWidget *parent = nullptr);

    CustomerModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    CustomerFilter filter() const;
    void exportTo(const QString &path);

signals:
    void problemsReset(qint64 count);
    void exported(const QString &path, qint64 rows);

public slots:
    void newCustomer();
    void editSelected();
    void deleteSelected();
    void resetProblems();
    void exportCsv();

private:
    void applyFilter();
    void clearProblems();
    std::optional<Customer> selected() const;

    Session m_session;
    MessageBanner *m_banner;
    CustomerModel *m_model;
    QTableView *m_table;
    QLineEdit *m_search;
    QSpinBox *m_ageMin;
    QSpinBox *m_ageMax;
    QComboBox *m_gender;
    QComboBox *m_problems;
    ListPager *m_pager;
    QTimer *m_debounce;
    QAction *m_delete;
    QAction *m_reset;
};

} // namespace shopdesk
