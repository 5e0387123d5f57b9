#pragma once

#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>

namespace shopdesk {

// One row of a result, read by column in SELECT order, whether it comes
// straight from a query (its current row) or from the values a windowed
// model keeps: each row type has one mapping, and it serves both.
//   static StockRow rowFrom(const SqlRow &row); // rowFrom(query), rowFrom(values)
class SqlRow
{
public:
    SqlRow(const QSqlQuery &query) : m_query(&query) { } // NOLINT: converts on purpose
    SqlRow(const QVariantList &values) : m_values(&values) { } // NOLINT: converts on purpose

    template<typename Column>
    QVariant operator[](Column column) const
    {
        const int i = static_cast<int>(column);
        return m_query ? m_query->value(i) : m_values->value(i);
    }

private:
    const QSqlQuery *m_query = nullptr;
    const QVariantList *m_values = nullptr;
};

} // namespace shopdesk
