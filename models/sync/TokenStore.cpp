#include "TokenStore.h"

#include "models/core/Sql.h"
#include "models/shops/ShopStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// "sdk_" and 32 random bytes in base64url: 256 bits, nothing to guess.
QByteArray newToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return "sdk_" + bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
} // namespace

QByteArray TokenStore::hashOf(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

Result<qint64> TokenStore::shopIdFor(const QString &shopCode, bool createMissing)
{
    if (auto invalid = ShopStore::validate(shopCode, shopCode))
        return *invalid;
    if (createMissing) {
        auto made = Sql::run(m_db,
                             u"INSERT INTO shops (code, name) VALUES (?, ?) "
                             "ON CONFLICT (code) DO NOTHING"_s,
                             {shopCode, shopCode});
        if (!made)
            return made.error();
    }
    auto id = Sql::scalar(m_db, u"SELECT id FROM shops WHERE code = ?"_s, {shopCode});
    if (!id)
        return id.error();
    if (id.value().isNull())
        return StoreError::notFound(tr("There is no shop with the code %1.").arg(shopCode));
    return id.value().toLongLong();
}

Result<QByteArray> TokenStore::issue(const QString &shopCode)
{
    QVariant shopId; // NULL: head office
    if (!shopCode.isEmpty()) {
        auto id = shopIdFor(shopCode, true);
        if (!id)
            return id.error();
        shopId = id.value();
    }
    const QByteArray token = newToken();
    auto q = Sql::run(m_db, u"INSERT INTO api_tokens (shop_id, token_hash) VALUES (?, ?)"_s,
                      {shopId, hashOf(token)});
    if (!q)
        return q.error();
    return token;
}

Result<qint64> TokenStore::revokeAll(const QString &shopCode)
{
    QVariant shopId;
    if (!shopCode.isEmpty()) {
        auto id = shopIdFor(shopCode, false);
        if (!id)
            return id.error();
        shopId = id.value();
    }
    auto n = Sql::scalar(m_db,
                         u"WITH revoked AS (UPDATE api_tokens SET revoked_at = now() "
                         "WHERE shop_id IS NOT DISTINCT FROM ?::bigint AND revoked_at IS NULL "
                         "RETURNING 1) SELECT count(*) FROM revoked"_s,
                         {shopId});
    if (!n)
        return n.error();
    return n.value().toLongLong();
}

Result<std::optional<TokenOwner>> TokenStore::verify(const QByteArray &token) const
{
    // The lookup is by hash, so how long it takes says nothing about the token.
    if (token.isEmpty() || token.size() > 200)
        return std::optional<TokenOwner>();
    auto q = Sql::run(m_db,
                      u"SELECT t.id, coalesce(t.shop_id, 0), coalesce(s.code, '') "
                      "FROM api_tokens t LEFT JOIN shops s ON s.id = t.shop_id "
                      "WHERE t.token_hash = ? AND t.revoked_at IS NULL"_s,
                      {hashOf(token)});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<TokenOwner>();
    TokenOwner owner;
    owner.tokenId = q.value().value(0).toLongLong();
    owner.shopId = q.value().value(1).toLongLong();
    owner.shopCode = q.value().value(2).toString();
    return std::optional<TokenOwner>(owner);
}

} // namespace shopdesk
