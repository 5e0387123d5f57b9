#pragma once

#include "PriceDocument.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace shopdesk {

// Why goods are written off (write_off_reasons, migration 0033): the seeded
// codes (spoiled, damaged, expired, theft, own_use) and any the shop adds.
struct WriteOffReason
{
    QString code;
    QString name; // as stored (English for the seeded ones)
    bool active = true;

    // The name in the user's language for a seeded code, else as stored.
    QString text() const;
};

// A reason's name in the user's language when `code` is one of the seeded
// ones, else `storedName`.
QString writeOffReasonText(const QString &code, const QString &storedName);

// One line of a write-off: how much of a product leaves the shelf and what
// it is worth.
struct WriteOffLine
{
    qint64 productId = 0;
    QString plu;
    QString name;
    QString barcode; // the main one; empty when none
    bool soldByWeight = false; // quantity in grams, cost per kilogram
    int quantity = 0; // pieces or grams, > 0
    // Per piece or per kilogram, minor units: the shop's cost (stocks.cost),
    // else the retail price. Posting fixes it as it is then.
    qint64 cost = 0;
    int onShelf = 0; // what the shelf holds now (pieces or grams)

    // What the line is worth, rounded to the kopeck for weighed goods.
    qint64 amount() const;
};

// What a draft's header says (the reason is required).
struct WriteOffHeader
{
    QString reasonCode;
    QString note; // up to WriteOffStore::kMaxNote characters
};

// A write-off (stock_documents of kind 'write_off', migration 0033).
struct WriteOff
{
    qint64 id = 0;
    qint64 shopId = 0;
    int number = 0; // per shop: what people call it
    DocumentStatus status = DocumentStatus::Draft;
    WriteOffHeader header;
    QString reasonName; // as stored; see reasonText()
    int revision = 1; // counts saved edits of a draft
    QString createdBy;
    QDateTime createdAt;
    QString postedBy;
    QDateTime postedAt;
    QString approvedBy; // the manager who approved it; empty when none was needed
    int lineCount = 0;
    qint64 total = 0; // the lines' amounts
    QList<WriteOffLine> lines; // filled by WriteOffStore::byId, empty in lists

    QString reasonText() const { return writeOffReasonText(header.reasonCode, reasonName); }
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::WriteOffLine)
Q_DECLARE_METATYPE(shopdesk::WriteOff)
