#pragma once

#include "models/orders/OrderVat.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace shopdesk {

// Money put into or taken out of the drawer with no sale behind it: a float
// top-up, a collection, a petty expense. Always with its reason.
struct CashMovement
{
    enum class Direction { In, Out };
    qint64 id = 0;
    Direction direction = Direction::In;
    qint64 amount = 0; // > 0
    QString reason;
    QString staff; // who did it
    QDateTime at;
    qint64 signedAmount() const { return direction == Direction::In ? amount : -amount; }
};

// The X and Z reports' numbers: a till's takings in one shift, every sale
// and refund that shift recorded, and on the Z the cash counted at closing.
struct ShiftReport
{
    qint64 shiftId = 0;
    QString till;
    QString openedBy;
    QString closedBy;
    QDateTime openedAt;
    QDateTime closedAt; // set on the Z report
    int sales = 0; // paid orders
    qint64 cash = 0; // taken in cash (change already given back)
    qint64 card = 0;
    qint64 refundedCash = 0; // paid back at this till during the shift
    qint64 refundedCard = 0;
    qint64 openingCash = 0;
    qint64 cashIn = 0;
    qint64 cashOut = 0;
    QList<CashMovement> movements;
    std::optional<qint64> countedCash; // on the Z report
    // The shift's sales less its returns by VAT rate (net amounts and VAT),
    // as the order lines and return lines carrying this shift's rows say.
    QList<VatTotal> vat;

    bool isClosed() const { return closedAt.isValid(); }
    qint64 expectedCash() const { return openingCash + cash - refundedCash + cashIn - cashOut; }
    qint64 total() const { return cash + card - refundedCash - refundedCard; }
    // Counted minus expected: below zero the drawer is short, above it over.
    std::optional<qint64> overShort() const
    {
        return countedCash ? std::optional<qint64>(*countedCash - expectedCash()) : std::nullopt;
    }
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::ShiftReport)
