#include "models/checkout/Receipt.h"
#include "models/checkout/ReceiptPrintQueue.h"
#include "models/core/Money.h"
#include "ui/checkout/ReceiptPrinting.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Receipts: the text, a PDF whose text can be read back, and ESC/POS bytes
// as a network receipt printer (a local TCP listener here) receives them.
class TestReceipts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static Order sampleOrder()
    {
        Order o;
        o.number = u"TVR-1-000042"_s;
        o.paidAt = QDateTime(QDate(2026, 11, 23), QTime(9, 30), QTimeZone::utc());
        // Milk at 10 %: 199.80 / 11 = 18.16 of VAT; bread at 20 %: 45.50 / 6 = 7.58.
        o.lines = {
            {1, 1, u"1001"_s, u"Молоко Простоквашино 3,2% 1 л"_s, 2, 9990, 0, false, 0, 0,
             u"vat10"_s, 1000, 19980, 1816},
            {2, 2, u"1002"_s, u"Bread"_s, 1, 4550, 0, false, 0, 0, u"vat20"_s, 2000, 4550, 758}};
        o.subtotal = 2 * 9990 + 4550;
        o.discount = 0;
        o.total = o.subtotal;
        o.paidCash = o.total;
        o.status = OrderStatus::Paid;
        return o;
    }
    static Shop sampleShop()
    {
        Shop s;
        s.name = u"ShopDesk Тверская"_s;
        s.address = u"Тверская, 1"_s;
        s.timeZone = u"Europe/Moscow"_s;
        return s;
    }

