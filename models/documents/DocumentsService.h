#pragma once

#include "GoodsReceiptStore.h"
#include "PriceDocumentStore.h"
#include "WriteOffStore.h"
#include "models/orders/OrdersService.h"

#include <QFuture>

#include <memory>

namespace shopdesk {

// Documents for the pages and dialogs: each call runs its store on a pool
// thread's own connection and answers through its future (see whenReady).
class DocumentsService
{
public:
    explicit DocumentsService(Actor actor = {}) : m_actor(std::move(actor)) { }

    QFuture<Result<PriceDocument>> createPriceDocument(const PriceDocumentHeader &header) const;
    QFuture<Result<PriceDocument>> updatePriceDocument(qint64 id,
                                                       const PriceDocumentHeader &header) const;
    QFuture<Result<PriceDocument>> priceDocument(qint64 id) const;
    QFuture<Result<QList<PriceDocument>>> priceDocuments() const;
    // `cancelled`, when given, stops the call (nothing written) once set.
    QFuture<Result<int>> addPriceLines(qint64 id, const PriceSelection &selection,
                                       const PriceRule &rule,
                                       std::shared_ptr<std::atomic_bool> cancelled = {}) const;
    QFuture<Result<PriceDocumentLine>> setPriceLine(qint64 id, qint64 productId,
                                                    qint64 price) const;
    QFuture<Result<int>> removePriceLines(qint64 id, const QList<qint64> &productIds) const;
    QFuture<Result<QList<PriceDocumentLine>>> priceLines(qint64 id, qint64 afterProductId,
                                                         int limit) const;
    QFuture<Result<PriceDocument>> postPriceDocument(qint64 id) const;
    QFuture<Result<PriceDocument>> cancelPriceDocument(qint64 id) const;

    // Goods receipts (GoodsReceiptStore).
    QFuture<Result<GoodsReceipt>> createReceipt(qint64 shopId, const ReceiptHeader &header) const;
    QFuture<Result<GoodsReceipt>> saveReceipt(qint64 id, int revision, const ReceiptHeader &header,
                                              const QList<ReceiptLine> &lines) const;
    QFuture<Result<GoodsReceipt>> receipt(qint64 id) const;
    QFuture<Result<QList<GoodsReceipt>>> receipts(qint64 shopId) const;
    QFuture<Result<ReceiptLine>> receiptLine(qint64 shopId, qint64 supplierId,
                                             const QString &plu) const;
    // Saves the draft (at `revision`) and posts it, in two steps: a refused
    // post leaves the draft saved.
    QFuture<Result<GoodsReceipt>> saveAndPostReceipt(qint64 id, int revision,
                                                     const ReceiptHeader &header,
                                                     const QList<ReceiptLine> &lines) const;
    QFuture<Result<GoodsReceipt>> cancelReceipt(qint64 id) const;
    // Reads a supplier's delivery note (DeliveryFile) and resolves its rows
    // into lines (GoodsReceiptStore::linesFor), on a pool thread.
    QFuture<Result<ReceiptImport>> receiptLinesFromFile(qint64 shopId, qint64 supplierId,
                                                        const QString &path) const;

    // Write-offs (WriteOffStore).
    QFuture<Result<WriteOff>> createWriteOff(qint64 shopId, const WriteOffHeader &header) const;
    QFuture<Result<WriteOff>> saveWriteOff(qint64 id, int revision, const WriteOffHeader &header,
                                           const QList<WriteOffLine> &lines) const;
    QFuture<Result<WriteOff>> writeOff(qint64 id) const;
    QFuture<Result<QList<WriteOff>>> writeOffs(qint64 shopId) const;
    QFuture<Result<WriteOffLine>> writeOffLine(qint64 shopId, const QString &plu) const;
    // A manager signing in to approve a write-off (their password or PIN).
    using ManagerSignIn = OrdersService::ManagerSignIn;
    // Saves the draft (at `revision`) and posts it, in two steps: a refused
    // post leaves the draft saved. With `manager`, their sign-in is checked
    // first and approves the post (no approval is handed to the page); a
    // wrong one posts nothing.
    QFuture<Result<WriteOff>>
    saveAndPostWriteOff(qint64 id, int revision, const WriteOffHeader &header,
                        const QList<WriteOffLine> &lines,
                        const std::optional<ManagerSignIn> &manager = std::nullopt) const;
    QFuture<Result<WriteOff>> discardWriteOff(qint64 id) const;
    QFuture<Result<QList<WriteOffReason>>> writeOffReasons(bool all = false) const;
    QFuture<Result<WriteOffReason>> saveWriteOffReason(const WriteOffReason &reason) const;
    QFuture<Result<qint64>> writeOffThreshold() const;
    QFuture<Result<void>> setWriteOffThreshold(qint64 threshold) const;

private:
    Actor m_actor;
};

} // namespace shopdesk
