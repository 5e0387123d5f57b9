#pragma once

#include <QtGlobal>

#include <optional>

namespace shopdesk {

// A product's cost in a shop as a moving average (issue 18): what is there
// is valued at the old cost, what arrives at its purchase price, and the
// cost is their total over the new quantity, to the nearest kopeck (halves
// up). Quantities are pieces or grams, costs per piece or per kilogram: the
// units cancel out. Pure, so the hand-worked figures need no database.
namespace MovingAverage {

// The cost after `quantity` arrives at `price` on top of `onHand` at `cost`
// (none: nothing was ever received, so the old stock counts at the new
// price). Stock below zero counts as none.
qint64 afterReceipt(qint64 onHand, std::optional<qint64> cost, qint64 quantity, qint64 price);

// The cost after a receipt of `quantity` at `price` is taken back out of
// `onHand` (which still includes it) at `cost`: its value leaves at the
// price it came in at. When nothing would remain, or the rest would be
// valued below zero, the cost stays as it is.
std::optional<qint64> afterReversal(qint64 onHand, std::optional<qint64> cost, qint64 quantity,
                                    qint64 price);

} // namespace MovingAverage

} // namespace shopdesk
