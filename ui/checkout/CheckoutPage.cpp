#include "CheckoutPage.h"

#include "CardPaymentDialog.h"
#include "ParkedSalesDialog.h"
#include "PaymentDialog.h"
#include "PriceOverrideDialog.h"
#include "ReceiptPrinting.h"
#include "models/checkout/CartModel.h"
#include "models/checkout/HeldSalesService.h"
#include "models/checkout/PaymentTerminal.h"
#include "models/checkout/ReceiptPrintQueue.h"
#include "models/checkout/ScanInput.h"
#include "models/core/Money.h"
#include "models/core/TaskRunner.h"
#include "models/orders/OrdersService.h"
#include "models/settings/AppSettings.h"
#include "models/shops/ShopTime.h"
#include "ui/common/Confirm.h"
#include "ui/common/Icons.h"
#include "ui/common/MessageBanner.h"
#include "ui/common/NumericKeypad.h"
#include "ui/common/PageTitle.h"
#include "ui/common/PageToolBar.h"
#include "ui/customers/CustomerPickerDialog.h"
#include "ui/shifts/ShiftPanel.h"

#include <QAction>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
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
      m_sale(new Sale(session.actor, session.shop.id, this)),
      m_banner(new MessageBanner(this)),
      m_shift(new ShiftPanel(session, this)),
      m_shiftBanner(new MessageBanner(this)),
      m_terminal(new StandaloneTerminal(this)),
      m_scan(new QLineEdit(this)),
      m_matches(new QListWidget(this)),
      m_table(new QTableView(this)),
      m_total(new QLabel(this)),
      m_units(new QLabel(this)),
      m_promo(new QLineEdit(this)),
      m_nameSearch(new QTimer(this))
{
    auto *heading = createPageTitle(tr("Checkout"), this);
    auto *toolbar = new PageToolBar(this);
    QAction *park = toolbar->addPageAction(Icon::ParkSale, tr("&Park sale"),
                                           QKeySequence(Qt::Key_F4), this, &CheckoutPage::parkSale);
    QAction *recall =
        toolbar->addPageAction(Icon::RecallSale, tr("&Recall sale…"), QKeySequence(Qt::Key_F5),
                               this, &CheckoutPage::recallSale);
    toolbar->setName(park, u"parkSale"_s);
    toolbar->setName(recall, u"recallSale"_s);
    toolbar->addSeparator();
    m_shift->addActionsTo(toolbar);
    m_shiftBanner->setObjectName(u"shiftBanner"_s);
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
    m_table->setModel(m_sale->cart());
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
    m_table->setColumnWidth(CartModel::Discount, 100);
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
    connect(m_promo, &QLineEdit::returnPressed, this, [this] {
        checkPromoCode();
        m_scan->setFocus();
    });
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
    layout->addWidget(toolbar);
    layout->addWidget(m_shift);
    layout->addWidget(m_shiftBanner);
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
        m_sale->add(item->data(Qt::UserRole).value<Product>(), m_pendingQuantity);
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
    // The promo code typed is the sale's; a sale paid starts without one.
    connect(m_promo, &QLineEdit::textEdited, m_sale, &Sale::setPromoCode);
    connect(m_sale, &Sale::promoCodeChanged, this, [this](const QString &code) {
        if (m_promo->text() != code)
            m_promo->setText(code);
        cart()->setPromo(std::nullopt); // shown again once the new code is checked
    });
    connect(m_sale->cart(), &CartModel::totalChanged, this, &CheckoutPage::updateTotals);
    connect(m_sale, &Sale::lineAdded, this, [this](int row) {
        m_banner->hideMessage();
        selectRow(row);
    });
    connect(m_sale, &Sale::matchesFound, this, &CheckoutPage::showMatches);
    connect(m_sale, &Sale::searchFailed, this, [this](const QString &words, const QString &error) {
        const auto now = ScanInput::parse(m_scan->text());
        if (!now || now->text != words)
            return; // typed on meanwhile
        m_matches->clear();
        m_banner->showMessage(error);
    });
    connect(m_sale, &Sale::notice, this, &CheckoutPage::showNotice);
    connect(m_sale, &Sale::noticeCleared, m_banner, &MessageBanner::hideMessage);
    connect(m_sale, &Sale::customerChanged, this, &CheckoutPage::showCustomer);
    connect(m_sale, &Sale::paymentNeeded, this, &CheckoutPage::askForPayment);
    connect(m_sale, &Sale::paid, this, &CheckoutPage::showPaid);
    connect(m_sale, &Sale::weightNeeded, this, &CheckoutPage::askForWeight);
    connect(m_shift, &ShiftPanel::stateChanged, this, &CheckoutPage::showShiftState);
    connect(m_shift, &ShiftPanel::dialogClosed, this, &CheckoutPage::refocus);
    connect(m_shift, &ShiftPanel::message, m_banner, &MessageBanner::showMessage);
    connect(m_sale, &Sale::busyChanged, this, &CheckoutPage::showBusy);
    connect(m_sale, &Sale::stateChanged, this, [this](Sale::State state) {
        // After a refusal the next scan must go into the sale again.
        if (state == Sale::State::Released)
            refocus();
    });
    updateTotals();
    setFocusProxy(m_scan);
}

void CheckoutPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // A shift opened or closed on the Orders page (or another window) shows here.
    m_shift->refresh();
    // Whatever was clicked to get here, the scanner's keystrokes go to the
    // scan field.
    QTimer::singleShot(0, m_scan, [this] { m_scan->setFocus(); });
}

void CheckoutPage::setShop(const Shop &shop)
{
    m_session.shop = shop;
    m_session.actor.shopId = shop.id;
    m_sale->setShopId(shop.id);
    m_shift->setShop(shop);
}

void CheckoutPage::setTill(const QString &till)
{
    m_sale->setTill(till);
    m_shift->setTill(till);
}

void CheckoutPage::setPaymentTerminal(PaymentTerminal *terminal)
{
    if (terminal == m_terminal)
        return;
    delete m_terminal;
    m_terminal = terminal;
    terminal->setParent(this);
}

bool CheckoutPage::shiftIsOpen()
{
    // Not known yet (the page has just opened): the database decides, and
    // refuses a sale without a shift with the same words.
    if (m_shift->isOpen() || !m_shift->isKnown())
        return true;
    m_banner->showMessage(tr("Till %1 has no open shift: open it (Alt+O) before taking payment.")
                              .arg(m_shift->till()),
                          MessageBanner::Type::Warning);
    return false;
}

void CheckoutPage::showShiftState(bool open)
{
    if (open)
        m_shiftBanner->hideMessage();
    else
        m_shiftBanner->showMessage(
            tr("No shift is open at till %1: nothing can be paid. Open the shift (Alt+O) with "
               "the float in the drawer.")
                .arg(m_shift->till()),
            MessageBanner::Type::Warning);
    updateTotals();
}

void CheckoutPage::askForWeight(const Product &product)
{
    bool ok = false;
    const double kg = QInputDialog::getDouble(
        this, tr("Weight of %1").arg(product.name),
        tr("%1 is sold by weight (%2 per kg). Type the weight in kg, or scan the scale's label:")
            .arg(product.name, Money::format(product.price)),
        0.0, 0.001, 999.999, 3, &ok, Qt::WindowFlags(), 0.001);
    refocus();
    if (ok && kg > 0)
        m_sale->add(product, int(qRound(kg * 1000)));
}

void CheckoutPage::checkPromoCode()
{
    const QString code = m_promo->text().trimmed();
    if (code.isEmpty())
        return;
    const quint64 generation = ++m_promoCheck;
    PromoCodeStore::Purchase purchase;
    purchase.subtotal = cart()->total();
    for (int row = 0; row < cart()->rowCount(); ++row)
        purchase.productIds << cart()->productAt(row).id;
    purchase.customerKnown = true;
    if (m_sale->customer())
        purchase.customerId = m_sale->customer()->id;
    whenReady(
        this,
        OrdersService(m_session.actor)
            .checkPromoCode(code, purchase, ShopTime::zone(m_session.shop.timeZone)),
        [this, code, generation](const Result<PromoCodeStore::Valid> &valid) {
            // Typed on, or paying meanwhile: a late answer must not cover
            // what the till says now.
            if (generation != m_promoCheck || m_promo->text().trimmed() != code || isBusy())
                return;
            if (!valid) {
                cart()->setPromo(std::nullopt);
                m_banner->showMessage(valid.error().message, MessageBanner::Type::Warning);
                return;
            }
            cart()->setPromo(valid->promo);
            m_banner->showMessage(
                valid->promo.kind == PromoKind::Percent
                    ? tr("Promo code %1: %2% off.").arg(code.toUpper()).arg(valid->promo.value)
                    : tr("Promo code %1: %2 off.")
                          .arg(code.toUpper(), Money::format(valid->promo.value)),
                MessageBanner::Type::Positive);
        });
}

