#include "CartModel.h"

#include "WeightBarcode.h"
#include "models/core/Money.h"
#include "models/core/Quantity.h"
#include "models/orders/OrderVat.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace shopdesk {

CartModel::CartModel(QObject *parent) : QAbstractTableModel(parent)
{
    // A line changed changes every line's share of a percentage off.
    connect(this, &CartModel::totalChanged, this, &CartModel::discountsChanged);
}

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
            return shopdesk::Quantity::format(line.quantity, line.product.soldByWeight);
        case Price: {
            // A price changed at the till is marked, so the customer and the
            // next person see it was not the shelf price.
            const QString price = line.product.soldByWeight ? tr("%1/kg").arg(money(priceOf(line)))
                                                            : money(priceOf(line));
            return line.priceOverride ? u"✱ "_s + price : price;
        }
        case Discount: {
            const qint64 off = discountAt(index.row());
            return off > 0 ? u"−"_s + money(off) : QString();
        }
        case Amount:
            return money(amountOf(line));
        }
    } else if (role == Qt::ToolTipRole && index.column() == Price && line.priceOverride) {
        return tr("Changed from %1, approved by %2")
            .arg(money(line.product.price), line.priceOverride->approval.displayName());
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
    case Discount:
        return tr("Discount");
    case Amount:
        return tr("Amount");
    }
    return {};
}

int CartModel::add(const Product &product, int quantity)
{
    // Each scale label is a line of its own (its weight, its amount); only
    // goods sold by the piece add up in one line.
    for (int row = 0; row < m_lines.size() && !product.soldByWeight; ++row) {
        if (m_lines.at(row).product.plu == product.plu) {
            // A manager approved the price for so many: more is at the shelf price.
            m_lines[row].priceOverride.reset();
            m_lines[row].quantity = qMin(product.soldByWeight ? kMaxGrams : kMaxQuantity,
                                         m_lines.at(row).quantity + quantity);
            emit dataChanged(index(row, Quantity), index(row, Amount));
            emit totalChanged(total());
            return row;
        }
    }
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row);
    m_lines.append({product, qBound(1, quantity, product.soldByWeight ? kMaxGrams : kMaxQuantity),
                    std::nullopt});
    endInsertRows();
    emit totalChanged(total());
    return row;
}

bool CartModel::changeQuantity(int row, int delta)
{
    if (row < 0 || row >= m_lines.size())
        return false;
    if (m_lines.at(row).product.soldByWeight)
        return false; // the scale says how much; + and − do not
    const int quantity = m_lines.at(row).quantity + delta;
    if (quantity <= 0)
        return removeLine(row);
    if (delta > 0)
        m_lines[row].priceOverride.reset(); // approved for fewer: more needs a new approval
    m_lines[row].quantity = qMin(kMaxQuantity, quantity);
    emit dataChanged(index(row, Price), index(row, Amount));
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

qint64 CartModel::priceOf(const Line &line)
{
    return line.priceOverride ? line.priceOverride->unitPrice : line.product.price;
}

qint64 CartModel::amountOf(const Line &line)
{
    return line.product.soldByWeight ? WeightBarcode::amount(line.quantity, priceOf(line))
                                     : priceOf(line) * line.quantity;
}

void CartModel::setPriceOverride(int row, qint64 unitPrice, const ManagerApproval &approval)
{
    if (row < 0 || row >= m_lines.size())
        return;
    m_lines[row].priceOverride = PriceOverride {m_lines.at(row).product.plu, unitPrice, approval};
    emit dataChanged(index(row, Price), index(row, Amount));
    emit totalChanged(total());
}

std::vector<PriceOverride> CartModel::priceOverrides() const
{
    std::vector<PriceOverride> overrides;
    for (const Line &line : m_lines)
        if (line.priceOverride)
            overrides.push_back(*line.priceOverride);
    return overrides;
}

qint64 CartModel::total() const
{
    qint64 sum = 0;
    for (const Line &line : m_lines)
        sum += amountOf(line);
    return sum;
}

void CartModel::setPromo(const std::optional<Promo> &promo)
{
    if (!promo && !m_promo)
        return;
    m_promo = promo;
    discountsChanged();
    emit totalChanged(total());
}

void CartModel::discountsChanged()
{
    if (!m_lines.isEmpty())
        emit dataChanged(index(0, Discount), index(int(m_lines.size()) - 1, Discount));
}

QList<qint64> CartModel::discounts() const
{
    QList<qint64> eligible;
    qint64 eligibleSum = 0;
    for (const Line &line : m_lines) {
        const bool applies = m_promo && m_promo->appliesTo(line.product.id);
        eligible << (applies ? amountOf(line) : 0);
        eligibleSum += eligible.last();
    }
    const qint64 off = m_promo ? OrderPricing::discount(*m_promo, eligibleSum) : 0;
    return OrderVat::spreadDiscount(eligible, off);
}

qint64 CartModel::discount() const
{
    qint64 sum = 0;
    for (const qint64 share : discounts())
        sum += share;
    return sum;
}

qint64 CartModel::discountAt(int row) const
{
    return m_promo ? discounts().value(row) : 0;
}

int CartModel::units() const
{
    int sum = 0;
    for (const Line &line : m_lines)
        sum += line.product.soldByWeight ? 1 : line.quantity; // a weighed line is one item
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
