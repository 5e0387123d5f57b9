// Reading a supplier's 100,000-row price list (issue 18): PLU, barcode,
// Cyrillic name, price, supplier code. The same list as CSV in UTF-8, CSV in
// Windows-1251 and XLSX written by python3-xlsxwriter twice: in its
// constant-memory mode (inline strings) and with a shared strings table (as
// Excel writes, and the one part of the file TableReader keeps in memory),
// each read whole through TableReader.
// Baselines in the same run: for CSV, QFile::readLine, the line decoded and
// QString::split on the separator (no quoting, no encoding check: the least
// a reader can do); for XLSX, minizip inflating the sheet without parsing,
// and the same with QXmlStreamReader reading every token (the XML parser's
// share of the time).
//
// Memory: VmHWM (the peak resident set) cannot be reset inside a process, so
// every measurement runs in a child process of its own (this program started
// again with --measure) that reports its resident set before reading and
// its peak after: the growth is what reading the file cost.
//
//   bench_tablereaders [--rows N] [--repeat R] [--keep DIR]
// Needs no database; needs /usr/bin/python3 with python3-xlsxwriter.

#include "BenchSupport.h"
#include "models/imports/TableReader.h"
#include "models/imports/ZipArchive.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTextStream>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

qint64 peakKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// The same rows as tests/data/price_list_xlsx.py's bench mode writes.
QString csvText(int rows)
{
    QString text = u"PLU,Barcode,Name,Price,Supplier code\r\n"_s;
    for (int i = 1; i <= rows; ++i) {
        const int cents = (i % 100000) + 1000;
        text += QString::number(100000 + i) + u",46"_s + u"%1"_s.arg(i, 11, 10, QChar(u'0')) +
            u",\"Сыр «Российский» 45% весовой, партия "_s + QString::number(i) + u"\","_s +
            QString::number(cents / 100) + u'.' + u"%1"_s.arg(cents % 100, 2, 10, QChar(u'0')) +
            u",SUP-"_s + u"%1"_s.arg(i, 7, 10, QChar(u'0')) + u"\r\n"_s;
    }
    return text;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

struct Measure
{
    double seconds = 0;
    qint64 rows = 0;
    qint64 startKb = 0;
    qint64 peakKb = 0;
};

// In the child: reads `path` as `kind` says and prints a Measure.
int measure(const QString &kind, const QString &path)
{
    Measure m;
    qint64 characters = 0; // used, so the work is not optimised away
    m.startKb = bench::rssKb();
    QElapsedTimer timer;
    timer.start();
    if (kind == u"reader") {
        Result<std::unique_ptr<TableReader>> reader = TableReader::openFile(path);
        if (!reader) {
            err << reader.error().message << '\n';
            return 1;
        }
        while (!reader.value()->atEnd()) {
            const Result<TableRow> row = reader.value()->next();
            if (!row) {
                err << row.error().message << '\n';
                return 1;
            }
            ++m.rows;
            characters += row->cells.value(2).size();
        }
    } else if (kind == u"readline-utf8" || kind == u"readline-1251") {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return 1;
        QStringDecoder decoder(kind == u"readline-utf8" ? "UTF-8" : "windows-1251");
        while (!file.atEnd()) {
            const QString line = decoder.decode(file.readLine());
            const QStringList cells = line.split(u',');
            ++m.rows;
            characters += cells.value(2).size();
        }
    } else if (kind == u"inflate") {
        ZipArchive zip(path);
        if (!zip.openEntry(u"xl/worksheets/sheet1.xml"_s))
            return 1;
        for (QByteArray chunk = zip.read(64 * 1024); !chunk.isEmpty(); chunk = zip.read(64 * 1024))
            characters += chunk.size();
        m.rows = -1;
    } else if (kind == u"tokenize") {
        // The XML parser's share: every token of the sheet, nothing kept.
        ZipArchive zip(path);
        if (!zip.openEntry(u"xl/worksheets/sheet1.xml"_s))
            return 1;
        QXmlStreamReader xml;
        for (;;) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (token == QXmlStreamReader::StartElement && xml.name() == u"row")
                ++m.rows;
            if (token != QXmlStreamReader::Invalid)
                continue;
            if (xml.error() != QXmlStreamReader::PrematureEndOfDocumentError)
                break;
            const QByteArray chunk = zip.read(64 * 1024);
            if (chunk.isEmpty())
                break;
            xml.addData(chunk);
        }
    } else {
        return 2;
    }
    m.seconds = timer.nsecsElapsed() / 1e9;
    m.peakKb = peakKb();
    out << m.seconds << ' ' << m.rows << ' ' << m.startKb << ' ' << m.peakKb << ' ' << characters
        << '\n';
    return 0;
}

// In the parent: runs the child `repeat` times; the median time, the
// largest peak and growth.
std::optional<Measure> run(const QString &kind, const QString &path, int repeat)
{
    QList<double> times;
    Measure result;
    for (int i = 0; i < repeat; ++i) {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {u"--measure"_s, kind, u"--file"_s, path});
        if (!child.waitForFinished(-1) || child.exitCode() != 0) {
            err << kind << " " << path << " failed: " << child.readAllStandardError() << '\n';
            return std::nullopt;
        }
        const QList<QByteArray> fields = child.readAllStandardOutput().trimmed().split(' ');
        times << fields.value(0).toDouble();
        result.rows = fields.value(1).toLongLong();
        result.startKb = std::max(result.startKb, fields.value(2).toLongLong());
        result.peakKb = std::max(result.peakKb, fields.value(3).toLongLong());
    }
    result.seconds = bench::percentile(times, 0.5);
    return result;
}