void CheckoutPage::parkSale()
{
    if (isBusy())
        return;
    if (cart()->isEmpty()) {
        m_banner->showMessage(tr("There is nothing on the till to park."),
                              MessageBanner::Type::Information);
        return;
    }
    m_sale->park();
    m_scan->setFocus();
}

void CheckoutPage::recallSale()
{
    if (isBusy())
        return;
    whenReady(this, HeldSalesService(m_session.actor).parked(m_session.shop.id, m_sale->till()),
              [this](const Result<QList<ParkedSale>> &parked) {
                  if (!parked) {
                      m_banner->showMessage(parked.error().message);
                      return;
                  }
                  if (parked->isEmpty()) {
                      m_banner->showMessage(tr("No sale is parked at this till."),
                                            MessageBanner::Type::Information);
                      return;
                  }
                  ParkedSalesDialog dialog(parked.value(), m_session.shop.timeZone, this);
                  const bool chosen = dialog.exec() == QDialog::Accepted && dialog.chosenId() > 0;
                  refocus();
                  if (chosen)
                      m_sale->recall(dialog.chosenId());
              });
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
                                                                  : cart()->rowCount();
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
    if (isBusy())
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
    m_sale->scan(input->text, input->quantity);
}

void CheckoutPage::searchByName()
{
    const auto input = ScanInput::parse(m_scan->text());
    if (!input || input->kind != ScanInput::Kind::Name)
        return;
    m_pendingQuantity = input->quantity;
    m_sale->searchByName(input->text);
}

void CheckoutPage::showMatches(const QString &words, const QList<Product> &products)
{
    const auto now = ScanInput::parse(m_scan->text());
    if (!now || now->text != words)
        return; // typed on meanwhile
    m_matches->clear();
    if (products.isEmpty()) {
        m_matches->hide();
        m_banner->showMessage(tr("No product is called \"%1\".").arg(words),
                              MessageBanner::Type::Information);
        return;
    }
    for (const Product &p : products) {
        auto *item = new QListWidgetItem(
            u"%1   %2   %3"_s.arg(p.plu, p.name, Money::format(p.price)), m_matches);
        item->setData(Qt::UserRole, QVariant::fromValue(p));
        item->setSizeHint(QSize(0, kTouch));
    }
    m_matches->setCurrentRow(0);
    m_matches->show();
    m_banner->hideMessage();
}

void CheckoutPage::selectRow(int row)
{
    if (cart()->rowCount() == 0)
        return;
    row = qBound(0, row, cart()->rowCount() - 1);
    m_table->selectRow(row);
    m_table->setCurrentIndex(cart()->index(row, 0));
    m_table->scrollTo(cart()->index(row, 0));
}

void CheckoutPage::changeSelected(int delta)
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    m_sale->changeQuantity(row, delta);
    selectRow(qMin(row, cart()->rowCount() - 1));
    m_scan->setFocus();
}

void CheckoutPage::changeSelectedPrice()
{
    if (isBusy())
        return; // a payment is under way: the sale's prices are settled
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_banner->showMessage(tr("Choose the line whose price changes first."),
                              MessageBanner::Type::Information);
        return;
    }
    const int row = current.row();
    PriceOverrideDialog dialog(cart()->productAt(row), cart()->unitPriceAt(row), m_session.shop.id,
                               this);
    if (dialog.exec() == QDialog::Accepted && dialog.approval())
        m_sale->setPrice(row, dialog.newPrice(), *dialog.approval());
    window()->activateWindow();
    m_scan->setFocus();
}

void CheckoutPage::removeSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int row = current.row();
    m_sale->removeLine(row);
    selectRow(qMin(row, cart()->rowCount() - 1));
    m_scan->setFocus();
}

void CheckoutPage::updateTotals()
{
    // With a promo code checked: what is due after it, and what it takes off.
    const qint64 discount = cart()->discount();
    m_total->setText(Money::format(cart()->total() - discount));
    m_units->setText(
        discount > 0
            ? tr("%Ln item(s), %1 off", nullptr, cart()->units()).arg(Money::format(discount))
            : tr("%Ln item(s)", nullptr, cart()->units()));
    for (QPushButton *b : std::as_const(m_payButtons))
        b->setEnabled(!cart()->isEmpty() && !isBusy() &&
                      (m_shift->isOpen() || !m_shift->isKnown()));
}

void CheckoutPage::showBusy(bool busy)
{
    m_scan->setReadOnly(busy);
    updateTotals();
    emit busyChanged(busy);
}

