#pragma once

#include "models/core/Actor.h"
#include "models/history/HistoryStore.h"

#include <QTableWidget>

namespace shopdesk {

// A product card's recent movements: the newest stock rows of its history
// (received, sold, returned, reserved, counted...) in every shop this
// database has, times in the shop's zone, kilograms for goods sold by weight.
// The whole trail is on the History page.
class ProductMovementsTable : public QTableWidget
{
    Q_OBJECT
public:
    static constexpr int kShown = 50;

    ProductMovementsTable(const QString &shopTimeZone, QWidget *parent = nullptr);

    // Reads them through HistoryService (the reader needs ViewHistory); never waits.
    void load(const Actor &actor, const QString &plu);

signals:
    void shown(int movements);
    void failed(const QString &message);

private:
    void show(const QList<HistoryEntry> &rows);

    QString m_zone;
};

} // namespace shopdesk
