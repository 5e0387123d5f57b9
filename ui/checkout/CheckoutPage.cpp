#include "CheckoutPage.h"

#include "PaymentDialog.h"
#include "PriceOverrideDialog.h"
#include "ReceiptPrinting.h"
#include "models/catalog/Ean13.h"
#include "models/checkout/CartModel.h"
#include "models/checkout/ReceiptPrintQueue.h"
#include "models/checkout/ScanInput.h"
#include "models/checkout/WeightBarcode.h"
#include "models/core/DatabaseTask.h"
#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "models/settings/AppSettings.h"
#include "ui/common/Icons.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/NumericKeypad.h"
#include "ui/common/PageTitle.h"
#include "ui/customers/CustomerPickerDialog.h"

#include <QAction>
#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
constexpr int kTouch = 44; // the smallest comfortable touch target, px
}

CheckoutPage::CheckoutPage(const Session &session, QWidget *parent)
    : QWidget(parent),
      m_session(session),
      m_cart(new CartModel(this)),
      m_banner(new MessageBanner(this)),
      m_scan(new QLineEdit(this)),
      m_matches(new QListWidget(this)),
      m_table(new QTableView(this)),
      m_total(new QLabel(this)),
      m_units(new QLabel(this)),
      m_promo(new QLineEdit(this)),
      m_nameSearch(new QTimer(this))
{
    auto *heading = createPageTitle(tr("Checkout"), this);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.5);

    m_scan->setObjectName(u"scanField"_s);
    m_scan->setPlaceholderText(tr("Scan a barcode, or type a PLU or a name; 3*code for three"));
    m_scan->setFont(big);
    m_scan->setMinimumHeight(kTouch);
    m_scan->setClearButtonEnabled(true);
    m_scan->installEventFilter(this);

    // Name matches appear under the scan field; Enter or a tap adds one.
    m_matches->setObjectName(u"nameMatches"_s);
    m_matches->setFocusPolicy(Qt::NoFocus);
    m_matches->setMaximumHeight(200);
    m_matches->hide();

    m_table->setObjectName(u"cartTable"_s);
    m_table->setModel(m_cart);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setFocusPolicy(Qt::NoFocus); // the scan field keeps it
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(kTouch);
    m_table->horizontalHeader()->setSectionResizeMode(CartModel::Name, QHeaderView::Stretch);
    m_table->setColumnWidth(CartModel::Plu, 90);
    m_table->setColumnWidth(CartModel::Quantity, 70);
    m_table->setColumnWidth(CartModel::Price, 110);
    m_table->setColumnWidth(CartModel::Amount, 120);

    auto touchButton = [this](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setMinimumSize(kTouch * 2, kTouch);
        b->setFocusPolicy(Qt::NoFocus);
        return b;
    };
    auto *minus = touchButton(tr("− 1"), u"minusOne"_s);
    auto *plus = touchButton(tr("+ 1"), u"plusOne"_s);
    auto *remove = touchButton(tr("Remove line"), u"removeLine"_s);
    auto *price = touchButton(tr("Price… (F6)"), u"changePrice"_s);
    connect(price, &QPushButton::clicked, this, &CheckoutPage::changeSelectedPrice);
    auto *lineButtons = new QHBoxLayout;
    lineButtons->addWidget(minus);
    lineButtons->addWidget(plus);
    lineButtons->addWidget(remove);
    lineButtons->addWidget(price);
    lineButtons->addStretch(1);

    // The right-hand side: the total, the promo code, the keypad, payment.
    QFont huge = font();
    huge.setPointSizeF(huge.pointSizeF() * 2.6);
    huge.setBold(true);
    m_total->setObjectName(u"cartTotal"_s);
    m_total->setFont(huge);
    m_total->setAlignment(Qt::AlignRight);
    m_units->setAlignment(Qt::AlignRight);
    m_promo->setObjectName(u"promoCode"_s);
    m_promo->setPlaceholderText(tr("Promo code"));
    m_promo->setMinimumHeight(kTouch);
    // Typed in, the code is kept; the keyboard goes back to the scanner.
    connect(m_promo, &QLineEdit::returnPressed, this, [this] { m_scan->setFocus(); });
    m_customerButton = touchButton(tr("Customer… (F8)"), u"chooseCustomer"_s);
    connect(m_customerButton, &QPushButton::clicked, this, &CheckoutPage::chooseCustomer);
    auto *keypad = new NumericKeypad(this);
    auto *cash = touchButton(tr("Cash (F9)"), u"payCash"_s);
    auto *card = touchButton(tr("Card (F10)"), u"payCard"_s);
    auto *split = touchButton(tr("Card + cash (F11)"), u"paySplit"_s);
    auto *cancel = touchButton(tr("New sale (F12)"), u"newSale"_s);
    auto *receipt = touchButton(tr("Receipt again (F7)"), u"printReceipt"_s);
    connect(receipt, &QPushButton::clicked, this, &CheckoutPage::printLastReceipt);
    lineButtons->addWidget(receipt);
    m_payButtons = {cash, card, split};
    // Large buttons for touch, each with the icon its action has everywhere.
    const std::pair<QPushButton *, Icon> icons[] = {
        {minus, Icon::Decrease}, {plus, Icon::Increase}, {remove, Icon::Delete},
        {price, Icon::Price},    {receipt, Icon::Print}, {m_customerButton, Icon::Customer},
        {cash, Icon::Cash},      {card, Icon::Card},     {split, Icon::CardAndCash},
        {cancel, Icon::New}};
    for (const auto &[button, icon] : icons) {
        button->setIcon(Icons::icon(icon));
        button->setIconSize(QSize(24, 24));
    }
    m_scan->addAction(Icons::icon(Icon::Scan), QLineEdit::LeadingPosition);
    m_promo->addAction(Icons::icon(Icon::Promo), QLineEdit::LeadingPosition);

    auto *side = new QVBoxLayout;
    side->addWidget(m_total);
    side->addWidget(m_units);
    side->addWidget(m_promo);
    side->addWidget(m_customerButton);
    side->addStretch(1);
    side->addWidget(keypad);
    side->addWidget(cash);
    side->addWidget(card);
    side->addWidget(split);
    side->addWidget(cancel);

    auto *left = new QVBoxLayout;
    left->addWidget(m_scan);
    left->addWidget(m_matches);
    left->addWidget(m_banner);
    left->addWidget(m_table, 1);
    left->addLayout(lineButtons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addLayout(side, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(columns, 1);

    // Function keys work wherever the focus is on this page.
    auto functionKey = [this](Qt::Key key, void (CheckoutPage::*slot)()) {
        auto *a = new QAction(this);
        a->setShortcut(QKeySequence(key));
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        connect(a, &QAction::triggered, this, slot);
    };
    functionKey(Qt::Key_F9, &CheckoutPage::payCash);
    functionKey(Qt::Key_F10, &CheckoutPage::payCard);
    functionKey(Qt::Key_F11, &CheckoutPage::paySplit);
    functionKey(Qt::Key_F12, &CheckoutPage::newSale);
    functionKey(Qt::Key_F7, &CheckoutPage::printLastReceipt);
    functionKey(Qt::Key_F8, &CheckoutPage::chooseCustomer);
    functionKey(Qt::Key_F6, &CheckoutPage::changeSelectedPrice);
    adoptPrintQueue(new ReceiptPrintQueue(this));

    m_nameSearch->setSingleShot(true);
    m_nameSearch->setInterval(250);
    connect(m_nameSearch, &QTimer::timeout, this, &CheckoutPage::searchByName);
    connect(m_scan, &QLineEdit::returnPressed, this, &CheckoutPage::submitScan);
    connect(m_scan, &QLineEdit::textEdited, this, [this](const QString &text) {
        const auto input = ScanInput::parse(text);
        if (input && input->kind == ScanInput::Kind::Name && input->text.size() >= 3)
            m_nameSearch->start();
        else {
            m_nameSearch->stop();
            m_matches->hide();
        }
    });
    connect(m_matches, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        addProduct(item->data(Qt::UserRole).value<Product>(), m_pendingQuantity);
        m_matches->hide();
        m_scan->clear();
        m_scan->setFocus();
    });
    connect(m_matches, &QListWidget::itemClicked, m_matches, &QListWidget::itemActivated);
    connect(minus, &QPushButton::clicked, this, [this] { changeSelected(-1); });
    connect(plus, &QPushButton::clicked, this, [this] { changeSelected(1); });
    connect(remove, &QPushButton::clicked, this, &CheckoutPage::removeSelected);
    connect(cash, &QPushButton::clicked, this, &CheckoutPage::payCash);
    connect(card, &QPushButton::clicked, this, &CheckoutPage::payCard);
    connect(split, &QPushButton::clicked, this, &CheckoutPage::paySplit);
    connect(cancel, &QPushButton::clicked, this, &CheckoutPage::newSale);
    connect(m_cart, &CartModel::totalChanged, this, &CheckoutPage::updateTotals);
    // Every till sweeps unpaid orders whose time is up back onto the shelf;
    // with several tills each order is taken by one of them.
    auto *sweep = new QTimer(this);
    sweep->setInterval(60'000);
    connect(sweep, &QTimer::timeout, this, [] {
        runThenCallback(
            qApp,
            [] {
                return onThreadDatabase(
                    [](const QSqlDatabase &db) { return OrderStore(db).expireOverdue(); });
            },
            [](const Result<int> &expired) {
                if (!expired)
                    qWarning("Expiring unpaid orders failed: %s",
                             qUtf8Printable(expired.error().message));
            });
    });
    sweep->start();
    updateTotals();
    setFocusProxy(m_scan);
}

void CheckoutPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Whatever was clicked to get here, the scanner's keystrokes go to the
    // scan field.
    QTimer::singleShot(0, m_scan, [this] { m_scan->setFocus(); });
}

