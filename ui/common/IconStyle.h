#pragma once

#include <QProxyStyle>

namespace shopdesk {

// The application style with ShopDesk's own icons where Qt would draw the
// style's: the buttons of every QDialogButtonBox (OK, Cancel, Close, Save…)
// get the bundled Lucide icons, so a dialog's Cancel looks like the
// toolbars' Cancel instead of the platform theme's red cross. Everything
// else is the base style's.
class IconStyle : public QProxyStyle
{
    Q_OBJECT
public:
    using QProxyStyle::QProxyStyle;

    QIcon standardIcon(StandardPixmap standardIcon, const QStyleOption *option = nullptr,
                       const QWidget *widget = nullptr) const override;
};

// Makes IconStyle the application's style, over the style Qt chose
// (or -style on the command line). Call once the QApplication exists.
void installIconStyle();

} // namespace shopdesk
