#include "models/imports/CsvTableReader.h"
#include "models/imports/TableReader.h"
#include "models/imports/XlsxCell.h"
#include "models/imports/XlsxSharedStrings.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

// Every row of a file, or the error that stopped the reading (with the rows
// read before it).
struct Read
{
    QList<TableRow> rows;
    std::optional<StoreError> error;
};

Read readAll(const QString &path)
{
    Read read;
    Result<std::unique_ptr<TableReader>> reader = TableReader::openFile(path);
    if (!reader) {
        read.error = reader.error();
        return read;
    }
    while (!reader.value()->atEnd()) {
        Result<TableRow> row = reader.value()->next();
        if (!row) {
            read.error = row.error();
            break;
        }
        read.rows.append(std::move(row).value());
    }
    return read;
}

TableRow row(int number, const QStringList &cells)
{
    return {number, cells};
}

bool sameRows(const QList<TableRow> &actual, const QList<TableRow> &expected)
{
    if (actual.size() != expected.size()) {
        qWarning() << "rows:" << actual.size() << "expected" << expected.size();
        return false;
    }
    for (qsizetype i = 0; i < actual.size(); ++i)
        if (actual[i].number != expected[i].number || actual[i].cells != expected[i].cells) {
            qWarning() << "row" << actual[i].number << actual[i].cells << "expected"
                       << expected[i].number << expected[i].cells;
            return false;
        }
    return true;
}

// The 400 products of tests/data/price_list_xlsx.py (its product()),
// spreadsheet row i + 1.
QStringList expectedProduct(int i)
{
    const QString name = i % 50 == 7 ? QString() : u"Молоко «Простоквашино» 3,2% №%1"_s.arg(i);
    const qint64 quarterKopecks = i * 125; // i × 1.25, written by the spreadsheet as 1.25, 2.5, 5
    QString price = QString::number(quarterKopecks / 100);
    if (quarterKopecks % 100 != 0) {
        price += u'.' + u"%1"_s.arg(quarterKopecks % 100, 2, 10, QChar(u'0'));
        if (price.endsWith(u'0'))
            price.chop(1);
    }
    return {QString::number(1000 + i), u"46%1"_s.arg(i, 11, 10, QChar(u'0')), name, price,
            u"S-%1"_s.arg(i)};
}

} // namespace

