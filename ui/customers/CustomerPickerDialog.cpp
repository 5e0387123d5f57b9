#include "CustomerPickerDialog.h"

#include "models/customers/CustomerModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

CustomerPickerDialog::CustomerPickerDialog(const DbConfig &database, QWidget *parent)
    : QDialog(parent),
      m_model(new CustomerModel(database, this)),
      m_search(new QLineEdit(this)),
      m_status(new QLabel(this)),
      m_table(new QTableView(this)),
      m_debounce(new QTimer(this))
{
    setWindowTitle(tr("Customer"));
    m_search->setObjectName(u"customerSearch"_s);
    m_search->setPlaceholderText(tr("Name (any order), phone or e-mail"));
    m_status->setObjectName(u"pickerStatus"_s);
    m_status->setWordWrap(true);
    m_status->hide();
    m_search->setMinimumHeight(44);
    m_table->setObjectName(u"customerTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(36);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Attach to the sale"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(720, 480);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_search, &QLineEdit::textEdited, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, &CustomerPickerDialog::search);
    // Enter in the search box takes the selected (or first) customer.
    connect(m_search, &QLineEdit::returnPressed, this, &CustomerPickerDialog::choose);
    connect(m_table, &QTableView::activated, this, &CustomerPickerDialog::choose);
    connect(buttons, &QDialogButtonBox::accepted, this, &CustomerPickerDialog::choose);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_model, &CustomerModel::idle, this, [this] {
        showFound();
        if (m_chooseWhenLoaded)
            choose();
    });
}

void CustomerPickerDialog::search()
{
    CustomerFilter f;
    f.name = m_search->text().trimmed();
    m_status->hide();
    m_model->setFilter(f);
}

void CustomerPickerDialog::showFound()
{
    const QString text = m_model->filter().name.trimmed();
    if (m_model->isLoading() || text.isEmpty() || m_model->rowCount() > 0) {
        m_status->hide();
        return;
    }
    m_status->setText(tr("No customer matches “%1”. Check the spelling, or try part of the "
                         "name, the phone number or the e-mail.")
                          .arg(text));
    m_status->show();
}

void CustomerPickerDialog::choose()
{
    // Enter right after typing: search first, then take the first match.
    if (m_debounce->isActive() || m_model->isLoading()) {
        if (m_debounce->isActive()) {
            m_debounce->stop();
            search();
        }
        m_chooseWhenLoaded = true;
        return;
    }
    m_chooseWhenLoaded = false;
    const QModelIndex current = m_table->currentIndex();
    const int row = current.isValid() ? current.row() : 0;
    m_chosen = m_model->customerAt(row);
    if (m_chosen)
        accept();
    else
        showFound(); // nothing to take: say why
}

} // namespace shopdesk
