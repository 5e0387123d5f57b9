#pragma once

#include <QXmlStreamReader>

namespace shopdesk {

class ZipArchive;

// One XML part of an XLSX file (the workbook, a sheet, the shared strings)
// parsed as it is inflated: QXmlStreamReader is fed 64 KiB chunks with
// addData() whenever it runs out, so a part is never in memory whole.
class XlsxPart
{
public:
    enum class Status { Ok, Missing, Damaged, Malformed };

    // Opens `name` in `zip` (the archive must outlive the part, and no
    // other entry may be opened while it is read).
    XlsxPart(ZipArchive *zip, const QString &name);

    Status status() const { return m_status; }
    // Reads the next token (xml() describes it); false at the end of the
    // part or at a failure (then status() says which).
    bool next();
    const QXmlStreamReader &xml() const { return m_xml; }
    // The text of the current element, fed past chunk ends as needed.
    QString readElementText();
    // Qt's description of malformed XML (English), for a message's details.
    QString xmlError() const { return m_xml.errorString(); }

private:
    bool feed();
    QXmlStreamReader::TokenType readNext();

    ZipArchive *m_zip;
    QXmlStreamReader m_xml;
    Status m_status = Status::Ok;
    bool m_fed = false; // the whole entry has been given to m_xml
    int m_depth = 0;
    bool m_rootClosed = false;
    bool m_ended = false;
};

} // namespace shopdesk
