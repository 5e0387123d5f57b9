#include "WeightBarcode.h"

#include "models/catalog/Ean13.h"
#include "models/orders/OrderPricing.h"

namespace shopdesk {

std::optional<WeightBarcode> WeightBarcode::decode(const QString &code)
{
    if (code.size() != 13 || code.at(0) != u'2' || !Ean13::isValidGtin(code))
        return std::nullopt;
    WeightBarcode w;
    w.plu = code.mid(2, 5);
    const int value = code.mid(7, 5).toInt();
    if (value <= 0)
        return std::nullopt;
    if (code.at(1).digitValue() <= 4)
        w.grams = value;
    else
        w.price = value;
    return w;
}

int WeightBarcode::gramsForPrice(qint64 price, qint64 pricePerKg)
{
    if (pricePerKg <= 0)
        return 0;
    return int((price * 1000 + pricePerKg / 2) / pricePerKg);
}

qint64 WeightBarcode::amount(int grams, qint64 pricePerKg)
{
    return OrderPricing::weighedAmount(grams, pricePerKg);
}

} // namespace shopdesk
