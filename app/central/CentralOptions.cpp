#include "CentralOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralOptions)
};
} // namespace

CentralOptions parseCentralOptions(const QStringList &arguments)
{
    CentralOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Text::tr("shopdesk-central: the head-office server that ShopDesk shops sync with."));
    const QCommandLineOption help({u"h"_s, u"help"_s}, Text::tr("Show this help and exit."));
    const QCommandLineOption version({u"v"_s, u"version"_s},
                                     Text::tr("Show the version and exit."));
    const QCommandLineOption config(
        u"config"_s,
        Text::tr("Read settings from this ini file ([server] listen, port, "
                 "threads; [database] url)."),
        u"FILE"_s);
    const QCommandLineOption listen(
        u"listen"_s, Text::tr("Address to listen on (default 127.0.0.1)."), u"ADDRESS"_s);
    const QCommandLineOption port(
        u"port"_s, Text::tr("Port to listen on; 0 picks a free one (default 8080)."), u"PORT"_s);
    const QCommandLineOption db(
        u"db"_s,
        Text::tr("The central PostgreSQL database (also $SHOPDESK_CENTRAL_DB). Keep the password "
                 "out of the URL: in ~/.pgpass or $PGPASSWORD."),
        u"postgresql://user@host:port/dbname"_s);
    const QCommandLineOption threads(
        u"threads"_s, Text::tr("Worker threads serving requests (default 8)."), u"N"_s);
    const QCommandLineOption issueToken(
        u"issue-token"_s,
        Text::tr(
            "Print a new API token for the shop with this code (created if central does not "
            "know it yet) and exit. \"head-office\" gives a token that may act for every shop."),
        u"SHOP"_s);
    const QCommandLineOption revokeTokens(
        u"revoke-tokens"_s,
        Text::tr("Revoke every token of the shop with this code (or \"head-office\") and exit."),
        u"SHOP"_s);
    parser.addOptions({help, version, config, listen, port, db, threads, issueToken, revokeTokens});
    options.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        options.error = parser.errorText();
        return options;
    }
    options.showHelp = parser.isSet(help);
    options.showVersion = parser.isSet(version);
    if (options.showHelp || options.showVersion)
        return options;
    if (!parser.positionalArguments().isEmpty()) {
        options.error =
            Text::tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().first());
        return options;
    }
    auto shopCode = [](const QString &value) {
        return value == u"head-office"_s ? QString() : value;
    };
    if (parser.isSet(issueToken))
        options.issueTokenFor = shopCode(parser.value(issueToken));
    if (parser.isSet(revokeTokens))
        options.revokeTokensOf = shopCode(parser.value(revokeTokens));
    if (options.issueTokenFor && options.revokeTokensOf) {
        options.error = Text::tr("Give --issue-token or --revoke-tokens, not both.");
        return options;
    }

    // Ini values first; the command line overrides them.
    QString listenText, portText, dbUrl, threadsText;
    if (parser.isSet(config)) {
        const QString path = parser.value(config);
        if (!QFileInfo(path).isReadable()) {
            options.error = Text::tr("--config: cannot read \"%1\".").arg(path);
            return options;
        }
        QSettings ini(path, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError) {
            options.error = Text::tr("--config: \"%1\" is not a valid ini file.").arg(path);
            return options;
        }
        listenText = ini.value(u"server/listen"_s).toString();
        portText = ini.value(u"server/port"_s).toString();
        threadsText = ini.value(u"server/threads"_s).toString();
        dbUrl = ini.value(u"database/url"_s).toString();
    }
    if (parser.isSet(listen))
        listenText = parser.value(listen);
    if (parser.isSet(port))
        portText = parser.value(port);
    if (parser.isSet(threads))
        threadsText = parser.value(threads);
    if (parser.isSet(db)) {
        dbUrl = parser.value(db);
        if (dbUrl.trimmed().isEmpty()) {
            options.error = Text::tr("--db needs a postgresql:// URL.");
            return options;
        }
    }
    if (dbUrl.isEmpty())
        dbUrl = qEnvironmentVariable("SHOPDESK_CENTRAL_DB");

    if (!listenText.isEmpty() && !options.listen.setAddress(listenText)) {
        options.error = Text::tr("listen: \"%1\" is not an IP address.").arg(listenText);
        return options;
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        const int value = portText.toInt(&ok);
        if (!ok || value < 0 || value > 65535) {
            options.error =
                Text::tr("port: \"%1\" is not a port number from 0 to 65535.").arg(portText);
            return options;
        }
        options.port = quint16(value);
    }
    if (!threadsText.isEmpty()) {
        bool ok = false;
        const int value = threadsText.toInt(&ok);
        if (!ok || value < 1 || value > 256) {
            options.error =
                Text::tr("threads: \"%1\" is not a number from 1 to 256.").arg(threadsText);
            return options;
        }
        options.workerThreads = value;
    }
    if (dbUrl.isEmpty()) {
        options.error = Text::tr("No database: give --db, [database] url in the --config file, or "
                                 "$SHOPDESK_CENTRAL_DB.");
        return options;
    }
    QString dbError;
    const DbConfig dbConfig = DbConfig::fromUrl(dbUrl, &dbError);
    if (!dbConfig.isValid()) {
        options.error = u"database: "_s + dbError;
        return options;
    }
    options.database = dbConfig;
    if (parser.isSet(db) && !dbConfig.password.isEmpty())
        options.warnings << DbConfig::commandLinePasswordWarning(u"--db"_s);
    // Shops send their outbox to the head office; the head office's own
    // changes reach the shops through the catalog, never through an outbox.
    options.database->writesOutbox = false;
    return options;
}

} // namespace shopdesk
