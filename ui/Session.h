#pragma once

#include "models/core/Actor.h"
#include "models/db/DbConfig.h"
#include "models/shops/ShopStore.h"

namespace shopdesk {

// Who is signed in, at which shop, on which database: what the main window
// and its pages need to know about the running session.
struct Session
{
    Actor actor;
    Shop shop;
    DbConfig database;
};

} // namespace shopdesk
