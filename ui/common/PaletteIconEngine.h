#pragma once

#include <QColor>
#include <QIconEngine>

namespace shopdesk {

// Draws one outline SVG (stroke="currentColor") in the application palette's
// colour for the icon's mode: text colour when normal, highlighted text when
// selected, the disabled text colour when disabled. Rendered at the exact
// pixel size asked for (no scaled bitmaps) and cached per size and colour.
class PaletteIconEngine final : public QIconEngine
{
public:
    explicit PaletteIconEngine(const QString &svgPath);

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                         qreal scale) override;
    QIconEngine *clone() const override;
    QString key() const override;
    bool isNull() override;

    // The colour the outlines take in `mode`, from the application palette.
    static QColor colorFor(QIcon::Mode mode);

private:
    QPixmap render(const QSize &pixels, const QColor &color) const;

    QString m_path;
};

} // namespace shopdesk
