#include "Transaction.h"

#include <QSqlError>

namespace shopdesk {

Transaction::Transaction(QSqlDatabase db) : m_db(std::move(db)), m_open(m_db.transaction()) { }

Transaction::~Transaction()
{
    rollback();
}

StoreError Transaction::openError() const
{
    return StoreError::database(m_db.lastError());
}

Result<void> Transaction::commit()
{
    if (!m_open)
        return StoreError::database(QSqlError(QStringLiteral("No transaction is open."), {}));
    m_open = false;
    if (m_db.commit())
        return {};
    const StoreError error = StoreError::database(m_db.lastError());
    m_db.rollback();
    return error;
}

void Transaction::rollback()
{
    if (m_open)
        m_db.rollback();
    m_open = false;
}

} // namespace shopdesk
