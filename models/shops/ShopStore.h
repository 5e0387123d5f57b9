#pragma once

#include "models/core/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace shopdesk {

struct Shop
{
    qint64 id = 0;
    QString code;
    QString name;
    QString address;
    QString timeZone;
};

class ShopStore
{
public:
    explicit ShopStore(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<QList<Shop>> list() const;
    Result<Shop> byId(qint64 id) const;
    // The shop with `preferredId`, or the first shop when that one is gone.
    Result<Shop> byIdOrFirst(qint64 preferredId) const;

    // Validation shared by every form and endpoint that names a shop.
    static std::optional<StoreError> validate(const QString &code, const QString &name);

private:
    QSqlDatabase m_db;
};

} // namespace shopdesk
