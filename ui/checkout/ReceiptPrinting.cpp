#include "ReceiptPrinting.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPainter>
#include <QPrinter>

using namespace Qt::StringLiterals;

namespace shopdesk {

bool printReceipt(const Receipt &receipt, QPrinter *printer, QString *error)
{
    QPainter painter;
    if (!painter.begin(printer)) {
        if (error)
            *error = QCoreApplication::translate("ReceiptPrinting", "The printer cannot print.");
        return false;
    }
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(8); // 42 columns fit an 80 mm roll
    painter.setFont(font);
    const QFontMetricsF metrics(font, printer);
    const qreal lineHeight = metrics.lineSpacing();
    const qreal pageHeight = printer->pageLayout().paintRectPixels(printer->resolution()).height();
    qreal y = metrics.ascent();
    for (int i = 0; i < receipt.lines.size(); ++i) {
        if (y > pageHeight) {
            printer->newPage();
            y = metrics.ascent();
        }
        QFont lineFont = font;
        lineFont.setBold(i == receipt.boldLine);
        painter.setFont(lineFont);
        painter.drawText(QPointF(0, y), receipt.lines.at(i));
        y += lineHeight;
    }
    return painter.end();
}

bool printReceiptToPdf(const Receipt &receipt, const QString &path, QString *error)
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setDocName(receipt.lines.value(2).trimmed());
    // A receipt roll: 80 mm wide.
    printer.setPageSize(QPageSize(QSizeF(80, 200), QPageSize::Millimeter));
    printer.setPageMargins(QMarginsF(3, 3, 3, 3), QPageLayout::Millimeter);
    return printReceipt(receipt, &printer, error);
}

} // namespace shopdesk
