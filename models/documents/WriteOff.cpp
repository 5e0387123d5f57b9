#include "WriteOff.h"

#include "models/orders/OrderPricing.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace shopdesk {

QString writeOffReasonText(const QString &code, const QString &storedName)
{
    // The reasons migration 0033 seeds; the shop's own keep their names.
    static const QHash<QString, const char *> seeded {
        {u"spoiled"_s, QT_TRANSLATE_NOOP("WriteOffReason", "Spoiled")},
        {u"damaged"_s, QT_TRANSLATE_NOOP("WriteOffReason", "Damaged")},
        {u"expired"_s, QT_TRANSLATE_NOOP("WriteOffReason", "Expired")},
        {u"theft"_s, QT_TRANSLATE_NOOP("WriteOffReason", "Theft")},
        {u"own_use"_s, QT_TRANSLATE_NOOP("WriteOffReason", "Own use")},
    };
    const auto it = seeded.constFind(code);
    return it == seeded.constEnd() ? storedName
                                   : QCoreApplication::translate("WriteOffReason", it.value());
}

QString WriteOffReason::text() const
{
    return writeOffReasonText(code, name);
}

qint64 WriteOffLine::amount() const
{
    return OrderPricing::lineAmount(cost, quantity, soldByWeight);
}

} // namespace shopdesk
