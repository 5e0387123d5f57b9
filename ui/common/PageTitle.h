#pragma once

class QLabel;
class QString;
class QWidget;

namespace shopdesk {

// The large bold heading at the top of every page (object name "pageTitle").
QLabel *createPageTitle(const QString &text, QWidget *parent);

} // namespace shopdesk
