#pragma once

#include "models/core/Actor.h"
#include "models/shops/ShopStore.h"
#include "models/stock/StockStore.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace shopdesk {

class MessageBanner;

// Create the stock of a product in a shop, with its starting quantities.
class StockDialog : public QDialog
{
    Q_OBJECT
public:
    StockDialog(const Actor &actor, const QList<Shop> &shops, qint64 shopId,
                QWidget *parent = nullptr);
    void setPlu(const QString &plu);
    StockRow stock() const { return m_stock; }

private:
    void submit();

    Actor m_actor;
    StockRow m_stock;
    MessageBanner *m_banner;
    QLineEdit *m_plu;
    QComboBox *m_shop;
    QSpinBox *m_shelf;
    QSpinBox *m_order;
    QPushButton *m_ok;
};

} // namespace shopdesk
