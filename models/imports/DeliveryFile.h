#pragma once

#include "models/core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <atomic>

namespace shopdesk {

// One row of a supplier's delivery note (its invoice as a file): which
// product, as the supplier writes it (a PLU or a barcode), how many, and at
// what price; the texts as written, read by whoever knows the product's unit.
struct DeliveryRow
{
    int row = 0; // the file's row number, for messages
    QString code;
    QString quantity;
    QString price; // empty when the file has no price column
};

// Reads a delivery note (CSV or XLSX, through TableReader) whose first row
// names its columns, in Russian or English: the product's code (PLU,
// "Артикул", "Код", barcode, "Штрихкод", EAN), the quantity ("Количество",
// "Кол-во", qty) and, if there is one, the price ("Цена"). Rows with no
// code and no quantity are skipped. Refused as a whole (field "file"): a
// file that cannot be read, no code or quantity column (the message lists
// the header it found), more than `maxRows` rows.
namespace DeliveryFile {

Result<QList<DeliveryRow>> read(const QString &path, int maxRows,
                                const std::atomic_bool *cancelled = nullptr);

} // namespace DeliveryFile

} // namespace shopdesk
