#include "DocumentsService.h"

#include "models/catalog/CatalogOwner.h"
#include "models/core/DatabaseTask.h"

namespace shopdesk {

QFuture<Result<PriceDocument>>
DocumentsService::createPriceDocument(const PriceDocumentHeader &header) const
{
    return changeLocalCatalog([actor = m_actor, header](const QSqlDatabase &db) {
        return PriceDocumentStore(db).createDraft(actor, header);
    });
}

QFuture<Result<PriceDocument>>
DocumentsService::updatePriceDocument(qint64 id, const PriceDocumentHeader &header) const
{
    return onDatabase([actor = m_actor, id, header](const QSqlDatabase &db) {
        return PriceDocumentStore(db).updateDraft(actor, id, header);
    });
}

QFuture<Result<PriceDocument>> DocumentsService::priceDocument(qint64 id) const
{
    return onDatabase([id](const QSqlDatabase &db) { return PriceDocumentStore(db).byId(id); });
}

QFuture<Result<QList<PriceDocument>>> DocumentsService::priceDocuments() const
{
    return onDatabase([](const QSqlDatabase &db) { return PriceDocumentStore(db).list(); });
}

QFuture<Result<int>>
DocumentsService::addPriceLines(qint64 id, const PriceSelection &selection, const PriceRule &rule,
                                std::shared_ptr<std::atomic_bool> cancelled) const
{
    return onDatabase([actor = m_actor, id, selection, rule, cancelled](const QSqlDatabase &db) {
        return PriceDocumentStore(db).addLines(actor, id, selection, rule, cancelled.get());
    });
}

QFuture<Result<PriceDocumentLine>> DocumentsService::setPriceLine(qint64 id, qint64 productId,
                                                                  qint64 price) const
{
    return onDatabase([actor = m_actor, id, productId, price](const QSqlDatabase &db) {
        return PriceDocumentStore(db).setLinePrice(actor, id, productId, price);
    });
}

QFuture<Result<int>> DocumentsService::removePriceLines(qint64 id,
                                                        const QList<qint64> &productIds) const
{
    return onDatabase([actor = m_actor, id, productIds](const QSqlDatabase &db) {
        return PriceDocumentStore(db).removeLines(actor, id, productIds);
    });
}

QFuture<Result<QList<PriceDocumentLine>>>
DocumentsService::priceLines(qint64 id, qint64 afterProductId, int limit) const
{
    return onDatabase([id, afterProductId, limit](const QSqlDatabase &db) {
        return PriceDocumentStore(db).lines(id, afterProductId, limit);
    });
}

QFuture<Result<PriceDocument>> DocumentsService::postPriceDocument(qint64 id) const
{
    return changeLocalCatalog([actor = m_actor, id](const QSqlDatabase &db) {
        return PriceDocumentStore(db).post(actor, id);
    });
}

QFuture<Result<PriceDocument>> DocumentsService::cancelPriceDocument(qint64 id) const
{
    return onDatabase([actor = m_actor, id](const QSqlDatabase &db) {
        return PriceDocumentStore(db).cancel(actor, id);
    });
}

QFuture<Result<GoodsReceipt>> DocumentsService::createReceipt(qint64 shopId,
                                                              const ReceiptHeader &header) const
{
    return onDatabase([actor = m_actor, shopId, header](const QSqlDatabase &db) {
        return GoodsReceiptStore(db).createDraft(actor, shopId, header);
    });
}

QFuture<Result<GoodsReceipt>> DocumentsService::saveReceipt(qint64 id, int revision,
                                                            const ReceiptHeader &header,
                                                            const QList<ReceiptLine> &lines) const
{
    return onDatabase([actor = m_actor, id, revision, header, lines](const QSqlDatabase &db) {
        return GoodsReceiptStore(db).saveDraft(actor, id, revision, header, lines);
    });
}

QFuture<Result<GoodsReceipt>> DocumentsService::receipt(qint64 id) const
{
    return onDatabase([id](const QSqlDatabase &db) { return GoodsReceiptStore(db).byId(id); });
}

QFuture<Result<QList<GoodsReceipt>>> DocumentsService::receipts(qint64 shopId) const
{
    return onDatabase(
        [shopId](const QSqlDatabase &db) { return GoodsReceiptStore(db).list(shopId); });
}

QFuture<Result<ReceiptLine>> DocumentsService::receiptLine(qint64 shopId, qint64 supplierId,
                                                           const QString &plu) const
{
    return onDatabase([shopId, supplierId, plu](const QSqlDatabase &db) {
        return GoodsReceiptStore(db).lineFor(shopId, supplierId, plu);
    });
}

QFuture<Result<GoodsReceipt>>
DocumentsService::saveAndPostReceipt(qint64 id, int revision, const ReceiptHeader &header,
                                     const QList<ReceiptLine> &lines) const
{
    return onDatabase([actor = m_actor, id, revision, header,
                       lines](const QSqlDatabase &db) -> Result<GoodsReceipt> {
        GoodsReceiptStore store(db);
        auto saved = store.saveDraft(actor, id, revision, header, lines);
        if (!saved)
            return saved.error();
        return store.post(actor, id, saved.value().revision);
    });
}

QFuture<Result<GoodsReceipt>> DocumentsService::cancelReceipt(qint64 id) const
{
    return onDatabase([actor = m_actor, id](const QSqlDatabase &db) {
        return GoodsReceiptStore(db).cancel(actor, id);
    });
}

QFuture<Result<ReceiptImport>>
DocumentsService::receiptLinesFromFile(qint64 shopId, qint64 supplierId, const QString &path) const
{
    return onDatabase([shopId, supplierId, path](const QSqlDatabase &db) -> Result<ReceiptImport> {
        auto rows = DeliveryFile::read(path, GoodsReceiptStore::kMaxLines);
        if (!rows)
            return rows.error();
        return GoodsReceiptStore(db).linesFor(shopId, supplierId, rows.value());
    });
}

QFuture<Result<WriteOff>> DocumentsService::createWriteOff(qint64 shopId,
                                                           const WriteOffHeader &header) const
{
    return onDatabase([actor = m_actor, shopId, header](const QSqlDatabase &db) {
        return WriteOffStore(db).createDraft(actor, shopId, header);
    });
}

QFuture<Result<WriteOff>> DocumentsService::saveWriteOff(qint64 id, int revision,
                                                         const WriteOffHeader &header,
                                                         const QList<WriteOffLine> &lines) const
{
    return onDatabase([actor = m_actor, id, revision, header, lines](const QSqlDatabase &db) {
        return WriteOffStore(db).saveDraft(actor, id, revision, header, lines);
    });
}

QFuture<Result<WriteOff>> DocumentsService::writeOff(qint64 id) const
{
    return onDatabase([id](const QSqlDatabase &db) { return WriteOffStore(db).byId(id); });
}

QFuture<Result<QList<WriteOff>>> DocumentsService::writeOffs(qint64 shopId) const
{
    return onDatabase([shopId](const QSqlDatabase &db) { return WriteOffStore(db).list(shopId); });
}

QFuture<Result<WriteOffLine>> DocumentsService::writeOffLine(qint64 shopId,
                                                             const QString &plu) const
{
    return onDatabase(
        [shopId, plu](const QSqlDatabase &db) { return WriteOffStore(db).lineFor(shopId, plu); });
}

QFuture<Result<WriteOff>>
DocumentsService::saveAndPostWriteOff(qint64 id, int revision, const WriteOffHeader &header,
                                      const QList<WriteOffLine> &lines,
                                      const std::optional<ManagerSignIn> &manager) const
{
    return onDatabase([actor = m_actor, id, revision, header, lines,
                       manager](const QSqlDatabase &db) -> Result<WriteOff> {
        std::optional<ManagerApproval> approval;
        if (manager) {
            auto approved =
                StaffStore(db).approveAsManager(manager->login, manager->secret, manager->shopId);
            if (!approved)
                return approved.error();
            approval = approved.value();
        }
        WriteOffStore store(db);
        auto saved = store.saveDraft(actor, id, revision, header, lines);
        if (!saved)
            return saved.error();
        return store.post(actor, id, saved.value().revision, approval);
    });
}

QFuture<Result<WriteOff>> DocumentsService::discardWriteOff(qint64 id) const
{
    return onDatabase([actor = m_actor, id](const QSqlDatabase &db) {
        return WriteOffStore(db).discard(actor, id);
    });
}

QFuture<Result<QList<WriteOffReason>>> DocumentsService::writeOffReasons(bool all) const
{
    return onDatabase([all](const QSqlDatabase &db) { return WriteOffStore(db).reasons(all); });
}

QFuture<Result<WriteOffReason>>
DocumentsService::saveWriteOffReason(const WriteOffReason &reason) const
{
    return onDatabase([actor = m_actor, reason](const QSqlDatabase &db) {
        return WriteOffStore(db).saveReason(actor, reason);
    });
}

QFuture<Result<qint64>> DocumentsService::writeOffThreshold() const
{
    return onDatabase([](const QSqlDatabase &db) { return WriteOffStore(db).approvalThreshold(); });
}

QFuture<Result<void>> DocumentsService::setWriteOffThreshold(qint64 threshold) const
{
    return onDatabase([actor = m_actor, threshold](const QSqlDatabase &db) {
        return WriteOffStore(db).setApprovalThreshold(actor, threshold);
    });
}

} // namespace shopdesk
