// shopdesk: the desktop application. Thin on purpose: everything it does
// lives in the libraries, where the tests can reach it.

#include "CommandLine.h"
#include "DeskApp.h"
#include "HeadlessSetup.h"
#include "Language.h"
#include "models/settings/AppSettings.h"
#include "ui/common/IconStyle.h"

#include <QApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    // --help, --version and --setup-only must work without a display.
    std::unique_ptr<QCoreApplication> app;
    if (shopdesk::commandLineNeedsNoWindow(arguments))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(u"ShopDesk"_s);
    QCoreApplication::setApplicationName(u"shopdesk"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(SHOPDESK_VERSION));
    QLoggingCategory::setFilterRules(u"shopdesk.*.debug=false"_s);

    // The language is a setting, and --data-dir or --settings say where the
    // settings are: read the command line once for that, install the
    // translations, then read it again so that its help and its errors are
    // translated too.
    shopdesk::DeskOptions options = shopdesk::parseCommandLine(arguments);
    if (!options.dataDir.isEmpty())
        shopdesk::AppSettings::useDataDir(options.dataDir);
    if (!options.settingsFile.isEmpty())
        shopdesk::AppSettings::setFilePath(options.settingsFile);
    shopdesk::installTranslations(shopdesk::AppSettings().language());
    options = shopdesk::parseCommandLine(arguments);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!options.error.isEmpty()) {
        err << "shopdesk: " << options.error << Qt::endl
            << QCoreApplication::translate("main", "Run \"shopdesk --help\" for the options.")
            << Qt::endl;
        return 2;
    }
    for (const QString &warning : std::as_const(options.warnings))
        err << "shopdesk: " << warning << Qt::endl;
    if (options.showHelp) {
        out << options.helpText;
        return 0;
    }
    if (options.showVersion) {
        out << "ShopDesk " << QCoreApplication::applicationVersion() << " (Qt " << qVersion() << ")"
            << Qt::endl;
        return 0;
    }
    if (options.setupOnly) {
        // The terminal shows the progress; the info log would repeat it.
        QLoggingCategory::setFilterRules(u"shopdesk.*.debug=false\nshopdesk.*.info=false"_s);
        return shopdesk::runHeadlessSetup(options);
    }

    QApplication::setWindowIcon(QIcon(u":/icons/shopdesk.png"_s));
    QApplication::setApplicationDisplayName(u"ShopDesk"_s);
    shopdesk::installIconStyle();
    shopdesk::DeskApp desk(options);
    return desk.run();
}
