#include "WriteOffLinesModel.h"

#include "WriteOffStore.h"
#include "models/core/Money.h"
#include "models/core/Quantity.h"

namespace shopdesk {

WriteOffLinesModel::WriteOffLinesModel(QObject *parent) : QAbstractTableModel(parent) { }

void WriteOffLinesModel::setLines(const QList<WriteOffLine> &lines)
{
    beginResetModel();
    m_lines = lines;
    endResetModel();
    emit totalChanged();
}

void WriteOffLinesModel::setEditable(bool editable)
{
    if (editable == m_editable)
        return;
    m_editable = editable;
    if (!m_lines.isEmpty())
        emit dataChanged(index(0, Quantity), index(rowCount() - 1, Quantity));
}

int WriteOffLinesModel::add(const WriteOffLine &line)
{
    for (int row = 0; row < m_lines.size(); ++row) {
        WriteOffLine &l = m_lines[row];
        if (l.productId != line.productId)
            continue;
        l.quantity = qMin(l.quantity + line.quantity, WriteOffStore::kMaxQuantity);
        emit dataChanged(index(row, Quantity), index(row, Amount));
        emit totalChanged();
        return row;
    }
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row);
    m_lines.append(line);
    endInsertRows();
    emit totalChanged();
    return row;
}

bool WriteOffLinesModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_lines.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_lines.remove(row, count);
    endRemoveRows();
    // The numbers below the removed lines move up.
    if (row < m_lines.size())
        emit dataChanged(index(row, LineNo), index(rowCount() - 1, LineNo));
    emit totalChanged();
    return true;
}

qint64 WriteOffLinesModel::total() const
{
    qint64 sum = 0;
    for (const WriteOffLine &l : m_lines)
        sum += l.amount();
    return sum;
}

int WriteOffLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int WriteOffLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WriteOffLinesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const WriteOffLine &l = m_lines.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == Plu || index.column() == Name
            ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::EditRole && index.column() == Quantity)
        return l.soldByWeight ? Quantity::format(l.quantity, true).section(u' ', 0, 0)
                              : QString::number(l.quantity);
    if (role == Qt::ToolTipRole && index.column() == Cost)
        return l.soldByWeight ? tr("The shop's cost per kilogram (the retail price when no cost "
                                   "is known)")
                              : tr("The shop's cost (the retail price when no cost is known)");
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case LineNo:
        return index.row() + 1;
    case Plu:
        return l.plu;
    case Name:
        return l.name;
    case Quantity:
        return Quantity::format(l.quantity, l.soldByWeight);
    case OnShelf:
        return Quantity::format(l.onShelf, l.soldByWeight);
    case Cost:
        return Money::format(l.cost);
    case Amount:
        return Money::format(l.amount());
    default:
        return {};
    }
}

QVariant WriteOffLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineNo:
        return tr("No.");
    case Plu:
        return tr("PLU");
    case Name:
        return tr("Product");
    case Quantity:
        return tr("Quantity");
    case OnShelf:
        return tr("On shelf");
    case Cost:
        return tr("Cost");
    case Amount:
        return tr("Amount");
    default:
        return {};
    }
}

Qt::ItemFlags WriteOffLinesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (m_editable && index.column() == Quantity)
        f |= Qt::ItemIsEditable;
    return f;
}

bool WriteOffLinesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !m_editable || index.row() >= m_lines.size() ||
        index.column() != Quantity)
        return false;
    WriteOffLine changed = m_lines.at(index.row());
    const auto units = Quantity::parse(value.toString(), changed.soldByWeight);
    if (!units) {
        emit refused(
            changed.soldByWeight
                ? tr("Line %1: type the weight in kilograms, for example 1.250.")
                      .arg(index.row() + 1)
                : tr("Line %1: type the quantity as a whole number.").arg(index.row() + 1));
        return false;
    }
    changed.quantity = int(qMin<qint64>(*units, WriteOffStore::kMaxQuantity + 1));
    if (auto invalid = WriteOffStore::validate(changed, index.row() + 1)) {
        emit refused(invalid->message);
        return false;
    }
    m_lines[index.row()] = changed;
    emit dataChanged(this->index(index.row(), Quantity), this->index(index.row(), Amount));
    emit totalChanged();
    return true;
}

} // namespace shopdesk
