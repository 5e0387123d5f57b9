#pragma once

#include "models/shops/ShopStore.h"

#include <QComboBox>

#include <optional>

namespace shopdesk {

// A choice of shop that fills itself from the database (ShopService, off the
// GUI thread), optionally led by "All shops". Refilling never emits
// currentIndexChanged; a shop chosen before the list arrives is selected
// once it does.
class ShopComboBox : public QComboBox
{
    Q_OBJECT
public:
    enum class Choice { OneShop, OneShopOrAll };
    explicit ShopComboBox(Choice choice, QWidget *parent = nullptr);

    // Loads the shops (again); the shop chosen stays chosen.
    void reload();
    const QList<Shop> &shops() const { return m_shops; }
    // The chosen shop; nothing for "All shops" or before the list is loaded.
    std::optional<Shop> currentShop() const;
    // 0: all shops.
    qint64 currentShopId() const;
    void setCurrentShopId(qint64 shopId);

signals:
    void shopsLoaded();
    void loadFailed(const QString &message);

private:
    void fill(const QList<Shop> &shops);

    Choice m_choice;
    QList<Shop> m_shops;
    qint64 m_wanted = 0; // chosen while the list was on its way
};

} // namespace shopdesk
