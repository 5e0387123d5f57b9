#include "ShopComboBox.h"

#include "models/core/TaskRunner.h"
#include "models/shops/ShopService.h"

#include <QSignalBlocker>

using namespace Qt::StringLiterals;

namespace shopdesk {

ShopComboBox::ShopComboBox(Choice choice, QWidget *parent) : QComboBox(parent), m_choice(choice)
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fill({});
    reload();
}

void ShopComboBox::reload()
{
    whenReady(this, ShopService().list(), [this](const Result<QList<Shop>> &shops) {
        if (!shops) {
            emit loadFailed(shops.error().message);
            return;
        }
        fill(shops.value());
        emit shopsLoaded();
    });
}

void ShopComboBox::fill(const QList<Shop> &shops)
{
    const qint64 chosen = m_shops.isEmpty() ? m_wanted : currentShopId();
    const QSignalBlocker blocker(this);
    m_shops = shops;
    clear();
    if (m_choice == Choice::OneShopOrAll)
        addItem(tr("All shops"), QVariant());
    for (const Shop &shop : shops)
        addItem(u"%1 (%2)"_s.arg(shop.name, shop.code), shop.id);
    m_wanted = chosen;
    setCurrentIndex(qMax(0, chosen ? findData(chosen) : 0));
}

std::optional<Shop> ShopComboBox::currentShop() const
{
    const qint64 id = currentShopId();
    for (const Shop &shop : m_shops)
        if (shop.id == id)
            return shop;
    return std::nullopt;
}

qint64 ShopComboBox::currentShopId() const
{
    if (m_shops.isEmpty())
        return m_wanted;
    return currentData().toLongLong();
}

void ShopComboBox::setCurrentShopId(qint64 shopId)
{
    m_wanted = shopId;
    if (m_shops.isEmpty())
        return;
    setCurrentIndex(qMax(0, shopId ? findData(shopId) : 0));
}

} // namespace shopdesk
