#pragma once

#include "models/checkout/HeldSaleStore.h"

#include <QDialog>

class QListWidget;

namespace shopdesk {

// The sales parked at this till, oldest first (when, who, how many items,
// the total, the customer): Enter or a double click recalls one.
class ParkedSalesDialog : public QDialog
{
    Q_OBJECT
public:
    ParkedSalesDialog(const QList<ParkedSale> &parked, const QString &shopTimeZone,
                      QWidget *parent = nullptr);

    qint64 chosenId() const;

private:
    QListWidget *m_list;
};

} // namespace shopdesk
