#pragma once

#include "models/checkout/Receipt.h"

class QPainter;
class QPrinter;
class QRectF;
class QString;

namespace shopdesk {

// Prints a receipt on any Qt printer (a system printer, or a PDF file), in
// a monospaced font on a roll-sized column. False, with *error, on failure.
bool printReceipt(const Receipt &receipt, QPrinter *printer, QString *error = nullptr);
// `text` as a Code 128 barcode filling `area` (false if it cannot be encoded).
bool drawCode128(QPainter *painter, const QRectF &area, const QString &text);
// Writes the receipt as a PDF file.
bool printReceiptToPdf(const Receipt &receipt, const QString &path, QString *error = nullptr);

} // namespace shopdesk
