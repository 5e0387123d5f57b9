#pragma once

#include "models/core/Actor.h"
#include "models/shops/ShopStore.h"
#include "models/stock/StockStore.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace shopdesk {

class MessageBanner;
class QuantitySpinBox;

// Create the stock of a product in a shop, with its starting quantities.
// The product is looked up as its PLU is typed, so the quantities are asked
// in its unit: pieces, or kilograms for goods sold by weight.
class StockDialog : public QDialog
{
    Q_OBJECT
public:
    StockDialog(const Actor &actor, const QList<Shop> &shops, qint64 shopId,
                QWidget *parent = nullptr);
    void setPlu(const QString &plu);
    StockRow stock() const { return m_stock; }

private:
    void lookUpProduct();
    void showProduct(const QString &plu, const QString &text, bool found, bool soldByWeight);
    void submit();

    Actor m_actor;
    StockRow m_stock;
    MessageBanner *m_banner;
    QLineEdit *m_plu;
    QLabel *m_product;
    QComboBox *m_shop;
    QuantitySpinBox *m_shelf;
    QuantitySpinBox *m_order;
    QPushButton *m_ok;
    QTimer *m_lookUp;
    QString m_foundPlu; // the PLU whose product the form shows, or empty
};

} // namespace shopdesk