private slots:
    void textHasEverything()
    {
        const Receipt r = Receipt::forOrder(sampleOrder(), sampleShop(), u"Ксения"_s, 5470);
        for (const QString &line : r.lines)
            QVERIFY2(line.size() <= 42, qPrintable(line));
        const QString text = r.text();
        QVERIFY(text.contains(u"TVR-1-000042"_s));
        QVERIFY(text.contains(u"23.11.2026 12:30"_s)); // the shop's time
        QVERIFY(r.lines.at(r.boldLine).startsWith(u"TOTAL"_s));
        QVERIFY(r.lines.at(r.boldLine).endsWith(Money::format(24530)));
        QVERIFY(text.contains(Money::format(5470))); // the change
        // Each line's rate, and the VAT by rate, the highest first.
        QVERIFY2(text.contains(u"1 × %1  20 %"_s.arg(Money::format(4550))), qPrintable(text));
        const qsizetype twenty = r.lines.indexOf(
            Receipt::spread(u"VAT 20 % on %1"_s.arg(Money::format(4550)), Money::format(758), 42));
        const qsizetype ten = r.lines.indexOf(Receipt::spread(
            u"VAT 10 % on %1"_s.arg(Money::format(19980)), Money::format(1816), 42));
        QVERIFY2(twenty > 0 && ten == twenty + 1, qPrintable(text));
    }

    void pdfContainsTheTotal()
    {
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        if (pdftotext.isEmpty())
            QFAIL("pdftotext is missing: install poppler-utils (scripts/test does)");
        const Receipt r = Receipt::forOrder(sampleOrder(), sampleShop(), u"Ксения"_s, 0);
        const QString path = m_dir.filePath(u"receipt.pdf"_s);
        QString error;
        QVERIFY2(printReceiptToPdf(r, path, &error), qPrintable(error));
        QProcess p;
        p.start(pdftotext, {u"-layout"_s, path, u"-"_s});
        QVERIFY(p.waitForFinished(20000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(text.contains(u"TOTAL"_s) && text.contains(Money::format(24530)),
                 qPrintable(text));
        QVERIFY2(text.contains(u"Тверская"_s), qPrintable(text));
    }

    // The order number printed as a barcode under the receipt is what a
    // scanner reads back (zbarimg on the PDF's page, as a scanner sees paper).
    void theReceiptsBarcodeScansAsItsNumber()
    {
        const QString pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
        const QString zbarimg = QStandardPaths::findExecutable(u"zbarimg"_s);
        if (pdftoppm.isEmpty() || zbarimg.isEmpty())
            QFAIL("pdftoppm or zbarimg is missing: install poppler-utils and zbar-tools "
                  "(scripts/test does)");
        const Receipt r = Receipt::forOrder(sampleOrder(), sampleShop(), u"Ксения"_s, 0);
        QCOMPARE(r.barcode, u"TVR-1-000042"_s);
        const QString pdf = m_dir.filePath(u"barcode.pdf"_s);
        QString error;
        QVERIFY2(printReceiptToPdf(r, pdf, &error), qPrintable(error));
        QProcess render;
        render.start(
            pdftoppm,
            {u"-r"_s, u"300"_s, u"-png"_s, u"-singlefile"_s, pdf, m_dir.filePath(u"barcode"_s)});
        QVERIFY(render.waitForFinished(30000));
        QCOMPARE(render.exitCode(), 0);
        QProcess scan;
        scan.start(zbarimg, {u"--quiet"_s, u"--raw"_s, m_dir.filePath(u"barcode.png"_s)});
        QVERIFY(scan.waitForFinished(30000));
        QCOMPARE(QString::fromLatin1(scan.readAllStandardOutput()).trimmed(), u"TVR-1-000042"_s);
        // And the ESC/POS printer gets it as a Code 128 command.
        QVERIFY(r.escPos().contains("\x1d\x6b\x49\x0e{BTVR-1-000042"_ba));
    }

    // A return's receipt: what came back and the money paid back, and how.
    void aReturnHasItsReceipt()
    {
        Order o = sampleOrder();
        o.lines[0].returnedQty = 1;
        const Receipt r =
            Receipt::forReturn(o, 9990, PaymentMethod::Cash, sampleShop(), u"Ксения"_s);
        const QString text = r.text();
        QVERIFY(text.contains(u"RETURN to receipt TVR-1-000042"_s));
        QVERIFY(text.contains(u"Молоко"_s));
        QVERIFY(!text.contains(u"Bread"_s)); // not returned
        QVERIFY(r.lines.at(r.boldLine).startsWith(u"REFUND IN CASH"_s));
        QVERIFY(r.lines.at(r.boldLine).endsWith(Money::format(9990)));
        for (const QString &line : r.lines)
            QVERIFY2(line.size() <= 42, qPrintable(line));
    }

    void escPosReachesTheNetworkPrinter()
    {
        QTcpServer printer;
        QVERIFY(printer.listen(QHostAddress::LocalHost));
        QByteArray received;
        connect(&printer, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = printer.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, this, [&received, s] { received += s->readAll(); });
        });
        const Receipt r = Receipt::forOrder(sampleOrder(), sampleShop(), u"Ксения"_s, 0);
        ReceiptPrintQueue queue;
        QSignalSpy printed(&queue, &ReceiptPrintQueue::printed);
        const int id =
            queue.enqueue(u"TVR-1-000042"_s, r.escPos(), u"127.0.0.1"_s, printer.serverPort());
        QVERIFY(printed.wait(10000));
        QCOMPARE(printed.first().at(0).toInt(), id);
        QTRY_COMPARE(received.size(), r.escPos().size());
        QCOMPARE(received, r.escPos());
        QVERIFY(received.startsWith("\x1b\x40\x1b\x74\x11")); // initialise, code page 866
        QVERIFY(received.endsWith("\x1d\x56\x42\x00"_ba)); // cut
        // Cyrillic in code page 866: "Молоко" = 8C AE AB AE AA AE.
        QVERIFY(received.contains("\x8c\xae\xab\xae\xaa\xae"));
        QVERIFY(received.contains(Receipt::toCp866(Money::format(24530))));
    }

    void aFailedPrintCanBePrintedAgain()
    {
        // A printer that is switched off: nobody listens on the port.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();

        ReceiptPrintQueue queue;
        QSignalSpy failed(&queue, &ReceiptPrintQueue::failed);
        QSignalSpy printed(&queue, &ReceiptPrintQueue::printed);
        const int id = queue.enqueue(u"TVR-1-000043"_s, "receipt\n", u"127.0.0.1"_s, port);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).toInt(), id);
        QVERIFY(!failed.first().at(2).toString().isEmpty());
        QCOMPARE(queue.failedJobs().size(), 1);

        // Switched on again: the reprint gets through.
        QTcpServer printer;
        QVERIFY(printer.listen(QHostAddress::LocalHost, port));
        QByteArray received;
        connect(&printer, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = printer.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, this, [&received, s] { received += s->readAll(); });
        });
        QVERIFY(queue.reprint(id));
        QVERIFY(printed.wait(10000));
        QTRY_COMPARE(received, QByteArray("receipt\n"));
        QVERIFY(queue.failedJobs().isEmpty());
        QVERIFY(!queue.reprint(id)); // nothing left to reprint
    }
};

QTEST_MAIN(TestReceipts)
#include "tst_receipts.moc"
