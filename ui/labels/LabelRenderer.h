#pragma once

#include "models/labels/LabelLayout.h"
#include "models/labels/ShelfLabel.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>

class QPagedPaintDevice;
class QPainter;
class QRectF;

namespace shopdesk {

// Paints shelf labels onto any paged device: a QPdfWriter for a PDF, a
// QPrinter for a printer. Each label has the product's name (wrapped on up
// to three lines, elided past them, never cut), its price ("per kg" for
// goods sold by weight), the EAN-13 as vector bars from zint with its
// digits, the PLU and the date. Text stays text, so a PDF can be searched.
class LabelRenderer
{
    Q_DECLARE_TR_FUNCTIONS(LabelRenderer)
public:
    // Called after each label with how many are done; false stops the run.
    using Progress = std::function<bool(int done)>;

    explicit LabelRenderer(LabelLayout layout) : m_layout(std::move(layout)) { }

    // Sets the device's paper to the layout's (A4 or the roll's label, no
    // margins) and paints every label, page after page. False with the
    // reason in `error` when the layout is invalid, the device cannot be
    // painted on, or `progress` stopped it (the device is then left as it
    // is: the caller discards the file or aborts the printer).
    bool render(QPagedPaintDevice *device, const QList<ShelfLabel> &labels, QString *error,
                const Progress &progress = {}) const;

    // The layout's paper on `device` (no margins); false when it refuses it.
    bool preparePage(QPagedPaintDevice *device) const;

    // One label inside `area` (device units; `dotsPerMm` converts).
    static void paintLabel(QPainter *painter, const QRectF &area, qreal dotsPerMm,
                           const ShelfLabel &label);
    // The EAN-13 `digits` as zint's vector bars and digits, scaled into
    // `area` whole; false when zint refuses the digits.
    static bool paintEan13(QPainter *painter, const QRectF &area, const QString &digits);

private:
    LabelLayout m_layout;
};

} // namespace shopdesk
