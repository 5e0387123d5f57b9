#include "LabelRenderer.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPrinter>
#include <QTextLayout>
#include <QTextOption>

#include <zint.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

using Symbol = std::unique_ptr<zint_symbol, decltype(&ZBarcode_Delete)>;

// `text` wrapped into `width` on at most `maxLines` lines, the last one
// elided when the rest does not fit; `complete` says whether all of it did.
QStringList wrapped(const QString &text, const QFont &font, QPaintDevice *device, qreal width,
                    int maxLines, bool *complete)
{
    QStringList lines;
    *complete = true;
    QTextLayout layout(text, font, device);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        if (lines.size() == maxLines - 1) {
            const QString rest = text.mid(line.textStart());
            const QString elided =
                QFontMetricsF(font, device).elidedText(rest, Qt::ElideRight, width);
            *complete = elided == rest && line.textStart() + line.textLength() >= text.size();
            lines << elided.trimmed();
            break;
        }
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

QFont sized(QFont font, qreal pixels)
{
    font.setPixelSize(std::max(1, qRound(pixels)));
    return font;
}

// The name at the biggest size that fits `area` whole, down to a size of
// which three lines fit; elided at that size when even that is too long.
void paintName(QPainter *painter, const QRectF &area, const QString &name)
{
    QFont font = painter->font();
    font.setBold(true);
    const qreal largest = area.height() / 2;
    const qreal smallest = area.height() / 3.6;
    QStringList lines;
    QFont chosen;
    for (qreal pixels = largest;; pixels *= 0.9) {
        pixels = std::max(pixels, smallest);
        chosen = sized(font, pixels);
        const QFontMetricsF metrics(chosen, painter->device());
        const int maxLines = std::max(1, int(area.height() / metrics.lineSpacing()));
        bool complete = false;
        lines = wrapped(name, chosen, painter->device(), area.width(), maxLines, &complete);
        if (complete || pixels <= smallest)
            break;
    }
    painter->setFont(chosen);
    const QFontMetricsF metrics(chosen, painter->device());
    qreal y = area.top() + metrics.ascent();
    for (const QString &line : std::as_const(lines)) {
        painter->drawText(QPointF(area.left(), y), line);
        y += metrics.lineSpacing();
    }
}

// `text` in one line at the biggest size up to `pixels` that fits `width`.
QFont fitted(const QFont &font, const QString &text, qreal pixels, qreal width,
             QPaintDevice *device)
{
    QFont result = sized(font, pixels);
    const qreal advance = QFontMetricsF(result, device).horizontalAdvance(text);
    if (advance > width && advance > 0)
        result = sized(font, pixels * width / advance * 0.98);
    return result;
}

Symbol encode(const QByteArray &digits, float height)
{
    Symbol symbol(ZBarcode_Create(), &ZBarcode_Delete);
    if (!symbol)
        return symbol;
    symbol->symbology = BARCODE_EANX;
    symbol->show_hrt = 1;
    symbol->output_options |= BARCODE_QUIET_ZONES; // a scanner needs them
    symbol->height = height;
    if (ZBarcode_Encode(symbol.get(), reinterpret_cast<const unsigned char *>(digits.constData()),
                        int(digits.size())) >= ZINT_ERROR ||
        ZBarcode_Buffer_Vector(symbol.get(), 0) >= ZINT_ERROR || !symbol->vector ||
        symbol->vector->width <= 0 || symbol->vector->height <= 0)
        symbol.reset();
    return symbol;
}

} // namespace

