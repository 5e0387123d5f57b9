#pragma once

#include "DocumentsService.h"

#include <QAbstractTableModel>
#include <QList>

namespace shopdesk {

// The lines of one price-change document, fetched a page at a time as the
// view scrolls (a document may change every product of the catalog). On a
// draft the new price is edited in place: the edit goes to the database,
// and a refused one says why (refused) and keeps the price it had.
class PriceLinesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Plu, Name, CurrentPrice, NewPrice, Change, ColumnCount };
    static constexpr int kPage = 500;

    explicit PriceLinesModel(DocumentsService service, QObject *parent = nullptr);

    // Shows `documentId`'s lines from the first; `editable` for a draft.
    void setDocument(qint64 documentId, bool editable);
    void reload();
    qint64 documentId() const { return m_documentId; }
    qint64 productIdAt(int row) const { return m_lines.value(row).productId; }
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loaded(); // a page arrived
    void lineChanged(int row);
    void refused(const QString &message);

private:
    qint64 basePrice(const PriceDocumentLine &line) const;

    DocumentsService m_service;
    QList<PriceDocumentLine> m_lines;
    qint64 m_documentId = 0;
    bool m_editable = false;
    bool m_loading = false;
    bool m_atEnd = true;
    int m_generation = 0; // a reply for an earlier document or load is dropped
};

} // namespace shopdesk