void CheckoutPage::setShop(const Shop &shop)
{
    m_session.shop = shop;
    m_session.actor.shopId = shop.id;
}

bool CheckoutPage::eventFilter(QObject *watched, QEvent *event)
{
    // Line keys act on the selected line while the scan field is empty (a
    // code being typed keeps its characters).
    if (watched == m_scan && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool empty = m_scan->text().isEmpty();
        switch (key->key()) {
        case Qt::Key_Plus:
            if (empty) {
                changeSelected(1);
                return true;
            }
            break;
        case Qt::Key_Minus:
            if (empty) {
                changeSelected(-1);
                return true;
            }
            break;
        case Qt::Key_Delete:
            if (empty) {
                removeSelected();
                return true;
            }
            break;
        case Qt::Key_Up:
        case Qt::Key_Down: {
            if (m_matches->isVisible() && m_matches->count() > 0) {
                const int row =
                    qBound(0, m_matches->currentRow() + (key->key() == Qt::Key_Down ? 1 : -1),
                           m_matches->count() - 1);
                m_matches->setCurrentRow(row);
                return true;
            }
            const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row()
                                                                  : m_cart->rowCount();
            selectRow(current + (key->key() == Qt::Key_Down ? 1 : -1));
            return true;
        }
        case Qt::Key_Escape:
            if (m_matches->isVisible()) {
                m_matches->hide();
                return true;
            }
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CheckoutPage::submitScan()
{
    if (m_busy)
        return;
    // A name match picked with the arrows wins over the typed words.
    if (m_matches->isVisible() && m_matches->currentItem()) {
        emit m_matches->itemActivated(m_matches->currentItem());
        return;
    }
    QString error;
    const auto input = ScanInput::parse(m_scan->text(), &error);
    if (!input) {
        if (!m_scan->text().trimmed().isEmpty())
            m_banner->showMessage(error, MessageBanner::Type::Warning);
        return;
    }
    if (input->kind == ScanInput::Kind::Name) {
        m_pendingQuantity = input->quantity;
        searchByName();
        return;
    }
    m_scan->clear();
    lookUp(input->text, input->quantity);
}

void CheckoutPage::lookUp(const QString &code, int quantity)
{
    ++m_pendingLookups;
    runThenCallback(
        this,
        [code]() -> Result<QPair<std::optional<Product>, int>> {
            using Found = QPair<std::optional<Product>, int>; // the product, and grams if weighed
            return onThreadDatabase([&](const QSqlDatabase &db) -> Result<Found> {
                ProductStore products(db);
                if (Ean13::isValidGtin(code)) {
                    auto byBarcode = products.byBarcode(code);
                    if (!byBarcode)
                        return byBarcode.error();
                    if (byBarcode.value())
                        return Found(byBarcode.value(), 0);
                    // A scale's label: the PLU and the weight (or the price).
                    if (const auto label = WeightBarcode::decode(code)) {
                        auto weighed = products.byPlu(label->plu);
                        if (!weighed)
                            return weighed.error();
                        if (!weighed.value() || !weighed.value()->soldByWeight)
                            return Found(std::nullopt, 0);
                        const int grams = label->grams > 0
                            ? label->grams
                            : WeightBarcode::gramsForPrice(label->price, weighed.value()->price);
                        return Found(weighed.value(), grams);
                    }
                }
                auto byPlu = products.byPlu(code);
                if (!byPlu)
                    return byPlu.error();
                return Found(byPlu.value(), 0);
            });
        },
        [this, code, quantity](const Result<QPair<std::optional<Product>, int>> &lookedUp) {
            --m_pendingLookups;
            if (!lookedUp) {
                m_banner->showMessage(lookedUp.error().message);
                return;
            }
            const std::optional<Product> &product = lookedUp->first;
            if (product && product->soldByWeight) {
                if (lookedUp->second <= 0) {
                    m_banner->showMessage(
                        tr("%1 is sold by weight: scan the scale's label.").arg(product->name),
                        MessageBanner::Type::Warning);
                    return;
                }
                addProduct(*product, lookedUp->second * quantity);
                return;
            }
            const Result<std::optional<Product>> found(product);
            if (!found) {
                m_banner->showMessage(found.error().message);
                return;
            }
            if (!found.value()) {
                m_banner->showMessage(
                    tr("Unknown code %1: no product has this barcode or PLU.").arg(code),
                    MessageBanner::Type::Warning);
                return;
            }
            addProduct(*found.value(), quantity);
        });
}

void CheckoutPage::searchByName()
{
    const auto input = ScanInput::parse(m_scan->text());
    if (!input || input->kind != ScanInput::Kind::Name)
        return;
    m_pendingQuantity = input->quantity;
    const QString words = input->text;
    runThenCallback(
        this,
        [words] {
            return onThreadDatabase(
                [&](const QSqlDatabase &db) { return ProductStore(db).findByName(words, 20); });
        },
        [this, words](const Result<QList<Product>> &found) {
            const auto now = ScanInput::parse(m_scan->text());
            if (!now || now->text != words)
                return; // typed on meanwhile
            m_matches->clear();
            if (!found) {
                m_banner->showMessage(found.error().message);
                return;
            }
            if (found->isEmpty()) {
                m_matches->hide();
                m_banner->showMessage(tr("No product is called \"%1\".").arg(words),
                                      MessageBanner::Type::Information);
                return;
            }
            for (const Product &p : found.value()) {
                auto *item = new QListWidgetItem(
                    u"%1   %2   %3"_s.arg(p.plu, p.name, Money::format(p.price)), m_matches);
                item->setData(Qt::UserRole, QVariant::fromValue(p));
                item->setSizeHint(QSize(0, kTouch));
            }
            m_matches->setCurrentRow(0);
            m_matches->show();
            m_banner->hideMessage();
        });
}

void CheckoutPage::addProduct(const Product &product, int quantity)
{
    const int row = m_cart->add(product, quantity);
    m_banner->hideMessage();
    selectRow(row);
}

void CheckoutPage::selectRow(int row)
{
    if (m_cart->rowCount() == 0)
        return;
    row = qBound(0, row, m_cart->rowCount() - 1);
    m_table->selectRow(row);
    m_table->setCurrentIndex(m_cart->index(row, 0));
    m_table->scrollTo(m_cart->index(row, 0));
}

void CheckoutPage::changeSelected(int delta)
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    m_cart->changeQuantity(row, delta);
    selectRow(qMin(row, m_cart->rowCount() - 1));
    m_scan->setFocus();
}

void CheckoutPage::changeSelectedPrice()
{
    if (m_busy)
        return; // a payment is under way: the sale's prices are settled
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_banner->showMessage(tr("Choose the line whose price changes first."),
                              MessageBanner::Type::Information);
        return;
    }
    const int row = current.row();
    PriceOverrideDialog dialog(m_cart->productAt(row), m_cart->unitPriceAt(row), m_session.shop.id,
                               this);
    if (dialog.exec() == QDialog::Accepted && dialog.approval())
        m_cart->setPriceOverride(row, dialog.newPrice(), *dialog.approval());
    window()->activateWindow();
    m_scan->setFocus();
}

void CheckoutPage::removeSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    m_cart->removeLine(row);
    selectRow(qMin(row, m_cart->rowCount() - 1));
    m_scan->setFocus();
}

