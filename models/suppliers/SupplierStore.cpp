#include "SupplierStore.h"

#include "models/core/Permissions.h"
#include "models/core/Sql.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

const QString kColumns = u"id, name, tax_id, contacts, active"_s;

Supplier supplierFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toBool()};
}

} // namespace

std::optional<StoreError> SupplierStore::validate(const Supplier &s)
{
    const QString name = s.name.trimmed();
    if (name.isEmpty())
        return StoreError::invalid(u"name"_s, tr("Give the supplier's name."));
    if (name.size() > kMaxName)
        return StoreError::invalid(u"name"_s,
                                   tr("The name must be at most %1 characters.").arg(kMaxName));
    if (s.taxId.trimmed().size() > kMaxTaxId)
        return StoreError::invalid(u"tax_id"_s,
                                   tr("The tax id must be at most %1 characters.").arg(kMaxTaxId));
    if (s.contacts.trimmed().size() > kMaxContacts)
        return StoreError::invalid(
            u"contacts"_s, tr("The contacts must be at most %1 characters.").arg(kMaxContacts));
    return std::nullopt;
}

Result<Supplier> SupplierStore::create(const Actor &actor, const Supplier &supplier)
{
    return save(actor, supplier, true);
}

Result<Supplier> SupplierStore::update(const Actor &actor, const Supplier &supplier)
{
    return save(actor, supplier, false);
}

Result<Supplier> SupplierStore::save(const Actor &actor, const Supplier &s, bool isNew)
{
    if (auto refused = checkPermission(actor.role, Permission::AdjustStock))
        return *refused;
    if (auto invalid = validate(s))
        return *invalid;
    const QVariantList values {s.name.trimmed(), s.taxId.trimmed(), s.contacts.trimmed(), s.active};
    auto q = isNew
        ? Sql::run(m_db,
                   u"INSERT INTO suppliers (name, tax_id, contacts, active) "
                   "VALUES (?, coalesce(?::text, ''), coalesce(?::text, ''), ?) RETURNING %1"_s.arg(
                       kColumns),
                   values)
        : Sql::run(m_db,
                   u"UPDATE suppliers SET name = ?, tax_id = coalesce(?::text, ''), "
                   "contacts = coalesce(?::text, ''), "
                   "active = ?, updated_at = now() WHERE id = ? RETURNING %1"_s.arg(kColumns),
                   values + QVariantList {s.id});
    if (!q) {
        if (q.error().isUniqueViolation())
            return StoreError::invalid(
                u"name"_s, tr("There already is a supplier named \"%1\".").arg(s.name.trimmed()));
        return q.error();
    }
    if (!q.value().next())
        return StoreError::notFound(tr("There is no such supplier."));
    return supplierFrom(q.value());
}

Result<std::optional<Supplier>> SupplierStore::byId(qint64 id) const
{
    auto q = Sql::run(m_db, u"SELECT %1 FROM suppliers WHERE id = ?"_s.arg(kColumns), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Supplier>();
    return std::optional<Supplier>(supplierFrom(q.value()));
}

Result<QList<Supplier>> SupplierStore::list(bool withArchived) const
{
    auto q = Sql::run(
        m_db,
        u"SELECT %1 FROM suppliers WHERE active OR ? ORDER BY lower(name), id"_s.arg(kColumns),
        {withArchived});
    if (!q)
        return q.error();
    QList<Supplier> suppliers;
    while (q.value().next())
        suppliers.append(supplierFrom(q.value()));
    return suppliers;
}

} // namespace shopdesk
