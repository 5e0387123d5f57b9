#pragma once

#include "models/catalog/PriceStore.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Actor.h"

#include <QDialog>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace shopdesk {

class BarcodeListEdit;
class MessageBanner;
class ProductMovementsTable;
class ProductStockTable;
class CategoryComboBox;
class VatRateComboBox;

// Change a product: its name, price, unit, barcodes (typed or scanned into
// the list; the first is the main one, printed on labels), VAT rate and whether it
// is still sold, with a reason; and its prices: the history, the scheduled ones and a
// new one from a later moment (times in the shop's zone). As a product card it
// also shows its stock in every shop and its recent movements. Every database call
// goes through CatalogService; the dialog never waits for it.
class ProductEditDialog : public QDialog
{
    Q_OBJECT
public:
    ProductEditDialog(const Actor &actor, const QString &plu, const QString &shopTimeZone,
                      QWidget *parent = nullptr);
    // The product as saved (valid after accept()).
    Product product() const { return m_product; }

signals:
    // The product and its prices have been read (or could not be).
    void loaded();
    // The price list has been read again (after a schedule).
    void pricesShown();
    // The barcodes list changed (a barcode added, removed or made main).
    void barcodesChanged();

private:
    void load();
    void loadPrices();
    // The head office owns the catalog: everything shows, nothing changes.
    void showReadOnly();
    void showProduct(const Product &product);
    void showPrices(const QList<PriceEntry> &prices);
    void loadChanges();
    void showChanges(const QList<ProductChange> &changes);
    // "Price: 99.90 → 109.90" for each field one edit changed.
    QString describe(const ProductChange &change) const;
    QString vatLabel(const QString &code) const;
    std::optional<ProductEdit> edit(bool quiet);
    void checkInline();
    void submit();
    void schedule();
    // Takes back the scheduled price selected in the list, after asking.
    void withdrawScheduled();
    std::optional<PriceEntry> selectedScheduled() const;
    QWidget *fieldFor(const QString &name) const;

    Actor m_actor;
    QString m_plu;
    QString m_zone;
    Product m_product;
    MessageBanner *m_banner;
    QLineEdit *m_name;
    QLineEdit *m_price; // minor units typed as "123.45"
    BarcodeListEdit *m_barcodes; // main first
    QCheckBox *m_byWeight;
    QCheckBox *m_active;
    VatRateComboBox *m_vat;
    CategoryComboBox *m_category;
    QLineEdit *m_reason;
    QLabel *m_fieldError; // what is wrong with the fields as typed
    QTableWidget *m_prices;
    QList<PriceEntry> m_priceEntries; // the rows of m_prices
    QTableWidget *m_changes; // the product's edits, who and why
    QList<ProductChange> m_shownChanges; // described again once the VAT names arrive
    ProductStockTable *m_stock; // in every shop the database has
    ProductMovementsTable *m_movements; // the newest stock rows of its history
    QLineEdit *m_newPrice;
    QDateTimeEdit *m_from; // wall time in the shop's zone
    QPushButton *m_schedule;
    QPushButton *m_withdraw; // enabled on a scheduled price
    QPushButton *m_save;
    bool m_readOnly = false;
};

} // namespace shopdesk
