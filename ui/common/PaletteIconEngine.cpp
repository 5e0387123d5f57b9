#include "PaletteIconEngine.h"

#include <QFile>
#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

// The SVG text of each icon, read once: icons are drawn on every repaint.
QByteArray svgSource(const QString &path)
{
    static QHash<QString, QByteArray> sources;
    auto found = sources.constFind(path);
    if (found != sources.cend())
        return found.value();
    QFile file(path);
    const QByteArray text = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    sources.insert(path, text);
    return text;
}

} // namespace

PaletteIconEngine::PaletteIconEngine(const QString &svgPath) : m_path(svgPath) { }

QColor PaletteIconEngine::colorFor(QIcon::Mode mode)
{
    const QPalette palette = QGuiApplication::palette();
    switch (mode) {
    case QIcon::Disabled:
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    case QIcon::Selected:
        return palette.color(QPalette::Active, QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active:
        break;
    }
    return palette.color(QPalette::Active, QPalette::WindowText);
}

QPixmap PaletteIconEngine::render(const QSize &pixels, const QColor &color) const
{
    if (pixels.isEmpty())
        return {};
    const QString cacheKey = u"shopdesk-icon:%1:%2x%3:%4"_s.arg(
        m_path, QString::number(pixels.width()), QString::number(pixels.height()),
        color.name(QColor::HexArgb));
    QPixmap pixmap;
    if (QPixmapCache::find(cacheKey, &pixmap))
        return pixmap;

    QByteArray svg = svgSource(m_path);
    svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(svg);
    pixmap = QPixmap(pixels);
    pixmap.fill(Qt::transparent);
    if (renderer.isValid()) {
        // The set is square; a non-square request gets the icon centred.
        const int side = qMin(pixels.width(), pixels.height());
        const QRectF target((pixels.width() - side) / 2.0, (pixels.height() - side) / 2.0, side,
                            side);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setOpacity(color.alphaF());
        renderer.render(&painter, target);
    }
    QPixmapCache::insert(cacheKey, pixmap);
    return pixmap;
}

void PaletteIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode,
                              QIcon::State state)
{
    const qreal scale = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->drawPixmap(rect, scaledPixmap(rect.size() * scale, mode, state, scale));
}

QPixmap PaletteIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State)
{
    return render(size, colorFor(mode));
}

// `size` is in device pixels already (QIcon::pixmap() multiplies it by the scale).
QPixmap PaletteIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State,
                                        qreal scale)
{
    QPixmap pixmap = render(size, colorFor(mode));
    pixmap.setDevicePixelRatio(scale);
    return pixmap;
}

QIconEngine *PaletteIconEngine::clone() const
{
    return new PaletteIconEngine(m_path);
}

QString PaletteIconEngine::key() const
{
    return u"shopdesk.palette-svg"_s;
}

bool PaletteIconEngine::isNull()
{
    return svgSource(m_path).isEmpty();
}

} // namespace shopdesk
