#include "ShiftReceipt.h"

#include "models/core/Money.h"
#include "models/shops/ShopTime.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace shopdesk {

Receipt ShiftReceipt::forReport(const ShiftReport &r, const Shop &shop, int width)
{
    Receipt out;
    const QString rule(width, u'-');
    const auto at = [&shop](const QDateTime &t) {
        return ShopTime::toShop(t, shop.timeZone).toString(u"dd.MM.yyyy HH:mm"_s);
    };
    const auto money = [](qint64 amount) {
        return Money::format(amount);
    };
    const auto minus = [](qint64 amount) -> QString {
        return amount > 0 ? u"-"_s + Money::format(amount) : Money::format(0);
    };
    out.lines << shop.name.left(width);
    out.lines << rule;
    out.boldLine = int(out.lines.size());
    out.lines << Receipt::spread(r.isClosed() ? tr("Z REPORT") : tr("X REPORT"),
                                 tr("Shift %1").arg(r.shiftId), width);
    out.lines << Receipt::spread(tr("Till %1").arg(r.till),
                                 r.isClosed() ? tr("closed") : tr("running totals"), width);
    out.lines << Receipt::spread(tr("Opened %1").arg(at(r.openedAt)), r.openedBy, width);
    if (r.isClosed())
        out.lines << Receipt::spread(tr("Closed %1").arg(at(r.closedAt)), r.closedBy, width);
    out.lines << rule;
    out.lines << Receipt::spread(tr("Sales"), QLocale().toString(r.sales), width);
    out.lines << Receipt::spread(tr("Cash"), money(r.cash), width);
    out.lines << Receipt::spread(tr("Card"), money(r.card), width);
    out.lines << Receipt::spread(tr("Refunds in cash"), minus(r.refundedCash), width);
    out.lines << Receipt::spread(tr("Refunds to card"), minus(r.refundedCard), width);
    out.lines << Receipt::spread(tr("Takings"), money(r.total()), width);
    if (!r.vat.isEmpty()) {
        // Sales less returns at each rate: what the VAT return is made of.
        out.lines << rule;
        out.lines << Receipt::vatLines(r.vat, width);
    }
    out.lines << rule;
    out.lines << Receipt::spread(tr("Float"), money(r.openingCash), width);
    out.lines << Receipt::spread(tr("Cash in"), money(r.cashIn), width);
    out.lines << Receipt::spread(tr("Cash out"), minus(r.cashOut), width);
    for (const CashMovement &m : r.movements)
        out.lines << Receipt::spread(
            u"  %1 %2"_s.arg(ShopTime::toShop(m.at, shop.timeZone).toString(u"HH:mm"_s), m.reason),
            m.direction == CashMovement::Direction::In ? money(m.amount) : minus(m.amount), width);
    out.lines << Receipt::spread(tr("Expected in the drawer"), money(r.expectedCash()), width);
    if (r.countedCash) {
        out.lines << Receipt::spread(tr("Counted"), money(*r.countedCash), width);
        const qint64 diff = *r.overShort();
        out.lines << Receipt::spread(diff < 0       ? tr("SHORT")
                                         : diff > 0 ? tr("OVER")
                                                    : tr("Over / short"),
                                     money(diff), width);
    }
    out.lines << rule;
    return out;
}

} // namespace shopdesk
