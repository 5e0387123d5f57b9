#pragma once

#include "models/documents/GoodsReceipt.h"
#include "models/shops/ShopStore.h"

#include <QString>

namespace shopdesk {

// A goods receipt as an A4 PDF, to print or to file with the supplier's
// invoice: the shop, the supplier and invoice, who posted it and when, one
// row per line (PLU, product, quantity, purchase price, amount) and the
// total. False, with *error, when the file cannot be written.
bool writeGoodsReceiptPdf(const GoodsReceipt &receipt, const Shop &shop, const QString &path,
                          QString *error = nullptr);

} // namespace shopdesk
