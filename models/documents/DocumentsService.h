#pragma once

#include "PriceDocumentStore.h"

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

private:
    Actor m_actor;
};

} // namespace shopdesk
