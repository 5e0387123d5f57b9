#pragma once

#include "models/core/StoreError.h"

#include <QCoreApplication>
#include <QRectF>
#include <QSizeF>

#include <optional>

namespace shopdesk {

// Where shelf labels go on paper, in millimetres: a grid on A4 sheets
// (columns × rows inside the margins, a gap between labels), or a roll of
// labels one per page (a label printer's 58 × 40 mm, say). Kept in the
// settings (AppSettings::labelLayout).
struct LabelLayout
{
    Q_DECLARE_TR_FUNCTIONS(LabelLayout)
public:
    enum class Kind { Sheet, Roll };

    static constexpr double kA4WidthMm = 210;
    static constexpr double kA4HeightMm = 297;
    // Smaller than this, a name, a price and a scannable EAN-13 do not fit.
    static constexpr double kMinLabelWidthMm = 30;
    static constexpr double kMinLabelHeightMm = 20;
    static constexpr double kMaxRollMm = 300;
    static constexpr int kMaxGrid = 20;

    Kind kind = Kind::Sheet;
    // Sheet: an A4 page.
    int columns = 3;
    int rows = 7;
    double marginMm = 10; // on every side of the page
    double gapMm = 2; // between neighbouring labels
    // Roll: one label per page.
    double labelWidthMm = 58;
    double labelHeightMm = 40;

    // The paper of one page.
    QSizeF pageSizeMm() const;
    int labelsPerPage() const;
    QSizeF labelSizeMm() const;
    // The label `index` (0 .. labelsPerPage() - 1) on its page, row by row.
    QRectF labelRectMm(int index) const;

    // Nothing, or what is wrong with the layout, naming the field
    // ("columns", "rows", "margin", "gap", "labelWidth", "labelHeight"):
    // a grid whose labels would not fit on the page or be too small to read.
    std::optional<StoreError> validate() const;

    bool operator==(const LabelLayout &other) const = default;
};

} // namespace shopdesk
