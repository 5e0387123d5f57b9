#pragma once

#include "CustomerStore.h"
#include "models/windowed/WindowedTableModel.h"

namespace shopdesk {

// The customer grid over a million rows and more: counted and fetched on the
// loader thread, keyset-paged, with a sparse index for far jumps.
class CustomerModel : public WindowedTableModel
{
    Q_OBJECT
public:
    enum Column { LastName, FirstName, Age, Gender, Problems, Phone, Email, ColumnCount };

    explicit CustomerModel(DbConfig config, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

    void setFilter(const CustomerFilter &filter);
    CustomerFilter filter() const { return m_filter; }
    CustomerSort sortKey() const { return m_sort; }
    bool sortDescending() const { return m_descending; }
    std::optional<Customer> customerAt(int row) const;

    static CustomerSort sortFor(int column);

protected:
    QVariant rowData(const QVariantList &values, int column, int role) const override;

private:
    void reload();

    CustomerFilter m_filter;
    CustomerSort m_sort = CustomerSort::LastName;
    bool m_descending = false;
};

} // namespace shopdesk
