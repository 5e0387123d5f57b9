#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

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
    // What a person typed: whole pieces ("12", "1 200"), or kilograms with
    // up to three decimals and a point or a comma ("1,25", "0.4", "2 kg")
    // in grams. nullopt for anything else.
    static std::optional<qint64> parse(const QString &text, bool soldByWeight);
};

} // namespace shopdesk
