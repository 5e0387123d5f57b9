#include "XlsxPart.h"

#include "ZipArchive.h"

namespace shopdesk {

namespace {
constexpr qint64 chunkBytes = 64 * 1024;
}

XlsxPart::XlsxPart(ZipArchive *zip, const QString &name) : m_zip(zip)
{
    if (!zip->openEntry(name))
        m_status = zip->contains(name) ? Status::Damaged : Status::Missing;
}

bool XlsxPart::feed()
{
    if (m_fed)
        return false;
    const QByteArray chunk = m_zip->read(chunkBytes);
    if (chunk.isEmpty()) {
        m_fed = true;
        if (m_zip->failed()) {
            m_status = Status::Damaged;
            return false;
        }
        // Nothing more: the reader now reports a part that ends too soon
        // as malformed instead of waiting for more data.
        return false;
    }
    m_xml.addData(chunk);
    return true;
}

bool XlsxPart::next()
{
    if (m_ended)
        return false;
    const QXmlStreamReader::TokenType token = readNext();
    m_ended = token == QXmlStreamReader::Invalid || token == QXmlStreamReader::EndDocument;
    return !m_ended;
}

QXmlStreamReader::TokenType XlsxPart::readNext()
{
    if (m_status != Status::Ok)
        return QXmlStreamReader::Invalid;
    for (;;) {
        const QXmlStreamReader::TokenType token = m_xml.readNext();
        if (token == QXmlStreamReader::StartElement)
            ++m_depth;
        else if (token == QXmlStreamReader::EndElement && --m_depth == 0)
            m_rootClosed = true;
        if (token != QXmlStreamReader::Invalid)
            return token;
        if (m_xml.error() == QXmlStreamReader::PrematureEndOfDocumentError) {
            if (feed())
                continue; // the chunk ended mid-token: the reader resumes
            // Fed to the end: a reader fed in chunks cannot know no more
            // comments follow the root element, so it waits for more.
            if (m_rootClosed && m_status == Status::Ok)
                return QXmlStreamReader::EndDocument;
        }
        if (m_status == Status::Ok)
            m_status = Status::Malformed;
        return QXmlStreamReader::Invalid;
    }
}

QString XlsxPart::readElementText()
{
    // QXmlStreamReader::readElementText() cannot resume after running out of
    // data, so the text is gathered token by token.
    QString text;
    int depth = 1;
    while (depth > 0 && next()) {
        switch (m_xml.tokenType()) {
        case QXmlStreamReader::Characters:
            text += m_xml.text();
            break;
        case QXmlStreamReader::StartElement:
            ++depth;
            break;
        case QXmlStreamReader::EndElement:
            --depth;
            break;
        default:
            break;
        }
    }
    return text;
}

} // namespace shopdesk
