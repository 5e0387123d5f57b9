#pragma once

#include "PriceDocument.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace shopdesk {

// One line of a goods receipt: how much of a product came and what the
// supplier charged for it.
struct ReceiptLine
{
    qint64 productId = 0;
    QString plu;
    QString name;
    QString barcode; // the main one; empty when none
    bool soldByWeight = false; // quantity in grams, price per kilogram
    int quantity = 0; // pieces or grams, > 0
    qint64 price = 0; // purchase price per piece or per kilogram, minor units, > 0
    qint64 retailPrice = 0; // the product's selling price now, for comparison

    // What the line costs, rounded to the kopeck for weighed goods.
    qint64 amount() const;
};

// What a draft's header says (the supplier is required).
struct ReceiptHeader
{
    qint64 supplierId = 0;
    QString invoiceNumber; // up to 64 characters; may be empty
    QDate invoiceDate; // invalid: not given
    QString note; // up to 500 characters
};

// A goods receipt (stock_documents of kind 'receipt', migration 0031).
struct GoodsReceipt
{
    qint64 id = 0;
    qint64 shopId = 0;
    int number = 0; // per shop: what people call it
    DocumentStatus status = DocumentStatus::Draft;
    ReceiptHeader header;
    QString supplierName;
    // A posted reversal names the receipt it cancels; a cancelled receipt
    // names its reversal (by number). 0: none.
    int reversesNumber = 0;
    int reversedByNumber = 0;
    int revision = 1; // counts saved edits of a draft
    QString createdBy;
    QDateTime createdAt;
    QString postedBy;
    QDateTime postedAt;
    int lineCount = 0;
    qint64 total = 0; // the lines' amounts
    QList<ReceiptLine> lines; // filled by GoodsReceiptStore::byId, empty in lists

    bool isReversal() const { return reversesNumber > 0; }
};

// A delivery note read from a file: the lines it gives (one per product,
// quantities of repeated rows added up) and why the other rows were left out.
struct ReceiptImport
{
    QList<ReceiptLine> lines;
    QStringList refused; // "Row 7: …", in file order
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::ReceiptLine)
Q_DECLARE_METATYPE(shopdesk::GoodsReceipt)