void CheckoutPage::showNotice(const QString &text, Sale::Tone tone)
{
    switch (tone) {
    case Sale::Tone::Information:
        return m_banner->showMessage(text, MessageBanner::Type::Information);
    case Sale::Tone::Positive:
        return m_banner->showMessage(text, MessageBanner::Type::Positive);
    case Sale::Tone::Warning:
        return m_banner->showMessage(text, MessageBanner::Type::Warning);
    case Sale::Tone::Error:
        return m_banner->showMessage(text, MessageBanner::Type::Error);
    }
}

void CheckoutPage::payCash()
{
    ++m_promoCheck;
    if (!cart()->isEmpty() && shiftIsOpen())
        m_sale->pay(PaymentMethod::Cash);
}

void CheckoutPage::payCard()
{
    ++m_promoCheck;
    if (!cart()->isEmpty() && shiftIsOpen())
        m_sale->pay(PaymentMethod::Card);
}

void CheckoutPage::paySplit()
{
    ++m_promoCheck;
    if (!cart()->isEmpty() && shiftIsOpen())
        m_sale->pay(PaymentMethod::Split);
}

bool CheckoutPage::sendToReceiptPrinter()
{
    const QString printer = AppSettings().receiptPrinter();
    if (printer.isEmpty() || !m_lastReceipt)
        return false;
    m_printQueue->enqueueAt(printer, m_lastNumber, m_lastReceipt->escPos());
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
    if (isBusy())
        return;
    CustomerPickerDialog dialog(m_session.database, this);
    if (dialog.exec() == QDialog::Accepted)
        setCustomer(dialog.chosen());
    refocus();
}

void CheckoutPage::setCustomer(const std::optional<Customer> &customer)
{
    m_sale->setCustomer(customer);
}

void CheckoutPage::showCustomer(const std::optional<Customer> &customer)
{
    m_customerButton->setText(
        customer ? tr("Customer: %1 %2 (F8)").arg(customer->firstName, customer->lastName)
                 : tr("Customer… (F8)"));
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
    next->m_sale->resume(m_sale->openSale());
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
    if (isBusy())
        return;
    if (!cart()->isEmpty()) {
        const bool drop = Confirm::ask(
            this, tr("Void the sale"),
            tr("Drop the %Ln line(s) on the till (%1)? The void is recorded for the manager.",
               nullptr, cart()->rowCount())
                .arg(Money::format(cart()->total())));
        refocus();
        if (!drop)
            return;
        m_sale->voidSale();
    } else {
        m_sale->clear();
    }
    m_scan->clear();
    m_matches->hide();
    m_banner->hideMessage();
    m_scan->setFocus();
}

void CheckoutPage::askForPayment(const Order &order, PaymentMethod method)
{
    // A scheduled price may have started since a line was scanned: the order
    // charges the price of its own moment, and the cashier is told which.
    QStringList changed;
    for (const OrderLine &line : order.lines)
        for (int row = 0; row < cart()->rowCount(); ++row)
            if (cart()->productAt(row).plu == line.plu) {
                if (cart()->unitPriceAt(row) != line.unitPrice)
                    changed << tr("%1: %2 → %3")
                                   .arg(line.name, Money::format(cart()->unitPriceAt(row)),
                                        Money::format(line.unitPrice));
                break;
            }
    if (!changed.isEmpty())
        m_banner->showMessage(tr("The price changed since it was scanned; the order charges the "
                                 "new one: %1.")
                                  .arg(changed.join(u"; "_s)),
                              MessageBanner::Type::Warning);
    if (method == PaymentMethod::Card) {
        CardPaymentDialog dialog(order.total, order.number, m_terminal, this);
        const bool approved = dialog.exec() == QDialog::Accepted;
        refocus();
        if (approved)
            m_sale->takePayment(Payment {PaymentMethod::Card, 0, 0});
        else
            m_sale->cancelPayment();
        return;
    }
    PaymentDialog dialog(method, order.total, this);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    refocus();
    if (accepted)
        m_sale->takePayment(dialog.payment());
    else
        m_sale->cancelPayment();
}

void CheckoutPage::showPaid(const Order &order, qint64 change)
{
    m_banner->showMessage(
        change > 0 ? tr("Order %1 paid. Change: %2.").arg(order.number, Money::format(change))
                   : tr("Order %1 paid.").arg(order.number),
        MessageBanner::Type::Positive);
    m_lastReceipt = Receipt::forOrder(order, m_session.shop, m_session.actor.displayName, change);
    m_lastNumber = order.number;
    sendToReceiptPrinter();
    refocus();
    emit orderPaid(order, change);
}

} // namespace shopdesk
