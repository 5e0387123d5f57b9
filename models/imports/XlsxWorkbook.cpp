#include "XlsxWorkbook.h"

#include "TableReader.h"
#include "XlsxPart.h"
#include "ZipArchive.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

const QString workbookPath = u"xl/workbook.xml"_s;
const QString relationsPath = u"xl/_rels/workbook.xml.rels"_s;
const QString fallbackSheetPath = u"xl/worksheets/sheet1.xml"_s;

StoreError invalid(const QString &message)
{
    return StoreError::invalid(TableReader::fileField(), message);
}

// The first <sheet name="…" r:id="…"> of the workbook; empty when none.
std::pair<QString, QString> firstSheetEntry(XlsxPart &workbook)
{
    while (workbook.next()) {
        if (!workbook.xml().isStartElement() || workbook.xml().name() != u"sheet")
            continue;
        QString id;
        // r:id, in the relationships namespace; matched by its local name
        // since the prefix varies between writers.
        for (const QXmlStreamAttribute &attribute : workbook.xml().attributes())
            if (attribute.name() == u"id" && !attribute.namespaceUri().isEmpty())
                id = attribute.value().toString();
        return {workbook.xml().attributes().value("name"_L1).toString(), id};
    }
    return {};
}

QString relationTarget(XlsxPart &relations, const QString &id)
{
    while (relations.next()) {
        const QXmlStreamReader &xml = relations.xml();
        if (xml.isStartElement() && xml.name() == u"Relationship" &&
            xml.attributes().value("Id"_L1) == id) {
            const QString target = xml.attributes().value("Target"_L1).toString();
            // Relative to xl/, or absolute from the archive's root.
            if (target.startsWith(u'/'))
                return QDir::cleanPath(target.mid(1));
            return QDir::cleanPath(u"xl/"_s + target);
        }
    }
    return {};
}

} // namespace

Result<XlsxWorkbook::Sheet> XlsxWorkbook::firstSheet(ZipArchive *zip)
{
    Sheet sheet;
    {
        XlsxPart workbook(zip, workbookPath);
        if (workbook.status() == XlsxPart::Status::Ok) {
            const auto [name, id] = firstSheetEntry(workbook);
            if (workbook.status() == XlsxPart::Status::Malformed)
                return invalid(tr("The file is damaged: its list of sheets (%1) is not valid XML "
                                  "(%2).")
                                   .arg(workbookPath, workbook.xmlError()));
            sheet.name = name;
            if (!id.isEmpty()) {
                XlsxPart relations(zip, relationsPath);
                if (relations.status() == XlsxPart::Status::Ok)
                    sheet.path = relationTarget(relations, id);
            }
        }
    }
    if (sheet.path.isEmpty())
        sheet.path = fallbackSheetPath;
    if (!zip->contains(sheet.path)) {
        if (!zip->contains(workbookPath))
            return invalid(tr("The file is a zip archive but not an XLSX workbook: it has no "
                              "%1."
                              " Save the price list as XLSX or CSV.")
                               .arg(workbookPath));
        return invalid(tr("The file is damaged: its first sheet (%1) is missing.").arg(sheet.path));
    }
    return sheet;
}

Result<XlsxSharedStrings> XlsxWorkbook::sharedStrings(ZipArchive *zip)
{
    const QString path = u"xl/sharedStrings.xml"_s;
    XlsxSharedStrings strings;
    XlsxPart part(zip, path);
    if (part.status() == XlsxPart::Status::Missing)
        return strings; // a sheet of numbers and inline strings needs none
    QString current;
    bool phonetic = false; // <rPh>: a reading guide for East Asian text, not the text
    while (part.next()) {
        const QXmlStreamReader &xml = part.xml();
        if (xml.isStartElement()) {
            if (xml.name() == u"si")
                current.clear();
            else if (xml.name() == u"rPh")
                phonetic = true;
            else if (xml.name() == u"t" && !phonetic)
                current += part.readElementText(); // <si><t> or each run's <r><t>
        } else if (xml.isEndElement()) {
            if (xml.name() == u"si") {
                strings.append(current);
            } else if (xml.name() == u"rPh")
                phonetic = false;
        }
    }
    switch (part.status()) {
    case XlsxPart::Status::Ok:
    case XlsxPart::Status::Missing:
        return strings;
    case XlsxPart::Status::Damaged:
        return invalid(tr("The file is damaged: %1 cannot be unpacked.").arg(path));
    case XlsxPart::Status::Malformed:
        return invalid(
            tr("The file is damaged: %1 is not valid XML (%2).").arg(path, part.xmlError()));
    }
    return strings;
}

} // namespace shopdesk
