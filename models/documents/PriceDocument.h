#pragma once

#include "PriceRule.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace shopdesk {

enum class DocumentStatus { Draft, Posted, Cancelled };

// The text price_documents.status stores ("draft", "posted", "cancelled").
QString documentStatusKey(DocumentStatus status);
std::optional<DocumentStatus> documentStatusFromKey(const QString &key);
// The status in the user's words.
QString documentStatusText(DocumentStatus status);

// A price-change document's header (price_documents, migration 0020).
struct PriceDocument
{
    qint64 id = 0; // also its number
    DocumentStatus status = DocumentStatus::Draft;
    QString reason;
    QDateTime validFrom; // invalid: the prices start when it is posted
    QString createdBy;
    QDateTime createdAt;
    QString postedBy;
    QDateTime postedAt;
    qint64 lineCount = 0;
    int changed = 0; // posted: how many products it changed
};

// What a draft's header becomes (PriceDocumentStore::updateDraft).
struct PriceDocumentHeader
{
    QString reason; // kept with each price (up to 500 characters)
    QDateTime validFrom; // invalid: when posted; else a later moment
};

// One line: a product and the price it gets.
struct PriceDocumentLine
{
    qint64 productId = 0;
    QString plu;
    QString name;
    bool soldByWeight = false;
    qint64 oldPrice = 0; // when the line was drafted
    qint64 newPrice = 0;
    qint64 currentPrice = 0; // the product's price now
};

// Which products a rule is applied to. Archived products are never chosen.
struct PriceSelection
{
    enum class Kind { Plus, NameContains, AllProducts, Category };

    Kind kind = Kind::Plus;
    QStringList plus; // Plus: these PLUs (each must exist and be active)
    QString text; // NameContains: a case-insensitive part of the name
    qint64 categoryId = 0; // Category: its products and its subcategories'

    static PriceSelection byPlus(QStringList plus) { return {Kind::Plus, std::move(plus), {}, 0}; }
    static PriceSelection byName(QString text)
    {
        return {Kind::NameContains, {}, std::move(text), 0};
    }
    static PriceSelection all() { return {Kind::AllProducts, {}, {}, 0}; }
    static PriceSelection byCategory(qint64 id) { return {Kind::Category, {}, {}, id}; }
};

} // namespace shopdesk

Q_DECLARE_METATYPE(shopdesk::PriceDocument)
Q_DECLARE_METATYPE(shopdesk::PriceDocumentLine)
