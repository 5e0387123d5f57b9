#pragma once

#include "PromoStore.h"

#include <QFuture>

namespace shopdesk {

// Promo codes for the pages: each call runs PromoStore on a pool thread's
// own connection and answers through its future (see whenReady).
class PromotionsService
{
public:
    explicit PromotionsService(Actor actor = {}) : m_actor(std::move(actor)) { }

    QFuture<Result<QList<PromoCode>>> list() const;
    QFuture<Result<PromoCode>> save(const PromoCodeInput &input) const;
    QFuture<Result<PromoCode>> deactivate(qint64 id) const;
    QFuture<Result<QList<PromoUsage>>> usage(const QDateTime &from, const QDateTime &until) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
