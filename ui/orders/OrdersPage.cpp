#include "OrdersPage.h"

#include "ReturnDialog.h"
#include "VoidedSalesDialog.h"
#include "models/checkout/Receipt.h"
#include "models/checkout/ReceiptPrintQueue.h"
#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/Quantity.h"
#include "models/core/TaskRunner.h"
#include "models/orders/OrderVat.h"
#include "models/settings/AppSettings.h"
#include "models/shops/ShopTime.h"
#include "ui/checkout/ReceiptPrinting.h"
#include "ui/common/BuddyLabel.h"
#include "ui/common/Confirm.h"
#include "ui/common/ListPager.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/PageTitle.h"
#include "ui/common/PageToolBar.h"
#include "ui/promotions/PromoCodesDialog.h"
#include "ui/shifts/ShiftPanel.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
const QDate kAnyDate(2000, 1, 1);
constexpr int kPage = 200;
} // namespace

OrdersPage::OrdersPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_banner(new MessageBanner(this)),
      m_status(new QComboBox(this)),
      m_from(new QDateEdit(this)),
      m_to(new QDateEdit(this)),
      m_cashier(new QComboBox(this)),
      m_table(new QTableWidget(0, 6, this)),
      m_detail(new QPlainTextEdit(this)),
      m_shift(new ShiftPanel(session, this)),
      m_find(new QLineEdit(this)),
      m_printQueue(new ReceiptPrintQueue(this))
{
    auto *heading = createPageTitle(tr("Orders"), this);
    auto *toolbar = new PageToolBar(this);
    m_cancel = toolbar->addPageAction(Icon::Cancel, tr("&Cancel order…"), {}, this,
                                      &OrdersPage::cancelSelected);
    m_return = toolbar->addPageAction(Icon::Return, tr("&Return items…"), {}, this,
                                      &OrdersPage::returnSelected);
    m_print = toolbar->addPageAction(Icon::Print, tr("&Print receipt…"), {}, this,
                                     &OrdersPage::printSelected);
    m_voided = toolbar->addPageAction(Icon::VoidedSales, tr("&Voided sales…"), {}, this,
                                      &OrdersPage::showVoidedSales);
    m_promos = toolbar->addPageAction(Icon::Promo, tr("Pro&mo codes…"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), this,
                                      &OrdersPage::showPromoCodes);
    toolbar->addSeparator();
    m_shift->addActionsTo(toolbar);
    toolbar->addSeparator();
    toolbar->addPageAction(Icon::Refresh, tr("Re&fresh"), QKeySequence::Refresh, this,
                           &OrdersPage::reload);
    toolbar->setName(m_cancel, u"cancelOrder"_s);
    toolbar->setName(m_return, u"returnItems"_s);
    toolbar->setName(m_print, u"printReceipt"_s);
    toolbar->setName(m_voided, u"voidedSales"_s);
    // Who dropped which sale is for those who manage orders.
    m_voided->setVisible(hasPermission(session.actor.role, Permission::ManageOrders));
    toolbar->setName(m_promos, u"promoCodes"_s);
    m_promos->setVisible(hasPermission(session.actor.role, Permission::ManagePromotions));

    m_status->setObjectName(u"orderStatus"_s);
    m_status->addItem(tr("Any status"), QString());
    for (OrderStatus s : {OrderStatus::AwaitingPayment, OrderStatus::Paid, OrderStatus::Failed,
                          OrderStatus::Cancelled, OrderStatus::Returned})
        m_status->addItem(orderStatusText(s), orderStatusKey(s));
    for (QDateEdit *box : {m_from, m_to}) {
        box->setCalendarPopup(true);
        box->setMinimumDate(kAnyDate);
        box->setSpecialValueText(tr("any"));
        box->setDate(kAnyDate);
    }
    m_cashier->setObjectName(u"orderCashier"_s);
    m_cashier->addItem(tr("Any cashier"), 0);
    m_table->setObjectName(u"ordersTable"_s);
    m_table->setHorizontalHeaderLabels(
        {tr("Number"), tr("Created"), tr("Status"), tr("Cashier"), tr("Total"), tr("Paid by")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_detail->setObjectName(u"orderDetail"_s);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_find->setObjectName(u"findOrder"_s);
    m_find->setPlaceholderText(tr("Order number, or scan the receipt"));
    m_find->setClearButtonEnabled(true);
    m_find->setMinimumWidth(220);
    m_find->addAction(Icons::icon(Icon::Scan), QLineEdit::LeadingPosition);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findByNumber(m_find->text()); });
    auto *filters = new QHBoxLayout;
    filters->addWidget(buddyLabel(tr("Fin&d:"), m_find, this));
    filters->addWidget(m_find);
    filters->addWidget(buddyLabel(tr("S&tatus:"), m_status, this));
    filters->addWidget(m_status);
    filters->addWidget(buddyLabel(tr("&From"), m_from, this));
    filters->addWidget(m_from);
    filters->addWidget(buddyLabel(tr("t&o"), m_to, this));
    filters->addWidget(m_to);
    filters->addWidget(buddyLabel(tr("C&ashier:"), m_cashier, this));
    filters->addWidget(m_cashier);
    filters->addStretch(1);

    // Newest first, a page of orders at a time: Next or scrolling to the end
    // reads the next one.
    m_pager = new ListPager(m_table, this);
    m_pager->setEmptyText(tr("No orders match these filters."));
    connect(m_pager, &ListPager::moreRequested, this, &OrdersPage::loadMore);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *shiftBox = new QGroupBox(tr("Shift at this till"), this);
    auto *shiftLayout = new QVBoxLayout(shiftBox);
    shiftLayout->addWidget(m_shift);
    shiftBox->setVisible(hasPermission(session.actor.role, Permission::Sell));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(toolbar);
    layout->addWidget(m_banner);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_pager);
    layout->addWidget(shiftBox);
    connect(m_shift, &ShiftPanel::message, m_banner, &MessageBanner::showMessage);
    connect(m_printQueue, &ReceiptPrintQueue::failed, this,
            [this](int, const QString &title, const QString &error) {
                m_banner->showMessage(tr("%1 was not printed: %2").arg(title, error),
                                      MessageBanner::Type::Warning);
            });

    connect(m_status, &QComboBox::currentIndexChanged, this, &OrdersPage::reload);
    connect(m_cashier, &QComboBox::currentIndexChanged, this, &OrdersPage::reload);
    connect(m_from, &QDateEdit::dateChanged, this, &OrdersPage::reload);
    connect(m_to, &QDateEdit::dateChanged, this, &OrdersPage::reload);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && row < m_rows.size())
            select(m_rows.at(row).id);
    });
    showOrder(std::nullopt);
}

