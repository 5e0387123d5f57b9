#pragma once

#include "CustomerStore.h"

#include <QFuture>

namespace shopdesk {

// The Customers page's and its dialogs' way to the customer base: each call
// runs CustomerStore on a pool thread's own connection, as `actor`, and
// answers through its future (see whenReady).
class CustomersService
{
public:
    explicit CustomersService(Actor actor) : m_actor(std::move(actor)) { }

    // Creates the customer (id 0) or saves the changes of an existing one.
    QFuture<Result<Customer>> save(const Customer &customer) const;
    QFuture<Result<void>> remove(qint64 id) const;
    // How many customers have the problems flag now (what a reset would clear).
    QFuture<Result<qint64>> countWithProblems() const;
    // Clears everyone's problems flag; answers how many had it.
    QFuture<Result<qint64>> resetProblems() const;

private:
    Actor m_actor;
};

} // namespace shopdesk
