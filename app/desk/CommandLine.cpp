#include "CommandLine.h"

#include "models/demo/DemoDataGenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

// Reads a whole number option, or explains what is wrong with it.
bool readCount(const QCommandLineParser &parser, const QString &name, qint64 max, qint64 *out,
               QString *error)
{
    if (!parser.isSet(name))
        return true;
    const QString text = parser.value(name).trimmed();
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0 || value > max) {
        *error = Text::tr("--%1 must be a whole number from 0 to %2; \"%3\" is not.")
                     .arg(name)
                     .arg(max)
                     .arg(text);
        return false;
    }
    *out = value;
    return true;
}

} // namespace

bool commandLineNeedsNoWindow(const QStringList &arguments)
{
    for (const QString &a : arguments) {
        if (a == u"--help"_s || a == u"-h"_s || a == u"--version"_s || a == u"-v"_s ||
            a == u"--setup-only"_s || a == u"--help-all"_s)
            return true;
    }
    return false;
}

DeskOptions parseCommandLine(const QStringList &arguments)
{
    DeskOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Text::tr("ShopDesk: point of sale and back office for shops.\n\nWith no options it uses "
                 "its built-in database, kept in your data folder."));
    const QCommandLineOption help({u"h"_s, u"help"_s}, Text::tr("Show this help and exit."));
    const QCommandLineOption version({u"v"_s, u"version"_s},
                                     Text::tr("Show the version and exit."));
    const QCommandLineOption db(u"db"_s,
                                Text::tr("Use this PostgreSQL database instead of the built-in one "
                                         "(also read from $SHOPDESK_DB). Keep the password out "
                                         "of the URL: in ~/.pgpass or $PGPASSWORD."),
                                u"postgresql://user@host:port/dbname"_s);
    const QCommandLineOption demo(u"demo"_s,
                                  Text::tr("Fill an empty database with demo data (a database that "
                                           "already holds demo data is used as it is)."));
    const QCommandLineOption customers(
        u"customers"_s,
        Text::tr("With --demo: how many customers to make (default %1, at most %2).")
            .arg(DemoOptions {}.customers)
            .arg(DemoOptions::kMaxCustomers),
        u"N"_s);
    const QCommandLineOption history(
        u"history"_s,
        Text::tr("With --demo: how many stock history rows to make (default %1, at most %2).")
            .arg(DemoOptions {}.history)
            .arg(DemoOptions::kMaxHistory),
        u"N"_s);
    const QCommandLineOption force(
        u"force"_s,
        Text::tr("With --demo: delete everything in the database and load "
                 "demo data even if it is not empty."));
    const QCommandLineOption setupOnly(
        u"setup-only"_s,
        Text::tr("Prepare the database (schema and, with --demo, demo "
                 "data), then exit without opening a window."));
    const QCommandLineOption dataDir(
        u"data-dir"_s,
        Text::tr("Keep the built-in database, the settings and the password file in this "
                 "folder (also read from $SHOPDESK_DATA_DIR)."),
        u"DIR"_s);
    const QCommandLineOption settings(
        u"settings"_s,
        Text::tr("Read and write settings in this .ini file (instead of the user's, or the "
                 "one in --data-dir)."),
        u"FILE"_s);
    parser.addOptions(
        {help, version, db, demo, customers, history, force, setupOnly, dataDir, settings});
    options.helpText = parser.helpText();

    if (!parser.parse(arguments)) {
        options.error = parser.errorText();
        return options;
    }
    if (!parser.positionalArguments().isEmpty()) {
        options.error =
            Text::tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().first());
        return options;
    }
    options.showHelp = parser.isSet(help);
    options.showVersion = parser.isSet(version);
    options.demo = parser.isSet(demo);
    options.setupOnly = parser.isSet(setupOnly);
    options.dataDir =
        parser.isSet(dataDir) ? parser.value(dataDir) : qEnvironmentVariable("SHOPDESK_DATA_DIR");
    options.settingsFile = parser.value(settings);
    options.demoOptions.force = parser.isSet(force);

    for (const QCommandLineOption *demoOnly : {&customers, &history, &force}) {
        if (parser.isSet(*demoOnly) && !options.demo) {
            options.error =
                Text::tr("--%1 is only used together with --demo.").arg(demoOnly->names().first());
            return options;
        }
    }
    if (!readCount(parser, u"customers"_s, DemoOptions::kMaxCustomers,
                   &options.demoOptions.customers, &options.error) ||
        !readCount(parser, u"history"_s, DemoOptions::kMaxHistory, &options.demoOptions.history,
                   &options.error))
        return options;

    QString url = parser.value(db);
    QString source = u"--db"_s;
    if (parser.isSet(db) && url.trimmed().isEmpty()) {
        // Not the built-in database by accident: that is --db left out.
        options.error = Text::tr("--db needs a postgresql:// URL; leave --db out to use the "
                                 "built-in database.");
        return options;
    }
    if (url.isEmpty()) {
        url = qEnvironmentVariable("SHOPDESK_DB");
        source = u"SHOPDESK_DB"_s;
    }
    if (!url.isEmpty()) {
        QString error;
        const DbConfig config = DbConfig::fromUrl(url, &error);
        if (!config.isValid()) {
            options.error = u"%1: %2"_s.arg(source, error);
            return options;
        }
        options.server = config;
        if (source == u"--db"_s && !config.password.isEmpty())
            options.warnings << DbConfig::commandLinePasswordWarning(source);
    }
    return options;
}

} // namespace shopdesk
