#pragma once

#include "RowSource.h"
#include "models/db/DbConfig.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace shopdesk {

class RowLoader;

// A table model over a query of any size that holds only what the view
// shows. rowCount() is the query's count; rows are fetched in blocks by a
// RowLoader thread with its own connection; at most maxBlocks() blocks stay
// cached (least recently used go first); rows not yet here read "Loading…".
// Every new filter or sort starts a new generation, and answers for an older
// one are dropped.
class WindowedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit WindowedTableModel(DbConfig config, QObject *parent = nullptr);
    ~WindowedTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // True once the row's values have arrived.
    bool isRowLoaded(int row) const;
    // The query's size (-1 until the first count arrives).
    qint64 totalCount() const { return m_totalCount; }
    // Loads the count and the cached blocks again (e.g. after a change); the
    // old values stay on screen until the new ones arrive.
    void refresh();

    int blockSize() const { return m_blockSize; }
    void setBlockSize(int rows) { m_blockSize = qMax(1, rows); }
    int maxBlocks() const { return m_maxBlocks; }
    void setMaxBlocks(int blocks) { m_maxBlocks = qMax(2, blocks); }
    int cachedBlocks() const { return int(m_blocks.size()); }
    // True while a count or a block is on its way.
    bool isLoading() const { return m_countPending || !m_pending.isEmpty(); }
    // The row count so far is an estimate or a lower bound; the exact one follows.
    bool isCounting() const { return m_countPending; }

signals:
    void totalCountChanged(qint64 count); // an estimate first while isCounting()
    void loadFailed(const QString &message);
    // All requested data has arrived (handy for tests and busy indicators).
    void idle();

protected:
    // Switches to another query: a new generation, an empty model, a new count.
    void setSource(RowSourcePtr source);
    RowSourcePtr source() const { return m_source; }
    // The row's values, or nullptr (and a request) when not loaded yet.
    const QVariantList *rowValues(int row) const;
    // What a loaded row shows; subclasses map columns and roles.
    virtual QVariant rowData(const QVariantList &values, int column, int role) const = 0;

private:
    void onCountReady(quint64 generation, qint64 count, bool estimate, const QString &error);
    void onBlockReady(quint64 generation, qint64 block, const QList<QVariantList> &rows,
                      const QString &error);
    void requestBlock(qint64 block) const;
    void touch(qint64 block) const;
    void checkIdle();

    RowLoader *m_loader;
    RowSourcePtr m_source;
    quint64 m_generation = 0;
    qint64 m_totalCount = -1;
    int m_rowCount = 0;
    int m_blockSize = 200;
    int m_maxBlocks = 40;
    bool m_countPending = false;
    // Mutable: data() is const but fills the cache as the view asks.
    mutable QHash<qint64, QList<QVariantList>> m_blocks;
    mutable QList<qint64> m_recent; // least recently used first
    mutable QSet<qint64> m_pending;
};

} // namespace shopdesk