void CheckoutPage::updateTotals()
{
    m_total->setText(Money::format(m_cart->total()));
    m_units->setText(tr("%Ln item(s)", nullptr, m_cart->units()));
    for (QPushButton *b : std::as_const(m_payButtons))
        b->setEnabled(!m_cart->isEmpty() && !m_busy);
}

void CheckoutPage::setBusy(bool busy)
{
    const bool changed = busy != m_busy;
    m_busy = busy;
    m_scan->setReadOnly(busy);
    updateTotals();
    if (changed)
        emit busyChanged(busy);
}

void CheckoutPage::payCash()
{
    startPayment(PaymentMethod::Cash);
}

void CheckoutPage::payCard()
{
    startPayment(PaymentMethod::Card);
}

void CheckoutPage::paySplit()
{
    startPayment(PaymentMethod::Split);
}

bool CheckoutPage::sendToReceiptPrinter()
{
    const QString printer = AppSettings().receiptPrinter();
    if (printer.isEmpty() || !m_lastReceipt)
        return false;
    const uint port = printer.section(u':', 1, 1).toUInt();
    m_printQueue->enqueue(m_lastNumber, m_lastReceipt->escPos(), printer.section(u':', 0, 0),
                          quint16(port > 0 && port < 65536 ? port : 9100));
    return true;
}

