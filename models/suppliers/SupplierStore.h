#pragma once

#include "Supplier.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// The suppliers list. Stock keepers add a supplier while recording its
// first delivery, so every change checks Permission::AdjustStock.
class SupplierStore
{
    Q_DECLARE_TR_FUNCTIONS(SupplierStore)
public:
    static constexpr int kMaxName = 200;
    static constexpr int kMaxTaxId = 32;
    static constexpr int kMaxContacts = 1000;

    explicit SupplierStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // Refused, writing nothing: an empty or too long name ("name"), a name
    // another supplier has ("name"), a too long tax id ("tax_id") or
    // contacts ("contacts").
    Result<Supplier> create(const Actor &actor, const Supplier &supplier);
    Result<Supplier> update(const Actor &actor, const Supplier &supplier);
    Result<std::optional<Supplier>> byId(qint64 id) const;
    // By name, the archived ones too when asked.
    Result<QList<Supplier>> list(bool withArchived = false) const;

    // The form's checks, without the database.
    static std::optional<StoreError> validate(const Supplier &supplier);

private:
    Result<Supplier> save(const Actor &actor, const Supplier &supplier, bool isNew);

    QSqlDatabase m_db;
};

} // namespace shopdesk
