#pragma once

#include "models/core/Result.h"

#include <QCoreApplication>

#include <optional>

namespace shopdesk {

// How a computed price is rounded: to a multiple of `step` minor units, in
// `direction`; `endIn99` then takes one minor unit off a whole price
// (130.00 → 129.99), the shop's usual "charm" price.
struct PriceRounding
{
    enum class Direction { Nearest, Up, Down };

    qint64 step = 1; // 1, 10, 100 or 1000 minor units
    Direction direction = Direction::Nearest;
    bool endIn99 = false; // needs a step of at least 100

    bool operator==(const PriceRounding &) const = default;
};

// What a price-change document does to each product it adds: set one price,
// or raise or lower the product's price by a percentage and round it. The
// arithmetic needs no database (tests/models/tst_pricerule).
struct PriceRule
{
    Q_DECLARE_TR_FUNCTIONS(PriceRule)
public:
    enum class Kind { SetPrice, ChangeByPercent };

    static constexpr qint64 kMaxPrice = 100'000'000'00; // ProductStore::kMaxPrice
    static constexpr int kMinPercent = -9999; // hundredths: −99.99 %
    static constexpr int kMaxPercent = 100000; // +1000 %

    Kind kind = Kind::SetPrice;
    qint64 price = 0; // SetPrice: the new price in minor units
    int percent = 0; // ChangeByPercent: hundredths of a percent (+5 % is 500)
    PriceRounding rounding;

    static PriceRule setPrice(qint64 price) { return {Kind::SetPrice, price, 0, {}}; }
    static PriceRule changeByPercent(int hundredths, PriceRounding rounding = {})
    {
        return {Kind::ChangeByPercent, 0, hundredths, rounding};
    }

    // Invalid naming the field ("price", "percent", "rounding") when the
    // rule cannot be applied; nothing when it can.
    std::optional<StoreError> check() const;
    // The new price of a product that costs `oldPrice`, or an Invalid error
    // ("price") when it would leave 0…kMaxPrice.
    Result<qint64> apply(qint64 oldPrice) const;
};

} // namespace shopdesk