void CheckoutPage::printLastReceipt()
{
    if (!m_lastReceipt) {
        m_banner->showMessage(tr("There is no sale to print a receipt for yet."),
                              MessageBanner::Type::Information);
        return;
    }
    // A receipt that failed is printed again rather than queued twice.
    bool reprinted = false;
    for (const ReceiptPrintQueue::Job &job : m_printQueue->failedJobs())
        if (job.title == m_lastNumber)
            reprinted = m_printQueue->reprint(job.id) || reprinted;
    if (reprinted || sendToReceiptPrinter())
        return;
    QPrinter qprinter(QPrinter::HighResolution);
    QPrintDialog dialog(&qprinter, this);
    dialog.setWindowTitle(tr("Print the receipt of order %1").arg(m_lastNumber));
    if (dialog.exec() == QDialog::Accepted) {
        QString error;
        if (!printReceipt(*m_lastReceipt, &qprinter, &error))
            m_banner->showMessage(error, MessageBanner::Type::Warning);
    }
    refocus();
}

void CheckoutPage::refocus()
{
    // After a dialog the till window must take the keyboard back, even where
    // no window manager hands it over, or the next scan goes nowhere.
    window()->activateWindow();
    m_scan->setFocus();
}

void CheckoutPage::chooseCustomer()
{
    if (m_busy)
        return;
    CustomerPickerDialog dialog(m_session.database, this);
    if (dialog.exec() == QDialog::Accepted)
        setCustomer(dialog.chosen());
    refocus();
}

