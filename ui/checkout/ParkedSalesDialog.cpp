#include "ParkedSalesDialog.h"

#include "models/core/Money.h"
#include "models/shops/ShopTime.h"

#include <QDialogButtonBox>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

ParkedSalesDialog::ParkedSalesDialog(const QList<ParkedSale> &parked, const QString &shopTimeZone,
                                     QWidget *parent)
    : QDialog(parent), m_list(new QListWidget(this))
{
    setWindowTitle(tr("Recall a parked sale"));
    m_list->setObjectName(u"parkedSales"_s);
    for (const ParkedSale &p : parked) {
        QString text = tr("%1 · %2 · %Ln item(s) · %3", nullptr, p.units)
                           .arg(ShopTime::formatTime(p.parkedAt, shopTimeZone), p.cashier,
                                Money::format(p.total));
        if (p.sale.customer)
            text += u" · %1 %2"_s.arg(p.sale.customer->firstName, p.sale.customer->lastName);
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, p.id);
        item->setSizeHint(QSize(0, 44));
    }
    m_list->setCurrentRow(0);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Recall"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(560, 320);
    m_list->setFocus();
}

qint64 ParkedSalesDialog::chosenId() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toLongLong() : 0;
}

} // namespace shopdesk
