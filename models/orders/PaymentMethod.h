#pragma once

#include <QString>

#include <optional>

namespace shopdesk {

// How an order was paid: cash, card, or a split of the two (card first, the
// rest in cash). A refund goes back by card or in cash only.
enum class PaymentMethod { Cash, Card, Split };

// The text the database stores ("cash", "card", "split") and back again;
// an unknown or empty text (an unpaid order) gives nullopt.
QString paymentMethodKey(PaymentMethod method);
std::optional<PaymentMethod> paymentMethodFromKey(const QString &key);
// For people, translated ("card and cash").
QString paymentMethodText(PaymentMethod method);

} // namespace shopdesk
