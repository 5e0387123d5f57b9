#pragma once

#include "models/checkout/Receipt.h"
#include "models/checkout/Sale.h"
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
class PaymentTerminal;
class ReceiptPrintQueue;
class ShiftPanel;

// The till: it shows the open Sale and hands it what the cashier does. The
// scan field keeps the focus: a barcode or PLU and Enter adds a line (again:
// one more), "3*" before it adds three, words look a product up by name.
// + and − change the selected line, Delete removes it, ↑/↓ move between
// lines. F9 cash, F10 card (confirmed when the terminal approves), F11
// card and cash, F12 a new sale (asking first, and recorded as voided, when
// lines would be dropped), F4 parks the sale and F5 recalls one. Nothing is
// paid while the till has no open shift: the shift's own actions are on the
// page's toolbar. Unknown codes and missing stock are told in a banner,
// never a box that stops the next scan. The page keeps what is about paper:
// the last receipt and the receipt printer's queue.
class CheckoutPage : public QWidget
{
    Q_OBJECT
public:
    explicit CheckoutPage(const Session &session, QWidget *parent = nullptr);

    // Hands the till to the next person's page (a change of user): the open
    // sale, the last receipt (F7 prints it again) and the receipt printer's
    // queue with its jobs still sending or failed.
    void handOverTo(CheckoutPage *next);
    ReceiptPrintQueue *printQueue() const { return m_printQueue; }
    // A payment is on its way (the till takes no scans until it is through).
    bool isBusy() const { return m_sale->isBusy(); }

    Sale *sale() const { return m_sale; }
    CartModel *cart() const { return m_sale->cart(); }
    QLineEdit *scanField() const { return m_scan; }
    QTableView *table() const { return m_table; }
    void setShop(const Shop &shop);
    void setTill(const QString &till);
    ShiftPanel *shiftPanel() const { return m_shift; }
    // Where card payments are charged (a driver for a connected terminal);
    // by default a standalone one the cashier confirms. The page owns it.
    void setPaymentTerminal(PaymentTerminal *terminal);

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
    void parkSale();
    void recallSale();
    // The promo code typed, checked at once (its exact refusal, or what it takes off).
    void checkPromoCode();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // Takes `queue` as this page's receipt printer queue (its failures shown here).
    void adoptPrintQueue(ReceiptPrintQueue *queue);
    void submitScan();
    void searchByName();
    void showMatches(const QString &words, const QList<Product> &products);
    void changeSelected(int delta);
    void removeSelected();
    // F6: a new price for the selected line, with a manager's approval.
    void changeSelectedPrice();
    void selectRow(int row);
    // The order is reserved: the money for its total (cash, split).
    void askForPayment(const Order &order, PaymentMethod method);
    void showPaid(const Order &order, qint64 change);
    void showNotice(const QString &text, Sale::Tone tone);
    void showCustomer(const std::optional<Customer> &customer);
    void updateTotals();
    void showBusy(bool busy);
    void refocus();
    // Queues the last receipt for the network receipt printer, if set.
    bool sendToReceiptPrinter();
    // False, with the reason in the banner, when the till has no open shift.
    bool shiftIsOpen();
    void showShiftState(bool open);
    void askForWeight(const Product &product);

    Session m_session;
    Sale *m_sale;
    MessageBanner *m_banner;
    ShiftPanel *m_shift;
    MessageBanner *m_shiftBanner;
    PaymentTerminal *m_terminal;
    QLineEdit *m_scan;
    QListWidget *m_matches;
    QTableView *m_table;
    QLabel *m_total;
    QLabel *m_units;
    QLineEdit *m_promo;
    QList<QPushButton *> m_payButtons;
    QTimer *m_nameSearch;
    int m_pendingQuantity = 1; // for a product picked from the name matches
    ReceiptPrintQueue *m_printQueue = nullptr;
    QPushButton *m_customerButton = nullptr;
    std::optional<Receipt> m_lastReceipt;
    QString m_lastNumber;
    quint64 m_promoCheck = 0; // the promo code check whose answer is still wanted
};

} // namespace shopdesk