bool LabelRenderer::paintEan13(QPainter *painter, const QRectF &area, const QString &digits)
{
    // zint computes the check digit from the first twelve (the same one: the
    // label's EAN-13 is valid).
    const QByteArray data = digits.left(12).toLatin1();
    constexpr float kDefaultHeight = 50;
    Symbol symbol = encode(data, kDefaultHeight);
    if (!symbol)
        return false;
    // The bars as tall as the area allows under the digits, in zint's units.
    const qreal textHeight = symbol->vector->height - kDefaultHeight;
    const qreal wanted = area.height() / area.width() * symbol->vector->width - textHeight;
    const float barHeight = float(std::clamp(wanted, 15.0, 80.0));
    if (barHeight != kDefaultHeight) {
        symbol = encode(data, barHeight);
        if (!symbol)
            return false;
    }
    const zint_vector &vector = *symbol->vector;
    const qreal scale = std::min(area.width() / vector.width, area.height() / vector.height);
    const QPointF origin(area.left(), area.top() + (area.height() - vector.height * scale) / 2);
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::black);
    for (const zint_vector_rect *bar = vector.rectangles; bar; bar = bar->next)
        painter->drawRect(QRectF(origin.x() + bar->x * scale, origin.y() + bar->y * scale,
                                 bar->width * scale, bar->height * scale));
    painter->setPen(Qt::black);
    QFont font = painter->font();
    font.setBold(false);
    for (const zint_vector_string *string = vector.strings; string; string = string->next) {
        const QString text =
            QString::fromLatin1(reinterpret_cast<const char *>(string->text), string->length);
        painter->setFont(sized(font, string->fsize * scale));
        const qreal width =
            QFontMetricsF(painter->font(), painter->device()).horizontalAdvance(text);
        qreal x = origin.x() + string->x * scale; // zint: the centre, the start or the end
        if (string->halign == 0)
            x -= width / 2;
        else if (string->halign == 2)
            x -= width;
        painter->drawText(QPointF(x, origin.y() + string->y * scale), text); // y: the baseline
    }
    painter->restore();
    return true;
}

void LabelRenderer::paintLabel(QPainter *painter, const QRectF &area, qreal dotsPerMm,
                               const ShelfLabel &label)
{
    const qreal padding = 1.5 * dotsPerMm;
    const QRectF inner = area.adjusted(padding, padding, -padding, -padding);
    const QRectF nameArea(inner.topLeft(), QSizeF(inner.width(), inner.height() * 0.30));
    const QRectF priceArea(nameArea.bottomLeft(), QSizeF(inner.width(), inner.height() * 0.32));
    const QRectF bottom(priceArea.bottomLeft(), inner.bottomRight());
    painter->save();
    painter->setPen(Qt::black);
    QFont base(u"DejaVu Sans"_s);
    base.setStyleHint(QFont::SansSerif);
    painter->setFont(base);

    paintName(painter, nameArea, label.name);

    // The price as big as its band allows, "per kg" after it.
    const QString unit = label.unitText();
    const QFont unitFont = sized(base, priceArea.height() * 0.3);
    const qreal unitWidth = unit.isEmpty()
        ? 0
        : QFontMetricsF(unitFont, painter->device()).horizontalAdvance(unit) + dotsPerMm;
    QFont priceFont = base;
    priceFont.setBold(true);
    priceFont = fitted(priceFont, label.priceText(), priceArea.height() * 1.05,
                       priceArea.width() - unitWidth, painter->device());
    const QFontMetricsF priceMetrics(priceFont, painter->device());
    const qreal baseline = priceArea.bottom() - priceMetrics.descent() * 0.5;
    painter->setFont(priceFont);
    painter->drawText(QPointF(priceArea.left(), baseline), label.priceText());
    if (!unit.isEmpty()) {
        painter->setFont(unitFont);
        painter->drawText(QPointF(priceArea.left() +
                                      priceMetrics.horizontalAdvance(label.priceText()) + dotsPerMm,
                                  baseline),
                          unit);
    }

    // The barcode on the left of the bottom band, the PLU and date right.
    qreal textLeft = bottom.left();
    const QRectF barcodeArea(bottom.left(), bottom.top() + dotsPerMm,
                             std::min(bottom.width() * 0.62, bottom.height() * 3.2),
                             bottom.height() - dotsPerMm);
    if (!label.ean13.isEmpty() && paintEan13(painter, barcodeArea, label.ean13))
        textLeft = barcodeArea.right() + dotsPerMm;
    const QRectF textArea(QPointF(textLeft, bottom.top()), bottom.bottomRight());
    // Each line as big as the band allows, smaller when it is too long.
    const qreal smallPixels = std::min(bottom.height() / 4.5, 3.2 * dotsPerMm);
    const QString plu = tr("PLU %1").arg(label.plu);
    const QString date = label.dateText();
    const QFont pluFont = fitted(base, plu, smallPixels, textArea.width(), painter->device());
    const QFont dateFont = fitted(base, date, smallPixels, textArea.width(), painter->device());
    const QFontMetricsF pluMetrics(pluFont, painter->device());
    const QFontMetricsF dateMetrics(dateFont, painter->device());
    const qreal dateBaseline = textArea.bottom() - dateMetrics.descent();
    painter->setFont(dateFont);
    painter->drawText(QPointF(textArea.right() - dateMetrics.horizontalAdvance(date), dateBaseline),
                      date);
    painter->setFont(pluFont);
    painter->drawText(
        QPointF(textArea.right() - pluMetrics.horizontalAdvance(plu),
                dateBaseline - dateMetrics.ascent() - pluMetrics.descent() - 0.5 * dotsPerMm),
        plu);
    painter->restore();
}

