#include "CartModel.h"

#include "checkout/Money.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace shopdesk {

CartModel::CartModel(QObject *parent) : QAbstractTableModel(parent) { }

int CartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int CartModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CartModel::money(qint64 minorUnits)
{
    return Money::format(minorUnits);
}

QVariant CartModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const Line &line = m_lines.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Plu:
            return line.product.plu;
        case Name:
            return line.product.name;
        case Quantity:
            return QLocale().toString(line.quantity);
        case Price:
            return money(line.product.price);
        case Amount:
            return money(line.product.price * line.quantity);
        }
    } else if (role == Qt::TextAlignmentRole && index.column() >= Quantity) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant CartModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Plu:
        return tr("PLU");
    case Name:
        return tr("Product");
    case Quantity:
        return tr("Qty");
    case Price:
        return tr("Price");
    case Amount:
        return tr("Amount");
    }
    return {};
}

int CartModel::add(const Product &product, int quantity)
{
    for (int row = 0; row < m_lines.size(); ++row) {
        if (m_lines.at(row).product.plu == product.plu) {
            m_lines[row].quantity = qMin(kMaxQuantity, m_lines.at(row).quantity + quantity);
            emit dataChanged(index(row, Quantity), index(row, Amount));
            emit totalChanged(total());
            return row;
        }
    }
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row);
    m_lines.append({product, qBound(1, quantity, kMaxQuantity)});
    endInsertRows();
    emit totalChanged(total());
    return row;
}

bool CartModel::changeQuantity(int row, int delta)
{
    if (row < 0 || row >= m_lines.size())
        return false;
    const int quantity = m_lines.at(row).quantity + delta;
    if (quantity <= 0)
        return removeLine(row);
    m_lines[row].quantity = qMin(kMaxQuantity, quantity);
    emit dataChanged(index(row, Quantity), index(row, Amount));
    emit totalChanged(total());
    return true;
}

bool CartModel::removeLine(int row)
{
    if (row < 0 || row >= m_lines.size())
        return false;
    beginRemoveRows({}, row, row);
    m_lines.removeAt(row);
    endRemoveRows();
    emit totalChanged(total());
    return true;
}

void CartModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
    emit totalChanged(0);
}

qint64 CartModel::total() const
{
    qint64 sum = 0;
    for (const Line &line : m_lines)
        sum += line.product.price * line.quantity;
    return sum;
}

int CartModel::units() const
{
    int sum = 0;
    for (const Line &line : m_lines)
        sum += line.quantity;
    return sum;
}

QList<CartLine> CartModel::cartLines() const
{
    QList<CartLine> lines;
    for (const Line &line : m_lines)
        lines.append({line.product.plu, line.quantity});
    return lines;
}

} // namespace shopdesk
