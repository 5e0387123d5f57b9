#pragma once

#include "models/catalog/ProductStore.h"
#include "models/core/Actor.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace shopdesk {

class BarcodeListEdit;
class MessageBanner;
class CategoryComboBox;
class VatRateComboBox;

// Create a product: PLU, name, shelf price, (optionally) its barcodes, the main one
// first, VAT rate and category.
class ProductDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProductDialog(const Actor &actor, QWidget *parent = nullptr);
    Product product() const { return m_product; }

private:
    void submit();
    QWidget *fieldFor(const QString &name) const;

    Actor m_actor;
    Product m_product;
    MessageBanner *m_banner;
    QLineEdit *m_plu;
    QLineEdit *m_name;
    QLineEdit *m_price; // minor units typed as "123.45"
    BarcodeListEdit *m_barcodes; // main first
    QCheckBox *m_byWeight;
    VatRateComboBox *m_vat;
    CategoryComboBox *m_category;
    QPushButton *m_ok;
};

} // namespace shopdesk
