#pragma once

#include "models/catalog/ProductStore.h"
#include "models/checkout/Receipt.h"
#include "models/customers/CustomerStore.h"
#include "models/orders/OrderStore.h"
#include "ui/Session.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;
class QTimer;

namespace shopdesk {

class CartModel;
class MessageBanner;
class ReceiptPrintQueue;

// The till. The scan field keeps the focus: a barcode or PLU and Enter adds a
// line (again: one more), "3*" before it adds three, words look a product up
// by name. + and − change the selected line, Delete removes it, ↑/↓ move
// between lines. F9 cash, F10 card, F11 card and cash, F12 a new sale.
// Unknown codes and missing stock are told in a banner, never a box that
// stops the next scan.
class CheckoutPage : public QWidget
{
    Q_OBJECT
public:
    // The sale on the till, not yet paid: what a change of cashier carries
    // over to the next person's till.
    struct OpenSale
    {
        QList<QPair<Product, int>> lines; // product, quantity (grams when weighed)
        std::vector<PriceOverride> priceOverrides; // prices a manager approved
        std::optional<Customer> customer;
        QString promoCode;
    };

    explicit CheckoutPage(const Session &session, QWidget *parent = nullptr);

    OpenSale openSale() const;
    void resumeSale(const OpenSale &sale);
    // Hands the till to the next person's page (a change of user): the open
    // sale, the last receipt (F7 prints it again) and the receipt printer's
    // queue with its jobs still sending or failed.
    void handOverTo(CheckoutPage *next);
    ReceiptPrintQueue *printQueue() const { return m_printQueue; }
    // A payment is on its way (the till takes no scans until it is through).
    bool isBusy() const { return m_busy; }

    CartModel *cart() const { return m_cart; }
    QLineEdit *scanField() const { return m_scan; }
    QTableView *table() const { return m_table; }
    void setShop(const Shop &shop);
    void setTill(const QString &till) { m_till = till; }

signals:
    // A sale was paid (for receipts and tests).
    void orderPaid(const shopdesk::Order &order, qint64 change);
    void busyChanged(bool busy);

public slots:
    void payCash();
    void payCard();
    void paySplit();
    void newSale();
    // The last sale's receipt again: on the receipt printer if there is
    // one, else through the print dialog (any printer, or a PDF).
    void printLastReceipt();
    // Finds the customer in the CRM and attaches them to the sale (F8).
    void chooseCustomer();
    void setCustomer(const std::optional<Customer> &customer);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // Takes `queue` as this page's receipt printer queue (its failures shown here).
    void adoptPrintQueue(ReceiptPrintQueue *queue);
    void submitScan();
    void lookUp(const QString &code, int quantity);
    void searchByName();
    void addProduct(const Product &product, int quantity);
    void changeSelected(int delta);
    void removeSelected();
    // F6: a new price for the selected line, with a manager's approval.
    void changeSelectedPrice();
    void selectRow(int row);
    void startPayment(PaymentMethod method);
    void takePayment(const Order &order, const Payment &payment);
    void abandon(const Order &order, const QString &why);
    void updateTotals();
    void setBusy(bool busy);
    void refocus();
    // Queues the last receipt for the network receipt printer, if set.
    bool sendToReceiptPrinter();

    Session m_session;
    QString m_till; // empty: the till name from the settings
    bool m_busy = false;
    CartModel *m_cart;
    MessageBanner *m_banner;
    QLineEdit *m_scan;
    QListWidget *m_matches;
    QTableView *m_table;
    QLabel *m_total;
    QLabel *m_units;
    QLineEdit *m_promo;
    QList<QPushButton *> m_payButtons;
    QTimer *m_nameSearch;
    int m_pendingQuantity = 1; // for a product picked from the name matches
    int m_pendingLookups = 0; // scans still being looked up: no payment until done
    ReceiptPrintQueue *m_printQueue = nullptr;
    QPushButton *m_customerButton = nullptr;
    std::optional<Customer> m_customer;
    std::optional<Receipt> m_lastReceipt;
    QString m_lastNumber;
};

} // namespace shopdesk
