#include "ProductCatalogGenerator.h"

#include "WordLists.h"
#include "models/catalog/Ean13.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

struct Combination
{
    qsizetype templateRow;
    QString name;
};

// Shelf prices end in 90 kopecks, as most shops print them.
qint64 shelfPrice(QRandomGenerator &random, qint64 min, qint64 max)
{
    const qint64 raw = min + random.bounded(qMax<qint64>(1, max - min + 1));
    return qMax<qint64>(90, (raw / 100) * 100 + 90);
}

} // namespace

Result<QList<DemoProduct>> ProductCatalogGenerator::generate(int count) const
{
    auto templates = WordList::load(u"products"_s, 6);
    if (!templates)
        return templates.error();

    QList<Combination> combinations;
    for (qsizetype t = 0; t < templates->size(); ++t) {
        const QStringList &row = templates->row(t);
        for (const QString &brand : row.at(2).split(u'|'))
            for (const QString &variant : row.at(3).split(u'|'))
                combinations.append({t, u"%1 %2 %3"_s.arg(row.at(1), brand, variant)});
    }
    if (combinations.size() < count)
        return StoreError::invalid(
            u"products"_s,
            QCoreApplication::translate("ProductCatalogGenerator",
                                        "The product templates make only %1 products; %2 were "
                                        "asked for.")
                .arg(combinations.size())
                .arg(count));

    QRandomGenerator random(m_seed);
    std::shuffle(combinations.begin(), combinations.end(), random);

    QList<DemoProduct> products;
    products.reserve(count);
    for (int i = 0; i < count; ++i) {
        const Combination &c = combinations.at(i);
        const QStringList &row = templates->row(c.templateRow);
        DemoProduct p;
        p.plu = QString::number(10001 + i);
        // 460-469 is Russia's GS1 prefix; the rest is unique per product.
        p.barcode =
            Ean13::complete(u"460%1"_s.arg(qint64(100000000) + qint64(i) * 37, 9, 10, QChar(u'0')));
        p.name = c.name;
        p.price = shelfPrice(random, row.at(4).toLongLong(), row.at(5).toLongLong());
        p.category = row.at(0);
        products.append(p);
    }
    return products;
}

} // namespace shopdesk
