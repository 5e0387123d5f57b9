#include "CustomersService.h"

#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<Customer>> CustomersService::save(const Customer &customer) const
{
    return onDatabase([actor = m_actor, customer](const QSqlDatabase &db) {
        CustomerStore store(db);
        return customer.id ? store.update(actor, customer) : store.create(actor, customer);
    });
}

QFuture<Result<void>> CustomersService::remove(qint64 id) const
{
    return onDatabase([actor = m_actor, id](const QSqlDatabase &db) {
        return CustomerStore(db).remove(actor, id);
    });
}

QFuture<Result<qint64>> CustomersService::countWithProblems() const
{
    return onDatabase([](const QSqlDatabase &db) {
        CustomerFilter flagged;
        flagged.problems = true;
        return CustomerStore(db).count(flagged); // the partial index customers_with_problems
    });
}

QFuture<Result<qint64>> CustomersService::resetProblems() const
{
    return onDatabase([actor = m_actor](const QSqlDatabase &db) {
        return CustomerStore(db).resetProblems(actor);
    });
}

} // namespace shopdesk
