#include "MovingAverage.h"

namespace shopdesk::MovingAverage {

namespace {

// Quantity (to 2·10⁹) times cost (to 10¹⁰) overflows 64 bits.
__extension__ using Wide = __int128;

// value / quantity to the nearest unit, halves up (both non-negative).
qint64 divideRounded(Wide value, qint64 quantity)
{
    return qint64((value * 2 + quantity) / (Wide(quantity) * 2));
}

} // namespace

qint64 afterReceipt(qint64 onHand, std::optional<qint64> cost, qint64 quantity, qint64 price)
{
    const qint64 held = qMax<qint64>(onHand, 0);
    const qint64 total = held + quantity;
    if (total <= 0)
        return price;
    const Wide value = Wide(held) * cost.value_or(price) + Wide(quantity) * price;
    return divideRounded(value, total);
}

std::optional<qint64> afterReversal(qint64 onHand, std::optional<qint64> cost, qint64 quantity,
                                    qint64 price)
{
    if (!cost)
        return cost;
    const qint64 left = onHand - quantity;
    if (left <= 0)
        return cost;
    const Wide value = Wide(onHand) * *cost - Wide(quantity) * price;
    if (value < 0)
        return cost;
    return divideRounded(value, left);
}

} // namespace shopdesk::MovingAverage
