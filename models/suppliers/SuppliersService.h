#pragma once

#include "SupplierStore.h"

#include <QFuture>

namespace shopdesk {

// Suppliers for the pages and dialogs: each call runs SupplierStore on a
// pool thread's own connection and answers through its future.
class SuppliersService
{
public:
    explicit SuppliersService(Actor actor = {}) : m_actor(std::move(actor)) { }

    QFuture<Result<QList<Supplier>>> suppliers(bool withArchived = false) const;
    QFuture<Result<Supplier>> create(const Supplier &supplier) const;
    QFuture<Result<Supplier>> update(const Supplier &supplier) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
