#include "ProductEditDialog.h"

#include "BarcodeListEdit.h"
#include "ProductMovementsTable.h"
#include "ProductStockTable.h"
#include "VatRateComboBox.h"
#include "models/catalog/CatalogService.h"
#include "models/core/Money.h"
#include "models/core/Permissions.h"
#include "models/core/TaskRunner.h"
#include "models/shops/ShopTime.h"
#include "ui/common/CategoryComboBox.h"
#include "ui/common/Confirm.h"
#include "ui/common/MessageBanner.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

enum PriceColumn { From, Price, Previous, Who, Reason, ColumnCount };
enum ChangeColumn { ChangedAt, ChangedBy, WhatChanged, Why, ChangeColumnCount };

} // namespace

ProductEditDialog::ProductEditDialog(const Actor &actor, const QString &plu,
                                     const QString &shopTimeZone, QWidget *parent)
    : QDialog(parent),
      m_actor(actor),
      m_plu(plu),
      m_zone(shopTimeZone),
      m_banner(new MessageBanner(this)),
      m_name(new QLineEdit(this)),
      m_price(new QLineEdit(this)),
      m_barcodes(new BarcodeListEdit(actor, this)),
      m_byWeight(new QCheckBox(tr("Sold by &weight (price per kg)"), this)),
      m_active(new QCheckBox(tr("&Active (sold and received)"), this)),
      m_vat(new VatRateComboBox(this)),
      m_category(new CategoryComboBox(this)),
      m_reason(new QLineEdit(this)),
      m_fieldError(new QLabel(this)),
      m_prices(new QTableWidget(0, ColumnCount, this)),
      m_changes(new QTableWidget(0, ChangeColumnCount, this)),
      m_stock(new ProductStockTable(this)),
      m_movements(new ProductMovementsTable(shopTimeZone, this)),
      m_newPrice(new QLineEdit(this)),
      m_from(new QDateTimeEdit(this))
{
    setWindowTitle(tr("Product %1").arg(plu));
    m_name->setObjectName(u"name"_s);
    m_name->setMaxLength(200);
    m_price->setObjectName(u"price"_s);
    m_barcodes->setOwnerPlu(plu);
    connect(m_barcodes, &BarcodeListEdit::refused, this, [this](const QString &message) {
        m_fieldError->setText(message);
        m_fieldError->show();
    });
    connect(m_barcodes, &BarcodeListEdit::failed, this,
            [this](const QString &message) { m_banner->showMessage(message); });
    connect(m_barcodes, &BarcodeListEdit::barcodesChanged, this, [this] {
        checkInline();
        emit barcodesChanged();
    });
    m_byWeight->setObjectName(u"soldByWeight"_s);
    m_byWeight->setToolTip(tr("Only until the product's stock first moves."));
    m_active->setObjectName(u"active"_s);
    m_active->setToolTip(tr("An archived product stays in the history but cannot be sold or "
                            "received."));
    m_vat->setObjectName(u"vatRate"_s);
    connect(m_vat, &VatRateComboBox::loadFailed, m_banner,
            [this](const QString &message) { m_banner->showMessage(message); });
    m_reason->setObjectName(u"reason"_s);
    m_reason->setMaxLength(500);
    m_reason->setPlaceholderText(tr("why: kept with the change"));
    m_fieldError->setObjectName(u"fieldError"_s);
    m_fieldError->setWordWrap(true);
    m_fieldError->setStyleSheet(u"color: #b00020;"_s);
    m_fieldError->hide();
    // Room for two lines of each kept while they are hidden: a message (an
    // error, the read-only notice) never makes the card grow. The form skips
    // a hidden row, so the field's message sits in a room that stays.
    m_banner->reserveSpace(2);
    auto *errorRoom = new QWidget(this);
    auto *errorLayout = new QVBoxLayout(errorRoom);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->addWidget(m_fieldError);
    errorRoom->setMinimumHeight(2 * m_fieldError->fontMetrics().lineSpacing());

    auto *form = new QFormLayout;
    form->addRow(tr("PLU:"), new QLabel(plu, this));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("P&rice:"), m_price);
    auto *barcodesLabel = new QLabel(tr("&Barcodes:"), this);
    barcodesLabel->setBuddy(m_barcodes->entry());
    form->addRow(barcodesLabel, m_barcodes);
    form->addRow(tr("&VAT:"), m_vat);
    m_category->setObjectName(u"category"_s);
    connect(m_category, &CategoryComboBox::loadFailed, m_banner,
            [this](const QString &message) { m_banner->showMessage(message); });
    form->addRow(tr("Ca&tegory:"), m_category);
    form->addRow(QString(), m_byWeight);
    form->addRow(QString(), m_active);
    form->addRow(tr("Rea&son:"), m_reason);
    form->addRow(QString(), errorRoom);

    m_prices->setObjectName(u"prices"_s);
    m_prices->setHorizontalHeaderLabels(
        {tr("From"), tr("Price"), tr("Before"), tr("Set by"), tr("Reason")});
    m_prices->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_prices->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_prices->verticalHeader()->hide();
    m_prices->horizontalHeader()->setStretchLastSection(true);
    m_prices->setMinimumHeight(160);
    m_newPrice->setObjectName(u"newPrice"_s);
    m_newPrice->setPlaceholderText(Money::formatPlain(0));
    m_from->setObjectName(u"validFrom"_s);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    // A wall time in the shop's zone, an hour from now, on the minute.
    QDateTime inAnHour = ShopTime::toShop(QDateTime::currentDateTimeUtc().addSecs(3600), m_zone);
    inAnHour.setTime(QTime(inAnHour.time().hour(), inAnHour.time().minute()));
    m_from->setDateTime(QDateTime(inAnHour.date(), inAnHour.time()));
    m_schedule = new QPushButton(tr("S&chedule a price"), this);
    m_schedule->setObjectName(u"schedule"_s);
    auto *scheduleRow = new QHBoxLayout;
    scheduleRow->addWidget(new QLabel(tr("New price:"), this));
    scheduleRow->addWidget(m_newPrice);
    scheduleRow->addWidget(new QLabel(tr("from:"), this));
    scheduleRow->addWidget(m_from);
    scheduleRow->addWidget(m_schedule);
    m_withdraw = new QPushButton(tr("W&ithdraw scheduled price"), this);
    m_withdraw->setObjectName(u"withdraw"_s);
    m_withdraw->setToolTip(tr("Takes back the selected scheduled price before it starts; "
                              "the reason above is kept with it."));
    m_withdraw->setEnabled(false);
    scheduleRow->addWidget(m_withdraw);
    auto *pricesPage = new QWidget(this);
    auto *pricesLayout = new QVBoxLayout(pricesPage);
    pricesLayout->addWidget(m_prices);
    pricesLayout->addLayout(scheduleRow);
    m_changes->setObjectName(u"changes"_s);
    m_changes->setHorizontalHeaderLabels({tr("When"), tr("Who"), tr("What changed"), tr("Reason")});
    m_changes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_changes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_changes->setWordWrap(true);
    m_changes->verticalHeader()->hide();
    m_changes->horizontalHeader()->setStretchLastSection(true);
    // Its prices, every edit with who made it and why, its stock in each
    // shop and its recent movements: times in the shop's zone.
    auto *history = new QTabWidget(this);
    history->setObjectName(u"productHistory"_s);
    history->addTab(pricesPage, tr("&Prices"));
    history->addTab(m_changes, tr("C&hanges"));
    history->addTab(m_stock, tr("Stoc&k"));
    // The movements are history, which only those who may read it see.
    if (hasPermission(m_actor.role, Permission::ViewHistory))
        history->addTab(m_movements, tr("M&ovements"));
    else
        m_movements->hide();
    const auto showFailure = [this](const QString &message) {
        m_banner->showMessage(message);
    };
    connect(m_stock, &ProductStockTable::failed, this, showFailure);
    connect(m_movements, &ProductMovementsTable::failed, this, showFailure);
    history->setToolTip(tr("Times are the shop's."));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setEnabled(false); // until the product is read
    m_schedule->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProductEditDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_schedule, &QPushButton::clicked, this, &ProductEditDialog::schedule);
    connect(m_withdraw, &QPushButton::clicked, this, &ProductEditDialog::withdrawScheduled);
    // A VAT change reads "20 % → 10 %" only once the rates' names are known.
    connect(m_vat, &VatRateComboBox::ratesLoaded, this, [this] {
        if (!m_shownChanges.isEmpty())
            showChanges(m_shownChanges);
    });
    connect(m_prices, &QTableWidget::itemSelectionChanged, this,
            [this] { m_withdraw->setEnabled(!m_readOnly && selectedScheduled().has_value()); });
    for (QLineEdit *field : {m_name, m_price, m_reason})
        connect(field, &QLineEdit::textEdited, this, &ProductEditDialog::checkInline);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(history, 1);
    layout->addWidget(buttons);
    setMinimumWidth(620);
    load();
}

void ProductEditDialog::load()
{
    whenReady(this, CatalogService(m_actor).byPlu(m_plu),
              [this](const Result<std::optional<Product>> &found) {
                  if (!found || !found.value()) {
                      m_banner->showMessage(found
                                                ? tr("There is no product with PLU %1.").arg(m_plu)
                                                : found.error().message);
                      emit loaded();
                      return;
                  }
                  showProduct(*found.value());
                  loadPrices();
                  loadChanges();
                  whenReady(this, CatalogService(m_actor).catalogIsHeadOffices(),
                            [this](const Result<bool> &headOffices) {
                                if (headOffices && headOffices.value())
                                    showReadOnly();
                            });
                  m_stock->load(m_actor, m_plu);
                  if (hasPermission(m_actor.role, Permission::ViewHistory))
                      m_movements->load(m_actor, m_plu);
              });
}

void ProductEditDialog::showReadOnly()
{
    m_readOnly = true;
    m_banner->showMessage(tr("The head office manages this shop's catalog: this product is "
                             "changed there and reaches the shop with the next sync."),
                          MessageBanner::Type::Information);
    for (QLineEdit *field : {m_name, m_price, m_reason, m_newPrice})
        field->setReadOnly(true);
    m_barcodes->setReadOnly(true);
    for (QWidget *control : std::initializer_list<QWidget *> {
             m_byWeight, m_active, m_vat, m_category, m_from, m_schedule, m_withdraw, m_save})
        control->setEnabled(false);
}

void ProductEditDialog::loadPrices()
{
    whenReady(this, CatalogService(m_actor).prices(m_plu),
              [this](const Result<QList<PriceEntry>> &prices) {
                  if (prices)
                      showPrices(prices.value());
                  else
                      m_banner->showMessage(prices.error().message);
                  emit loaded();
              });
}

void ProductEditDialog::showProduct(const Product &product)
{
    m_product = product;
    m_name->setText(product.name);
    m_price->setText(Money::formatPlain(product.price));
    m_barcodes->setBarcodes(product.barcodes);
    m_byWeight->setChecked(product.soldByWeight);
    m_active->setChecked(product.active);
    m_vat->setCurrentCode(product.vatCode);
    m_category->setCurrentCategoryId(product.categoryId);
    m_save->setEnabled(true);
    m_schedule->setEnabled(true);
}

void ProductEditDialog::showPrices(const QList<PriceEntry> &prices)
{
    m_priceEntries = prices;
    m_prices->clearSelection();
    m_prices->setRowCount(int(prices.size()));
    for (int row = 0; row < prices.size(); ++row) {
        const PriceEntry &p = prices.at(row);
        const QString from = p.scheduled
            ? tr("%1 (scheduled)").arg(ShopTime::format(p.validFrom, m_zone))
            : ShopTime::format(p.validFrom, m_zone);
        const QStringList cells {from, Money::format(p.price),
                                 p.previous ? Money::format(*p.previous) : QString(), p.staffName,
                                 p.reason};
        for (int column = 0; column < ColumnCount; ++column)
            m_prices->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_prices->resizeColumnsToContents();
    emit pricesShown();
}

void ProductEditDialog::loadChanges()
{
    whenReady(this, CatalogService(m_actor).changes(m_plu),
              [this](const Result<QList<ProductChange>> &changes) {
                  if (changes)
                      showChanges(changes.value());
                  else
                      m_banner->showMessage(changes.error().message);
              });
}

void ProductEditDialog::showChanges(const QList<ProductChange> &changes)
{
    m_shownChanges = changes;
    m_changes->setRowCount(int(changes.size()));
    for (int row = 0; row < changes.size(); ++row) {
        const ProductChange &c = changes.at(row);
        const QStringList cells {ShopTime::format(c.at, m_zone),
                                 c.staffName.isEmpty() ? tr("(system)") : c.staffName, describe(c),
                                 c.reason};
        for (int column = 0; column < ChangeColumnCount; ++column)
            m_changes->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    m_changes->resizeColumnsToContents();
    m_changes->resizeRowsToContents();
}

QString ProductEditDialog::describe(const ProductChange &change) const
{
    const auto yesNo = [](const QJsonValue &v) {
        return v.toBool() ? tr("yes") : tr("no");
    };
    const auto text = [](const QJsonValue &v) {
        return v.toString().isEmpty() ? tr("none") : v.toString();
    };
    QStringList lines;
    for (auto it = change.after.begin(); it != change.after.end(); ++it) {
        const QJsonValue before = change.before.value(it.key());
        if (it.key() == u"name"_s)
            lines << tr("Name: %1 → %2").arg(before.toString(), it->toString());
        else if (it.key() == u"price"_s)
            lines << tr("Price: %1 → %2")
                         .arg(Money::format(before.toInteger()), Money::format(it->toInteger()));
        else if (it.key() == u"barcode"_s)
            lines << tr("Barcode: %1 → %2").arg(text(before), text(*it));
        else if (it.key() == u"barcodes"_s)
            lines << tr("Barcodes: %1 → %2")
                         .arg(text(before.toVariant().toStringList().join(u", "_s)),
                              text(it->toVariant().toStringList().join(u", "_s)));
        else if (it.key() == u"sold_by_weight"_s)
            lines << tr("Sold by weight: %1 → %2").arg(yesNo(before), yesNo(*it));
        else if (it.key() == u"active"_s)
            lines << tr("Active: %1 → %2").arg(yesNo(before), yesNo(*it));
        else if (it.key() == u"scheduled_price"_s && it->isNull())
            lines << tr("Scheduled price %1 from %2 withdrawn")
                         .arg(Money::format(before[u"price"_s].toInteger()),
                              ShopTime::format(
                                  QDateTime::fromString(before[u"valid_from"_s].toString(),
                                                        Qt::ISODateWithMs),
                                  m_zone));
        else if (it.key() == u"category"_s)
            lines << tr("Category: %1 → %2").arg(text(before), text(*it));
        else if (it.key() == u"category_id"_s)
            continue; // the path above says it
        else if (it.key() == u"vat_code"_s)
            lines << tr("VAT: %1 → %2").arg(vatLabel(before.toString()), vatLabel(it->toString()));
        else
            lines << u"%1: %2 → %3"_s.arg(it.key(), before.toVariant().toString(),
                                          it->toVariant().toString());
    }
    return lines.join(u'\n');
}

QString ProductEditDialog::vatLabel(const QString &code) const
{
    // The list's name for the rate when the list offers it, else its code.
    const int index = m_vat->findData(code);
    return index >= 0 ? m_vat->itemText(index) : code;
}

std::optional<ProductEdit> ProductEditDialog::edit(bool quiet)
{
    ProductEdit e;
    e.plu = m_plu;
    e.name = m_name->text();
    e.barcodes = m_barcodes->barcodes();
    e.barcode = e.barcodes->value(0);
    e.soldByWeight = m_byWeight->isChecked();
    e.active = m_active->isChecked();
    e.vatCode = m_vat->currentCode();
    e.categoryId = m_category->currentCategoryId();
    e.reason = m_reason->text();
    // Money is whole kopecks, read from the text as typed: never a double.
    const auto price = Money::parse(m_price->text());
    if (!price) {
        if (!quiet) {
            m_price->setFocus();
            m_price->selectAll();
        }
        m_fieldError->setText(
            tr("Price: type an amount such as %1.").arg(Money::formatPlain(12345)));
        m_fieldError->show();
        return std::nullopt;
    }
    e.price = *price;
    if (auto invalid = ProductStore::validate(
            NewProduct {e.plu, e.name, e.price, e.barcode, e.soldByWeight})) {
        m_fieldError->setText(invalid->message);
        m_fieldError->show();
        if (!quiet)
            fieldFor(invalid->field)->setFocus();
        return std::nullopt;
    }
    m_fieldError->hide();
    return e;
}

void ProductEditDialog::checkInline()
{
    m_save->setEnabled(edit(true).has_value());
}

QWidget *ProductEditDialog::fieldFor(const QString &name) const
{
    if (name == u"price"_s)
        return m_price;
    if (name == u"barcode"_s || name == u"barcodes"_s)
        return m_barcodes->entry();
    if (name == u"sold_by_weight"_s)
        return m_byWeight;
    if (name == u"reason"_s)
        return m_reason;
    if (name == u"valid_from"_s)
        return m_from;
    if (name == u"vat_rate"_s)
        return m_vat;
    if (name == u"category"_s)
        return m_category;
    return m_name;
}

void ProductEditDialog::submit()
{
    const auto e = edit(false);
    if (!e)
        return;
    m_save->setEnabled(false);
    whenReady(this, CatalogService(m_actor).update(*e), [this](const Result<Product> &result) {
        m_save->setEnabled(true);
        if (!result) {
            m_banner->showMessage(result.error().message);
            if (!result.error().field.isEmpty())
                fieldFor(result.error().field)->setFocus();
            return;
        }
        m_product = result.value();
        accept();
    });
}

void ProductEditDialog::schedule()
{
    const auto price = Money::parse(m_newPrice->text());
    if (!price) {
        m_banner->showMessage(
            tr("New price: type an amount such as %1.").arg(Money::formatPlain(12345)));
        m_newPrice->setFocus();
        return;
    }
    ScheduledPrice scheduled;
    scheduled.plu = m_plu;
    scheduled.price = *price;
    // The edit shows the shop's wall time; the moment is that time there.
    scheduled.validFrom = QDateTime(m_from->date(), m_from->time(), ShopTime::zone(m_zone)).toUTC();
    scheduled.reason = m_reason->text();
    m_schedule->setEnabled(false);
    whenReady(this, CatalogService(m_actor).schedulePrice(scheduled),
              [this](const Result<PriceEntry> &result) {
                  m_schedule->setEnabled(true);
                  if (!result) {
                      m_banner->showMessage(result.error().message);
                      if (result.error().field == u"price"_s)
                          m_newPrice->setFocus();
                      else if (!result.error().field.isEmpty())
                          fieldFor(result.error().field)->setFocus();
                      return;
                  }
                  m_banner->showMessage(tr("%1 from %2.")
                                            .arg(Money::format(result->price),
                                                 ShopTime::format(result->validFrom, m_zone)),
                                        MessageBanner::Type::Positive);
                  m_newPrice->clear();
                  loadPrices();
              });
}

std::optional<PriceEntry> ProductEditDialog::selectedScheduled() const
{
    const QList<QTableWidgetItem *> selected = m_prices->selectedItems();
    if (selected.isEmpty())
        return std::nullopt;
    const int row = selected.first()->row();
    if (row < 0 || row >= m_priceEntries.size() || !m_priceEntries.at(row).scheduled)
        return std::nullopt;
    return m_priceEntries.at(row);
}

void ProductEditDialog::withdrawScheduled()
{
    const auto price = selectedScheduled();
    if (!price)
        return;
    const QString when = ShopTime::format(price->validFrom, m_zone);
    if (!Confirm::ask(this, tr("Withdraw scheduled price"),
                      tr("Withdraw the price %1 scheduled from %2? The price before it stays.")
                          .arg(Money::format(price->price), when)))
        return;
    m_withdraw->setEnabled(false);
    whenReady(
        this,
        CatalogService(m_actor).cancelScheduledPrice(m_plu, price->validFrom, m_reason->text()),
        [this, when](const Result<PriceEntry> &result) {
            if (!result) {
                m_banner->showMessage(result.error().message);
                m_withdraw->setEnabled(selectedScheduled().has_value());
                return;
            }
            m_banner->showMessage(
                tr("The price %1 from %2 is withdrawn.").arg(Money::format(result->price), when),
                MessageBanner::Type::Positive);
            loadPrices();
            loadChanges();
        });
}

} // namespace shopdesk
