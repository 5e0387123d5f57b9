#pragma once

#include "Returns.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/staff/StaffStore.h"

#include <QCoreApplication>
#include <QMap>
#include <QSqlDatabase>

namespace shopdesk {

// Taking items of a paid order back: the units back on the shelf, the
// refund (the order's discount shared out) recorded at the till that pays
// it, and the order closed as returned once nothing is left. A manager
// approves (StaffStore::approveAsManager); both people are recorded.
class OrderReturns
{
    Q_DECLARE_TR_FUNCTIONS(OrderReturns)
public:
    explicit OrderReturns(QSqlDatabase db) : m_db(std::move(db)) { }

    // `lines` empty: everything still unreturned.
    Result<ReturnedItems> returnItems(const Actor &actor, qint64 orderId,
                                      const QList<ReturnLine> &lines,
                                      const ManagerApproval &approval, const QString &till,
                                      const QString &reason = {});

private:
    // A line of the order with what can still come back (qty − returned).
    using OpenLines = QMap<int, OrderLine>;
    Result<OpenLines> openLines(qint64 orderId) const;
    // The lines asked for, checked against what is open (each once, 1 up to
    // what is left), with their PLUs; none asked for: all that is left.
    Result<QList<OrderLine>> coming(const QString &number, const OpenLines &open,
                                    const QList<ReturnLine> &requested) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk
