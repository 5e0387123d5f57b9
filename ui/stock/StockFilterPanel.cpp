#include "StockFilterPanel.h"

#include "models/catalog/CatalogService.h"
#include "models/catalog/Ean13.h"
#include "models/core/TaskRunner.h"
#include "ui/common/BuddyLabel.h"
#include "ui/common/Icons.h"
#include "ui/common/ShopComboBox.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
constexpr int kAny = -1; // a quantity box at -1 does not filter
}

StockFilterPanel::StockFilterPanel(QWidget *parent)
    : QWidget(parent),
      m_search(new QLineEdit(this)),
      m_plu(new QLineEdit(this)),
      m_shop(new ShopComboBox(ShopComboBox::Choice::OneShopOrAll, this)),
      m_shelfMin(quantityBox(u"shelfMin"_s)),
      m_shelfMax(quantityBox(u"shelfMax"_s)),
      m_orderMin(quantityBox(u"orderMin"_s)),
      m_orderMax(quantityBox(u"orderMax"_s)),
      m_debounce(new QTimer(this))
{
    m_search->setObjectName(u"stockSearch"_s);
    m_search->setPlaceholderText(tr("Product name, or scan a barcode"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::icon(Icon::Search), QLineEdit::LeadingPosition);
    m_plu->setObjectName(u"pluFilter"_s);
    m_plu->setPlaceholderText(tr("exact PLU"));
    m_plu->setClearButtonEnabled(true);
    m_plu->setMaximumWidth(140);
    m_shop->setObjectName(u"shopFilter"_s);

    auto *reset = new QPushButton(Icons::icon(Icon::ClearFilters), tr("C&lear filters"), this);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(buddyLabel(tr("&Search:"), m_search, this), 0, 0);
    grid->addWidget(m_search, 0, 1, 1, 3);
    grid->addWidget(buddyLabel(tr("P&LU:"), m_plu, this), 0, 4);
    grid->addWidget(m_plu, 0, 5);
    grid->addWidget(buddyLabel(tr("S&hop:"), m_shop, this), 0, 6);
    grid->addWidget(m_shop, 0, 7);
    grid->addWidget(buddyLabel(tr("On shelf &from"), m_shelfMin, this), 1, 0);
    grid->addWidget(m_shelfMin, 1, 1);
    grid->addWidget(buddyLabel(tr("to"), m_shelfMax, this), 1, 2);
    grid->addWidget(m_shelfMax, 1, 3);
    grid->addWidget(buddyLabel(tr("In &orders from"), m_orderMin, this), 1, 4);
    grid->addWidget(m_orderMin, 1, 5);
    grid->addWidget(buddyLabel(tr("to"), m_orderMax, this), 1, 6);
    grid->addWidget(m_orderMax, 1, 7);
    grid->addWidget(reset, 1, 8);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &StockFilterPanel::emitFilter);
    connect(m_search, &QLineEdit::textEdited, this, &StockFilterPanel::scheduleUpdate);
    connect(m_plu, &QLineEdit::textEdited, this, &StockFilterPanel::scheduleUpdate);
    // A scanner types the code and presses Enter: act at once.
    connect(m_search, &QLineEdit::returnPressed, this, &StockFilterPanel::emitFilter);
    connect(m_plu, &QLineEdit::returnPressed, this, &StockFilterPanel::emitFilter);
    connect(m_shop, &QComboBox::currentIndexChanged, this, &StockFilterPanel::emitFilter);
    connect(m_shop, &ShopComboBox::shopsLoaded, this, &StockFilterPanel::shopsLoaded);
    connect(m_shop, &ShopComboBox::loadFailed, this, &StockFilterPanel::notice);
    for (QSpinBox *box : {m_shelfMin, m_shelfMax, m_orderMin, m_orderMax})
        connect(box, &QSpinBox::valueChanged, this, &StockFilterPanel::scheduleUpdate);
    connect(reset, &QPushButton::clicked, this, &StockFilterPanel::clear);
}

QSpinBox *StockFilterPanel::quantityBox(const QString &objectName)
{
    auto *box = new QSpinBox(this);
    box->setObjectName(objectName);
    box->setRange(kAny, 2'000'000'000);
    box->setSpecialValueText(tr("any"));
    box->setValue(kAny);
    box->setAccelerated(true);
    return box;
}

void StockFilterPanel::setShopId(qint64 shopId)
{
    const QSignalBlocker blocker(m_shop);
    m_shop->setCurrentShopId(shopId);
}

const QList<Shop> &StockFilterPanel::shops() const
{
    return m_shop->shops();
}

StockFilter StockFilterPanel::filter() const
{
    StockFilter f;
    f.plu = m_plu->text().trimmed();
    f.name = m_search->text().trimmed();
    if (const qint64 shopId = m_shop->currentShopId())
        f.shopId = shopId;
    auto bound = [](const QSpinBox *box) -> std::optional<int> {
        return box->value() == kAny ? std::nullopt : std::optional<int>(box->value());
    };
    f.shelfMin = bound(m_shelfMin);
    f.shelfMax = bound(m_shelfMax);
    f.orderMin = bound(m_orderMin);
    f.orderMax = bound(m_orderMax);
    if (m_categoryId)
        f.categoryId = m_categoryId;
    return f;
}

void StockFilterPanel::clear()
{
    const QSignalBlocker b1(m_search), b2(m_plu), b3(m_shelfMin), b4(m_shelfMax), b5(m_orderMin),
        b6(m_orderMax);
    m_search->clear();
    m_plu->clear();
    for (QSpinBox *box : {m_shelfMin, m_shelfMax, m_orderMin, m_orderMax})
        box->setValue(kAny);
    emitFilter();
}

void StockFilterPanel::scheduleUpdate()
{
    m_debounce->start();
}

void StockFilterPanel::emitFilter()
{
    m_debounce->stop();
    const QString text = m_search->text().trimmed();
    if (!Ean13::isValidGtin(text)) {
        emit filterChanged(filter());
        return;
    }
    // A scanned barcode: find its product and filter by its PLU.
    whenReady(this, CatalogService().byBarcode(text),
              [this, text](const Result<std::optional<Product>> &product) {
                  if (m_search->text().trimmed() != text)
                      return; // typed on meanwhile
                  if (product && product.value()) {
                      const QSignalBlocker b1(m_search), b2(m_plu);
                      m_search->clear();
                      m_plu->setText(product.value()->plu);
                      emit filterChanged(filter());
                      return;
                  }
                  emit notice(product ? tr("No product has the barcode %1.").arg(text)
                                      : product.error().message);
                  emit filterChanged(filter());
              });
}

void StockFilterPanel::setCategoryId(qint64 categoryId)
{
    if (categoryId == m_categoryId)
        return;
    m_categoryId = categoryId;
    emitFilter();
}

void StockFilterPanel::showPlu(const QString &plu, qint64 shopId)
{
    {
        const QSignalBlocker b1(m_search), b2(m_plu), b3(m_shelfMin), b4(m_shelfMax),
            b5(m_orderMin), b6(m_orderMax), b7(m_shop);
        m_search->clear();
        m_plu->setText(plu);
        for (QSpinBox *box : {m_shelfMin, m_shelfMax, m_orderMin, m_orderMax})
            box->setValue(kAny);
        m_shop->setCurrentShopId(shopId);
    }
    emitFilter();
}

} // namespace shopdesk
