#include "models/imports/CsvTableReader.h"
#include "models/imports/TableReader.h"

#include <QFile>
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

} // namespace

// Suppliers' price lists read row by row: CSV in both encodings and three
// separators, and the damaged files a supplier sends, refused naming the row.
class TestTableReaders : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

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

    void aFileWithNoRowsHasNone()
    {
        const Read read = readAll(write(u"empty.csv"_s, "\n\r\n"_ba));
        QVERIFY(!read.error);
        QVERIFY(read.rows.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTableReaders)
#include "tst_tablereaders.moc"
