#include "ReceiptPrinting.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPainter>
#include <QPrinter>

#include <zint.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace shopdesk {

bool drawCode128(QPainter *painter, const QRectF &area, const QString &text)
{
    // zint encodes; its vector output is bars in its own units, scaled here
    // to the area (centred, the bars as tall as the area).
    std::unique_ptr<zint_symbol, decltype(&ZBarcode_Delete)> symbol(ZBarcode_Create(),
                                                                    &ZBarcode_Delete);
    if (!symbol)
        return false;
    symbol->symbology = BARCODE_CODE128;
    symbol->show_hrt = 0; // the number is on the receipt already
    const QByteArray data = text.toLatin1();
    if (ZBarcode_Encode_and_Buffer_Vector(symbol.get(),
                                          reinterpret_cast<const unsigned char *>(data.constData()),
                                          int(data.size()), 0) >= ZINT_ERROR ||
        !symbol->vector || symbol->vector->width <= 0)
        return false;
    const qreal scale = area.width() / symbol->vector->width;
    const qreal left = area.left() + (area.width() - symbol->vector->width * scale) / 2;
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::black);
    for (const zint_vector_rect *bar = symbol->vector->rectangles; bar; bar = bar->next)
        painter->drawRect(
            QRectF(left + bar->x * scale, area.top(), bar->width * scale, area.height()));
    painter->restore();
    return true;
}

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
    if (!receipt.barcode.isEmpty()) {
        const qreal width = metrics.horizontalAdvance(QString(42, u'0'));
        const qreal height = lineHeight * 3;
        if (y + height > pageHeight) {
            printer->newPage();
            y = metrics.ascent();
        }
        drawCode128(&painter, QRectF(0, y, width, height), receipt.barcode);
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
