#include "ReceiptLinesModel.h"

#include "GoodsReceiptStore.h"
#include "models/core/Money.h"
#include "models/core/Quantity.h"

namespace shopdesk {

ReceiptLinesModel::ReceiptLinesModel(QObject *parent) : QAbstractTableModel(parent) { }

void ReceiptLinesModel::setLines(const QList<ReceiptLine> &lines)
{
    beginResetModel();
    m_lines = lines;
    endResetModel();
    emit totalChanged();
}

void ReceiptLinesModel::setEditable(bool editable)
{
    if (editable == m_editable)
        return;
    m_editable = editable;
    if (!m_lines.isEmpty())
        emit dataChanged(index(0, Quantity), index(rowCount() - 1, Price));
}

int ReceiptLinesModel::add(const ReceiptLine &line)
{
    for (int row = 0; row < m_lines.size(); ++row) {
        ReceiptLine &l = m_lines[row];
        if (l.productId != line.productId)
            continue;
        l.quantity = qMin(l.quantity + line.quantity, GoodsReceiptStore::kMaxQuantity);
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

bool ReceiptLinesModel::removeRows(int row, int count, const QModelIndex &parent)
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

qint64 ReceiptLinesModel::total() const
{
    qint64 sum = 0;
    for (const ReceiptLine &l : m_lines)
        sum += l.amount();
    return sum;
}

int ReceiptLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int ReceiptLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReceiptLinesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const ReceiptLine &l = m_lines.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == Plu || index.column() == Name
            ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::EditRole) {
        if (index.column() == Quantity)
            return l.soldByWeight ? Quantity::format(l.quantity, true).section(u' ', 0, 0)
                                  : QString::number(l.quantity);
        if (index.column() == Price)
            return l.price > 0 ? Money::formatPlain(l.price) : QString();
    }
    if (role == Qt::ToolTipRole && index.column() == Price && l.soldByWeight)
        return tr("Per kilogram");
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
    case Price:
        return l.price > 0 ? Money::format(l.price) : QString();
    case Amount:
        return Money::format(l.amount());
    case RetailPrice:
        return Money::format(l.retailPrice);
    default:
        return {};
    }
}

QVariant ReceiptLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
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
    case Price:
        return tr("Purchase price");
    case Amount:
        return tr("Amount");
    case RetailPrice:
        return tr("Retail price");
    default:
        return {};
    }
}

Qt::ItemFlags ReceiptLinesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (m_editable && (index.column() == Quantity || index.column() == Price))
        f |= Qt::ItemIsEditable;
    return f;
}

bool ReceiptLinesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !m_editable || index.row() >= m_lines.size())
        return false;
    ReceiptLine changed = m_lines.at(index.row());
    const QString text = value.toString();
    if (index.column() == Quantity) {
        const auto units = Quantity::parse(text, changed.soldByWeight);
        if (!units) {
            emit refused(
                changed.soldByWeight
                    ? tr("Line %1: type the weight in kilograms, for example 1.250.")
                          .arg(index.row() + 1)
                    : tr("Line %1: type the quantity as a whole number.").arg(index.row() + 1));
            return false;
        }
        changed.quantity = int(qMin<qint64>(*units, GoodsReceiptStore::kMaxQuantity + 1));
    } else if (index.column() == Price) {
        const auto price = Money::parse(text);
        if (!price) {
            emit refused(tr("Line %1: type the price, for example 125.50.").arg(index.row() + 1));
            return false;
        }
        changed.price = *price;
    } else {
        return false;
    }
    // Only the edited cell is judged here: a new line's price may still be
    // empty while its quantity is typed; saving checks the whole line.
    ReceiptLine probe = changed;
    if (index.column() == Quantity)
        probe.price = 1;
    else
        probe.quantity = 1;
    if (auto invalid = GoodsReceiptStore::validate(probe, index.row() + 1)) {
        emit refused(invalid->message);
        return false;
    }
    m_lines[index.row()] = changed;
    emit dataChanged(this->index(index.row(), Quantity), this->index(index.row(), Amount));
    emit totalChanged();
    return true;
}

} // namespace shopdesk
