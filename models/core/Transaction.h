#pragma once

#include "Result.h"

#include <QSqlDatabase>

namespace shopdesk {

// A transaction that rolls back unless it was committed: a store method can
// return an error from anywhere and leave its connection clean.
//   Transaction tx(m_db);
//   if (!tx.isOpen()) return tx.openError();
//   ... return someError;            // rolled back
//   if (auto done = tx.commit(); !done) return done.error();
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isOpen() const { return m_open; }
    StoreError openError() const;
    // Commits; on failure rolls back and says why.
    Result<void> commit();
    // Ends it now (before starting another on the same connection).
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

} // namespace shopdesk
