#pragma once

#include "WriteOff.h"

#include <QAbstractTableModel>

namespace shopdesk {

// A write-off's lines in the editor: kept in memory (a write-off holds at
// most WriteOffStore::kMaxLines) and saved whole with the draft. Only the
// quantity is edited in place; a cell that cannot take what was typed keeps
// its value and says why (refused).
class WriteOffLinesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LineNo, Plu, Name, Quantity, OnShelf, Cost, Amount, ColumnCount };

    explicit WriteOffLinesModel(QObject *parent = nullptr);

    void setLines(const QList<WriteOffLine> &lines);
    const QList<WriteOffLine> &lines() const { return m_lines; }
    void setEditable(bool editable);
    // A scanned or chosen product: a product already listed gets the line's
    // quantity added, a new one is appended. Returns the row.
    int add(const WriteOffLine &line);
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    qint64 total() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

signals:
    void refused(const QString &message);
    void totalChanged();

private:
    QList<WriteOffLine> m_lines;
    bool m_editable = true;
};

} // namespace shopdesk
