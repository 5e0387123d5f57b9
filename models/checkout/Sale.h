#pragma once

#include "OpenSale.h"
#include "models/catalog/ProductStore.h"
#include "models/core/Actor.h"
#include "models/customers/CustomerStore.h"
#include "models/orders/Order.h"
#include "models/orders/Payment.h"

#include <QObject>

#include <optional>

namespace shopdesk {

class CartModel;

// The sale open on the till, with no widgets: its lines (the cart), the
// prices a manager changed, the customer and the promo code, and where it
// is in its life:
//
//   Scanning ──pay()──▶ Reserving ──▶ Reserved ──takePayment()──▶ Paying ──▶ Paid
//                            │           │  └──cancelPayment()──▶ Releasing ─┐
//                            └───────────┴──────────(refused, failed)────────┴─▶ Released
//
// Reserving creates the order (every line reserved, the real total known);
// the till then asks for the money (paymentNeeded): the cash handed over,
// or the card terminal's approval. Paid clears the lines for the next customer;
// Released keeps them to be corrected or paid again. Editing a Paid or
// Released sale starts scanning again.
//
// Its promises: nothing stays reserved for a sale that was not paid (a
// payment that fails cancels its order in the same call; a sale dropped
// while reserved cancels its order); a failed reservation keeps the lines;
// no payment while a scanned code is still being looked up; the sale takes
// no edits while it is busy (Reserving to Releasing).
class Sale : public QObject
{
    Q_OBJECT
public:
    enum class State { Scanning, Reserving, Reserved, Paying, Releasing, Paid, Released };
    Q_ENUM(State)
    // How a notice should look to the person at the till.
    enum class Tone { Information, Positive, Warning, Error };
    Q_ENUM(Tone)

    Sale(const Actor &actor, qint64 shopId, QObject *parent = nullptr);
    ~Sale() override;

    CartModel *cart() const { return m_cart; }
    State state() const { return m_state; }
    bool isBusy() const;
    bool isLookingUp() const { return m_pendingLookups > 0; }
    // The order reserved for it (from Reserved until it is paid or released).
    const std::optional<Order> &order() const { return m_order; }

    void setShopId(qint64 shopId);
    // The till's name on the order; empty: the one in the settings.
    void setTill(const QString &till) { m_till = till; }
    QString promoCode() const { return m_promoCode; }
    void setPromoCode(const QString &code);
    const std::optional<Customer> &customer() const { return m_customer; }
    void setCustomer(const std::optional<Customer> &customer);

    // Scanning: `code` (a barcode, a scale's label or a PLU) looked up and
    // `quantity` of it added (lineAdded), or a notice why not.
    void scan(const QString &code, int quantity);
    // Products whose name has the words (matchesFound or searchFailed).
    void searchByName(const QString &words);
    // Returns the row of the product's line; -1 while busy.
    int add(const Product &product, int quantity);
    void changeQuantity(int row, int delta);
    void removeLine(int row);
    // A line's price changed with a manager's approval.
    void setPrice(int row, qint64 unitPrice, const ManagerApproval &approval);

    // Reserves the lines as an order, then asks for the money
    // (paymentNeeded).
    void pay(PaymentMethod method);
    // In Reserved: the money handed over.
    void takePayment(const Payment &payment);
    // In Reserved: the customer did not pay (or the card terminal did not
    // approve); the order is cancelled.
    void cancelPayment();
    // A new sale: no lines, no customer, no promo code (not while busy).
    void clear();
    // F12 with lines in the cart: the sale is dropped and recorded as voided
    // (who, when, the lines, the total) for the manager; then a new sale.
    void voidSale();
    // Puts the sale on hold at this till (it survives a restart) and starts
    // a new one (parked or a notice why not).
    void park();
    // Takes a parked sale back onto the empty till (recalled or a notice).
    void recall(qint64 parkedId);
    QString till() const;

    OpenSale openSale() const;
    // Takes over `sale` (not while busy): its lines, approved prices,
    // customer and promo code.
    void resume(const OpenSale &sale);

signals:
    void stateChanged(shopdesk::Sale::State state);
    void busyChanged(bool busy);
    void lineAdded(int row);
    void matchesFound(const QString &words, const QList<shopdesk::Product> &products);
    void searchFailed(const QString &words, const QString &message);
    // Reserved for cash or split: the till takes the money for order.total.
    void paymentNeeded(const shopdesk::Order &order, shopdesk::PaymentMethod method);
    // Paid: the order as paid and the change to hand back.
    void paid(const shopdesk::Order &order, qint64 change);
    void notice(const QString &text, shopdesk::Sale::Tone tone);
    void noticeCleared();
    void customerChanged(const std::optional<shopdesk::Customer> &customer);
    void promoCodeChanged(const QString &code);
    // A weighed product typed by its PLU (no scale label): the till asks
    // for the weight and adds it with add().
    void weightNeeded(const shopdesk::Product &product);
    void parked(qint64 parkedId);
    void recalled(qint64 parkedId);
    void voided();

private:
    void setState(State state);
    // An edit of the lines: back to scanning after a sale was paid or released.
    bool startEditing();
    void placed(const Result<Order> &made, PaymentMethod method);
    void release(const QString &message, Tone tone);

    Actor m_actor;
    QString m_till;
    CartModel *m_cart;
    State m_state = State::Scanning;
    int m_pendingLookups = 0;
    std::optional<Order> m_order;
    std::optional<Customer> m_customer;
    QString m_promoCode;
};

} // namespace shopdesk
