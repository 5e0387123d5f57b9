#pragma once

#include "models/orders/Order.h"
#include "models/orders/OrderVat.h"
#include "models/shops/ShopStore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

namespace shopdesk {

// A paid order as a till receipt: fixed-width lines (a 42-column roll by
// default), the same text on paper, in a PDF and on an ESC/POS printer.
struct Receipt
{
    Q_DECLARE_TR_FUNCTIONS(Receipt)
public:
    QStringList lines;
    int boldLine = -1; // the TOTAL line, printed bold where the printer can
    // Printed as a Code 128 barcode under the lines: the order's number, so
    // that a return finds the order by scanning the receipt.
    QString barcode;

    static Receipt forOrder(const Order &order, const Shop &shop, const QString &cashier,
                            qint64 change, int width = 42);
    // The customer's copy of a return: what came back so far and the money
    // paid back now, and how, with the VAT it took back by rate (`vat`).
    static Receipt forReturn(const Order &order, qint64 refund, PaymentMethod method,
                             const Shop &shop, const QString &cashier,
                             const QList<VatTotal> &vat = {}, int width = 42);
    QString text() const { return lines.join(u'\n'); }
    // The VAT totals by rate, one line each ("VAT 20 % on 1,200.00   200.00"),
    // for a receipt and for the X and Z reports.
    static QStringList vatLines(const QList<VatTotal> &totals, int width);
    // "left .......... right" in exactly `width` columns (left cut if need be).
    static QString spread(const QString &left, const QString &right, int width);

    // ESC/POS for receipt printers: initialise, code page 866 for Cyrillic,
    // the lines, the total in bold, feed and cut.
    QByteArray escPos() const;
    // UTF-16 text in code page 866 (Latin, Cyrillic, a few signs; other
    // characters become '?').
    static QByteArray toCp866(const QString &text);
};

} // namespace shopdesk
