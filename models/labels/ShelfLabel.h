#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace shopdesk {

struct Product;
struct QueuedLabel;
struct StockRow;

// One price tag on a shelf: what it says, nothing about where it goes
// (LabelLayout) or how it is painted (ui/labels/LabelRenderer).
struct ShelfLabel
{
    Q_DECLARE_TR_FUNCTIONS(ShelfLabel)
public:
    qint64 productId = 0;
    QString plu;
    QString name;
    qint64 price = 0; // minor units; per kilogram when perKg
    bool perKg = false; // sold by weight: the price is the price of a kilogram
    QString ean13; // 13 digits with a valid check digit; empty: no barcode
    QDate date; // the day the tag is printed for, in the shop's time zone
    bool scheduled = false; // a price valid from `date`: the tag says "from"

    // The tag for a product (or a stock row) on the day `at` falls on in the
    // shop's zone; `validFrom` (a scheduled price) makes it a "from" tag.
    static ShelfLabel forProduct(const Product &product, const QDateTime &at,
                                 const QString &shopTimeZone);
    static ShelfLabel forStockRow(const StockRow &row, const QDateTime &at,
                                  const QString &shopTimeZone);
    // A queued label: a scheduled price's tag is dated the day it starts.
    static ShelfLabel forQueued(const QueuedLabel &queued, const QDateTime &at,
                                const QString &shopTimeZone);

    // The product's barcode as an EAN-13: 13 digits with the right check
    // digit, or a UPC-A (12) with a leading zero; empty for anything else.
    static QString ean13From(const QString &barcode);

    // "1,234.50" in the user's locale (Money::format).
    QString priceText() const;
    // "per kg" for goods sold by weight, empty otherwise.
    QString unitText() const;
    // "07.12.2026", or "from 07.12.2026" for a scheduled price.
    QString dateText() const;
};

} // namespace shopdesk
