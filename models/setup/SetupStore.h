#pragma once

#include "models/core/Result.h"
#include "models/staff/StaffStore.h"

#include <QSqlDatabase>

namespace shopdesk {

// First start outside demo mode: the shop and its first administrator,
// created together or not at all.
class SetupStore
{
public:
    explicit SetupStore(QSqlDatabase db) : m_db(std::move(db)) { }

    struct Created
    {
        qint64 shopId = 0;
        qint64 adminId = 0;
    };
    // Refused when the database already has staff (someone else set it up).
    Result<Created> initialize(const QString &shopCode, const QString &shopName,
                               const NewStaff &admin);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
