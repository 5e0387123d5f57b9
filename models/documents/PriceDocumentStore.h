#pragma once

#include "PriceDocument.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <atomic>

namespace shopdesk {

// Price-change documents (migration 0020): a manager drafts one (the header,
// then products added by PLU, by name or all at once with a rule), edits
// its lines, and posts it; posting changes every price in one transaction
// or none. A posted or cancelled document is never changed. Every call that
// changes something checks Permission::ManageProducts.
class PriceDocumentStore
{
    Q_DECLARE_TR_FUNCTIONS(PriceDocumentStore)
public:
    static constexpr int kMaxList = 500;
    static constexpr int kMaxLinesPage = 1000;

    explicit PriceDocumentStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // A new, empty draft. Refused, writing nothing: a reason over 500
    // characters ("reason"), a start that is not later than now ("valid_from").
    Result<PriceDocument> createDraft(const Actor &actor, const PriceDocumentHeader &header);
    Result<PriceDocument> updateDraft(const Actor &actor, qint64 id,
                                      const PriceDocumentHeader &header);
    Result<PriceDocument> byId(qint64 id) const;
    // The newest documents first, at most `limit`.
    Result<QList<PriceDocument>> list(int limit = kMaxList) const;

    // Adds the selected active products with the price `rule` gives each
    // (from its price now); a product already on the draft gets the new
    // price. Returns how many lines were added or changed. Refused, writing
    // nothing: an unknown or archived PLU ("plus"), an empty name filter or
    // one no product matches ("text"), a rule that cannot apply or would take
    // a price out of range (the rule's field, naming the PLU).
    // `cancelled` is read between steps: set, the call stops and writes
    // nothing (Cancelled).
    Result<int> addLines(const Actor &actor, qint64 id, const PriceSelection &selection,
                         const PriceRule &rule, const std::atomic_bool *cancelled = nullptr);
    // Sets one line's new price ("price" when out of range).
    Result<PriceDocumentLine> setLinePrice(const Actor &actor, qint64 id, qint64 productId,
                                           qint64 price);
    Result<int> removeLines(const Actor &actor, qint64 id, const QList<qint64> &productIds);
    // The lines in product order after `afterProductId` (keyset paging).
    Result<QList<PriceDocumentLine>> lines(qint64 id, qint64 afterProductId = 0,
                                           int limit = kMaxLinesPage) const;

    // Posts the draft in one transaction: with no start, each line's price
    // holds from now (a product_prices row naming the document, a
    // product_changes and a history row, a shelf label queued) and lines
    // whose price already is the new one change nothing; with a start, each
    // line's price is scheduled from it and its "from" label queued. Refused,
    // writing nothing: not a draft, no lines, a start that has passed
    // ("valid_from"), a product archived since it was added or one that
    // already has a price from that moment ("plus", naming the PLU).
    Result<PriceDocument> post(const Actor &actor, qint64 id);
    // Cancels a draft (kept, never posted). A posted document cannot be
    // cancelled: its prices are history; a new document changes them again.
    Result<PriceDocument> cancel(const Actor &actor, qint64 id);

private:
    // Inside an open transaction: locks the document and refuses anything
    // but a draft.
    Result<void> lockDraft(qint64 id);
    // Runs `work` (a Result) in one transaction on the locked draft `id`,
    // committed only when it succeeds: every change of a draft and its post.
    template<typename Work>
    auto inDraft(qint64 id, Work work) -> decltype(work());
    std::optional<StoreError> checkHeader(const PriceDocumentHeader &header) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk
