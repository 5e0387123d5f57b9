#include "AboutDialog.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QString>
#include <QWidget>

namespace shopdesk {

void showAboutDialog(QWidget *parent, const QString &databaseDescription)
{
    const QString text =
        QCoreApplication::translate(
            "AboutDialog",
            "<h3>ShopDesk %1</h3>"
            "<p>Point of sale and back office for shops: checkout, stock, customers, "
            "history and reports, with sync to head office.</p>"
            "<p>Built with Qt %2 (running on Qt %3).<br>Database: %4</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(QT_VERSION_STR),
                 QString::fromLatin1(qVersion()), databaseDescription.toHtmlEscaped());
    QMessageBox::about(parent, QCoreApplication::translate("AboutDialog", "About ShopDesk"), text);
}

} // namespace shopdesk
