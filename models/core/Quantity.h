#pragma once

#include <QCoreApplication>
#include <QString>

namespace shopdesk {

// How a stock quantity reads to people. Goods sold by weight keep their stock
// in grams (whole numbers, like every other quantity) and read in kilograms.
struct Quantity
{
    Q_DECLARE_TR_FUNCTIONS(Quantity)
public:
    static constexpr int kGramsPerKg = 1000;

    // "1,250" or, sold by weight, "1.250 kg", in the user's locale.
    static QString format(qint64 units, bool soldByWeight);
    // The same in plain digits ("1250", "1.250 kg") for messages that also
    // go to other programs (the central server's JSON errors).
    static QString plain(qint64 units, bool soldByWeight);
};

} // namespace shopdesk
