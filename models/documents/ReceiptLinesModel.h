#pragma once

#include "GoodsReceipt.h"

#include <QAbstractTableModel>

namespace shopdesk {

// A goods receipt's lines in the editor: kept in memory (a receipt holds at
// most GoodsReceiptStore::kMaxLines) and saved whole with the draft. The
// quantity and the purchase price are edited in place; a cell that cannot
// take what was typed keeps its value and says why (refused).
class ReceiptLinesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LineNo, Plu, Name, Quantity, Price, Amount, RetailPrice, ColumnCount };

    explicit ReceiptLinesModel(QObject *parent = nullptr);

    void setLines(const QList<ReceiptLine> &lines);
    const QList<ReceiptLine> &lines() const { return m_lines; }
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }
    // A scanned or chosen product: a product already listed gets the
    // line's quantity added (a scan counts one more), a new one is appended.
    // Returns the row.
    int add(const ReceiptLine &line);
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
    QList<ReceiptLine> m_lines;
    bool m_editable = true;
};

} // namespace shopdesk
