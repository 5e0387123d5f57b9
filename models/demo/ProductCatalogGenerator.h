#pragma once

#include "models/core/Result.h"

#include <QList>
#include <QString>

namespace shopdesk {

struct DemoProduct
{
    QString plu;
    QString barcode; // valid EAN-13
    QString name;
    qint64 price = 0; // minor units
    QString category;
};

// Makes a shop's assortment from resources/demo/products.txt: each template
// line (category; base name; brands; variants; price range) yields products
// "base brand variant". Deterministic for a given seed.
class ProductCatalogGenerator
{
public:
    explicit ProductCatalogGenerator(quint32 seed) : m_seed(seed) { }
    Result<QList<DemoProduct>> generate(int count) const;

private:
    quint32 m_seed;
};

} // namespace shopdesk
