#include "OrderStatus.h"

#include "KeyedEnum.h"

namespace shopdesk {

namespace {

constexpr KeyedEnum<OrderStatus, 6> kStatuses {
    "OrderStatus",
    {{
        {OrderStatus::New, "new", QT_TRANSLATE_NOOP("OrderStatus", "new")},
        {OrderStatus::AwaitingPayment, "awaiting_payment",
         QT_TRANSLATE_NOOP("OrderStatus", "awaiting payment")},
        {OrderStatus::Failed, "failed", QT_TRANSLATE_NOOP("OrderStatus", "failed")},
        {OrderStatus::Paid, "paid", QT_TRANSLATE_NOOP("OrderStatus", "paid")},
        {OrderStatus::Cancelled, "cancelled", QT_TRANSLATE_NOOP("OrderStatus", "cancelled")},
        {OrderStatus::Returned, "returned", QT_TRANSLATE_NOOP("OrderStatus", "returned")},
    }},
};

} // namespace

QString orderStatusKey(OrderStatus status)
{
    return kStatuses.key(status);
}

std::optional<OrderStatus> orderStatusFromKey(const QString &key)
{
    return kStatuses.fromKey(key);
}

QString orderStatusText(OrderStatus status)
{
    return kStatuses.text(status);
}

QList<OrderStatus> orderStatuses()
{
    return kStatuses.values();
}

} // namespace shopdesk
