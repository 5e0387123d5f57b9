#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace shopdesk::PgArray {

// PostgreSQL array literals ('{"a","b"}') to bind as one parameter and cast
// in SQL (?::text[], ?::bigint[]): many values in one bound statement, so bulk
// inserts need neither row-by-row round trips nor SQL built from strings.
QString text(const QStringList &values);
QString integers(const QList<qint64> &values);

} // namespace shopdesk::PgArray
