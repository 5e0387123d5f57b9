#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace shopdesk {

// The rate products get unless someone chooses another (0021_vat.sql says why).
inline QString defaultVatCode()
{
    return QStringLiteral("vat20");
}

// One entry of the VAT rates list (vat_rates).
struct VatRate
{
    QString code; // the key products and order lines name: "vat20"
    QString label; // what lists show: "20 %"
    std::optional<int> rateBp; // basis points (2000 = 20 %); none: no VAT
    bool active = true; // inactive: kept where used, no longer offered
    int sortOrder = 0;
    bool inUse = false; // a product or an order line has it (read from the database)
};

// A new rate or what an existing one becomes (VatRateStore).
struct VatRateInput
{
    QString code;
    QString label;
    std::optional<int> rateBp;
    bool active = true;
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::VatRate)
