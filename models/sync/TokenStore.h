#pragma once

#include "models/core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace shopdesk {

// Who a bearer token speaks for at central: one shop, or the head office
// (shopId 0), which may act for every shop.
struct TokenOwner
{
    qint64 tokenId = 0;
    qint64 shopId = 0; // 0: head office
    QString shopCode;

    bool isHeadOffice() const { return shopId == 0; }
    // May this caller change the stock (or push the events) of `otherShopId`?
    bool mayWriteShop(qint64 otherShopId) const { return isHeadOffice() || otherShopId == shopId; }
};

// Central's API tokens. A token is shown once, when issued; the database
// keeps only its SHA-256, so a copy of the table lets nobody in.
class TokenStore
{
    Q_DECLARE_TR_FUNCTIONS(TokenStore)
public:
    explicit TokenStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // A new token for the shop with `shopCode` (created, named after its code,
    // when central does not know it yet), or for the head office when
    // `shopCode` is empty.
    Result<QByteArray> issue(const QString &shopCode);
    // Revokes every token of the shop (or of the head office when empty);
    // returns how many were still valid.
    Result<qint64> revokeAll(const QString &shopCode);
    // The owner of a valid (issued, not revoked) token; nothing otherwise.
    Result<std::optional<TokenOwner>> verify(const QByteArray &token) const;

    static QByteArray hashOf(const QByteArray &token);

private:
    Result<qint64> shopIdFor(const QString &shopCode, bool createMissing);

    QSqlDatabase m_db;
};

} // namespace shopdesk
