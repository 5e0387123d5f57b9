#include "WindowedTableModel.h"

#include "RowLoader.h"

#include <QColor>
#include <QCoreApplication>

#include <limits>

namespace shopdesk {

WindowedTableModel::WindowedTableModel(DbConfig config, QObject *parent)
    : QAbstractTableModel(parent), m_loader(new RowLoader(std::move(config), this))
{
    connect(m_loader, &RowLoader::countReady, this, &WindowedTableModel::onCountReady);
    connect(m_loader, &RowLoader::blockReady, this, &WindowedTableModel::onBlockReady);
    connect(m_loader, &RowLoader::blockDropped, this, [this](quint64 generation, qint64 block) {
        if (generation != m_generation)
            return;
        m_pending.remove(block); // asked again when the view comes back to it
        checkIdle();
    });
}

WindowedTableModel::~WindowedTableModel() = default;

int WindowedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

void WindowedTableModel::setSource(RowSourcePtr source)
{
    beginResetModel();
    m_source = std::move(source);
    ++m_generation;
    m_blocks.clear();
    m_recent.clear();
    m_pending.clear();
    m_rowCount = 0;
    m_totalCount = -1;
    endResetModel();
    m_loader->setGeneration(m_generation);
    if (m_source) {
        m_countPending = true;
        m_loader->requestCount(m_generation, m_source);
    }
}

void WindowedTableModel::refresh()
{
    if (!m_source)
        return;
    // A fresh source: anchors, sparse index and count learned from the old
    // data would put rows in the wrong places. The old values stay on screen
    // until the new blocks replace them.
    m_source = m_source->fresh();
    ++m_generation;
    m_loader->setGeneration(m_generation);
    m_pending.clear();
    m_countPending = true;
    m_loader->requestCount(m_generation, m_source, /*estimate=*/false);
    for (qint64 block : std::as_const(m_recent))
        requestBlock(block);
}

bool WindowedTableModel::isRowLoaded(int row) const
{
    return m_blocks.contains(row / m_blockSize);
}

const QVariantList *WindowedTableModel::rowValues(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const qint64 block = row / m_blockSize;
    auto it = m_blocks.constFind(block);
    if (it == m_blocks.cend()) {
        requestBlock(block);
        return nullptr;
    }
    touch(block);
    const qsizetype offset = row % m_blockSize;
    return offset < it->size() ? &it->at(offset) : nullptr;
}

QVariant WindowedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QVariantList *values = rowValues(index.row());
    if (!values) {
        if (role == Qt::DisplayRole && index.column() == 0)
            return QCoreApplication::translate("WindowedTableModel", "Loading…");
        if (role == Qt::ForegroundRole)
            return QColor(Qt::gray);
        return {};
    }
    return rowData(*values, index.column(), role);
}

void WindowedTableModel::requestBlock(qint64 block) const
{
    if (m_pending.contains(block) || !m_source)
        return;
    m_pending.insert(block);
    m_loader->requestBlock(m_generation, m_source, block, m_blockSize);
}

void WindowedTableModel::touch(qint64 block) const
{
    if (!m_recent.isEmpty() && m_recent.constLast() == block)
        return;
    m_recent.removeOne(block);
    m_recent.append(block);
}

void WindowedTableModel::onCountReady(quint64 generation, qint64 count, bool estimate,
                                      const QString &error)
{
    if (generation != m_generation)
        return;
    m_countPending = estimate;
    if (!error.isEmpty()) {
        emit loadFailed(error);
        // No longer counting: a view saying "counting" shows what it has.
        if (m_totalCount >= 0)
            emit totalCountChanged(m_totalCount);
        checkIdle();
        return;
    }
    const int rows = int(qMin<qint64>(count, std::numeric_limits<int>::max()));
    if (rows != m_rowCount) {
        if (m_rowCount == 0) {
            beginInsertRows({}, 0, rows - 1);
            m_rowCount = rows;
            endInsertRows();
        } else if (rows > m_rowCount) {
            // An estimate corrected, or rows added: the cached blocks stay.
            beginInsertRows({}, m_rowCount, rows - 1);
            m_rowCount = rows;
            endInsertRows();
        } else {
            beginRemoveRows({}, rows, m_rowCount - 1);
            m_rowCount = rows;
            endRemoveRows();
        }
    }
    // Also when the exact count equals the estimate: a view may say "counting" until then.
    if (m_totalCount != count || !estimate) {
        m_totalCount = count;
        emit totalCountChanged(count);
    }
    checkIdle();
}

void WindowedTableModel::onBlockReady(quint64 generation, qint64 block,
                                      const QList<QVariantList> &rows, const QString &error)
{
    if (generation != m_generation)
        return;
    m_pending.remove(block);
    if (!error.isEmpty()) {
        emit loadFailed(error);
        checkIdle();
        return;
    }
    m_blocks.insert(block, rows);
    touch(block);
    while (m_recent.size() > m_maxBlocks) {
        m_blocks.remove(m_recent.takeFirst());
    }
    const int first = int(block * m_blockSize);
    const int last = qMin(m_rowCount - 1, first + m_blockSize - 1);
    if (first <= last)
        emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    checkIdle();
}

void WindowedTableModel::checkIdle()
{
    if (!isLoading())
        emit idle();
}

} // namespace shopdesk
