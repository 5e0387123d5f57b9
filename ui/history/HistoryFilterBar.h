#pragma once

#include "models/history/HistoryFilter.h"
#include "models/shops/ShopStore.h"
#include "models/staff/StaffStore.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QTimer;
class QToolButton;

namespace shopdesk {

// The history filters (seed 000: shop, PLU, date range, action) plus staff
// member, shared by the History and Reports pages. Dates are days in the
// chosen shop's time zone (the till's shop when all shops are shown).
class HistoryFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryFilterBar(const Shop &homeShop, QWidget *parent = nullptr);

    void setShops(const QList<Shop> &shops);
    void setStaff(const QList<StaffName> &staff);
    HistoryFilter filter() const;
    // Shows `filter` (e.g. the other page's) without emitting filterChanged.
    void setFilter(const HistoryFilter &filter);
    // Chooses `shop` (the head office's choice), the other filters kept,
    // without emitting filterChanged; it is the home shop from now on (its
    // days when all shops are shown). Offered even before the choices are
    // loaded, so it stays chosen when they arrive.
    void showShop(const Shop &shop);
    void clear();
    // Reads the shops and staff for the choices on a pool thread; then
    // choicesLoaded(), or choicesFailed() with the reason.
    void loadChoices();

signals:
    void filterChanged(const shopdesk::HistoryFilter &filter);
    void choicesLoaded();
    void choicesFailed(const QString &message);

private:
    void scheduleUpdate();
    void emitFilter();
    void updateActionsButton();
    QDateEdit *dateBox(const QString &objectName);

    Shop m_homeShop;
    QList<Shop> m_shops;
    QComboBox *m_shop;
    QLineEdit *m_plu;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QToolButton *m_actions;
    QComboBox *m_staff;
    QTimer *m_debounce;
    bool m_quiet = false; // setFilter() in progress
};

} // namespace shopdesk
