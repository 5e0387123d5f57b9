#include "PaymentMethod.h"

#include "KeyedEnum.h"

namespace shopdesk {

namespace {

constexpr KeyedEnum<PaymentMethod, 3> kMethods {
    "PaymentMethod",
    {{
        {PaymentMethod::Cash, "cash", QT_TRANSLATE_NOOP("PaymentMethod", "cash")},
        {PaymentMethod::Card, "card", QT_TRANSLATE_NOOP("PaymentMethod", "card")},
        {PaymentMethod::Split, "split", QT_TRANSLATE_NOOP("PaymentMethod", "card and cash")},
    }},
};

} // namespace

QString paymentMethodKey(PaymentMethod method)
{
    return kMethods.key(method);
}

std::optional<PaymentMethod> paymentMethodFromKey(const QString &key)
{
    return kMethods.fromKey(key);
}

QString paymentMethodText(PaymentMethod method)
{
    return kMethods.text(method);
}

} // namespace shopdesk
