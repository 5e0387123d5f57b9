// shopdesk-screenshots: the README's screenshots from the real main window.
// scripts/screenshots builds it, prepares a throwaway demo database (and a
// central to sync with) and runs it under Xvfb on the xcb platform.

#include "Language.h"
#include "ScreenshotDriver.h"
#include "models/db/Database.h"
#include "models/settings/AppSettings.h"
#include "models/setup/DatabaseStartup.h"
#include "ui/common/IconStyle.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThreadPool>
#include <QtConcurrent>

#include <memory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"ShopDesk"_s);
    QCoreApplication::setApplicationName(u"shopdesk"_s);
    QApplication::setApplicationDisplayName(u"ShopDesk"_s);
    shopdesk::installIconStyle();

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Saves the README's screenshots of ShopDesk."_s);
    parser.addHelpOption();
    const QCommandLineOption dataDir(
        u"data-dir"_s,
        u"Start ShopDesk's built-in database in this folder, with demo data, as "
        "shopdesk --demo --data-dir does."_s,
        u"dir"_s);
    const QCommandLineOption db(u"db"_s, u"Or a database with demo data (postgresql://…)."_s,
                                u"url"_s);
    const QCommandLineOption out(u"out"_s, u"Where the PNG files go."_s, u"dir"_s);
    const QCommandLineOption language(u"language"_s, u"en or ru."_s, u"code"_s, u"en"_s);
    const QCommandLineOption central(u"central-url"_s, u"shopdesk-central to sync with."_s,
                                     u"url"_s);
    const QCommandLineOption token(
        u"central-token"_s, u"The shop's token (shopdesk-central --issue-token)."_s, u"token"_s);
    parser.addOptions({dataDir, db, out, language, central, token});
    parser.addPositionalArgument(u"image"_s, u"Only these images (e.g. stock checkout)."_s,
                                 u"[image...]"_s);
    parser.process(app);

    QLoggingCategory::setFilterRules(u"shopdesk.*.debug=false\nshopdesk.sync.*.info=false"_s);
    QTextStream err(stderr);
    if (parser.isSet(dataDir) == parser.isSet(db) || !parser.isSet(out)) {
        err << "shopdesk-screenshots: give --data-dir DIR or --db URL, and --out DIR" << Qt::endl;
        return 2;
    }
    shopdesk::ScreenshotDriver::Options options;
    options.outputDir = parser.value(out);
    options.centralUrl = parser.value(central);
    options.centralToken = parser.value(token);
    options.only = parser.positionalArguments();
    for (const QString &image : std::as_const(options.only)) {
        if (!shopdesk::ScreenshotDriver::imageNames().contains(image)) {
            err << "shopdesk-screenshots: no image " << image << "; there are "
                << shopdesk::ScreenshotDriver::imageNames().join(u", "_s) << Qt::endl;
            return 2;
        }
    }

    // A settings file of its own: the images never depend on (or change) the
    // settings of whoever runs it.
    QTemporaryDir settingsDir;
    shopdesk::AppSettings::setFilePath(settingsDir.filePath(u"shopdesk.ini"_s));
    shopdesk::AppSettings().setLanguage(parser.value(language));
    shopdesk::installTranslations(parser.value(language));

    // The database as the application starts it: the built-in one (the
    // status bar says so) with demo data, or the server given.
    shopdesk::DatabaseStartup::Options startupOptions;
    if (parser.isSet(db)) {
        QString error;
        startupOptions.server = shopdesk::DbConfig::fromUrl(parser.value(db), &error);
        if (!error.isEmpty()) {
            err << "shopdesk-screenshots: --db: " << error << Qt::endl;
            return 2;
        }
    } else {
        startupOptions.clusterDir = parser.value(dataDir) + u"/cluster"_s;
    }
    startupOptions.demo = true;
    auto startup = std::make_unique<shopdesk::DatabaseStartup>(startupOptions);
    auto started = QtConcurrent::run([&startup] { return startup->run(); }).result();
    if (!started) {
        err << "shopdesk-screenshots: " << started.error().message << Qt::endl;
        return 1;
    }
    if (!started->demoRefused.isEmpty()) {
        err << "shopdesk-screenshots: " << started->demoRefused << Qt::endl;
        return 1;
    }
    options.database = started->config;

    const int failed = shopdesk::ScreenshotDriver(options).run();

    // As the application shuts down: the workers' connections close, then
    // the built-in database stops.
    QThreadPool::globalInstance()->waitForDone();
    shopdesk::Database::closeThreadConnection();
    if (startup->cluster())
        startup->cluster()->stopIfUnused();
    return failed == 0 ? 0 : 1;
}
