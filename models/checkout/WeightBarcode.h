#pragma once

#include <QString>

#include <optional>

namespace shopdesk {

// A scale's label: EAN-13 for in-store use, starting with 2.
//   2 P CCCCC VVVVV K
//   P 0–4: VVVVV is the weight in grams; P 5–9: the price in kopecks
//   CCCCC: the product's PLU; K: the check digit.
struct WeightBarcode
{
    QString plu;
    int grams = 0; // 0 when the label carries a price
    qint64 price = 0; // minor units; 0 when it carries a weight

    static std::optional<WeightBarcode> decode(const QString &code);
    // The grams a price label stands for at this price per kg (rounded).
    static int gramsForPrice(qint64 price, qint64 pricePerKg);
    // What `grams` cost at `pricePerKg`, rounded to the kopeck.
    static qint64 amount(int grams, qint64 pricePerKg);
};

} // namespace shopdesk
