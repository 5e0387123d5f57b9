#pragma once

#include "Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <initializer_list>

namespace shopdesk::Sql {

// A value bound to a named placeholder: {u":order_id"_s, orderId}.
struct Named
{
    QString name;
    QVariant value;
};

// Prepares `sql`, binds `values` in order and runs it: one line for the
// common case, with the failure as a StoreError.
Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {});
// The same with named placeholders (":order_id"), for statements that bind
// more than a few values: each value says where it goes, and one used twice
// is bound once.
Result<QSqlQuery> run(const QSqlDatabase &db, const QString &sql,
                      std::initializer_list<Named> values);
// Runs a statement that returns one value and gives that value.
Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql,
                        const QVariantList &values = {});

} // namespace shopdesk::Sql
