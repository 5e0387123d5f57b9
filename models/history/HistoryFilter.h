#pragma once

#include "models/core/StoreError.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace shopdesk {

// Seed 000's history filters (GET /history: shop_id, plu, date_min,
// date_max, action) plus staff member and order. Every field is optional.
struct HistoryFilter
{
    Q_DECLARE_TR_FUNCTIONS(HistoryFilter)
public:
    std::optional<qint64> shopId;
    QString plu; // exact
    // Inclusive calendar days in `timeZone` (the shop's): date_max covers its
    // whole day up to midnight.
    std::optional<QDate> dateMin;
    std::optional<QDate> dateMax;
    QString timeZone = QStringLiteral("UTC"); // IANA name
    QStringList actions; // any of them; empty: all
    std::optional<qint64> staffId;
    std::optional<qint64> orderId;

    // The actions history records, as stored.
    static const QStringList &knownActions();

    // The first problem (an unknown action, date_min after date_max, an
    // unknown time zone), naming the field.
    std::optional<StoreError> validate() const;

    // Conditions over history aliased `h` ("" or "WHERE ..."), values
    // appended in order. Only bound values reach the SQL.
    QString whereClause(QVariantList *values) const;

    friend bool operator==(const HistoryFilter &, const HistoryFilter &) = default;
};

// Where a page of history ends: the (time, id) of its last row. The next
// page starts strictly after it, so pages neither repeat nor skip rows while
// new ones are written.
struct HistoryCursor
{
    qint64 atMicros = 0; // microseconds since 1970-01-01 UTC, exact
    qint64 id = 0;

    // An opaque token for REST clients ("next_cursor") and back.
    QString toToken() const;
    static std::optional<HistoryCursor> fromToken(const QString &token);

    friend bool operator==(const HistoryCursor &, const HistoryCursor &) = default;
};

} // namespace shopdesk
