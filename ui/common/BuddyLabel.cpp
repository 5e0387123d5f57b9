#include "BuddyLabel.h"

#include <QLabel>

namespace shopdesk {

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace shopdesk
