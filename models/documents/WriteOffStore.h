#pragma once

#include "WriteOff.h"
#include "models/core/Actor.h"
#include "models/core/Result.h"
#include "models/staff/StaffStore.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <optional>

namespace shopdesk {

// Write-offs (stock_documents of kind 'write_off', migration 0033): a stock
// keeper drafts one with a reason (spoiled, damaged, expired, theft, own
// use, or one the shop added), a note and the lines (by scan, PLU or name),
// saves it as often as needed (a draft is in the database: it survives a
// restart and another stock keeper may carry on with it), and posts it.
// Posting takes every line off the shop's shelf in one transaction, with
// history rows and outbox events naming the document, its reason and the
// approving manager; a write-off worth more than the approval threshold
// needs a manager's approval (StaffStore::approveAsManager: a stock keeper
// cannot approve his own). A posted write-off is never edited nor
// cancelled: goods found again are received or adjusted. Every call that
// changes a write-off checks Permission::AdjustStock.
class WriteOffStore
{
    Q_DECLARE_TR_FUNCTIONS(WriteOffStore)
public:
    static constexpr int kMaxLines = 5000;
    static constexpr int kMaxQuantity = 1'000'000; // pieces, or grams (a tonne)
    static constexpr int kMaxList = 500;
    static constexpr int kMaxNote = 300;
    // The approval threshold when none is set (1,000.00), and its key in app_state.
    static constexpr qint64 kDefaultThreshold = 100'000;
    static constexpr auto kThresholdKey = "write_off_approval_threshold";

    explicit WriteOffStore(QSqlDatabase db) : m_db(std::move(db)) { }

    // A new, empty draft in `shopId`, numbered after the shop's last
    // write-off. Refused, writing nothing, as saveDraft refuses a header.
    Result<WriteOff> createDraft(const Actor &actor, qint64 shopId, const WriteOffHeader &header);
    // Replaces the draft's header and lines, when it is still at `revision`.
    // Refused, writing nothing: no, an unknown or a switched-off reason
    // ("reason_code"), a too long note ("note"), a line with a quantity out
    // of range ("quantity"), an unknown product or one on two lines ("plu"),
    // each message naming the line; a draft someone else saved meanwhile,
    // or one that is no longer a draft (Conflict).
    Result<WriteOff> saveDraft(const Actor &actor, qint64 id, int revision,
                               const WriteOffHeader &header, const QList<WriteOffLine> &lines);
    // The write-off with its lines (in line order).
    Result<WriteOff> byId(qint64 id) const;
    // The shop's write-offs, newest first, at most `limit`, without lines.
    Result<QList<WriteOff>> list(qint64 shopId, int limit = kMaxList) const;
    // A new line for the product with PLU `plu`: its name, units, cost and
    // what the shelf holds. Refused: an unknown PLU (NotFound), nothing on
    // the shop's shelf (Conflict).
    Result<WriteOffLine> lineFor(qint64 shopId, const QString &plu) const;

    // Posts the draft at `revision` in one transaction (see above), each
    // line's cost fixed as it is now. Refused, writing nothing: not a draft
    // (Conflict, saying who posted it), a newer revision, no lines
    // ("lines"), a line the shelf holds less of than it takes (Conflict,
    // "amount", naming the line), and a value above approvalThreshold()
    // without a manager's approval (Permission, "approval"). An actor who
    // may approve (a manager) approves his own.
    Result<WriteOff> post(const Actor &actor, qint64 id, int revision,
                          const std::optional<ManagerApproval> &approval = std::nullopt);
    // Discards a draft (kept as cancelled, nothing moves). A posted
    // write-off is refused (Conflict).
    Result<WriteOff> discard(const Actor &actor, qint64 id);

    // The reasons, active ones only unless `all`, seeded ones first.
    Result<QList<WriteOffReason>> reasons(bool all = false) const;
    // A manager adds a reason (its code made from the shop's own count),
    // renames one or switches it off or on (Permission::ManageOrders).
    // Refused: an empty or too long name ("name"), a name another reason
    // has ("name").
    Result<WriteOffReason> saveReason(const Actor &actor, const WriteOffReason &reason);

    // The value above which posting needs a manager's approval (minor units).
    Result<qint64> approvalThreshold() const;
    // A manager's (Permission::ManageOrders); 0 to 10,000,000.00
    // ("threshold").
    Result<void> setApprovalThreshold(const Actor &actor, qint64 threshold);

    // The header's checks, without the database.
    static std::optional<StoreError> validate(const WriteOffHeader &header);
    // One line's quantity (line numbers from 1, for the message).
    static std::optional<StoreError> validate(const WriteOffLine &line, int lineNo);

private:
    struct Locked;
    // Inside an open transaction: locks the write-off `id` and reads its state.
    Result<Locked> lock(qint64 id);
    Result<int> nextNumber(qint64 shopId);
    Result<QList<WriteOffLine>> lines(qint64 id) const;

    QSqlDatabase m_db;
};

} // namespace shopdesk
