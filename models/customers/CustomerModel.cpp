#include "CustomerModel.h"

#include "models/windowed/KeysetRowSource.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// Column of the sort key in CustomerStore::columns().
int keyColumn(CustomerSort sort)
{
    switch (sort) {
    case CustomerSort::Id:
        return int(CustomerColumn::Id);
    case CustomerSort::FirstName:
        return int(CustomerColumn::FirstName);
    case CustomerSort::LastName:
        return int(CustomerColumn::LastName);
    case CustomerSort::Age:
        return int(CustomerColumn::Age);
    case CustomerSort::Gender:
        return int(CustomerColumn::Gender);
    case CustomerSort::Problems:
        return int(CustomerColumn::Problems);
    }
    return int(CustomerColumn::Id);
}

} // namespace

CustomerModel::CustomerModel(DbConfig config, QObject *parent)
    : WindowedTableModel(std::move(config), parent)
{
    reload();
}

int CustomerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return WindowedTableModel::headerData(section, orientation, role);
    switch (section) {
    case LastName:
        return tr("Last name");
    case FirstName:
        return tr("First name");
    case Age:
        return tr("Age");
    case Gender:
        return tr("Gender");
    case Problems:
        return tr("Problems");
    case Phone:
        return tr("Phone");
    case Email:
        return tr("E-mail");
    }
    return {};
}

CustomerSort CustomerModel::sortFor(int column)
{
    switch (column) {
    case FirstName:
        return CustomerSort::FirstName;
    case Age:
        return CustomerSort::Age;
    case Gender:
        return CustomerSort::Gender;
    case Problems:
        return CustomerSort::Problems;
    case Phone:
    case Email:
        return CustomerSort::Id;
    default:
        return CustomerSort::LastName;
    }
}

void CustomerModel::sort(int column, Qt::SortOrder order)
{
    m_sort = sortFor(column);
    m_descending = order == Qt::DescendingOrder;
    reload();
}

void CustomerModel::setFilter(const CustomerFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    reload();
}

void CustomerModel::reload()
{
    KeysetRowSource::Spec spec;
    spec.from = u"customers c"_s;
    spec.columns = CustomerStore::columns();
    spec.where = m_filter.whereClause(&spec.values);
    spec.key = CustomerStore::sortColumn(m_sort);
    spec.id = u"c.id"_s;
    spec.keyColumn = keyColumn(m_sort);
    spec.idColumn = 0;
    spec.descending = m_descending;
    // Counting a million rows takes a moment; the planner's estimate is instant.
    spec.estimateWhenUnfiltered = true;
    if (!m_filter.name.trimmed().isEmpty()) {
        spec.fenceBelow = 20000;
        spec.prefetchRows = blockSize(); // the count's read gives the first block too
    }
    spec.estimateSql =
        u"SELECT reltuples::bigint FROM pg_class WHERE oid = 'customers'::regclass"_s;
    setSource(std::make_shared<KeysetRowSource>(spec));
}

std::optional<Customer> CustomerModel::customerAt(int row) const
{
    const QVariantList *values = rowValues(row);
    if (!values)
        return std::nullopt;
    return CustomerStore::fromRow(*values);
}

QVariant CustomerModel::rowData(const QVariantList &values, int column, int role) const
{
    const Customer c = CustomerStore::fromRow(values);
    if (role == Qt::DisplayRole) {
        switch (column) {
        case LastName:
            return c.lastName;
        case FirstName:
            return c.firstName;
        case Age:
            return c.age;
        case Gender:
            return c.gender == u"female"_s ? tr("female") : tr("male");
        case Problems:
            return c.problems ? tr("yes") : QString();
        case Phone:
            return c.phone;
        case Email:
            return c.email;
        }
    }
    if (role == Qt::TextAlignmentRole && column == Age)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && column == Problems && c.problems)
        return QBrush(QColor(0xb0, 0x00, 0x20));
    if (role == Qt::UserRole)
        return c.id;
    return {};
}

} // namespace shopdesk
