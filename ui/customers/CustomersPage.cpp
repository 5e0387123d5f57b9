#include "CustomersPage.h"

#include "CustomerDialog.h"
#include "models/core/Permissions.h"
#include "models/core/TaskRunner.h"
#include "models/customers/CustomerModel.h"
#include "models/customers/CustomersService.h"
#include "models/export/CsvExport.h"
#include "models/shops/ShopTime.h"
#include "ui/common/Confirm.h"
#include "ui/common/ExportRunner.h"
#include "ui/common/Icons.h"
#include "ui/common/ListPager.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"
#include "ui/common/PageToolBar.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressDialog>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
constexpr int kAnyAge = -1;
}

CustomersPage::CustomersPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_model(new CustomerModel(session.database, this)),
      m_table(new QTableView(this)),
      m_search(new QLineEdit(this)),
      m_ageMin(new QSpinBox(this)),
      m_ageMax(new QSpinBox(this)),
      m_gender(new QComboBox(this)),
      m_problems(new QComboBox(this)),
      m_debounce(new QTimer(this))
{
    auto *heading = createPageTitle(tr("Customers"), this);

    m_search->setObjectName(u"customerSearch"_s);
    m_search->setPlaceholderText(tr("Search by name"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::icon(Icon::Search), QLineEdit::LeadingPosition);
    for (QSpinBox *box : {m_ageMin, m_ageMax}) {
        box->setRange(kAnyAge, 150);
        box->setSpecialValueText(tr("any"));
        box->setValue(kAnyAge);
    }
    m_ageMin->setObjectName(u"ageMin"_s);
    m_ageMax->setObjectName(u"ageMax"_s);
    m_gender->setObjectName(u"genderFilter"_s);
    m_gender->addItem(tr("Anyone"), QString());
    m_gender->addItem(tr("Women"), u"female"_s);
    m_gender->addItem(tr("Men"), u"male"_s);
    m_problems->setObjectName(u"problemsFilter"_s);
    m_problems->addItem(tr("With or without problems"), QVariant());
    m_problems->addItem(tr("With problems"), true);
    m_problems->addItem(tr("Without problems"), false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(new QLabel(tr("Age from"), this));
    filters->addWidget(m_ageMin);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_ageMax);
    filters->addWidget(m_gender);
    filters->addWidget(m_problems);

    auto *toolbar = new PageToolBar(this);
    toolbar->addPageAction(Icon::New, tr("&New…"), QKeySequence(Qt::CTRL | Qt::Key_N), this,
                           &CustomersPage::newCustomer);
    toolbar->addPageAction(Icon::Edit, tr("&Edit…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                           &CustomersPage::editSelected);
    m_delete = toolbar->addPageAction(Icon::Delete, tr("&Delete…"), QKeySequence::Delete, this,
                                      &CustomersPage::deleteSelected);
    toolbar->addPageAction(Icon::Export, tr("E&xport CSV…"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                           &CustomersPage::exportCsv);
    m_reset = toolbar->addPageAction(Icon::ResetProblems, tr("&Reset problems…"), QKeySequence(),
                                     this, &CustomersPage::resetProblems);
    toolbar->addPageAction(Icon::Refresh, tr("Re&fresh"), QKeySequence::Refresh, this,
                           [this] { m_model->refresh(); });
    const bool manager = hasPermission(session.actor.role, Permission::ManageCustomers);
    m_delete->setEnabled(manager);
    m_reset->setEnabled(manager);

    m_table->setObjectName(u"customerTable"_s);
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CustomerModel::LastName, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // Fixed heights: a million rows are never measured one by one.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(28);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(CustomerModel::LastName, 160);
    m_table->setColumnWidth(CustomerModel::FirstName, 130);
    m_table->setColumnWidth(CustomerModel::Age, 60);
    m_table->setColumnWidth(CustomerModel::Phone, 160);
    connect(m_table, &QTableView::activated, this, &CustomersPage::editSelected);

    m_pager = new ListPager(m_table, this);
    m_pager->setEmptyText(tr("No customers match these filters."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(toolbar);
    layout->addWidget(m_banner);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_pager);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &CustomersPage::applyFilter);
    connect(m_search, &QLineEdit::textEdited, m_debounce, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &CustomersPage::applyFilter);
    for (QSpinBox *box : {m_ageMin, m_ageMax})
        connect(box, &QSpinBox::valueChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_gender, m_problems})
        connect(box, &QComboBox::currentIndexChanged, this, &CustomersPage::applyFilter);
    connect(m_model, &CustomerModel::totalCountChanged, this, [this](qint64 n) {
        if (m_model->isCounting())
            m_pager->setTotal(ListPager::Total::Counting);
        else
            m_pager->setTotal(ListPager::Total::Exact, n);
    });
    connect(m_model, &CustomerModel::loadFailed, this,
            [this](const QString &text) { m_banner->showMessage(text); });
}

CustomerFilter CustomersPage::filter() const
{
    CustomerFilter f;
    f.name = m_search->text().trimmed();
    if (m_ageMin->value() != kAnyAge)
        f.ageMin = m_ageMin->value();
    if (m_ageMax->value() != kAnyAge)
        f.ageMax = m_ageMax->value();
    f.gender = m_gender->currentData().toString();
    if (m_problems->currentData().isValid())
        f.problems = m_problems->currentData().toBool();
    return f;
}

void CustomersPage::applyFilter()
{
    m_debounce->stop();
    const CustomerFilter f = filter();
    if (auto invalid = f.validate()) {
        m_banner->showMessage(invalid->message, MessageBanner::Type::Warning);
        return;
    }
    m_banner->hideMessage();
    m_model->setFilter(f);
}

std::optional<Customer> CustomersPage::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->customerAt(current.row()) : std::nullopt;
}

void CustomersPage::newCustomer()
{
    Customer blank;
    blank.age = 30;
    blank.gender = u"female"_s;
    CustomerDialog dialog(m_session.actor, blank, this);
    if (dialog.exec() == QDialog::Accepted) {
        m_banner->showMessage(
            tr("%1 %2 added.").arg(dialog.customer().firstName, dialog.customer().lastName),
            MessageBanner::Type::Positive);
        m_model->refresh();
    }
}

void CustomersPage::editSelected()
{
    const auto customer = selected();
    if (!customer) {
        m_banner->showMessage(tr("Select a customer first."), MessageBanner::Type::Information);
        return;
    }
    CustomerDialog dialog(m_session.actor, *customer, this);
    if (dialog.exec() == QDialog::Accepted)
        m_model->refresh();
}

void CustomersPage::deleteSelected()
{
    const auto customer = selected();
    if (!customer || !m_delete->isEnabled())
        return;
    if (!Confirm::ask(this, tr("Delete customer"),
                      tr("Delete %1 %2 for good?").arg(customer->firstName, customer->lastName)))
        return;
    whenReady(this, CustomersService(m_session.actor).remove(customer->id),
              [this](const Result<void> &result) {
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      return;
                  }
                  m_model->refresh();
              });
}

void CustomersPage::resetProblems()
{
    if (!m_reset->isEnabled())
        return;
    // First how many it would clear, so the question can say so.
    m_reset->setEnabled(false);
    whenReady(this, CustomersService(m_session.actor).countWithProblems(),
              [this](const Result<qint64> &flagged) {
                  m_reset->setEnabled(true);
                  if (!flagged) {
                      m_banner->showMessage(flagged.error().message);
                      return;
                  }
                  if (flagged.value() == 0) {
                      m_banner->showMessage(tr("No customer has the problems flag; there is "
                                               "nothing to clear."),
                                            MessageBanner::Type::Information);
                      return;
                  }
                  if (!Confirm::ask(this, tr("Reset problems"),
                                    tr("Clear the problems flag of %Ln customer(s)?", nullptr,
                                       int(qMin<qint64>(flagged.value(), INT_MAX)))))
                      return;
                  clearProblems();
              });
}

void CustomersPage::clearProblems()
{
    // One statement over the whole table: off the GUI thread, with a busy indicator.
    auto *busy = new QProgressDialog(tr("Clearing problem flags…"), QString(), 0, 0, this);
    busy->setWindowModality(Qt::WindowModal);
    busy->setMinimumDuration(200);
    busy->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<QProgressDialog> dialog(busy);
    m_reset->setEnabled(false);
    whenReady(this, CustomersService(m_session.actor).resetProblems(),
              [this, dialog](const Result<qint64> &result) {
                  if (dialog)
                      dialog->close();
                  m_reset->setEnabled(true);
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      return;
                  }
                  m_banner->showMessage(tr("%Ln customer(s) had problems; all cleared.", nullptr,
                                           int(qMin<qint64>(result.value(), INT_MAX))),
                                        MessageBanner::Type::Positive);
                  m_model->refresh();
                  emit problemsReset(result.value());
              });
}

void CustomersPage::exportCsv()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = askCsvExportPath(this, tr("Export customers"), dir + u"/customers.csv"_s);
    if (!path.isEmpty())
        exportTo(path);
}

void CustomersPage::exportTo(const QString &path)
{
    CsvExport::Job job =
        CustomerStore::exportJob(m_model->filter(), m_model->sortKey(), m_model->sortDescending());
    job.database = m_session.database;
    job.path = path;
    job.csv = csvExportFormat(ShopTime::zone(m_session.shop.timeZone));
    // While the count is only an estimate the bar just shows work going on.
    runCsvExport(this, job, m_model->isCounting() ? 0 : m_model->totalCount(),
                 tr("Exporting customers…"), [this, path](const Result<qint64> &result) {
                     if (showExportResult(m_banner, result, path))
                         emit exported(path, result.value());
                 });
}

} // namespace shopdesk
