#pragma once

#include "Order.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace shopdesk {

// VAT at one rate: what was sold at it (VAT included) and the VAT in that.
struct VatTotal
{
    QString code; // vat_rates.code
    std::optional<int> rateBp; // none: no VAT
    qint64 amount = 0;
    qint64 vat = 0;
};

// The VAT arithmetic of an order, with no database. Prices include VAT, so a
// line's VAT is the part of what it cost after the order's discount that is
// tax: amount × rate / (100 % + rate), rounded to the kopeck (half up).
//
// The order's discount (a promo code) is spread over the lines it applies to
// (all of them, or the products the code names) in proportion to their amounts, by the largest
// remainder: each line gets its share rounded down, then the kopecks left go one each to the lines
// with the largest remainders (the earlier line on a tie), so the lines' net amounts add up to the
// order's total exactly and a line at 0 % or without VAT carries its share of the discount like any
// other.
class OrderVat
{
    Q_DECLARE_TR_FUNCTIONS(OrderVat)
public:
    // The VAT included in `gross` at `rateBp` basis points; 0 without VAT.
    static qint64 included(qint64 gross, std::optional<int> rateBp);
    // `discount` shared over `amounts` as above; the shares add up to
    // `discount` (at most the amounts' sum) and none exceeds its amount.
    static QList<qint64> spreadDiscount(const QList<qint64> &amounts, qint64 discount);
    // Each line's discount, netAmount and vatAmount for an order with
    // `discount` (their vatRate must be set), spread over the lines
    // `eligible` marks (by index; empty: every line).
    static void apply(QList<OrderLine> &lines, qint64 discount, const QList<bool> &eligible = {});
    // The lines' net amounts and VAT by rate: the highest rate first, no
    // VAT last; rates no line has are left out.
    static QList<VatTotal> totals(const QList<OrderLine> &lines);
    // What taking back `units` more of a line (of which `alreadyBack` units
    // went back before) returns of `lineValue` (its net amount or its VAT):
    // the share of the units returned so far minus the share before, so that
    // returning every unit, at once or bit by bit, gives back exactly
    // `lineValue`.
    static qint64 returnedShare(qint64 lineValue, int qty, int alreadyBack, int units);
    // "20 %", "12.5 %", or "No VAT".
    static QString rateText(std::optional<int> rateBp);
    // A percentage as typed ("20", "12.5", "12,5": at most two decimals) in
    // basis points; nothing for anything else. The range is the store's to
    // check, so that its message names the field.
    static std::optional<int> parseRate(const QString &text);
};

} // namespace shopdesk
