#pragma once

#include "VatRate.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace shopdesk {

// The VAT rates list (vat_rates): what products may carry and order lines
// keep. A rate's code and percentage never change once it exists (the lines
// sold at it name it); its label and whether it is offered do. A rate that
// a product or an order line has is never deleted, only deactivated.
class VatRateStore
{
    Q_DECLARE_TR_FUNCTIONS(VatRateStore)
public:
    explicit VatRateStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Every rate in the list's order, each saying whether it is in use.
    Result<QList<VatRate>> list() const;
    // A new rate at the end of the list. Invalid naming the field for a bad
    // code ("code"), label ("label") or percentage ("percent": 0 to 100 %);
    // Conflict naming it for a code, label or percentage the list has.
    Result<VatRate> add(const Actor &actor, const VatRateInput &rate);
    // The rate named by rate.code gets rate.label and rate.active (its
    // percentage stays). NotFound for an unknown code.
    Result<VatRate> update(const Actor &actor, const VatRateInput &rate);
    // Deletes a rate nothing uses; Conflict ("code") for one in use.
    Result<void> remove(const Actor &actor, const QString &code);

    // Checks that `code` names a rate (Invalid "vat_rate" otherwise), and,
    // unless `allowInactive`, one still offered.
    static std::optional<StoreError> checkUsable(const QSqlDatabase &db, const QString &code,
                                                 bool allowInactive = false);

private:
    static std::optional<StoreError> validate(const VatRateInput &rate);
    std::optional<StoreError> duplicate(const StoreError &error, const VatRateInput &rate) const;
    Result<VatRate> byCode(const QString &code) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk
