#include "PriceListMapping.h"

#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

constexpr std::array kFields {PriceListField::Plu,         PriceListField::Barcode,
                              PriceListField::Name,        PriceListField::PurchasePrice,
                              PriceListField::RetailPrice, PriceListField::Category};

// The field a header cell names, or nothing. Order matters: "Штрихкод"
// holds "код" and "Цена закупки" holds "цена".
std::optional<PriceListField> fieldOf(const QString &cell)
{
    const QString w = cell.trimmed().toLower();
    if (w.isEmpty())
        return std::nullopt;
    const auto any = [&w](std::initializer_list<QStringView> words) {
        for (QStringView word : words)
            if (w.contains(word))
                return true;
        return false;
    };
    if (any({u"штрих", u"barcode", u"ean", u"gtin"}))
        return PriceListField::Barcode;
    if (any({u"закуп", u"purchase", u"cost", u"входн", u"оптов"}))
        return PriceListField::PurchasePrice;
    if (any({u"розн", u"retail", u"цена", u"price"}))
        return PriceListField::RetailPrice;
    if (any({u"категор", u"category", u"группа", u"group"}))
        return PriceListField::Category;
    if (any({u"наимен", u"назван", u"name", u"товар", u"product"}))
        return PriceListField::Name;
    if (any({u"артикул", u"plu", u"код", u"code", u"sku"}))
        return PriceListField::Plu;
    return std::nullopt;
}

} // namespace

QString PriceListMapping::key(PriceListField field)
{
    switch (field) {
    case PriceListField::Plu:
        return u"plu"_s;
    case PriceListField::Barcode:
        return u"barcode"_s;
    case PriceListField::Name:
        return u"name"_s;
    case PriceListField::PurchasePrice:
        return u"purchase_price"_s;
    case PriceListField::RetailPrice:
        return u"retail_price"_s;
    case PriceListField::Category:
        return u"category"_s;
    }
    return {};
}

QString PriceListMapping::title(PriceListField field)
{
    switch (field) {
    case PriceListField::Plu:
        return tr("PLU");
    case PriceListField::Barcode:
        return tr("Barcode");
    case PriceListField::Name:
        return tr("Name");
    case PriceListField::PurchasePrice:
        return tr("Purchase price");
    case PriceListField::RetailPrice:
        return tr("Retail price");
    case PriceListField::Category:
        return tr("Category");
    }
    return {};
}

PriceListMapping PriceListMapping::guess(const QStringList &header)
{
    PriceListMapping m;
    bool any = false;
    for (int c = 0; c < header.size(); ++c) {
        const auto field = fieldOf(header.at(c));
        if (field && !m.has(*field)) {
            m.setColumn(*field, c);
            any = true;
        }
    }
    m.headerRow = any;
    return m;
}

std::optional<StoreError> PriceListMapping::check() const
{
    if (!has(PriceListField::Plu) && !has(PriceListField::Barcode))
        return StoreError::invalid(key(PriceListField::Plu),
                                   tr("Choose the column with the PLU or the barcode: rows are "
                                      "matched to products by them."));
    if (!has(PriceListField::RetailPrice) && !has(PriceListField::PurchasePrice))
        return StoreError::invalid(key(PriceListField::RetailPrice),
                                   tr("Choose the column with the retail or the purchase price."));
    for (size_t i = 0; i < kFields.size(); ++i) {
        if (m_columns[i] < kNone)
            return StoreError::invalid(
                key(kFields[i]), tr("Choose a column for %1 or none.").arg(title(kFields[i])));
        for (size_t j = 0; j < i; ++j)
            if (m_columns[i] >= 0 && m_columns[i] == m_columns[j])
                return StoreError::invalid(key(kFields[i]),
                                           tr("One column cannot be both %1 and %2.")
                                               .arg(title(kFields[j]), title(kFields[i])));
    }
    return std::nullopt;
}

QJsonObject PriceListMapping::toJson() const
{
    QJsonObject json;
    json.insert(u"header_row"_s, headerRow);
    for (PriceListField f : kFields)
        if (has(f))
            json.insert(key(f), column(f));
    return json;
}

PriceListMapping PriceListMapping::fromJson(const QJsonObject &json)
{
    PriceListMapping m;
    m.headerRow = json.value(u"header_row"_s).toBool(true);
    for (PriceListField f : kFields) {
        const QJsonValue v = json.value(key(f));
        if (v.isDouble() && v.toInt(-1) >= 0 && v.toInt() < 10000)
            m.setColumn(f, v.toInt());
    }
    return m;
}

} // namespace shopdesk
