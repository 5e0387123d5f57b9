#include "VatRateStore.h"

#include "models/core/Permissions.h"
#include "models/core/Sql.h"

#include <QRegularExpression>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

const QString kColumns = u"r.code, r.label, r.rate_bp, r.active, r.sort_order, "
                         "EXISTS (SELECT 1 FROM products p WHERE p.vat_code = r.code) "
                         "OR EXISTS (SELECT 1 FROM order_lines l WHERE l.vat_code = r.code) "
                         "AS in_use"_s;

VatRate rateFrom(const QSqlQuery &q)
{
    VatRate r;
    r.code = q.value(0).toString();
    r.label = q.value(1).toString();
    // The migration seeds this label in English; shown in the shop's
    // language until someone gives the rate a name of their own.
    if (r.code == u"novat"_s && r.label == u"No VAT"_s)
        r.label = VatRateStore::tr("No VAT");
    if (!q.value(2).isNull())
        r.rateBp = q.value(2).toInt();
    r.active = q.value(3).toBool();
    r.sortOrder = q.value(4).toInt();
    r.inUse = q.value(5).toBool();
    return r;
}

} // namespace

Result<QList<VatRate>> VatRateStore::list() const
{
    auto q =
        Sql::run(m_db, u"SELECT %1 FROM vat_rates r ORDER BY r.sort_order, r.code"_s.arg(kColumns));
    if (!q)
        return q.error();
    QList<VatRate> rates;
    while (q.value().next())
        rates.append(rateFrom(q.value()));
    return rates;
}

Result<VatRate> VatRateStore::byCode(const QString &code) const
{
    auto q = Sql::run(m_db, u"SELECT %1 FROM vat_rates r WHERE r.code = ?"_s.arg(kColumns), {code});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::notFound(tr("There is no VAT rate %1.").arg(code));
    return rateFrom(q.value());
}

std::optional<StoreError> VatRateStore::validate(const VatRateInput &rate)
{
    static const QRegularExpression codePattern(u"^[a-z0-9_-]{1,16}$"_s);
    if (!codePattern.match(rate.code).hasMatch())
        return StoreError::invalid(
            u"code"_s, tr("The code must be 1 to 16 small Latin letters, digits, '-' or '_'."));
    const QString label = rate.label.trimmed();
    if (label.isEmpty() || label.size() > 40)
        return StoreError::invalid(u"label"_s, tr("The name must be 1 to 40 characters."));
    if (rate.rateBp && (*rate.rateBp < 0 || *rate.rateBp > 10000))
        return StoreError::invalid(u"percent"_s, tr("The percentage must be from 0 to 100."));
    return std::nullopt;
}

std::optional<StoreError> VatRateStore::duplicate(const StoreError &error,
                                                  const VatRateInput &rate) const
{
    if (!error.isUniqueViolation())
        return std::nullopt;
    if (error.constraint == u"vat_rates_pkey"_s)
        return StoreError::conflict(
            tr("There is already a VAT rate with the code %1.").arg(rate.code), u"code"_s);
    if (error.constraint == u"vat_rates_label_key"_s)
        return StoreError::conflict(
            tr("There is already a VAT rate named %1.").arg(rate.label.trimmed()), u"label"_s);
    if (error.constraint == u"vat_rates_one_per_rate"_s)
        return StoreError::conflict(rate.rateBp
                                        ? tr("The list already has a rate of this percentage.")
                                        : tr("The list already has a rate for goods without VAT."),
                                    u"percent"_s);
    return std::nullopt;
}

Result<VatRate> VatRateStore::add(const Actor &actor, const VatRateInput &rate)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageVatRates))
        return *refused;
    if (auto invalid = validate(rate))
        return *invalid;
    auto made =
        Sql::run(m_db,
                 u"INSERT INTO vat_rates (code, label, rate_bp, active, sort_order) "
                 "SELECT :code, :label, :rate_bp, :active, "
                 "coalesce(max(sort_order), 0) + 1 FROM vat_rates"_s,
                 {{u":code"_s, rate.code},
                  {u":label"_s, rate.label.trimmed()},
                  {u":rate_bp"_s,
                   rate.rateBp ? QVariant(*rate.rateBp) : QVariant(QMetaType::fromType<int>())},
                  {u":active"_s, rate.active}});
    if (!made) {
        if (auto dup = duplicate(made.error(), rate))
            return *dup;
        return made.error();
    }
    return byCode(rate.code);
}

Result<VatRate> VatRateStore::update(const Actor &actor, const VatRateInput &rate)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageVatRates))
        return *refused;
    VatRateInput checked = rate;
    checked.rateBp.reset(); // the percentage is not changed here
    if (auto invalid = validate(checked))
        return *invalid;
    auto changed = Sql::run(m_db,
                            u"UPDATE vat_rates SET label = :label, active = :active, "
                            "updated_at = now() WHERE code = :code"_s,
                            {{u":code"_s, rate.code},
                             {u":label"_s, rate.label.trimmed()},
                             {u":active"_s, rate.active}});
    if (!changed) {
        if (auto dup = duplicate(changed.error(), rate))
            return *dup;
        return changed.error();
    }
    if (changed.value().numRowsAffected() == 0)
        return StoreError::notFound(tr("There is no VAT rate %1.").arg(rate.code));
    return byCode(rate.code);
}

Result<void> VatRateStore::remove(const Actor &actor, const QString &code)
{
    if (auto refused = checkPermission(actor.role, Permission::ManageVatRates))
        return *refused;
    // One statement: a product or a sale taking the rate meanwhile makes the
    // foreign key refuse the delete, so a rate in use is never lost.
    auto gone = Sql::run(m_db,
                         u"DELETE FROM vat_rates r WHERE r.code = ? "
                         "AND NOT EXISTS (SELECT 1 FROM products p WHERE p.vat_code = r.code) "
                         "AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.vat_code = r.code)"_s,
                         {code});
    const auto inUse = [&] {
        return StoreError::conflict(
            tr("The VAT rate %1 is in use: deactivate it instead.").arg(code), u"code"_s);
    };
    if (!gone)
        return gone.error().sqlState == u"23503"_s ? Result<void>(inUse()) : gone.error();
    if (gone.value().numRowsAffected() == 1)
        return {};
    auto exists = byCode(code);
    if (!exists)
        return exists.error();
    return inUse();
}

std::optional<StoreError> VatRateStore::checkUsable(const QSqlDatabase &db, const QString &code,
                                                    bool allowInactive)
{
    auto q = Sql::run(db, u"SELECT active FROM vat_rates WHERE code = ?"_s, {code});
    if (!q)
        return q.error();
    if (!q.value().next())
        return StoreError::invalid(u"vat_rate"_s, tr("There is no VAT rate %1.").arg(code));
    if (!allowInactive && !q.value().value(0).toBool())
        return StoreError::invalid(u"vat_rate"_s,
                                   tr("The VAT rate %1 is no longer offered.").arg(code));
    return std::nullopt;
}

} // namespace shopdesk