// Suppliers' price lists read row by row: CSV in both encodings and three
// separators, XLSX written by a real spreadsheet writer (python3-xlsxwriter),
// and the damaged files a supplier sends, refused naming the row.
class TestTableReaders : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_python;
    QString m_sample;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    // Runs tests/data/price_list_xlsx.py; fails the test when it cannot.
    bool runWriter(const QStringList &arguments)
    {
        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start(m_python,
                     QStringList {QStringLiteral(SHOPDESK_SOURCE_DIR) +
                                  u"/tests/data/price_list_xlsx.py"_s} +
                         arguments);
        if (!python.waitForFinished(120000) || python.exitStatus() != QProcess::NormalExit ||
            python.exitCode() != 0) {
            qWarning().noquote() << m_python << arguments << "failed:" << python.readAll();
            return false;
        }
        return true;
    }

    QList<TableRow> expectedSample()
    {
        QList<TableRow> rows {
            row(1, {u"PLU"_s, u"Barcode"_s, u"Name"_s, u"Price"_s, u"Supplier code"_s})};
        for (int i = 1; i <= 400; ++i)
            rows.append(row(i + 1, expectedProduct(i)));
        // 1.2E-07 as a spreadsheet shows it; 100.00000000000001 arrives as 100.
        rows.append(row(402, {u"0.00000012"_s, u"100"_s, u"TRUE"_s, u"3"_s}));
        rows.append(row(404, {u"Сыр Российский"_s, {}, {}, {}, {}, u"F"_s}));
        return rows;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Debian's python3 (where python3-xlsxwriter is installed; scripts/test
        // installs it), not a python3 from another installation first on PATH.
        m_python = QStandardPaths::findExecutable(u"python3"_s, {u"/usr/bin"_s});
        if (m_python.isEmpty())
            m_python = QStandardPaths::findExecutable(u"python3"_s);
        QVERIFY2(!m_python.isEmpty(), "python3 is needed to write the XLSX files");
        // The list most tests read or damage, shared strings and all.
        m_sample = m_dir.filePath(u"sample.xlsx"_s);
        QVERIFY(runWriter({u"sample"_s, m_sample}));
    }

    void csvInUtf8WithByteOrderMark()
    {
        const QString path = write(u"bom.csv"_s,
                                   "\xEF\xBB\xBFPLU,Name,Price\n1001,Сыр «Российский»,199.90\n"
                                   "1002,Молоко,89\n"_ba);
        const Read read = readAll(path);
        QVERIFY(!read.error);
        QVERIFY(sameRows(read.rows,
                         {row(1, {u"PLU"_s, u"Name"_s, u"Price"_s}),
                          row(2, {u"1001"_s, u"Сыр «Российский»"_s, u"199.90"_s}),
                          row(3, {u"1002"_s, u"Молоко"_s, u"89"_s})}));
    }

    void csvInWindows1251WithSemicolons()
    {
        // "Сыр;Молоко" and "Цена" in Windows-1251, as Excel saves CSV in Russia.
        const QByteArray bytes = "PLU;\xCD\xE0\xE7\xE2\xE0\xED\xE8\xE5;\xD6\xE5\xED\xE0\r\n"
                                 "1001;\xD1\xFB\xF0 \"\xD0\xEE\xF1\xF1\xE8\xE9\xF1\xEA\xE8\xE9\";"
                                 "199,90\r\n"
                                 "1002;\xCC\xEE\xEB\xEE\xEA\xEE;89\r\n"_ba;
        const QString path = write(u"cp1251.csv"_s, bytes);
        Result<std::unique_ptr<TableReader>> reader = TableReader::openFile(path);
        QVERIFY(reader);
        auto *csv = dynamic_cast<CsvTableReader *>(reader.value().get());
        QVERIFY(csv);
        QCOMPARE(csv->encoding(), CsvTableReader::Encoding::Windows1251);
        QCOMPARE(csv->separator(), ';');
        const Read read = readAll(path);
        QVERIFY(!read.error);
        // A quote inside an unquoted field is kept, as spreadsheets keep it.
        QVERIFY(sameRows(read.rows,
                         {row(1, {u"PLU"_s, u"Название"_s, u"Цена"_s}),
                          row(2, {u"1001"_s, u"Сыр \"Российский\""_s, u"199,90"_s}),
                          row(3, {u"1002"_s, u"Молоко"_s, u"89"_s})}));
    }

    void csvWithTabsAndEmptyLines()
    {
        const QString path = write(u"tabs.tsv"_s,
                                   "PLU\tName, full\tPrice\n\n1001\tЧай, чёрный\t55\n\n\n"
                                   "1002\t\t60"_ba); // no line break at the end
        const Read read = readAll(path);
        QVERIFY(!read.error);
        // Row numbers are lines: the empty lines are skipped, not renumbered.
        QVERIFY(sameRows(read.rows,
                         {row(1, {u"PLU"_s, u"Name, full"_s, u"Price"_s}),
                          row(3, {u"1001"_s, u"Чай, чёрный"_s, u"55"_s}),
                          row(6, {u"1002"_s, QString(), u"60"_s})}));
    }

    void csvQuotingAsRfc4180Says()
    {
        const QString path = write(u"quoted.csv"_s,
                                   "PLU,Name,Note\r\n"
                                   "1001,\"Сок \"\"Добрый\"\", 1 л\",\"two\r\nlines\"\r\n"
                                   "1002,\"a,b;c\",\"\"\r\n"
                                   "1003,plain,\"three\nlines\nhere\"\r\n"
                                   "1004,last,\r\n"_ba);
        const Read read = readAll(path);
        QVERIFY(!read.error);
        // A record spanning lines is numbered by its first line; the next
        // one by its own.
        QVERIFY(sameRows(read.rows,
                         {row(1, {u"PLU"_s, u"Name"_s, u"Note"_s}),
                          row(2, {u"1001"_s, u"Сок \"Добрый\", 1 л"_s, u"two\nlines"_s}),
                          row(4, {u"1002"_s, u"a,b;c"_s, QString()}),
                          row(5, {u"1003"_s, u"plain"_s, u"three\nlines\nhere"_s}),
                          row(8, {u"1004"_s, u"last"_s, QString()})}));
    }

    void csvMixingEncodingsIsRefusedNamingTheRow()
    {
        // Rows 2 and 3 in UTF-8, row 5 in Windows-1251 (pasted from another file).
        const QString path = write(u"mixed.csv"_s,
                                   "PLU;Name\n1001;Сыр\n1002;Молоко\n1003;Tea\n"
                                   "1004;\xD7\xE0\xE9\n1005;Кофе\n"_ba);
        const Read read = readAll(path);
        QVERIFY(read.error);
        QVERIFY(read.rows.isEmpty()); // refused before the first row
        QCOMPARE(read.error->code, StoreError::Code::Invalid);
        QCOMPARE(read.error->field, u"file"_s);
        QCOMPARE(read.error->message,
                 u"Row 5 is in Windows-1251, but row 2 is in UTF-8: the file mixes two "
                 "encodings. Save it again in one encoding (UTF-8 or Windows-1251)."_s);

        const QString bom =
            write(u"mixedbom.csv"_s, "\xEF\xBB\xBFPLU;Name\n1004;\xD7\xE0\xE9\n"_ba);
        const Read bomRead = readAll(bom);
        QVERIFY(bomRead.error);
        QVERIFY(bomRead.error->message.startsWith(u"Row 2 is not in UTF-8"_s));
    }

    void csvUnclosedQuoteIsRefusedNamingItsRow()
    {
        const QString path =
            write(u"unclosed.csv"_s, "PLU,Name\n1001,Сыр\n1002,\"Молоко\n1003,Чай\n1004,Кофе\n"_ba);
        const Read read = readAll(path);
        QVERIFY(read.error);
        QCOMPARE(read.error->message,
                 u"Row 3: a quote opened in this row is never closed; the file ends inside it."_s);
    }

    void aQuoteOpenOverMegabytesIsRefusedEarly()
    {
        // The rest of a large file would otherwise become one record in memory.
        const QString path =
            write(u"runaway.csv"_s, "PLU,Name\n1001,\"Tea\n"_ba + QByteArray(5 << 20, 'x'));
        const Read read = readAll(path);
        QVERIFY(read.error);
        QCOMPARE(read.error->message,
                 u"Row 2 is longer than 4 MiB: a quote opened in it is probably never closed."_s);
    }

    void aFileWithNoRowsHasNone()
    {
        const Read read = readAll(write(u"empty.csv"_s, "\n\r\n"_ba));
        QVERIFY(!read.error);
        QVERIFY(read.rows.isEmpty());
    }

    void numbersAsASpreadsheetShowsThem()
    {
        QCOMPARE(XlsxCell::numberText(u"12.5"), u"12.5"_s);
        QCOMPARE(XlsxCell::numberText(u"199"), u"199"_s);
        QCOMPARE(XlsxCell::numberText(u"1.2E-3"), u"0.0012"_s);
        QCOMPARE(XlsxCell::numberText(u"100.00000000000001"), u"100"_s);
        QCOMPARE(XlsxCell::numberText(u"0.30000000000000004"), u"0.3"_s);
        QCOMPARE(XlsxCell::numberText(u"-2.5E+3"), u"-2500"_s);
        QCOMPARE(XlsxCell::numberText(u"1E+300").size(), 301);
        QCOMPARE(XlsxCell::numberText(u"not a number"), u"not a number"_s);
        int column = -1, row = -1;
        QVERIFY(XlsxCell::parseReference(u"AB12", &column, &row));
        QCOMPARE(column, 27);
        QCOMPARE(row, 12);
        QVERIFY(!XlsxCell::parseReference(u"XFE1", &column, &row)); // past the last column
        QVERIFY(!XlsxCell::parseReference(u"A0", &column, &row));
        QVERIFY(!XlsxCell::parseReference(u"12", &column, &row));
        QCOMPARE(XlsxCell::columnLetters(0), u"A"_s);
        QCOMPARE(XlsxCell::columnLetters(27), u"AB"_s);
        QCOMPARE(XlsxCell::columnLetters(16383), u"XFD"_s);
    }

    void sharedStringsAcrossBlocks()
    {
        // Enough texts to fill several million-character blocks, and one
        // longer than a block.
        XlsxSharedStrings strings;
        const QString huge(1500000, u'ж');
        for (int i = 0; i < 300000; ++i) {
            strings.append(u"Товар №%1"_s.arg(i));
            if (i == 150000)
                strings.append(huge);
        }
        strings.append(QString());
        QCOMPARE(strings.size(), qsizetype(300002));
        QCOMPARE(strings.at(0), u"Товар №0"_s);
        QCOMPARE(strings.at(150000), u"Товар №150000"_s);
        QCOMPARE(strings.at(150001), huge);
        QCOMPARE(strings.at(150002), u"Товар №150001"_s);
        QCOMPARE(strings.at(300000), u"Товар №299999"_s);
        QCOMPARE(strings.at(300001), QString());
    }

    void xlsxWithSharedStrings()
    {
        const Read read = readAll(m_sample);
        QVERIFY2(!read.error, qPrintable(read.error ? read.error->message : QString()));
        QVERIFY(sameRows(read.rows, expectedSample()));
    }

    void xlsxWithInlineStrings()
    {
        // xlsxwriter's constant-memory mode writes every string in its cell.
        const QString path = m_dir.filePath(u"inline.xlsx"_s);
        QVERIFY(runWriter({u"sample"_s, path, u"--constant-memory"_s}));
        const Read read = readAll(path);
        QVERIFY2(!read.error, qPrintable(read.error ? read.error->message : QString()));
        QVERIFY(sameRows(read.rows, expectedSample()));
    }

    void xlsxCellsAsOtherWritersWriteThem()
    {
        // A sheet as other programs write it (tests/data/other_writer_sheet.xml):
        // rows and cells without references (one after the other), formula
        // texts, errors, a date as text, a phonetic guide, a row of
        // formatting only, a shared string the table does not have.

        const QString sheet =
            QStringLiteral(SHOPDESK_SOURCE_DIR) + u"/tests/data/other_writer_sheet.xml"_s;
        const QString path = m_dir.filePath(u"other-writer.xlsx"_s);
        QVERIFY(runWriter({u"replace-sheet"_s, m_sample, path, sheet}));
        const Read read = readAll(path);
        // Row 7 has no text and is skipped; row 8's shared string 3 is the
        // sample's "Price"; row 9 refers to one the table does not have.
        QVERIFY(sameRows(read.rows,
                         {row(1, {u"PLU"_s, u"Name"_s}), row(2, {u"1001"_s, u"1001x"_s, u"#N/A"_s}),
                          row(5, {QString(), QString(), u"2026-12-07"_s}),
                          row(6, {u"Чай зелёный"_s, u"FALSE"_s}), row(8, {u"Price"_s})}));
        QVERIFY(read.error);
        QCOMPARE(read.error->message,
                 u"The file is damaged: row 9, column B refers to shared text number 999999, "
                 "which the file does not have."_s);
    }

    void xlsxNamedCsvIsStillRead()
    {
        // The content decides which reader, not the name.
        const QString path = m_dir.filePath(u"really-xlsx.csv"_s);
        QVERIFY(QFile::copy(m_sample, path));
        const Read read = readAll(path);
        QVERIFY(!read.error);
        QCOMPARE(read.rows.size(), expectedSample().size());
    }

    void truncatedXlsxIsRefused()
    {
        QFile file(m_sample);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const QString path = write(u"half.xlsx"_s, bytes.left(bytes.size() / 2));
        const Read read = readAll(path);
        QVERIFY(read.error);
        QCOMPARE(read.error->field, u"file"_s);
        QCOMPARE(read.error->message,
                 path +
                     u" cannot be read as an XLSX file: it is damaged or incomplete (not a "
                     "whole zip archive)."_s);
    }

    void corruptedXlsxIsRefused()
    {
        // Bytes overwritten in the middle of the compressed data (a bad disk, a
        // mangled e-mail attachment): inflating or its checksum fails.
        QFile file(m_sample);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        for (qsizetype i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i)
            bytes[i] = char(~bytes[i]);
        const Read read = readAll(write(u"corrupt.xlsx"_s, bytes));
        QVERIFY(read.error);
        QVERIFY2(read.error->message.startsWith(u"The file is damaged"_s),
                 qPrintable(read.error->message));
    }

    void malformedSheetIsRefusedNamingTheRow()
    {
        // A whole zip whose sheet's XML stops in the middle of a row.
        const QString path = m_dir.filePath(u"cut.xlsx"_s);
        QVERIFY(runWriter({u"truncate-sheet"_s, m_sample, path, u"27000"_s}));
        const Read read = readAll(path);
        QVERIFY(read.error);
        QVERIFY(!read.rows.isEmpty());
        // Every row before the damage was read whole and correct.
        const QList<TableRow> expected = expectedSample().mid(0, read.rows.size());
        QVERIFY(sameRows(read.rows, expected));
        const int lastRow = read.rows.last().number;
        QVERIFY2(read.error->message.contains(u"row %1"_s.arg(lastRow)) ||
                     read.error->message.contains(u"row %1"_s.arg(lastRow + 1)),
                 qPrintable(read.error->message));
        QVERIFY2(read.error->message.startsWith(u"The file is damaged"_s),
                 qPrintable(read.error->message));
    }

    void textRenamedXlsxIsRefused()
    {
        const QString path = write(u"prices.xlsx"_s, "PLU,Name\n1001,Tea\n"_ba);
        const Read read = readAll(path);
        QVERIFY(read.error);
        QCOMPARE(read.error->message,
                 path +
                     u" is not an XLSX file (its content is not a zip archive); it may have "
                     "been renamed. Save the price list as XLSX or CSV."_s);
    }

    void emptySheetIsRefused()
    {
        const QString path = m_dir.filePath(u"empty-sheet.xlsx"_s);
        QVERIFY(runWriter({u"truncate-sheet"_s, m_sample, path, u"0"_s}));
        const Read read = readAll(path);
        QVERIFY(read.error);
        QVERIFY(read.rows.isEmpty());
        QCOMPARE(read.error->message,
                 u"The file is damaged: the sheet “Прайс” is not valid XML near row 1 "
                 "(Premature end of document.)."_s);
    }

    void missingSheetIsRefused()
    {
        const QString path = m_dir.filePath(u"no-sheet.xlsx"_s);
        QVERIFY(runWriter({u"truncate-sheet"_s, m_sample, path, u"-1"_s}));
        const Read read = readAll(path);
        QVERIFY(read.error);
        QCOMPARE(read.error->message,
                 u"The file is damaged: its first sheet (xl/worksheets/sheet1.xml) is missing."_s);
    }

    void zipWithoutAWorkbookIsRefused()
    {
        const QString path = m_dir.filePath(u"notes.csv"_s);
        QVERIFY(runWriter({u"zip"_s, path}));
        const Read read = readAll(path);
        QVERIFY(read.error);
        QCOMPARE(read.error->message,
                 u"The file is a zip archive but not an XLSX workbook: it has no "
                 "xl/workbook.xml. Save the price list as XLSX or CSV."_s);
    }
};

QTEST_GUILESS_MAIN(TestTableReaders)
#include "tst_tablereaders.moc"
