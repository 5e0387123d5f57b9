#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace shopdesk {

// The cash counted in the drawer when a shift closes: a total, or notes and
// coins by denomination (the total is then their sum).
class CashCount
{
    Q_DECLARE_TR_FUNCTIONS(CashCount)
public:
    // The roubles' notes and coins, largest first, in minor units.
    static QList<qint64> denominations();

    static CashCount ofTotal(qint64 total);
    static CashCount ofNotes(const QMap<qint64, int> &notes);

    qint64 total() const { return m_total; }
    bool byDenomination() const { return !m_notes.isEmpty(); }
    // Denomination (minor units) → how many; empty when a total was given.
    const QMap<qint64, int> &notes() const { return m_notes; }
    // What is wrong with it (a negative count, an unknown denomination), or
    // an empty string.
    QString problem() const;

private:
    qint64 m_total = 0;
    QMap<qint64, int> m_notes;
};

} // namespace shopdesk
