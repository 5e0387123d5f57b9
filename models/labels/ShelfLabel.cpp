#include "ShelfLabel.h"

#include "LabelQueueStore.h"
#include "models/catalog/Ean13.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Money.h"
#include "models/shops/ShopTime.h"
#include "models/stock/StockStore.h"

#include <QLocale>

namespace shopdesk {

namespace {

ShelfLabel make(qint64 productId, const QString &plu, const QString &name, qint64 price, bool perKg,
                const QString &barcode, const QDateTime &at, const QString &shopTimeZone)
{
    ShelfLabel label;
    label.productId = productId;
    label.plu = plu;
    label.name = name.simplified();
    label.price = price;
    label.perKg = perKg;
    label.ean13 = ShelfLabel::ean13From(barcode);
    label.date = ShopTime::toShop(at, shopTimeZone).date();
    return label;
}

} // namespace

ShelfLabel ShelfLabel::forProduct(const Product &product, const QDateTime &at,
                                  const QString &shopTimeZone)
{
    return make(product.id, product.plu, product.name, product.price, product.soldByWeight,
                product.barcode, at, shopTimeZone);
}

ShelfLabel ShelfLabel::forStockRow(const StockRow &row, const QDateTime &at,
                                   const QString &shopTimeZone)
{
    return make(row.productId, row.plu, row.name, row.price, row.soldByWeight, row.barcode, at,
                shopTimeZone);
}

ShelfLabel ShelfLabel::forQueued(const QueuedLabel &queued, const QDateTime &at,
                                 const QString &shopTimeZone)
{
    const bool scheduled = queued.validFrom.isValid();
    ShelfLabel label =
        make(queued.productId, queued.plu, queued.name, queued.price, queued.soldByWeight,
             queued.barcode, scheduled ? queued.validFrom : at, shopTimeZone);
    label.scheduled = scheduled;
    return label;
}

QString ShelfLabel::ean13From(const QString &barcode)
{
    if (barcode.size() == 13 && Ean13::isValid(barcode))
        return barcode;
    const QString upc = QLatin1Char('0') + barcode; // a UPC-A is an EAN-13 with a 0
    if (barcode.size() == 12 && Ean13::isValid(upc))
        return upc;
    return {};
}

QString ShelfLabel::priceText() const
{
    return Money::format(price);
}

QString ShelfLabel::unitText() const
{
    return perKg ? tr("per kg") : QString();
}

QString ShelfLabel::dateText() const
{
    const QString day = QLocale().toString(date, QLocale::ShortFormat);
    return scheduled ? tr("from %1").arg(day) : day;
}

} // namespace shopdesk
