#include "ZipArchive.h"

#include <QFile>

#include <unzip.h>

#include <algorithm>

namespace shopdesk {

namespace {
// Entry names in XLSX files are matched as the format says: exactly.
constexpr int caseSensitive = 1;
} // namespace

ZipArchive::ZipArchive(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    m_zip = unzOpen64(name.constData());
}

ZipArchive::~ZipArchive()
{
    closeEntry();
    if (m_zip)
        unzClose(m_zip);
}

bool ZipArchive::contains(const QString &name) const
{
    return m_zip && unzLocateFile(m_zip, name.toUtf8().constData(), caseSensitive) == UNZ_OK;
}

bool ZipArchive::openEntry(const QString &name)
{
    closeEntry();
    m_entry = name;
    m_failed = false;
    if (!m_zip || unzLocateFile(m_zip, name.toUtf8().constData(), caseSensitive) != UNZ_OK)
        return false;
    m_entryOpen = unzOpenCurrentFile(m_zip) == UNZ_OK;
    return m_entryOpen;
}

QByteArray ZipArchive::read(qint64 maxBytes)
{
    if (!m_entryOpen)
        return {};
    QByteArray buffer(std::min<qint64>(maxBytes, 1 << 30), Qt::Uninitialized);
    const int n = unzReadCurrentFile(m_zip, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n > 0) {
        buffer.truncate(n);
        return buffer;
    }
    // The end, or damaged data. At the end minizip checks the CRC when the
    // entry is closed: a corrupted entry is caught there.
    m_failed = n < 0 || unzCloseCurrentFile(m_zip) != UNZ_OK;
    if (n < 0)
        unzCloseCurrentFile(m_zip);
    m_entryOpen = false;
    return {};
}

void ZipArchive::closeEntry()
{
    if (m_entryOpen)
        unzCloseCurrentFile(m_zip);
    m_entryOpen = false;
}

} // namespace shopdesk
