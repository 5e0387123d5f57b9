#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace shopdesk {

// Where an order is in its life (seed 004): created awaiting payment with
// its lines reserved, or failed when they could not be; then paid, or
// cancelled (by someone, or when its payment time ran out); a paid order
// whose every item came back is returned. "new" is the schema's default and
// is never written by ShopDesk.
enum class OrderStatus { New, AwaitingPayment, Failed, Paid, Cancelled, Returned };

// The text the database stores ("awaiting_payment") and back again: the one
// place that spells the statuses out. An unknown text gives nullopt.
QString orderStatusKey(OrderStatus status);
std::optional<OrderStatus> orderStatusFromKey(const QString &key);
// For people, translated ("awaiting payment").
QString orderStatusText(OrderStatus status);
// Every status, in the order of the life cycle.
QList<OrderStatus> orderStatuses();

} // namespace shopdesk
