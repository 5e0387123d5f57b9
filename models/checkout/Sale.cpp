#include "Sale.h"

#include "CartModel.h"
#include "HeldSalesService.h"
#include "TillCatalog.h"
#include "models/core/TaskRunner.h"
#include "models/orders/OrdersService.h"
#include "models/settings/AppSettings.h"

namespace shopdesk {

namespace {
constexpr int kNameMatches = 20; // what fits under the scan field
}

Sale::Sale(const Actor &actor, qint64 shopId, QObject *parent)
    : QObject(parent), m_actor(actor), m_cart(new CartModel(this))
{
    m_actor.shopId = shopId;
}

Sale::~Sale()
{
    // Dropped while the till asked for the money (its window closed): the
    // order gives its stock back now, not when its payment time runs out.
    if (m_state == State::Reserved && m_order)
        (void)OrdersService(m_actor).cancel(m_order->id, tr("the sale was closed unpaid"));
}

bool Sale::isBusy() const
{
    switch (m_state) {
    case State::Reserving:
    case State::Reserved:
    case State::Paying:
    case State::Releasing:
        return true;
    case State::Scanning:
    case State::Paid:
    case State::Released:
        break;
    }
    return false;
}

void Sale::setState(State state)
{
    if (state == m_state)
        return;
    const bool wasBusy = isBusy();
    m_state = state;
    emit stateChanged(state);
    if (isBusy() != wasBusy)
        emit busyChanged(isBusy());
}

void Sale::setShopId(qint64 shopId)
{
    m_actor.shopId = shopId;
}

void Sale::setPromoCode(const QString &code)
{
    if (code == m_promoCode)
        return;
    m_promoCode = code;
    emit promoCodeChanged(code);
}

void Sale::setCustomer(const std::optional<Customer> &customer)
{
    m_customer = customer;
    emit customerChanged(customer);
}

bool Sale::startEditing()
{
    if (isBusy())
        return false;
    if (m_state == State::Paid || m_state == State::Released)
        setState(State::Scanning);
    return true;
}

void Sale::scan(const QString &code, int quantity)
{
    if (isBusy())
        return;
    ++m_pendingLookups;
    whenReady(this, TillCatalog().lookUp(code),
              [this, code, quantity](const Result<ScannedProduct> &found) {
                  --m_pendingLookups;
                  if (!found) {
                      emit notice(found.error().message, Tone::Error);
                      return;
                  }
                  const std::optional<Product> &product = found->product;
                  if (!product) {
                      emit notice(
                          tr("Unknown code %1: no product has this barcode or PLU.").arg(code),
                          Tone::Warning);
                      return;
                  }
                  if (!product->active) {
                      emit notice(tr("%1 (PLU %2) is archived and cannot be sold.")
                                      .arg(product->name, product->plu),
                                  Tone::Warning);
                      return;
                  }
                  if (!product->soldByWeight) {
                      add(*product, quantity);
                      return;
                  }
                  if (found->grams <= 0) {
                      emit weightNeeded(*product);
                      return;
                  }
                  add(*product, found->grams * quantity);
              });
}

void Sale::searchByName(const QString &words)
{
    whenReady(this, TillCatalog().findByName(words, kNameMatches),
              [this, words](const Result<QList<Product>> &found) {
                  if (found)
                      emit matchesFound(words, found.value());
                  else
                      emit searchFailed(words, found.error().message);
              });
}

int Sale::add(const Product &product, int quantity)
{
    if (!startEditing())
        return -1;
    const int row = m_cart->add(product, quantity);
    emit lineAdded(row);
    return row;
}

void Sale::changeQuantity(int row, int delta)
{
    if (startEditing())
        m_cart->changeQuantity(row, delta);
}

void Sale::removeLine(int row)
{
    if (startEditing())
        m_cart->removeLine(row);
}

void Sale::setPrice(int row, qint64 unitPrice, const ManagerApproval &approval)
{
    if (startEditing())
        m_cart->setPriceOverride(row, unitPrice, approval);
}

void Sale::pay(PaymentMethod method)
{
    if (m_cart->isEmpty() || isBusy())
        return;
    if (m_pendingLookups > 0) {
        emit notice(tr("A scanned code is still being looked up; pay in a moment."),
                    Tone::Information);
        return;
    }
    // First the order: it reserves every line and knows the real total
    // (promo code, today's prices). An order that cannot be reserved says
    // which line lacks stock, and the lines stay to be corrected.
    NewOrder order;
    order.shopId = m_actor.shopId;
    order.till = till();
    order.paymentTimeoutMinutes = AppSettings().paymentTimeoutMinutes();
    order.lines = m_cart->cartLines();
    order.priceOverrides = m_cart->priceOverrides();
    order.promoCode = m_promoCode.trimmed();
    if (m_customer)
        order.customerId = m_customer->id;
    setState(State::Reserving);
    emit notice(tr("Reserving the items…"), Tone::Information);
    whenReady(this, OrdersService(m_actor).reserve(order),
              [this, method](const Result<Order> &made) { placed(made, method); });
}

void Sale::placed(const Result<Order> &made, PaymentMethod method)
{
    if (!made) {
        release(made.error().message, Tone::Warning);
        return;
    }
    m_order = made.value();
    setState(State::Reserved);
    emit noticeCleared();
    emit paymentNeeded(made.value(), method);
}

void Sale::takePayment(const Payment &payment)
{
    if (m_state != State::Reserved || !m_order)
        return;
    setState(State::Paying);
    emit notice(tr("Taking payment…"), Tone::Information);
    whenReady(this, OrdersService(m_actor).payOrCancel(m_order->id, payment),
              [this](const Result<PaidOrder> &done) {
                  if (!done) {
                      release(done.error().message, Tone::Warning);
                      return;
                  }
                  const PaidOrder &p = done.value();
                  m_order.reset();
                  m_cart->clear();
                  setPromoCode({});
                  setCustomer(std::nullopt);
                  setState(State::Paid);
                  emit paid(p.order, p.change);
              });
}

void Sale::cancelPayment()
{
    if (m_state != State::Reserved || !m_order)
        return;
    setState(State::Releasing);
    // The reservation goes; the lines stay for another try.
    whenReady(this, OrdersService(m_actor).cancel(m_order->id, tr("payment cancelled at the till")),
              [this](const Result<Order> &cancelled) {
                  if (cancelled)
                      release(tr("Payment cancelled; nothing was sold."), Tone::Information);
                  else
                      release(cancelled.error().message, Tone::Warning);
              });
}

void Sale::release(const QString &message, Tone tone)
{
    m_order.reset();
    setState(State::Released);
    emit notice(message, tone);
}

void Sale::clear()
{
    if (isBusy())
        return;
    m_cart->clear();
    setPromoCode({});
    setCustomer(std::nullopt);
    setState(State::Scanning);
}

QString Sale::till() const
{
    return m_till.isEmpty() ? AppSettings().tillName() : m_till;
}

void Sale::voidSale()
{
    if (isBusy())
        return;
    if (m_cart->isEmpty()) {
        clear();
        return;
    }
    const OpenSale dropped = openSale();
    const qint64 total = m_cart->total();
    clear();
    whenReady(this, HeldSalesService(m_actor).recordVoid(m_actor.shopId, till(), dropped, total),
              [this](const Result<qint64> &recorded) {
                  if (!recorded) {
                      emit notice(recorded.error().message, Tone::Warning);
                      return;
                  }
                  emit notice(tr("The sale was voided; nothing was sold."), Tone::Information);
                  emit voided();
              });
}

void Sale::park()
{
    if (isBusy() || m_cart->isEmpty())
        return;
    const OpenSale held = openSale();
    const bool approvedPrices = !m_cart->priceOverrides().empty();
    whenReady(this,
              HeldSalesService(m_actor).park(m_actor.shopId, till(), held, m_cart->total(),
                                             m_cart->units()),
              [this, approvedPrices](const Result<qint64> &parked) {
                  if (!parked) {
                      emit notice(parked.error().message, Tone::Warning);
                      return;
                  }
                  clear();
                  emit notice(approvedPrices
                                  ? tr("Sale parked. A changed price needs the manager "
                                       "again when it is recalled.")
                                  : tr("Sale parked; recall it when the customer is back."),
                              Tone::Positive);
                  emit this->parked(parked.value());
              });
}

void Sale::recall(qint64 parkedId)
{
    if (isBusy())
        return;
    if (!m_cart->isEmpty()) {
        emit notice(tr("Finish or park the sale on the till before recalling another."),
                    Tone::Warning);
        return;
    }
    whenReady(this, HeldSalesService(m_actor).recall(parkedId),
              [this, parkedId](const Result<ParkedSale> &found) {
                  if (!found) {
                      emit notice(found.error().message, Tone::Warning);
                      return;
                  }
                  if (!m_cart->isEmpty() || isBusy()) {
                      // Something was scanned meanwhile: it goes back on the
                      // list, and if even that fails the cashier is told.
                      whenReady(this,
                                HeldSalesService(m_actor).park(m_actor.shopId, till(), found->sale,
                                                               found->total, found->units),
                                [this](const Result<qint64> &again) {
                                    emit notice(again ? tr("The till is not empty: the sale "
                                                           "stays parked.")
                                                      : again.error().message,
                                                Tone::Warning);
                                });
                      return;
                  }
                  resume(found->sale);
                  emit notice(tr("Parked sale recalled."), Tone::Positive);
                  emit recalled(parkedId);
              });
}

OpenSale Sale::openSale() const
{
    OpenSale sale;
    for (int row = 0; row < m_cart->rowCount(); ++row)
        sale.lines.append({m_cart->productAt(row), m_cart->quantityAt(row)});
    sale.priceOverrides = m_cart->priceOverrides();
    sale.customer = m_customer;
    sale.promoCode = m_promoCode;
    return sale;
}

void Sale::resume(const OpenSale &sale)
{
    if (isBusy())
        return;
    m_cart->clear();
    for (const auto &[product, quantity] : sale.lines)
        m_cart->add(product, quantity);
    // The prices a manager approved stay with the sale (same lines, same counts).
    for (const PriceOverride &o : sale.priceOverrides)
        for (int row = 0; row < m_cart->rowCount(); ++row)
            if (m_cart->productAt(row).plu == o.plu)
                m_cart->setPriceOverride(row, o.unitPrice, o.approval);
    setPromoCode(sale.promoCode);
    setCustomer(sale.customer);
    setState(State::Scanning);
}

} // namespace shopdesk
