#pragma once

#include "models/history/HistoryStore.h"

#include <QTimeZone>
#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

namespace shopdesk {

// One history row in full: quantities before and after, who (and who
// approved), why, and the order it belongs to, with jumps to the product
// and the order.
class HistoryDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryDetailPane(QWidget *parent = nullptr);

    // Times in `zone` (the shop's, as the table shows them).
    // Times in `zone`: the shop's (ShopTime::zone).
    void showEntry(const std::optional<HistoryEntry> &entry,
                   const QTimeZone &zone = QTimeZone::utc());
    QString text() const; // everything shown, for tests and copying

signals:
    void showProductRequested(const QString &plu, qint64 shopId);
    void showOrderRequested(qint64 orderId);

private:
    std::optional<HistoryEntry> m_entry;
    QLabel *m_empty;
    QWidget *m_fields;
    QList<QLabel *> m_values;
    QPushButton *m_product;
    QPushButton *m_order;
};

} // namespace shopdesk
