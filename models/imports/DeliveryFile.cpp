#include "DeliveryFile.h"

#include "TableReader.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryFile)
};

// The first header cell matching `pattern` (whole words, any case), or -1.
int columnOf(const QStringList &header, const QRegularExpression &pattern)
{
    for (int i = 0; i < header.size(); ++i)
        if (pattern.match(header.at(i).trimmed()).hasMatch())
            return i;
    return -1;
}

} // namespace

Result<QList<DeliveryRow>> DeliveryFile::read(const QString &path, int maxRows,
                                              const std::atomic_bool *cancelled)
{
    auto opened = TableReader::openFile(path);
    if (!opened)
        return opened.error();
    TableReader &reader = *opened.value();
    if (reader.atEnd())
        return StoreError::invalid(TableReader::fileField(), Text::tr("The file is empty."));
    auto first = reader.next();
    if (!first)
        return first.error();
    const QStringList header = first->cells;
    constexpr auto ci = QRegularExpression::CaseInsensitiveOption;
    // A PLU is what the shop calls the product; a barcode is on the goods.
    static const QRegularExpression plu(u"^(plu|артикул|код( товара)?|code|sku|item)$"_s, ci);
    static const QRegularExpression barcode(u"^(штрих-?код|barcode|ean|ean-?13|gtin)$"_s, ci);
    static const QRegularExpression quantity(
        u"^(количество|кол-?во|quantity|qty|шт\\.?|вес|weight)(,? .*)?$"_s, ci);
    static const QRegularExpression price(
        u"^(цена( закупки| поставщика)?|закупочная цена|price|purchase price|unit price)"
        "(,? .*)?$"_s,
        ci);
    int code = columnOf(header, plu);
    if (code < 0)
        code = columnOf(header, barcode);
    const int count = columnOf(header, quantity);
    const int cost = columnOf(header, price);
    if (code < 0 || count < 0)
        return StoreError::invalid(
            TableReader::fileField(),
            Text::tr("Row 1 must name the columns: a PLU or barcode column and a quantity "
                     "column (found: %1).")
                .arg(header.join(u", "_s).left(200)));

    QList<DeliveryRow> rows;
    while (!reader.atEnd()) {
        if (cancelled && cancelled->load())
            return StoreError::cancelled(Text::tr("The file was not read."));
        auto row = reader.next();
        if (!row)
            return row.error();
        const QStringList &cells = row->cells;
        DeliveryRow r;
        r.row = row->number;
        r.code = cells.value(code).trimmed();
        r.quantity = cells.value(count).trimmed();
        r.price = cost >= 0 ? cells.value(cost).trimmed() : QString();
        if (r.code.isEmpty() && r.quantity.isEmpty())
            continue; // a blank or a totals row
        if (rows.size() == maxRows)
            return StoreError::invalid(
                TableReader::fileField(),
                Text::tr("The file has more than %Ln product rows; split the delivery.", nullptr,
                         maxRows));
        rows.append(r);
    }
    return rows;
}

} // namespace shopdesk
