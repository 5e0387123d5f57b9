#include "PriceRule.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// n / d rounded in `direction`, for n ≥ 0 and d > 0.
qint64 divideRounded(qint64 n, qint64 d, PriceRounding::Direction direction)
{
    switch (direction) {
    case PriceRounding::Direction::Up:
        return (n + d - 1) / d;
    case PriceRounding::Direction::Down:
        return n / d;
    case PriceRounding::Direction::Nearest:
        break;
    }
    return (2 * n + d) / (2 * d); // halves go up, as a cashier rounds
}

} // namespace

std::optional<StoreError> PriceRule::check() const
{
    if (kind == Kind::SetPrice) {
        if (price < 0 || price > kMaxPrice)
            return StoreError::invalid(u"price"_s,
                                       tr("The price must be between 0 and 100,000,000."));
        return std::nullopt;
    }
    if (percent < kMinPercent || percent > kMaxPercent)
        return StoreError::invalid(u"percent"_s,
                                   tr("The change must be between −99.99 % and +1000 %."));
    if (percent == 0)
        return StoreError::invalid(u"percent"_s, tr("A change of 0 % changes no price."));
    const qint64 step = rounding.step;
    if (step != 1 && step != 10 && step != 100 && step != 1000)
        return StoreError::invalid(u"rounding"_s,
                                   tr("Round to the kopeck, 10 kopecks, the ruble or 10 rubles."));
    if (rounding.endIn99 && step < 100)
        return StoreError::invalid(
            u"rounding"_s, tr("A price ending in .99 needs rounding to the ruble or 10 rubles."));
    return std::nullopt;
}

Result<qint64> PriceRule::apply(qint64 oldPrice) const
{
    if (auto invalid = check())
        return *invalid;
    if (kind == Kind::SetPrice)
        return price;
    if (oldPrice < 0 || oldPrice > kMaxPrice)
        return StoreError::invalid(u"price"_s, tr("The price must be between 0 and 100,000,000."));
    // oldPrice × (100 % + percent) / step in one rounding, so 10,000 × 2 ×
    // 1e10 stays far inside 64 bits.
    const qint64 numerator = oldPrice * (10000 + percent);
    qint64 result =
        divideRounded(numerator, 10000 * rounding.step, rounding.direction) * rounding.step;
    if (rounding.endIn99 && result > 0)
        result -= 1;
    if (result > kMaxPrice)
        return StoreError::invalid(u"price"_s, tr("The new price would be over 100,000,000."));
    return result;
}

} // namespace shopdesk
