#include "PageTitle.h"

#include <QLabel>

namespace shopdesk {

QLabel *createPageTitle(const QString &text, QWidget *parent)
{
    auto *heading = new QLabel(text, parent);
    heading->setObjectName(QStringLiteral("pageTitle"));
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    heading->setFont(font);
    return heading;
}

} // namespace shopdesk