QString OrdersPage::till() const
{
    return AppSettings().tillName();
}

void OrdersPage::setShop(const Shop &shop)
{
    m_session.shop = shop;
    m_session.actor.shopId = shop.id;
    m_shift->setShop(shop);
    if (m_loaded)
        reload();
}

void OrdersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_loaded) {
        // Sales made at the till meanwhile show up when the page comes back.
        reload();
        m_shift->refresh();
        return;
    }
    m_loaded = true;
    whenReady(this, orders().cashiers(), [this](const Result<QList<StaffName>> &staff) {
        if (!staff)
            return;
        const QSignalBlocker blocker(m_cashier);
        for (const StaffName &s : staff.value())
            m_cashier->addItem(s.displayName, s.id);
    });
    reload();
    m_shift->refresh();
}

OrderFilter OrdersPage::currentFilter() const
{
    OrderFilter f;
    f.shopId = m_session.shop.id;
    f.status = orderStatusFromKey(m_status->currentData().toString());
    if (m_from->date() != kAnyDate)
        f.dateMin = m_from->date();
    if (m_to->date() != kAnyDate)
        f.dateMax = m_to->date();
    f.timeZone = m_session.shop.timeZone.isEmpty() ? u"UTC"_s : m_session.shop.timeZone;
    f.staffId = m_cashier->currentData().toLongLong();
    // A cashier sees their own orders; managers everyone's.
    if (!hasPermission(m_session.actor.role, Permission::ManageOrders))
        f.staffId = m_session.actor.staffId;
    return f;
}

void OrdersPage::reload()
{
    m_rows.clear();
    m_table->setRowCount(0);
    showOrder(std::nullopt);
    load(0);
}

void OrdersPage::loadMore()
{
    load(m_rows.isEmpty() ? 0 : m_rows.constLast().id);
}

void OrdersPage::load(qint64 before)
{
    const OrderFilter filter = currentFilter();
    const quint64 generation = ++m_generation;
    m_pager->setLoading(true);
    whenReady(this, orders().list(filter, before, kPage),
              [this, generation](const Result<QList<OrderSummary>> &rows) {
                  if (generation != m_generation)
                      return;
                  m_pager->setLoading(false);
                  if (!rows) {
                      m_banner->showMessage(rows.error().message);
                      return;
                  }
                  const QLocale locale;
                  for (const OrderSummary &o : rows.value()) {
                      const int r = m_table->rowCount();
                      m_table->insertRow(r);
                      const QStringList cells {
                          o.number,
                          ShopTime::format(o.createdAt, m_session.shop.timeZone),
                          orderStatusText(o.status),
                          o.cashier,
                          Money::format(o.total),
                          o.paymentMethod ? paymentMethodText(*o.paymentMethod) : QString()};
                      for (int c = 0; c < cells.size(); ++c)
                          m_table->setItem(r, c, new QTableWidgetItem(cells.at(c)));
                      m_table->item(r, 4)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                      m_rows.append(o);
                  }
                  const bool more = rows->size() == kPage;
                  m_pager->setMoreAvailable(more);
                  m_pager->setTotal(more ? ListPager::Total::AtLeast : ListPager::Total::Exact,
                                    m_rows.size());
                  emit ordersLoaded(int(m_rows.size()));
              });
}

void OrdersPage::openOrder(qint64 orderId)
{
    select(orderId);
}

void OrdersPage::select(qint64 orderId)
{
    // Only the last click counts: an earlier answer arriving late is dropped.
    const quint64 generation = ++m_selectGeneration;
    whenReady(this, orders().byId(orderId),
              [this, generation](const Result<std::optional<Order>> &order) {
                  if (generation != m_selectGeneration)
                      return;
                  if (!order) {
                      m_banner->showMessage(order.error().message);
                      return;
                  }
                  showOrder(order.value());
              });
}

void OrdersPage::findByNumber(const QString &number)
{
    const QString wanted = number.trimmed();
    if (wanted.isEmpty())
        return;
    ++m_selectGeneration; // a click on the list meanwhile loses to this
    whenReady(this, orders().byNumber(wanted),
              [this, wanted](const Result<std::optional<Order>> &order) {
                  if (!order) {
                      m_banner->showMessage(order.error().message, MessageBanner::Type::Warning);
                      return;
                  }
                  if (!order.value()) {
                      m_banner->showMessage(tr("There is no order %1.").arg(wanted),
                                            MessageBanner::Type::Warning);
                      return;
                  }
                  m_banner->hideMessage();
                  m_table->clearSelection();
                  showOrder(order.value());
                  m_find->selectAll();
              });
}

void OrdersPage::showOrder(const std::optional<Order> &order)
{
    m_selected = order;
    const Role role = m_session.actor.role;
    if (!order) {
        m_detail->setPlainText(tr("Select an order to see its lines."));
        for (QAction *a : {m_cancel, m_return, m_print})
            a->setEnabled(false);
        return;
    }
    const Order &o = *order;
    QStringList text;
    text << tr("Order %1 — %2").arg(o.number, orderStatusText(o.status));
    if (!o.failure.isEmpty())
        text << tr("Why it failed: %1").arg(o.failure);
    text << QString();
    for (const OrderLine &l : o.lines) {
        QString line = u"%1  %2\n    %3 × %4 = %5"_s.arg(
            l.plu, l.name, Quantity::format(l.qty, l.weighed), Money::format(l.unitPrice),
            Money::format(l.amount()));
        // The rate it was sold at and the VAT in what it cost after the discount.
        line += l.vatRate
            ? tr("  VAT %1: %2").arg(OrderVat::rateText(l.vatRate), Money::format(l.vatAmount))
            : QString(u"  "_s + OrderVat::rateText(l.vatRate));
        if (l.returnedQty > 0)
            line += tr("  (%1 returned)").arg(Quantity::format(l.returnedQty, l.weighed));
        text << line;
    }
    text << QString();
    if (o.discount > 0)
        text << tr("Discount: %1").arg(Money::format(o.discount));
    text << tr("Total: %1").arg(Money::format(o.total));
    const bool paid = o.status == OrderStatus::Paid || o.status == OrderStatus::Returned;
    if (paid)
        text << tr("Paid: %1 in cash, %2 by card")
                    .arg(Money::format(o.paidCash), Money::format(o.paidCard));
    if (o.status == OrderStatus::AwaitingPayment)
        text << tr("Stock is held until %1.")
                    .arg(ShopTime::format(o.expiresAt, m_session.shop.timeZone));
    m_detail->setPlainText(text.join(u'\n'));
    const bool own = o.staffId == m_session.actor.staffId;
    m_cancel->setEnabled(o.status == OrderStatus::AwaitingPayment &&
                         (own || hasPermission(role, Permission::ManageOrders)));
    m_return->setEnabled(o.status == OrderStatus::Paid);
    m_print->setEnabled(paid);
}