bool LabelRenderer::preparePage(QPagedPaintDevice *device) const
{
    if (auto *printer = dynamic_cast<QPrinter *>(device))
        printer->setFullPage(true); // the layout's margins are the only ones
    // A page size is given upright; a label wider than high is its landscape.
    const QSizeF size = m_layout.pageSizeMm();
    const bool landscape = size.width() > size.height();
    const QPageSize pageSize(landscape ? size.transposed() : size, QPageSize::Millimeter, QString(),
                             QPageSize::ExactMatch);
    const auto orientation = landscape ? QPageLayout::Landscape : QPageLayout::Portrait;
    return device->setPageLayout(
        QPageLayout(pageSize, orientation, QMarginsF(), QPageLayout::Millimeter));
}

bool LabelRenderer::render(QPagedPaintDevice *device, const QList<ShelfLabel> &labels,
                           QString *error, const Progress &progress) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (const auto invalid = m_layout.validate())
        return fail(invalid->message);
    if (labels.isEmpty())
        return fail(tr("There are no labels to print."));
    if (!preparePage(device))
        return fail(tr("The printer does not take paper of %1 × %2 mm.")
                        .arg(m_layout.pageSizeMm().width())
                        .arg(m_layout.pageSizeMm().height()));
    QPainter painter;
    if (!painter.begin(device))
        return fail(tr("The printer or file cannot be written to."));
    const qreal dotsPerMm = device->logicalDpiX() / 25.4;
    const int perPage = m_layout.labelsPerPage();
    for (int i = 0; i < labels.size(); ++i) {
        const int slot = i % perPage;
        if (i > 0 && slot == 0 && !device->newPage()) {
            painter.end();
            return fail(tr("The printer or file cannot take another page."));
        }
        const QRectF mm = m_layout.labelRectMm(slot);
        const QRectF area(mm.x() * dotsPerMm, mm.y() * dotsPerMm, mm.width() * dotsPerMm,
                          mm.height() * dotsPerMm);
        if (m_layout.kind == LabelLayout::Kind::Sheet) {
            // A light frame to cut along.
            painter.setPen(QPen(Qt::lightGray, 0.2 * dotsPerMm));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(area);
        }
        paintLabel(&painter, area, dotsPerMm, labels.at(i));
        if (progress && !progress(i + 1)) {
            painter.end();
            return fail(tr("Printing was stopped."));
        }
    }
    if (!painter.end())
        return fail(tr("The printer or file cannot be written to."));
    return true;
}

} // namespace shopdesk
