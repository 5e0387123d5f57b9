#include "PageToolBar.h"

#include <QAction>

using namespace Qt::StringLiterals;

namespace shopdesk {

PageToolBar::PageToolBar(QWidget *page) : QToolBar(page), m_page(page)
{
    setObjectName(u"pageToolBar"_s);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(20, 20));
    setMovable(false);
    setFloatable(false);
}

QString PageToolBar::toolTipFor(const QString &text, const QKeySequence &shortcut)
{
    QString plain = text;
    // "&&" is a literal ampersand; a single "&" marks the mnemonic.
    plain.replace(u"&&"_s, u"\x01"_s).remove(u'&').replace(u'\x01', u'&');
    if (shortcut.isEmpty())
        return plain;
    return u"%1 (%2)"_s.arg(plain, shortcut.toString(QKeySequence::NativeText));
}

QAction *PageToolBar::addPageAction(Icon icon, const QString &text, const QKeySequence &shortcut,
                                    Qt::ShortcutContext context)
{
    QAction *action = addAction(Icons::icon(icon), text);
    action->setShortcut(shortcut);
    action->setShortcutContext(context);
    action->setToolTip(toolTipFor(text, shortcut));
    m_page->addAction(action);
    return action;
}

void PageToolBar::setName(QAction *action, const QString &name)
{
    action->setObjectName(name);
    if (QWidget *button = widgetForAction(action))
        button->setObjectName(name);
}

} // namespace shopdesk
