#include "RefusalReason.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

QString RefusalReason::describe(const OutboxEvent &event)
{
    const QString code = event.rejectedCode;
    const QString field = event.rejectedField;
    const QString plu = event.payload.value(u"plu"_s).toString();
    const QString shop = event.payload.value(u"shop_code"_s).toString();
    const bool stock = event.type == u"stock.created"_s || event.type == u"stock.changed"_s;

    if (code == u"not_found"_s && stock && field == u"payload.plu"_s)
        return tr("Head office does not have the product %1 yet. This event goes again by "
                  "itself once head office has it: when this shop's product %1 gets there, or "
                  "head office adds it to its catalog.")
            .arg(plu);
    if (code == u"not_found"_s && stock && field == u"payload.shop_code"_s)
        return tr("Head office does not know the shop %1. Head office must add it (by issuing "
                  "its token: shopdesk-central --issue-token %1); then retry.")
            .arg(shop);
    if (code == u"forbidden"_s && stock)
        return tr("This till's token does not speak for the shop %1, so head office refuses "
                  "changes of that shop's stock from here. They reach head office from shop "
                  "%1's own till; this event cannot be sent from this one.")
            .arg(shop);
    if (code == u"conflict"_s && event.type == u"product.created"_s &&
        field == u"payload.barcode"_s)
        return tr("Head office has another product with the barcode %2, so it cannot take the "
                  "product %1. This goes again by itself once head office's product reaches "
                  "this shop (the barcode then leaves %1 here); or head office frees the "
                  "barcode, and you retry.")
            .arg(plu, event.payload.value(u"barcode"_s).toString());
    if (code == u"invalid"_s) // central's own words say which rule the data broke
        return tr("Head office cannot take this event as it is (%1): %2")
            .arg(field.isEmpty() ? tr("its content") : field, event.lastError.section(u": "_s, 1));
    return tr("Refused by head office: %1").arg(event.lastError);
}

} // namespace shopdesk
