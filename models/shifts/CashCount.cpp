#include "CashCount.h"

#include "models/core/Money.h"

namespace shopdesk {

QList<qint64> CashCount::denominations()
{
    return {500000, 200000, 100000, 50000, 20000, 10000, 5000, 1000, 500, 200, 100, 10, 5, 1};
}

CashCount CashCount::ofTotal(qint64 total)
{
    CashCount c;
    c.m_total = total;
    return c;
}

CashCount CashCount::ofNotes(const QMap<qint64, int> &notes)
{
    CashCount c;
    for (auto it = notes.begin(); it != notes.end(); ++it) {
        if (it.value() == 0)
            continue;
        c.m_notes.insert(it.key(), it.value());
        c.m_total += it.key() * it.value();
    }
    return c;
}

QString CashCount::problem() const
{
    if (m_total < 0)
        return tr("The counted cash cannot be negative.");
    const QList<qint64> known = denominations();
    for (auto it = m_notes.begin(); it != m_notes.end(); ++it) {
        if (!known.contains(it.key()))
            return tr("%1 is not a note or coin.").arg(Money::format(it.key()));
        if (it.value() < 0)
            return tr("The number of %1 notes or coins cannot be negative.")
                .arg(Money::format(it.key()));
    }
    return {};
}

} // namespace shopdesk
