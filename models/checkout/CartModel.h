#pragma once

#include "models/catalog/ProductStore.h"
#include "models/orders/NewOrder.h"
#include "models/orders/OrderPricing.h"

#include <QAbstractTableModel>

namespace shopdesk {

// The sale being rung up at the till: one line per product (scanning it
// again adds to its count) and one per scale label of a product sold by
// weight, prices as the catalog had them when scanned.
// Nothing here touches the database; the Sale that owns it turns it into
// an order.
class CartModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Plu, Name, Quantity, Price, Discount, Amount, ColumnCount };
    static constexpr int kMaxQuantity = 9999;
    static constexpr int kMaxGrams = 999'999; // what a scale label can carry

    explicit CartModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Adds `quantity` of the product (grams for one sold by weight); returns
    // the row of its line.
    int add(const Product &product, int quantity);
    // Changes a line's count by delta; a line that reaches 0 goes.
    bool changeQuantity(int row, int delta);
    bool removeLine(int row);
    void clear();

    bool isEmpty() const { return m_lines.isEmpty(); }
    qint64 total() const; // minor units, before a promo code's discount
    // The promo code the till checked (none: no discount shown): each line
    // shows its share of the discount, worked out as the order will
    // (OrderPricing::withPromo); the order's own figures are what is paid.
    void setPromo(const std::optional<Promo> &promo);
    const std::optional<Promo> &promo() const { return m_promo; }
    qint64 discount() const;
    qint64 discountAt(int row) const;
    int units() const;
    QList<CartLine> cartLines() const;
    // A price changed for a line with a manager's approval (the line keeps
    // it when the product is scanned again); what the order is told.
    void setPriceOverride(int row, qint64 unitPrice, const ManagerApproval &approval);
    std::vector<PriceOverride> priceOverrides() const;
    qint64 unitPriceAt(int row) const { return priceOf(m_lines.at(row)); }
    const std::optional<PriceOverride> &priceOverrideAt(int row) const
    {
        return m_lines.at(row).priceOverride;
    }
    const Product &productAt(int row) const { return m_lines.at(row).product; }
    int quantityAt(int row) const { return m_lines.at(row).quantity; }

    static QString money(qint64 minorUnits);

signals:
    void totalChanged(qint64 total);

private:
    struct Line
    {
        Product product;
        int quantity = 0;
        std::optional<PriceOverride> priceOverride;
    };
    static qint64 priceOf(const Line &line);
    static qint64 amountOf(const Line &line);
    QList<qint64> discounts() const;
    void discountsChanged();
    QList<Line> m_lines;
    std::optional<Promo> m_promo;
};

} // namespace shopdesk
