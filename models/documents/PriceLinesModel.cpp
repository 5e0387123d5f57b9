#include "PriceLinesModel.h"

#include "models/core/Money.h"
#include "models/core/TaskRunner.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace shopdesk {

PriceLinesModel::PriceLinesModel(DocumentsService service, QObject *parent)
    : QAbstractTableModel(parent), m_service(std::move(service))
{
}

void PriceLinesModel::setDocument(qint64 documentId, bool editable)
{
    m_documentId = documentId;
    m_editable = editable;
    reload();
}

void PriceLinesModel::reload()
{
    beginResetModel();
    m_lines.clear();
    m_atEnd = m_documentId <= 0;
    m_loading = false;
    ++m_generation;
    endResetModel();
    if (!m_atEnd)
        fetchMore({});
}

int PriceLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int PriceLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PriceLinesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const PriceDocumentLine &line = m_lines.at(index.row());
    const auto price = [&line](qint64 value) {
        return line.soldByWeight ? tr("%1/kg").arg(Money::format(value)) : Money::format(value);
    };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Plu:
            return line.plu;
        case Name:
            return line.name;
        case CurrentPrice:
            return price(basePrice(line));
        case NewPrice:
            return price(line.newPrice);
        case Change: {
            const qint64 base = basePrice(line);
            if (base == 0)
                return line.newPrice == 0 ? u"0 %"_s : u"—"_s;
            return tr("%1 %").arg(
                QLocale().toString(100.0 * double(line.newPrice - base) / double(base), 'f', 1));
        }
        }
    }
    if (role == Qt::EditRole && index.column() == NewPrice)
        return Money::formatPlain(line.newPrice);
    if (role == Qt::TextAlignmentRole && index.column() >= CurrentPrice)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == CurrentPrice && m_editable &&
        line.currentPrice != line.oldPrice)
        return tr("It was %1 when the line was added.").arg(Money::format(line.oldPrice));
    return {};
}

QVariant PriceLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Plu:
        return tr("PLU");
    case Name:
        return tr("Name");
    case CurrentPrice:
        return m_editable ? tr("Price now") : tr("Old price");
    case NewPrice:
        return tr("New price");
    case Change:
        return tr("Change");
    }
    return {};
}

Qt::ItemFlags PriceLinesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (m_editable && index.column() == NewPrice)
        f |= Qt::ItemIsEditable;
    return f;
}

bool PriceLinesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !m_editable || index.column() != NewPrice ||
        index.row() >= m_lines.size())
        return false;
    const std::optional<qint64> price = Money::parse(value.toString());
    if (!price) {
        emit refused(
            tr("New price: \"%1\" is not a price; type it like 129.90.").arg(value.toString()));
        return false;
    }
    const qint64 productId = m_lines.at(index.row()).productId;
    const int generation = m_generation;
    whenReady(this, m_service.setPriceLine(m_documentId, productId, *price),
              [this, generation, productId](const Result<PriceDocumentLine> &line) {
                  if (generation != m_generation)
                      return;
                  if (!line) {
                      emit refused(line.error().message);
                      return;
                  }
                  for (int row = 0; row < m_lines.size(); ++row) {
                      if (m_lines.at(row).productId != productId)
                          continue;
                      m_lines[row] = line.value();
                      emit dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
                      emit lineChanged(row);
                      return;
                  }
              });
    return true;
}

qint64 PriceLinesModel::basePrice(const PriceDocumentLine &line) const
{
    // A draft compares with today's price; a posted document with the price
    // its lines had, since today's is its own.
    return m_editable ? line.currentPrice : line.oldPrice;
}

bool PriceLinesModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading;
}

void PriceLinesModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    const int generation = m_generation;
    const qint64 after = m_lines.isEmpty() ? 0 : m_lines.last().productId;
    whenReady(this, m_service.priceLines(m_documentId, after, kPage),
              [this, generation](const Result<QList<PriceDocumentLine>> &page) {
                  if (generation != m_generation)
                      return;
                  m_loading = false;
                  if (!page) {
                      m_atEnd = true;
                      emit refused(page.error().message);
                      return;
                  }
                  m_atEnd = page.value().size() < kPage;
                  if (!page.value().isEmpty()) {
                      const int first = int(m_lines.size());
                      beginInsertRows({}, first, first + int(page.value().size()) - 1);
                      m_lines.append(page.value());
                      endInsertRows();
                  }
                  emit loaded();
              });
}

} // namespace shopdesk