QString mib(qint64 kb)
{
    return QString::number(kb / 1024.0, 'f', 1) + u" MiB"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"rows"_s, u"Products in the list (100000)."_s, u"n"_s, u"100000"_s});
    parser.addOption({u"repeat"_s, u"Runs of each, the median reported (3)."_s, u"r"_s, u"3"_s});
    parser.addOption({u"keep"_s, u"Write the files into this folder and keep them."_s, u"dir"_s});
    parser.addOption({u"measure"_s, u"(internal) measure one read."_s, u"kind"_s});
    parser.addOption({u"file"_s, u"(internal) the file to read."_s, u"path"_s});
    parser.process(app);
    if (parser.isSet(u"measure"_s))
        return measure(parser.value(u"measure"_s), parser.value(u"file"_s));

    const int rows = std::max(1, parser.value(u"rows"_s).toInt());
    const int repeat = std::max(1, parser.value(u"repeat"_s).toInt());
    QTemporaryDir temporary;
    const QDir dir(parser.isSet(u"keep"_s) ? parser.value(u"keep"_s) : temporary.path());
    dir.mkpath(u"."_s);

    const QString utf8 = dir.filePath(u"prices-utf8.csv"_s);
    const QString cp1251 = dir.filePath(u"prices-1251.csv"_s);
    const QString xlsx = dir.filePath(u"prices.xlsx"_s);
    const QString xlsxShared = dir.filePath(u"prices-shared.xlsx"_s);
    {
        const QString text = csvText(rows);
        QStringEncoder windows1251("windows-1251");
        const QByteArray encoded = windows1251.encode(text);
        if (!writeFile(utf8, text.toUtf8()) || !writeFile(cp1251, encoded)) {
            err << "cannot write the CSV files in " << dir.path() << '\n';
            return 1;
        }
    }
    const QString python = QStandardPaths::findExecutable(u"python3"_s, {u"/usr/bin"_s});
    for (const QString &path : {xlsx, xlsxShared}) {
        QStringList arguments {QStringLiteral(SHOPDESK_SOURCE_DIR) +
                                   u"/tests/data/price_list_xlsx.py"_s,
                               u"bench"_s, path, QString::number(rows)};
        if (path == xlsxShared)
            arguments << u"--shared-strings"_s;
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedChannels);
        writer.start(python, arguments);
        if (!writer.waitForFinished(-1) || writer.exitCode() != 0) {
            err << "python3 with python3-xlsxwriter could not write " << path << '\n';
            return 1;
        }
    }

    out << "bench_tablereaders: " << rows << " products (+ a header), median of " << repeat
        << " runs, each in its own process\n\n";
    out << "| file | size | what | seconds | rows | resident before | peak (VmHWM) | growth |\n";
    out << "|---|---:|---|---:|---:|---:|---:|---:|\n";
    struct Case
    {
        QString file, path;
        QList<std::pair<QString, QString>> baselines; // what, kind
    };
    const QList<Case> cases = {
        {u"CSV, UTF-8"_s, utf8, {{u"readLine + split"_s, u"readline-utf8"_s}}},
        {u"CSV, Windows-1251"_s, cp1251, {{u"readLine + split"_s, u"readline-1251"_s}}},
        {u"XLSX, inline strings"_s,
         xlsx,
         {{u"minizip inflate only"_s, u"inflate"_s}, {u"inflate + XML tokens"_s, u"tokenize"_s}}},
        {u"XLSX, shared strings"_s,
         xlsxShared,
         {{u"minizip inflate only"_s, u"inflate"_s}, {u"inflate + XML tokens"_s, u"tokenize"_s}}},
    };
    for (const Case &c : cases) {
        QList<std::pair<QString, Measure>> baselines;
        for (const auto &[what, kind] : c.baselines) {
            const std::optional<Measure> base = run(kind, c.path, repeat);
            if (!base)
                return 1;
            baselines.append({what, *base});
        }
        const std::optional<Measure> reader = run(u"reader"_s, c.path, repeat);
        if (!reader)
            return 1;
        const QString size = mib(QFileInfo(c.path).size() / 1024);
        const auto row = [&](const QString &what, const Measure &m) {
            out << "| " << c.file << " | " << size << " | " << what << " | "
                << QString::number(m.seconds, 'f', 3) << " | "
                << (m.rows < 0 ? u"–"_s : QString::number(m.rows)) << " | " << mib(m.startKb)
                << " | " << mib(m.peakKb) << " | " << mib(m.peakKb - m.startKb) << " |\n";
        };
        for (const auto &[what, base] : baselines)
            row(what + u" (baseline)"_s, base);
        row(u"TableReader"_s, *reader);
        for (const auto &[what, base] : baselines)
            out << "| " << c.file << " | | ratio to " << what << " | "
                << QString::number(reader->seconds / std::max(base.seconds, 1e-9), 'f', 2)
                << "× | | | | |\n";
        if (reader->rows != rows + 1) {
            err << c.file << ": read " << reader->rows << " rows, expected " << rows + 1 << '\n';
            return 1;
        }
    }
    return 0;
}
