#pragma once

#include "Session.h"
#include "TestDatabase.h"
#include "store/ShopStore.h"
#include "store/StaffStore.h"

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
