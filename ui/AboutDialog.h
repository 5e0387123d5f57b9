#pragma once

class QString;
class QWidget;

namespace shopdesk {

// The About box: version, Qt version, the database in use.
void showAboutDialog(QWidget *parent, const QString &databaseDescription);

} // namespace shopdesk
