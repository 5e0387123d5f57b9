#pragma once

#include "Icons.h"

#include <QKeySequence>
#include <QToolBar>

namespace shopdesk {

// The row of actions at the top of every page, under its title: icon and
// text on each button, the shortcut in its tooltip. The actions belong to
// the page as well (QWidget::actions()), so their keys work wherever the
// focus is on the page, and only while the page is shown.
class PageToolBar : public QToolBar
{
    Q_OBJECT
public:
    explicit PageToolBar(QWidget *page);

    // An action with its icon, text (with its & mnemonic) and shortcut.
    // Qt::WindowShortcut: the key works even when the focus is outside the
    // page (in the navigation), for keys that change nothing.
    QAction *addPageAction(Icon icon, const QString &text, const QKeySequence &shortcut = {},
                           Qt::ShortcutContext context = Qt::WidgetWithChildrenShortcut);

    // The same, triggering `slot` of `receiver` (a member function or a lambda).
    template<typename Receiver, typename Slot>
    QAction *addPageAction(Icon icon, const QString &text, const QKeySequence &shortcut,
                           Receiver *receiver, Slot slot,
                           Qt::ShortcutContext context = Qt::WidgetWithChildrenShortcut)
    {
        QAction *action = addPageAction(icon, text, shortcut, context);
        connect(action, &QAction::triggered, receiver, slot);
        return action;
    }

    // Names the action and its button alike, for tests and the screenshot
    // driver.
    void setName(QAction *action, const QString &name);

    // "Adjust… (Ctrl+E)": the action's text without its mnemonic, and its key.
    static QString toolTipFor(const QString &text, const QKeySequence &shortcut);

private:
    QWidget *m_page;
};

} // namespace shopdesk
