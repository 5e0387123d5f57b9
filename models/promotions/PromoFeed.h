#pragma once

#include "models/core/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSqlDatabase>

namespace shopdesk {

// Promo codes in the catalog feed (CatalogPage::promoCodes): central lists
// every code it has, and a shop takes them by their text. A code that came
// from central is the head office's (promo_codes.from_central): the shop
// uses it but PromoStore refuses to change it there. Its limits on uses
// count this shop's orders: sales do not travel to central.
class PromoFeed
{
    Q_DECLARE_TR_FUNCTIONS(PromoFeed)
public:
    // Central: every code, with its products by PLU and its categories by
    // central's id.
    static Result<QJsonArray> read(const QSqlDatabase &db);
    // Shop, inside the page's transaction: each code made or brought to what
    // central says (a shop's own code of the same text becomes central's),
    // its products and categories (by central_id) replaced. Only what
    // differs is written, so a page seen twice changes nothing. Returns how
    // many codes changed.
    static Result<int> apply(const QSqlDatabase &db, const QJsonArray &codes);
};

} // namespace shopdesk
