#include "HistoryDetailPane.h"

#include "models/core/Quantity.h"
#include "models/history/HistoryModel.h"
#include "models/shops/ShopTime.h"
#include "ui/common/Icons.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
enum Field { When, Where, Product, Action, Shelf, Orders, Who, Approved, Order, Why, FieldCount };
}

HistoryDetailPane::HistoryDetailPane(QWidget *parent)
    : QWidget(parent),
      m_empty(new QLabel(tr("Select a row to see it in full."), this)),
      m_fields(new QWidget(this)),
      m_product(new QPushButton(Icons::icon(Icon::Stock), tr("Show &product in Stock"), this)),
      m_order(new QPushButton(Icons::icon(Icon::Orders), tr("Show &order"), this))
{
    setObjectName(u"historyDetail"_s);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *form = new QFormLayout(m_fields);
    form->setContentsMargins(0, 0, 0, 0);
    // Captions above their values: the pane is narrow and values are long.
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    const QStringList labels {tr("When:"),  tr("Shop:"),      tr("Product:"), tr("Action:"),
                              tr("Shelf:"), tr("In orders:"), tr("By:"),      tr("Approved by:"),
                              tr("Order:"), tr("Reason:")};
    for (int i = 0; i < FieldCount; ++i) {
        auto *value = new QLabel(m_fields);
        value->setWordWrap(true);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(labels.at(i), value);
        m_values << value;
    }
    m_product->setObjectName(u"showProduct"_s);
    m_order->setObjectName(u"showOrder"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_fields);
    layout->addWidget(m_product);
    layout->addWidget(m_order);
    layout->addStretch(1);
    connect(m_product, &QPushButton::clicked, this, [this] {
        if (m_entry)
            emit showProductRequested(m_entry->plu, m_entry->shopId);
    });
    connect(m_order, &QPushButton::clicked, this, [this] {
        if (m_entry && m_entry->orderId)
            emit showOrderRequested(m_entry->orderId);
    });
    showEntry(std::nullopt);
}

void HistoryDetailPane::showEntry(const std::optional<HistoryEntry> &entry, const QTimeZone &zone)
{
    m_entry = entry;
    m_empty->setVisible(!entry);
    m_fields->setVisible(entry.has_value());
    m_product->setEnabled(entry.has_value());
    m_order->setEnabled(entry && entry->orderId);
    if (!entry)
        return;
    const HistoryEntry &e = *entry;
    const QLocale locale;
    // Goods sold by weight move in grams and are shown in kilograms.
    auto change = [&](int before, int after) {
        return tr("%1 → %2").arg(Quantity::format(before, e.soldByWeight),
                                 Quantity::format(after, e.soldByWeight));
    };
    const QDateTime local = e.at.toTimeZone(zone);
    m_values[When]->setText(locale.toString(local.date(), QLocale::LongFormat) + u' ' +
                            local.time().toString(u"HH:mm:ss"_s));
    m_values[Where]->setText(e.shopName);
    m_values[Product]->setText(u"%1 — %2"_s.arg(e.plu, e.productName));
    m_values[Action]->setText(HistoryModel::actionText(e.action));
    m_values[Shelf]->setText(change(e.shelfBefore(), e.shelfAfter));
    m_values[Orders]->setText(change(e.orderBefore(), e.orderAfter));
    m_values[Who]->setText(e.staffName.isEmpty() ? tr("(system)") : e.staffName);
    m_values[Approved]->setText(e.approverName.isEmpty() ? tr("—") : e.approverName);
    m_values[Order]->setText(e.orderNumber.isEmpty() ? tr("—") : e.orderNumber);
    m_values[Why]->setText(e.reason.isEmpty() ? tr("—") : e.reason);
}

QString HistoryDetailPane::text() const
{
    if (!m_entry)
        return m_empty->text();
    QStringList lines;
    for (const QLabel *value : m_values)
        lines << value->text();
    return lines.join(u'\n');
}

} // namespace shopdesk
