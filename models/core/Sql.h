#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace shopdesk::Sql {

// Prepares `sql`, binds `values` in order and runs it: one line for the
// common case, with the failure as a StoreError.
Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
// Runs a statement that returns one value and gives that value.
Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql,
                        const QVariantList &values = {});

} // namespace shopdesk::Sql
