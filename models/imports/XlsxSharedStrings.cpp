#include "XlsxSharedStrings.h"

#include <algorithm>

namespace shopdesk {

namespace {
constexpr qsizetype blockChars = 1 << 20;
}

void XlsxSharedStrings::append(QStringView text)
{
    // A block is reserved whole and never grows past it, so appending never
    // copies the texts already there; a longer text gets a block of its own.
    if (m_blocks.isEmpty() || m_blocks.last().size() + text.size() > m_blocks.last().capacity()) {
        QString block;
        block.reserve(std::max(blockChars, text.size()));
        m_blocks.append(block);
    }
    QString &block = m_blocks.last();
    m_index.append({quint32(m_blocks.size() - 1), quint32(block.size()), quint32(text.size())});
    block.append(text);
}

QString XlsxSharedStrings::at(qsizetype index) const
{
    const Span &span = m_index.at(index);
    return QStringView(m_blocks.at(span.block)).mid(span.offset, span.length).toString();
}

} // namespace shopdesk
