#pragma once

#include "ShopStore.h"

#include <QFuture>

namespace shopdesk {

// The shops, for the pages: every call runs ShopStore on a pool thread's own
// connection and answers through its future (see whenReady).
class ShopService
{
public:
    QFuture<Result<QList<Shop>>> list() const;
};

} // namespace shopdesk
