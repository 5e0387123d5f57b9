#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace shopdesk {

// What importing a row of a supplier's price list does (or would do).
enum class PriceListVerdict {
    New, // no product has its PLU: it is created
    Update, // a product's retail or purchase price changes
    Unchanged, // the product already has these prices
    Refused, // bad or conflicting: the row changes nothing (see field, reason)
};

// One row of the file as the import sees it.
struct PriceListRow
{
    int number = 0; // the row in the file (TableRow::number)
    QString plu;
    QString barcode;
    QString name; // the file's name; for an update, the product's
    std::optional<qint64> oldRetail, newRetail; // minor units
    std::optional<qint64> oldPurchase, newPurchase; // the supplier's, minor units
    PriceListVerdict verdict = PriceListVerdict::Refused;
    QString field; // a refused row's field (PriceListMapping::key)
    QString reason; // a refused row's reason, for the user
};

struct PriceListCounts
{
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int refused = 0;
    int total() const { return created + updated + unchanged + refused; }
};

// What applying a price list did: the counts and the first refused rows
// (all of them are in the CSV file apply() was given).
struct PriceListOutcome
{
    PriceListCounts counts;
    QList<PriceListRow> refused;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::PriceListRow)