void CheckoutPage::setCustomer(const std::optional<Customer> &customer)
{
    m_customer = customer;
    m_customerButton->setText(
        customer ? tr("Customer: %1 %2 (F8)").arg(customer->firstName, customer->lastName)
                 : tr("Customer… (F8)"));
}

CheckoutPage::OpenSale CheckoutPage::openSale() const
{
    OpenSale sale;
    for (int row = 0; row < m_cart->rowCount(); ++row)
        sale.lines.append({m_cart->productAt(row), m_cart->quantityAt(row)});
    sale.priceOverrides = m_cart->priceOverrides();
    sale.customer = m_customer;
    sale.promoCode = m_promo->text();
    return sale;
}

void CheckoutPage::resumeSale(const OpenSale &sale)
{
    m_cart->clear();
    for (const auto &[product, quantity] : sale.lines)
        m_cart->add(product, quantity);
    // The prices a manager approved stay with the sale (same lines, same counts).
    for (const PriceOverride &o : sale.priceOverrides)
        for (int row = 0; row < m_cart->rowCount(); ++row)
            if (m_cart->productAt(row).plu == o.plu)
                m_cart->setPriceOverride(row, o.unitPrice, o.approval);
    m_promo->setText(sale.promoCode);
    setCustomer(sale.customer);
    updateTotals();
}

