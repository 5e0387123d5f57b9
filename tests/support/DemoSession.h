#pragma once

#include "TestDatabase.h"
#include "models/shops/ShopStore.h"
#include "models/staff/StaffStore.h"
#include "ui/Session.h"

// For the GUI tests (they link shopdesk_ui): what a page gets when a member of
// the demo staff signs in at a shop, authenticated for real.
namespace shopdesk::test {

inline Session demoSession(const TestDatabase &tdb, const QString &login, const QString &password,
                           qint64 shopId = 1)
{
    Session s;
    s.database = tdb.config();
    s.shop = ShopStore(tdb.db()).byId(shopId).value();
    s.actor = StaffStore(tdb.db()).authenticate(login, password, s.shop.id).value();
    return s;
}

} // namespace shopdesk::test
