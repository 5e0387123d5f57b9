#pragma once

#include "models/customers/CustomerStore.h"
#include "models/db/DbConfig.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace shopdesk {

class CustomerModel;

// Finding the customer at the till in the CRM (a million and more): type
// words of the name in any order, a phone number or an e-mail, pick a row,
// Enter. The grid loads only what it shows; a search that finds no one
// says so.
class CustomerPickerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CustomerPickerDialog(const DbConfig &database, QWidget *parent = nullptr);

    std::optional<Customer> chosen() const { return m_chosen; }

private:
    void choose();
    void search();
    void showFound();

    CustomerModel *m_model;
    QLineEdit *m_search;
    QLabel *m_status;
    QTableView *m_table;
    QTimer *m_debounce;
    std::optional<Customer> m_chosen;
    bool m_chooseWhenLoaded = false; // Enter came before the search finished
};

} // namespace shopdesk
