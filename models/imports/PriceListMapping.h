#pragma once

#include "models/core/StoreError.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace shopdesk {

// The fields a supplier's price list can feed.
enum class PriceListField { Plu, Barcode, Name, PurchasePrice, RetailPrice, Category };
inline constexpr int kPriceListFieldCount = 6;

// Which column of a supplier's file (0-based) feeds which field, and whether
// the file's first row is a header. Pure: guessed from the header's words
// (Russian or English), checked, and kept with the supplier as JSON.
class PriceListMapping
{
    Q_DECLARE_TR_FUNCTIONS(PriceListMapping)
public:
    static constexpr int kNone = -1;

    bool headerRow = true;

    int column(PriceListField field) const { return m_columns[size_t(field)]; }
    void setColumn(PriceListField field, int column) { m_columns[size_t(field)] = column; }
    bool has(PriceListField field) const { return column(field) >= 0; }

    // "plu", "barcode", "name", "purchase_price", "retail_price", "category":
    // the field a refusal names and the key in the saved JSON.
    static QString key(PriceListField field);
    // What the user calls it ("Purchase price").
    static QString title(PriceListField field);

    // The mapping a header row suggests: "Артикул", "PLU", "Код" → PLU;
    // "Штрихкод", "Barcode", "EAN" → barcode; "Наименование", "Name" → name;
    // "Цена закупки", "Purchase" → purchase price; "Цена", "Розничная",
    // "Retail" → retail price; "Категория", "Category" → category. Each
    // column feeds one field at most, the first column wins. When no word is
    // known the row is taken for data (headerRow false) and nothing is mapped.
    static PriceListMapping guess(const QStringList &header);

    // Refused: no PLU or barcode column (nothing to match rows by), no price
    // column, or one column feeding two fields. The field named is the
    // mapping's key of the field concerned.
    std::optional<StoreError> check() const;

    QJsonObject toJson() const;
    // Unknown keys and bad values are ignored (that field unmapped).
    static PriceListMapping fromJson(const QJsonObject &json);

    bool operator==(const PriceListMapping &other) const = default;

private:
    std::array<int, kPriceListFieldCount> m_columns {kNone, kNone, kNone, kNone, kNone, kNone};
};

} // namespace shopdesk
