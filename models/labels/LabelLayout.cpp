#include "LabelLayout.h"

#include <QLocale>

namespace shopdesk {

QSizeF LabelLayout::pageSizeMm() const
{
    if (kind == Kind::Roll)
        return {labelWidthMm, labelHeightMm};
    return {kA4WidthMm, kA4HeightMm};
}

int LabelLayout::labelsPerPage() const
{
    return kind == Kind::Roll ? 1 : columns * rows;
}

QSizeF LabelLayout::labelSizeMm() const
{
    if (kind == Kind::Roll)
        return {labelWidthMm, labelHeightMm};
    const double width = (kA4WidthMm - 2 * marginMm - (columns - 1) * gapMm) / columns;
    const double height = (kA4HeightMm - 2 * marginMm - (rows - 1) * gapMm) / rows;
    return {width, height};
}

QRectF LabelLayout::labelRectMm(int index) const
{
    const QSizeF size = labelSizeMm();
    if (kind == Kind::Roll)
        return {QPointF(0, 0), size};
    const int column = index % columns;
    const int row = index / columns;
    return {QPointF(marginMm + column * (size.width() + gapMm),
                    marginMm + row * (size.height() + gapMm)),
            size};
}

std::optional<StoreError> LabelLayout::validate() const
{
    const QLocale locale;
    const auto mm = [&locale](double value) -> QString {
        return locale.toString(value, 'f', 0);
    };
    if (kind == Kind::Roll) {
        if (!(labelWidthMm >= kMinLabelWidthMm && labelWidthMm <= kMaxRollMm))
            return StoreError::invalid(QStringLiteral("labelWidth"),
                                       tr("The label width must be between %1 and %2 mm.")
                                           .arg(mm(kMinLabelWidthMm), mm(kMaxRollMm)));
        if (!(labelHeightMm >= kMinLabelHeightMm && labelHeightMm <= kMaxRollMm))
            return StoreError::invalid(QStringLiteral("labelHeight"),
                                       tr("The label height must be between %1 and %2 mm.")
                                           .arg(mm(kMinLabelHeightMm), mm(kMaxRollMm)));
        return std::nullopt;
    }
    if (columns < 1 || columns > kMaxGrid)
        return StoreError::invalid(QStringLiteral("columns"),
                                   tr("The columns must be between 1 and %1.").arg(kMaxGrid));
    if (rows < 1 || rows > kMaxGrid)
        return StoreError::invalid(QStringLiteral("rows"),
                                   tr("The rows must be between 1 and %1.").arg(kMaxGrid));
    if (!(marginMm >= 0 && marginMm <= 50))
        return StoreError::invalid(QStringLiteral("margin"),
                                   tr("The margin must be between 0 and 50 mm."));
    if (!(gapMm >= 0 && gapMm <= 50))
        return StoreError::invalid(QStringLiteral("gap"),
                                   tr("The gap must be between 0 and 50 mm."));
    const QSizeF size = labelSizeMm();
    if (size.width() < kMinLabelWidthMm)
        return StoreError::invalid(
            QStringLiteral("columns"),
            tr("%Ln columns do not fit across an A4 page with these margins and gaps: "
               "each label would be %1 mm wide, at least %2 mm are needed.",
               nullptr, columns)
                .arg(locale.toString(size.width(), 'f', 1), mm(kMinLabelWidthMm)));
    if (size.height() < kMinLabelHeightMm)
        return StoreError::invalid(
            QStringLiteral("rows"),
            tr("%Ln rows do not fit down an A4 page with these margins and gaps: "
               "each label would be %1 mm high, at least %2 mm are needed.",
               nullptr, rows)
                .arg(locale.toString(size.height(), 'f', 1), mm(kMinLabelHeightMm)));
    return std::nullopt;
}

} // namespace shopdesk
