#pragma once

#include "PromoCode.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace shopdesk {

// Promo codes for managers (Permission::ManagePromotions): made, edited and
// switched off here, checked at the till by PromoCodeStore. A code is never
// deleted (the orders that used it name it) and its text never changes (it
// is how a head office would name it to its shops).
class PromoStore
{
    Q_DECLARE_TR_FUNCTIONS(PromoStore)
public:
    static constexpr qint64 kMaxAmount = 100'000'000'00; // as a price (ProductStore)
    static constexpr int kMaxUses = 1'000'000;
    static constexpr int kMaxProducts = 1'000;
    static constexpr int kMaxCategories = 100;

    explicit PromoStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Every code, newest first, with its uses and the discount they gave.
    Result<QList<PromoCode>> list() const;
    Result<PromoCode> byId(qint64 id) const;
    // Makes a code (input.id 0) or changes one, all or nothing; Invalid or
    // Conflict naming the field ("code", "value", "valid_until",
    // "min_total", "max_uses", "max_uses_per_customer", "products", "categories").
    // A code from the head office (PromoCode::fromCentral) is refused by
    // both, naming "code": it is changed at central.
    Result<PromoCode> save(const Actor &actor, const PromoCodeInput &input);
    // Switches a code off: the till refuses it from now on.
    Result<PromoCode> deactivate(const Actor &actor, qint64 id);
    // Per code, the orders paid with it in [from, until) and what they were
    // given off (a code with no use in the period is left out).
    Result<QList<PromoUsage>> usage(const Actor &actor, const QDateTime &from,
                                    const QDateTime &until) const;

    // The checks that need no database, for the store and for a form that
    // validates as it is typed; the first failing one, naming its field.
    static std::optional<StoreError> validate(const PromoCodeInput &input);
    // "SPRING10": trimmed and in capitals, as codes are kept and typed.
    static QString normalised(const QString &code);

private:
    // The refusal to change a code that came from the head office.
    static StoreError headOfficesCode(const QString &code);

    QSqlDatabase m_db;
};

} // namespace shopdesk
