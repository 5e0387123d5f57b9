#pragma once

#include "models/orders/Order.h"
#include "models/orders/OrderFilter.h"
#include "models/orders/OrdersService.h"
#include "ui/Session.h"

#include <QWidget>

class QAction;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace shopdesk {

class ListPager;
class MessageBanner;
class ReceiptPrintQueue;
class ShiftPanel;

// Orders with their status, filtered by status, dates and cashier, newest
// first; the selected order's lines and what the signed-in role may do with
// it (cancel one awaiting payment, take items of a paid one back with a
// manager's approval, print its receipt). The till's shift (ShiftPanel).
class OrdersPage : public QWidget
{
    Q_OBJECT
public:
    explicit OrdersPage(const Session &session, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    void setShop(const Shop &shop);
    std::optional<Order> selectedOrder() const { return m_selected; }
    ShiftPanel *shiftPanel() const { return m_shift; }

signals:
    void ordersLoaded(int rows);
    void orderChanged(const shopdesk::Order &order);

public slots:
    // Shows one order (e.g. from the History page), whatever the filters.
    void openOrder(qint64 orderId);
    void reload();
    void loadMore();
    void cancelSelected();
    void returnSelected();
    void printSelected();
    // The sales dropped at this shop's tills (managers).
    void showVoidedSales();
    // The promo codes and their uses (managers).
    void showPromoCodes();
    // The order whose number was typed or scanned from its receipt.
    void findByNumber(const QString &number);

protected:
    void showEvent(QShowEvent *event) override;

private:
    OrderFilter currentFilter() const;
    void load(qint64 before);
    void select(qint64 orderId);
    void showOrder(const std::optional<Order> &order);
    QString till() const;
    // The return's receipt for the customer: on the receipt printer, or
    // through the print dialog.
    void printReturnReceipt(const ReturnedItems &returned);
    OrdersService orders() const { return OrdersService(m_session.actor); }

    Session m_session;
    bool m_loaded = false;
    quint64 m_generation = 0;
    quint64 m_selectGeneration = 0;
    QList<OrderSummary> m_rows;
    std::optional<Order> m_selected;
    MessageBanner *m_banner;
    QComboBox *m_status;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_cashier;
    QTableWidget *m_table;
    ListPager *m_pager = nullptr;
    QPlainTextEdit *m_detail;
    QAction *m_cancel = nullptr;
    QAction *m_return = nullptr;
    QAction *m_print = nullptr;
    QAction *m_voided = nullptr;
    QAction *m_promos = nullptr;
    ShiftPanel *m_shift;
    QLineEdit *m_find;
    ReceiptPrintQueue *m_printQueue;
};

} // namespace shopdesk
