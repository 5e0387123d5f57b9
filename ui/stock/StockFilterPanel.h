#pragma once

#include "models/shops/ShopStore.h"
#include "models/stock/StockFilter.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace shopdesk {

class ShopComboBox;

// Seed 000's stock filters (PLU, shop, shelf and order quantity ranges) plus
// the product name. Typing is debounced; a barcode scanned into the search
// box is looked up and becomes a PLU filter.
class StockFilterPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StockFilterPanel(QWidget *parent = nullptr);

    // Filters by that shop (0: all shops), also before the shops are loaded.
    void setShopId(qint64 shopId);
    const QList<Shop> &shops() const;
    StockFilter filter() const;
    QLineEdit *searchBox() const { return m_search; }
    void clear();
    // Shows one product's stock: only this PLU, in this shop (0: all shops).
    void showPlu(const QString &plu, qint64 shopId);
    // Only the products of this category and its subcategories (0: any).
    void setCategoryId(qint64 categoryId);
    qint64 categoryId() const { return m_categoryId; }

signals:
    void filterChanged(const shopdesk::StockFilter &filter);
    // The shop list arrived: the filter holds the shop chosen now.
    void shopsLoaded();
    // Something the panel wants to tell the user (e.g. an unknown barcode).
    void notice(const QString &message);

private:
    void scheduleUpdate();
    void emitFilter();
    QSpinBox *quantityBox(const QString &objectName);

    QLineEdit *m_search;
    QLineEdit *m_plu;
    ShopComboBox *m_shop;
    QSpinBox *m_shelfMin;
    QSpinBox *m_shelfMax;
    QSpinBox *m_orderMin;
    QSpinBox *m_orderMax;
    QTimer *m_debounce;
    qint64 m_categoryId = 0;
};

} // namespace shopdesk