void CheckoutPage::adoptPrintQueue(ReceiptPrintQueue *queue)
{
    if (m_printQueue && m_printQueue != queue)
        m_printQueue->deleteLater(); // an unused one: its page has not sold anything yet
    m_printQueue = queue;
    queue->setParent(this);
    // A receipt that did not print never un-pays its sale: it is reported,
    // and F7 prints it again.
    connect(queue, &ReceiptPrintQueue::failed, this,
            [this](int, const QString &title, const QString &error) {
                m_banner->showMessage(
                    tr("The receipt of order %1 was not printed: %2 Press F7 to print it again.")
                        .arg(title, error),
                    MessageBanner::Type::Warning);
            });
}

void CheckoutPage::handOverTo(CheckoutPage *next)
{
    next->resumeSale(openSale());
    next->m_lastReceipt = m_lastReceipt;
    next->m_lastNumber = m_lastNumber;
    // The queue goes with its jobs (one still sending, the failed ones F7
    // sends again); this page, about to close, keeps an empty one.
    ReceiptPrintQueue *queue = m_printQueue;
    queue->disconnect(this);
    m_printQueue = nullptr;
    adoptPrintQueue(new ReceiptPrintQueue(this));
    next->adoptPrintQueue(queue);
}

void CheckoutPage::newSale()
{
    if (m_busy)
        return;
    m_cart->clear();
    m_promo->clear();
    setCustomer(std::nullopt);
    m_scan->clear();
    m_matches->hide();
    m_banner->hideMessage();
    m_scan->setFocus();
}

