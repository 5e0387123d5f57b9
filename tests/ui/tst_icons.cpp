#include "ui/common/IconStyle.h"
#include "ui/common/Icons.h"
#include "ui/common/PageToolBar.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QImage>
#include <QLineEdit>
#include <QPalette>
#include <QProxyStyle>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

// The colour of the most opaque pixel: what the outlines were drawn in
// (the anti-aliased edges around them are fainter).
QColor strokeColor(const QPixmap &pixmap)
{
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    QColor best(Qt::transparent);
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() > best.alpha())
                best = c;
        }
    return best;
}

int opaquePixels(const QPixmap &pixmap)
{
    const QImage image = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += qAlpha(image.pixel(x, y)) > 0;
    return n;
}

} // namespace

// The bundled icon set: every id draws, in the palette's colours, at the
// sizes the window uses; the page toolbar shows icon, text and key.
class TestIcons : public QObject
{
    Q_OBJECT

    QPalette m_palette;

private slots:
    void initTestCase() { m_palette = QApplication::palette(); }
    void cleanup() { QApplication::setPalette(m_palette); }

    void everyIconDrawsAtEverySize()
    {
        QVERIFY(!Icons::all().isEmpty());
        for (Icon id : Icons::all()) {
            const QIcon icon = Icons::icon(id);
            QVERIFY2(!icon.isNull(), qPrintable(Icons::resourcePath(id)));
            for (int side : {16, 24, 32, 48}) {
                const QPixmap pixmap = icon.pixmap(QSize(side, side));
                QCOMPARE(pixmap.size(), QSize(side, side)); // drawn at that size, not scaled
                const int drawn = opaquePixels(pixmap);
                QVERIFY2(drawn > 0 && drawn < side * side, qPrintable(Icons::resourcePath(id)));
            }
        }
    }

    void highDpiScreensGetSharperPixmaps()
    {
        const QPixmap pixmap = Icons::icon(Icon::Stock).pixmap(QSize(24, 24), 2.0);
        QCOMPARE(pixmap.size(), QSize(48, 48));
        QCOMPARE(pixmap.devicePixelRatio(), 2.0);
    }

    void iconsTakeThePalettesColours()
    {
        QPalette palette = m_palette;
        palette.setColor(QPalette::Active, QPalette::WindowText, QColor(0x12, 0x34, 0x56));
        palette.setColor(QPalette::Inactive, QPalette::WindowText, QColor(0x12, 0x34, 0x56));
        palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xaa, 0xbb, 0xcc));
        palette.setColor(QPalette::Active, QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
        QApplication::setPalette(palette);
        const QIcon icon = Icons::icon(Icon::Export);
        const QSize size(48, 48);
        QCOMPARE(strokeColor(icon.pixmap(size)).rgb(), QColor(0x12, 0x34, 0x56).rgb());
        QCOMPARE(strokeColor(icon.pixmap(size, QIcon::Disabled)).rgb(),
                 QColor(0xaa, 0xbb, 0xcc).rgb());
        QCOMPARE(strokeColor(icon.pixmap(size, QIcon::Selected)).rgb(), QColor(Qt::white).rgb());

        // A dark palette: the same icon follows it.
        palette.setColor(QPalette::Active, QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        QApplication::setPalette(palette);
        QCOMPARE(strokeColor(icon.pixmap(size)).rgb(), QColor(0xee, 0xee, 0xee).rgb());
    }

    void everyIdHasItsOwnPicture()
    {
        // One meaning, one icon: no two ids share a file (the pages least of all).
        QSet<QString> files;
        for (Icon id : Icons::all())
            files.insert(Icons::resourcePath(id));
        QCOMPARE(files.size(), Icons::all().size());
        const QList<Icon> pages {Icon::Checkout,  Icon::Stock,  Icon::History,
                                 Icon::Customers, Icon::Orders, Icon::Reports,
                                 Icon::Sync,      Icon::Staff,  Icon::Settings};
        QSet<QByteArray> pictures;
        for (Icon id : pages) {
            const QImage image = Icons::icon(id).pixmap(24, 24).toImage();
            pictures.insert(
                QByteArray(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes()));
        }
        QCOMPARE(pictures.size(), pages.size());
    }

    void toolbarActionsShowIconTextAndKey()
    {
        QWidget page;
        auto *toolbar = new PageToolBar(&page);
        auto *field = new QLineEdit(&page); // somewhere on the page to type
        field->move(0, 60);
        int exported = 0;
        QAction *action = toolbar->addPageAction(Icon::Export, u"E&xport CSV…"_s,
                                                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                                 &page, [&exported] { ++exported; });
        toolbar->setName(action, u"exportThings"_s);
        QVERIFY(!action->icon().isNull());
        QCOMPARE(
            action->toolTip(),
            u"Export CSV… (%1)"_s.arg(
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S).toString(QKeySequence::NativeText)));
        QVERIFY(page.actions().contains(action)); // the page's keys
        auto *button = page.findChild<QToolButton *>(u"exportThings"_s);
        QVERIFY(button);
        QCOMPARE(button->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
        QCOMPARE(page.findChild<QAction *>(u"exportThings"_s), action);
        QCOMPARE(PageToolBar::toolTipFor(u"Save && &close"_s, {}), u"Save & close"_s);

        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        button->click();
        QCOMPARE(exported, 1);
        field->setFocus();
        QTest::keyClick(field, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(exported, 2);
    }

    // OK, Cancel, Close… in every dialog: ShopDesk's icons, not the theme's.
    void dialogButtonsShowTheBundledIcons()
    {
        const QString baseStyle = QApplication::style()->name();
        installIconStyle();
        // Over the style Qt chose: the look is unchanged otherwise.
        auto *proxy = qobject_cast<QProxyStyle *>(QApplication::style());
        QVERIFY(proxy);
        QCOMPARE(proxy->baseStyle()->name(), baseStyle);
        const auto picture = [](const QIcon &icon) {
            return icon.pixmap(24, 24).toImage();
        };
        QStyle *style = QApplication::style();
        QCOMPARE(picture(style->standardIcon(QStyle::SP_DialogOkButton)),
                 picture(Icons::icon(Icon::Confirm)));
        QCOMPARE(picture(style->standardIcon(QStyle::SP_DialogCancelButton)),
                 picture(Icons::icon(Icon::Cancel)));
        QCOMPARE(picture(style->standardIcon(QStyle::SP_DialogCloseButton)),
                 picture(Icons::icon(Icon::Close)));
        QCOMPARE(picture(style->standardIcon(QStyle::SP_DialogSaveButton)),
                 picture(Icons::icon(Icon::Save)));
        // Icons that are not a dialog button's stay the style's.
        QVERIFY(!style->standardIcon(QStyle::SP_MessageBoxWarning).isNull());
        QVERIFY(picture(style->standardIcon(QStyle::SP_MessageBoxWarning)) !=
                picture(Icons::icon(Icon::Cancel)));
        // Where the platform puts icons on dialog buttons, a button box shows ours.
        QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        if (style->styleHint(QStyle::SH_DialogButtonBox_ButtonsHaveIcons))
            QCOMPARE(picture(box.button(QDialogButtonBox::Cancel)->icon()),
                     picture(Icons::icon(Icon::Cancel)));
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
