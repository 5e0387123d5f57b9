#include "IconStyle.h"

#include "Icons.h"

#include <QApplication>

#include <optional>

namespace shopdesk {

namespace {

std::optional<Icon> dialogButtonIcon(QStyle::StandardPixmap pixmap)
{
    switch (pixmap) {
    case QStyle::SP_DialogOkButton:
    case QStyle::SP_DialogYesButton:
    case QStyle::SP_DialogApplyButton:
        return Icon::Confirm;
    case QStyle::SP_DialogCancelButton:
    case QStyle::SP_DialogNoButton:
    case QStyle::SP_DialogAbortButton:
    case QStyle::SP_DialogDiscardButton:
        return Icon::Cancel;
    case QStyle::SP_DialogCloseButton:
        return Icon::Close;
    case QStyle::SP_DialogSaveButton:
        return Icon::Save;
    case QStyle::SP_DialogResetButton:
        return Icon::Retry;
    case QStyle::SP_DialogHelpButton:
        return Icon::About;
    default:
        return std::nullopt;
    }
}

} // namespace

QIcon IconStyle::standardIcon(StandardPixmap standardIcon, const QStyleOption *option,
                              const QWidget *widget) const
{
    if (const auto icon = dialogButtonIcon(standardIcon))
        return Icons::icon(*icon);
    return QProxyStyle::standardIcon(standardIcon, option, widget);
}

void installIconStyle()
{
    // QProxyStyle takes the current style as its base and QApplication takes
    // ownership of the proxy.
    QApplication::setStyle(new IconStyle(QApplication::style()->name()));
}

} // namespace shopdesk
