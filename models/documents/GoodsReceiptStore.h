#pragma once

#include "GoodsReceipt.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/imports/DeliveryFile.h"

#include <QCoreApplication>
#include <QSqlDatabase>

namespace shopdesk {

// Goods receipts (stock_documents of kind 'receipt', migration 0031): a
// stock keeper drafts one for a supplier's delivery (the header, then the
// lines by scan, PLU or name), saves it as often as needed (a draft is in
// the database: it survives a restart and another stock keeper may carry
// on with it), and posts it. Posting adds every line to the shop's shelf in
// one transaction, with history rows and outbox events naming the document,
// updates each product's cost in the shop (MovingAverage) and the supplier's
// price. A posted receipt is never edited; cancelling it posts a reversing
// receipt. Every call that changes something checks Permission::AdjustStock.
class GoodsReceiptStore
{
    Q_DECLARE_TR_FUNCTIONS(GoodsReceiptStore)
public:
    static constexpr int kMaxLines = 5000;
    static constexpr int kMaxQuantity = 1'000'000; // pieces, or grams (a tonne)
    static constexpr int kMaxList = 500;
    static constexpr int kMaxInvoiceNumber = 64;
    static constexpr int kMaxNote = 500;

    explicit GoodsReceiptStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // A new, empty draft in `shopId`, numbered after the shop's last receipt.
    // Refused, writing nothing, as saveDraft refuses a header.
    Result<GoodsReceipt> createDraft(const Actor &actor, qint64 shopId,
                                     const ReceiptHeader &header);
    // Replaces the draft's header and lines, when it is still at `revision`
    // (what the editor opened). Refused, writing nothing: no or an unknown
    // supplier ("supplier_id"), a too long invoice number ("invoice_number")
    // or note ("note"), an invoice dated after tomorrow ("invoice_date"), a
    // line with a quantity or price out of range ("quantity", "price"), an
    // unknown or archived product or one on two lines ("plu"), each message
    // naming the line; a draft someone else saved meanwhile, or one that is
    // no longer a draft (Conflict).
    Result<GoodsReceipt> saveDraft(const Actor &actor, qint64 id, int revision,
                                   const ReceiptHeader &header, const QList<ReceiptLine> &lines);
    // The receipt with its lines (in line order).
    Result<GoodsReceipt> byId(qint64 id) const;
    // The shop's receipts, newest first, at most `limit`, without lines.
    Result<QList<GoodsReceipt>> list(qint64 shopId, int limit = kMaxList) const;
    // A new line for the product with PLU `plu`: its name and units, and
    // the price `supplierId` charged last (else the shop's cost, else 0).
    // Refused: an unknown PLU (NotFound), an archived product (Conflict).
    Result<ReceiptLine> lineFor(qint64 shopId, qint64 supplierId, const QString &plu) const;
    // The lines a delivery note's rows give, in one query: each code a PLU
    // or any of a product's barcodes; a quantity in the product's unit
    // (kilograms for weighed goods); the file's price, else the one lineFor
    // offers. A row that names no product, an archived one, or a quantity
    // or price that cannot be read is left out with its reason; the others
    // still come.
    Result<ReceiptImport> linesFor(qint64 shopId, qint64 supplierId,
                                   const QList<DeliveryRow> &rows) const;

    // Posts the draft at `revision` in one transaction (see above). Refused,
    // writing nothing: not a draft (Conflict, saying who posted it), a
    // newer revision, no lines ("lines"), a product archived since.
    Result<GoodsReceipt> post(const Actor &actor, qint64 id, int revision);
    // A draft: discarded (kept as cancelled, nothing moves). A posted
    // receipt: a reversing receipt is posted that takes every line back off
    // the shelf, and this one becomes cancelled. Refused, writing nothing,
    // when the shelf no longer holds a line's quantity (it was sold or
    // moved), and for a reversal itself.
    Result<GoodsReceipt> cancel(const Actor &actor, qint64 id);

    // The header's checks, without the database.
    static std::optional<StoreError> validate(const ReceiptHeader &header);
    // One line's quantity and price (line numbers from 1, for the message).
    static std::optional<StoreError> validate(const ReceiptLine &line, int lineNo);

private:
    struct Locked;
    // Inside an open transaction: locks the receipt `id` and reads its state.
    Result<Locked> lock(qint64 id);
    Result<int> nextNumber(qint64 shopId);
    Result<QList<ReceiptLine>> lines(qint64 id) const;
    // Moves the stock of `lines` by their quantities (`sign` ±1) as `action`
    // under `documentId`, and sets each product's new cost in the shop.
    Result<void> move(const Actor &actor, qint64 shopId, qint64 documentId,
                      const QList<ReceiptLine> &lines, int sign, const QString &action,
                      const QString &reason);

    QSqlDatabase m_db;
};

} // namespace shopdesk
