#pragma once

#include <QByteArray>
#include <QString>

namespace shopdesk {

// A zip archive read through minizip (Debian's libminizip): one entry open
// at a time, read in chunks as it is inflated, so an entry never has to fit
// in memory. Used for XLSX files; no zip format code of our own.
class ZipArchive
{
public:
    explicit ZipArchive(const QString &path);
    ~ZipArchive();
    ZipArchive(const ZipArchive &) = delete;
    ZipArchive &operator=(const ZipArchive &) = delete;

    // False when the file is not a zip archive or its central directory (at
    // the end of the file) is missing, as in a truncated download.
    bool isOpen() const { return m_zip != nullptr; }
    bool contains(const QString &name) const;

    // Opens `name` for reading (closing the entry open before); false when
    // the archive has no such entry or it cannot be inflated.
    bool openEntry(const QString &name);
    // Up to `maxBytes` more bytes of the open entry: empty at its end. On a
    // damaged entry (bad deflate data, wrong checksum) empty with failed().
    QByteArray read(qint64 maxBytes);
    bool failed() const { return m_failed; }
    const QString &entryName() const { return m_entry; }

private:
    void closeEntry();

    void *m_zip = nullptr; // unzFile
    QString m_entry;
    bool m_entryOpen = false;
    bool m_failed = false;
};

} // namespace shopdesk
