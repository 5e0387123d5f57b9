#include "HistoryModel.h"

#include "models/core/DatabaseTask.h"
#include "models/core/TaskRunner.h"
#include "models/shops/ShopTime.h"

#include <QLocale>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QString signedNumber(int value)
{
    if (value == 0)
        return {};
    return value > 0 ? u"+"_s + QLocale().toString(value) : QLocale().toString(value);
}

} // namespace

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent) { }

HistoryModel::~HistoryModel() = default;

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::actionText(const QString &action)
{
    static const QHash<QString, const char *> texts {
        {u"product_created"_s, QT_TR_NOOP("Product created")},
        {u"product_changed"_s, QT_TR_NOOP("Product changed")},
        {u"stock_created"_s, QT_TR_NOOP("Stock created")},
        {u"stock_increased"_s, QT_TR_NOOP("Increased")},
        {u"stock_decreased"_s, QT_TR_NOOP("Decreased")},
        {u"reserved"_s, QT_TR_NOOP("Reserved")},
        {u"released"_s, QT_TR_NOOP("Released")},
        {u"sold"_s, QT_TR_NOOP("Sold")},
        {u"returned"_s, QT_TR_NOOP("Returned")},
        {u"stocktake"_s, QT_TR_NOOP("Stocktake")},
        {u"received"_s, QT_TR_NOOP("Received")},
        {u"receipt_cancelled"_s, QT_TR_NOOP("Receipt cancelled")},
        {u"written_off"_s, QT_TR_NOOP("Written off")},
    };
    const auto it = texts.constFind(action);
    return it == texts.constEnd() ? action : tr(it.value());
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const HistoryEntry &e = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: {
            const QDateTime local = shownTime(e.at);
            return QString(QLocale().toString(local.date(), QLocale::ShortFormat) + u' ' +
                           local.time().toString(u"HH:mm"_s));
        }
        case Shop:
            return e.shopName;
        case Plu:
            return e.plu;
        case Product:
            return e.productName;
        case Action:
            return actionText(e.action);
        case ShelfChange:
            return signedNumber(e.shelfDelta);
        case ShelfAfter:
            return QLocale().toString(e.shelfAfter);
        case OrderChange:
            return signedNumber(e.orderDelta);
        case OrderAfter:
            return QLocale().toString(e.orderAfter);
        case Staff:
            return e.staffName;
        case Reason:
            return e.reason;
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (index.column() >= ShelfChange && index.column() <= OrderAfter)
            return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ToolTipRole && index.column() == Time) {
        return QLocale().toString(shownTime(e.at), QLocale::LongFormat);
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Shop:
        return tr("Shop");
    case Plu:
        return tr("PLU");
    case Product:
        return tr("Product");
    case Action:
        return tr("Action");
    case ShelfChange:
        return tr("± shelf");
    case ShelfAfter:
        return tr("On shelf");
    case OrderChange:
        return tr("± orders");
    case OrderAfter:
        return tr("In orders");
    case Staff:
        return tr("Staff");
    case Reason:
        return tr("Reason");
    }
    return {};
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_next && !m_loading && !m_failed;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        loadPage();
}

void HistoryModel::setFilter(const HistoryFilter &filter)
{
    ++m_generation;
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    m_next.reset();
    m_total = 0;
    m_totalKnown = false;
    m_failed = false;
    m_zone = ShopTime::zone(filter.timeZone);
    endResetModel();
    emit totalChanged();
    m_loading = false;
    loadPage();
    countTotal();
}

void HistoryModel::setPageSize(int rows)
{
    m_pageSize = qBound(1, rows, HistoryStore::kMaxPageSize);
}

QDateTime HistoryModel::shownTime(const QDateTime &at) const
{
    return at.toTimeZone(m_zone);
}

std::optional<HistoryEntry> HistoryModel::entryAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row);
}

void HistoryModel::loadPage()
{
    const quint64 generation = m_generation;
    const HistoryFilter filter = m_filter;
    const std::optional<HistoryCursor> after = m_next; // none before the first page
    const int size = m_pageSize;
    m_loading = true;
    emit loadingChanged(true);
    runThenCallback(
        this,
        [filter, after, size, reader = m_reader] {
            return onThreadDatabase([&](const QSqlDatabase &db) {
                return HistoryStore(db, reader).page(filter, after, size);
            });
        },
        [this, generation](const Result<HistoryRows> &page) {
            if (generation != m_generation)
                return; // a newer filter took over
            // Still "loading" while the rows go in: a view that asks for
            // more on rowsInserted must wait for this page to be complete.
            const int first = int(m_rows.size());
            // A failed page is not asked for again on every scroll: a refresh
            // (or a new filter) tries again.
            m_failed = !page;
            if (page) {
                m_next = page->next;
                if (!page->entries.isEmpty()) {
                    beginInsertRows({}, first, first + int(page->entries.size()) - 1);
                    m_rows.append(page->entries);
                    endInsertRows();
                }
            }
            m_loading = false;
            emit loadingChanged(false);
            if (!page)
                emit failed(page.error().message);
            else
                emit pageLoaded(first, int(m_rows.size()) - 1);
        });
}

void HistoryModel::countTotal()
{
    const quint64 generation = m_generation;
    const HistoryFilter filter = m_filter;
    runThenCallback(
        this,
        [filter, reader = m_reader] {
            return onThreadDatabase([&](const QSqlDatabase &db) {
                return HistoryStore(db, reader).countUpTo(filter, kCountCap);
            });
        },
        [this, generation](const Result<qint64> &count) {
            if (generation != m_generation || !count)
                return; // a failed count leaves "loading"; the page reports the error
            m_total = count.value();
            m_totalKnown = true;
            emit totalChanged();
        });
}

} // namespace shopdesk