void CheckoutPage::startPayment(PaymentMethod method)
{
    if (m_cart->isEmpty() || m_busy)
        return;
    if (m_pendingLookups > 0) {
        m_banner->showMessage(tr("A scanned code is still being looked up; pay in a moment."),
                              MessageBanner::Type::Information);
        return;
    }
    // First the order: it reserves every line and knows the real total
    // (promo code, today's prices). An order that cannot be reserved says
    // which line lacks stock, and the cart stays to be corrected.
    NewOrder order;
    order.shopId = m_session.shop.id;
    order.till = m_till.isEmpty() ? AppSettings().tillName() : m_till;
    order.paymentTimeoutMinutes = AppSettings().paymentTimeoutMinutes();
    order.lines = m_cart->cartLines();
    order.priceOverrides = m_cart->priceOverrides();
    order.promoCode = m_promo->text().trimmed();
    if (m_customer)
        order.customerId = m_customer->id;
    const Actor actor = m_session.actor;
    setBusy(true);
    m_banner->showMessage(tr("Reserving the items…"), MessageBanner::Type::Information);
    runThenCallback(
        this,
        [order, actor]() -> Result<Order> {
            return onThreadDatabase([&](const QSqlDatabase &db) -> Result<Order> {
                auto made = OrderStore(db).create(actor, order);
                if (made && made->status == u"failed"_s)
                    return StoreError::conflict(made->failure, u"stock"_s);
                return made;
            });
        },
        [this, method](const Result<Order> &made) {
            if (!made) {
                setBusy(false);
                refocus();
                m_banner->showMessage(made.error().message, MessageBanner::Type::Warning);
                return;
            }
            if (method == PaymentMethod::Card) {
                takePayment(made.value(), Payment {PaymentMethod::Card, 0, 0});
                return;
            }
            m_banner->hideMessage();
            PaymentDialog dialog(method, made->total, this);
            const bool accepted = dialog.exec() == QDialog::Accepted;
            refocus();
            if (accepted)
                takePayment(made.value(), dialog.payment());
            else
                abandon(made.value(), tr("payment cancelled at the till"));
        });
}

void CheckoutPage::takePayment(const Order &order, const Payment &payment)
{
    const Actor actor = m_session.actor;
    const qint64 orderId = order.id;
    m_banner->showMessage(tr("Taking payment…"), MessageBanner::Type::Information);
    runThenCallback(
        this,
        [orderId, actor, payment]() -> Result<PaidOrder> {
            return onThreadDatabase([&](const QSqlDatabase &db) -> Result<PaidOrder> {
                OrderStore orders(db);
                auto paid = orders.pay(actor, orderId, payment);
                if (!paid) {
                    // Nothing may stay reserved for a sale that was not paid.
                    auto cancelled = orders.cancel(actor, orderId, paid.error().message);
                    Q_UNUSED(cancelled);
                }
                return paid;
            });
        },
        [this](const Result<PaidOrder> &paid) {
            if (!paid) {
                setBusy(false);
                refocus();
                m_banner->showMessage(paid.error().message, MessageBanner::Type::Warning);
                return;
            }
            const QString done = paid->change > 0
                ? tr("Order %1 paid. Change: %2.")
                      .arg(paid->order.number, Money::format(paid->change))
                : tr("Order %1 paid.").arg(paid->order.number);
            m_cart->clear();
            m_promo->clear();
            setCustomer(std::nullopt);
            m_banner->showMessage(done, MessageBanner::Type::Positive);
            m_lastReceipt = Receipt::forOrder(paid->order, m_session.shop,
                                              m_session.actor.displayName, paid->change);
            m_lastNumber = paid->order.number;
            sendToReceiptPrinter();
            // Not busy until the sale is closed: a change of user waiting for
            // this payment takes over the till as it is now.
            setBusy(false);
            refocus();
            emit orderPaid(paid->order, paid->change);
        });
}

void CheckoutPage::abandon(const Order &order, const QString &why)
{
    // The reservation goes; the cart stays for another try.
    const Actor actor = m_session.actor;
    const qint64 orderId = order.id;
    runThenCallback(
        this,
        [orderId, actor, why] {
            return onThreadDatabase(
                [&](const QSqlDatabase &db) { return OrderStore(db).cancel(actor, orderId, why); });
        },
        [this](const Result<Order> &cancelled) {
            setBusy(false);
            if (!cancelled)
                m_banner->showMessage(cancelled.error().message, MessageBanner::Type::Warning);
            else
                m_banner->showMessage(tr("Payment cancelled; nothing was sold."),
                                      MessageBanner::Type::Information);
        });
}

} // namespace shopdesk