void OrdersPage::cancelSelected()
{
    if (!m_selected || !m_cancel->isEnabled())
        return;
    if (!Confirm::ask(
            this, tr("Cancel the order"),
            tr("Cancel order %1 and put its items back on the shelf?").arg(m_selected->number)))
        return;
    whenReady(this, orders().cancel(m_selected->id, tr("cancelled on the Orders page")),
              [this](const Result<Order> &order) {
                  if (!order) {
                      m_banner->showMessage(order.error().message, MessageBanner::Type::Warning);
                      return;
                  }
                  m_banner->showMessage(
                      tr("Order %1 cancelled; its items are back on the shelf.").arg(order->number),
                      MessageBanner::Type::Positive);
                  emit orderChanged(order.value());
                  reload();
              });
}

void OrdersPage::returnSelected()
{
    if (!m_selected || !m_return->isEnabled())
        return;
    ReturnDialog dialog(m_session.actor, *m_selected, m_session.shop.id, this);
    if (dialog.exec() != QDialog::Accepted || !dialog.result())
        return;
    const ReturnedItems returned = *dialog.result();
    m_banner->showMessage(returned.method == PaymentMethod::Card
                              ? tr("Items of order %1 taken back: refund %2 to the card.")
                                    .arg(returned.order.number, Money::format(returned.refund))
                              : tr("Items of order %1 taken back: pay back %2 in cash.")
                                    .arg(returned.order.number, Money::format(returned.refund)),
                          MessageBanner::Type::Positive);
    emit orderChanged(returned.order);
    showOrder(returned.order);
    reload();
    printReturnReceipt(returned);
}

void OrdersPage::printReturnReceipt(const ReturnedItems &returned)
{
    const Receipt receipt =
        Receipt::forReturn(returned.order, returned.refund, returned.method, m_session.shop,
                           m_session.actor.displayName, returned.vat);
    const QString printer = AppSettings().receiptPrinter();
    if (!printer.isEmpty()) {
        m_printQueue->enqueueAt(printer, tr("Return %1").arg(returned.order.number),
                                receipt.escPos());
        return;
    }
    QPrinter qprinter(QPrinter::HighResolution);
    QPrintDialog dialog(&qprinter, this);
    dialog.setWindowTitle(tr("Print the return receipt of order %1").arg(returned.order.number));
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!printReceipt(receipt, &qprinter, &error))
        m_banner->showMessage(error, MessageBanner::Type::Warning);
}

void OrdersPage::showPromoCodes()
{
    if (!hasPermission(m_session.actor.role, Permission::ManagePromotions))
        return;
    PromoCodesDialog dialog(m_session.actor, m_session.shop.timeZone, this);
    dialog.exec();
}

void OrdersPage::showVoidedSales()
{
    if (!m_voided->isVisible())
        return;
    VoidedSalesDialog dialog(m_session.actor, m_session.shop.id, m_session.shop.timeZone, this);
    dialog.exec();
}

void OrdersPage::printSelected()
{
    if (!m_selected || !m_print->isEnabled())
        return;
    const Receipt receipt =
        Receipt::forOrder(*m_selected, m_session.shop, m_session.actor.displayName, 0);
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!printReceipt(receipt, &printer, &error))
        m_banner->showMessage(error, MessageBanner::Type::Warning);
}

} // namespace shopdesk
