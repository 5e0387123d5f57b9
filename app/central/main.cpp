// shopdesk-central: the head-office server. Thin: options, database schema,
// the HTTP server, and a clean stop on SIGTERM.

#include "CentralOptions.h"
#include "CentralServer.h"
#include "JsonLog.h"
#include "models/core/SignalWatcher.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"
#include "models/db/MigrationRunner.h"
#include "models/sync/TokenStore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"ShopDesk"_s);
    QCoreApplication::setApplicationName(u"shopdesk-central"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(SHOPDESK_VERSION));
    QLoggingCategory::setFilterRules(u"shopdesk.*.debug=false"_s);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const shopdesk::CentralOptions options = shopdesk::parseCentralOptions(app.arguments());
    if (options.showHelp) {
        out << options.helpText;
        return 0;
    }
    if (options.showVersion) {
        out << "shopdesk-central " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    for (const QString &warning : options.warnings)
        err << "shopdesk-central: " << warning << Qt::endl;
    if (!options.error.isEmpty()) {
        err << "shopdesk-central: " << options.error << Qt::endl
            << QCoreApplication::translate("main",
                                           "Run \"shopdesk-central --help\" for the options.")
            << Qt::endl;
        return 2;
    }

    {
        shopdesk::ScopedConnection conn(*options.database, u"migrate"_s);
        if (!conn.isOpen()) {
            err << "shopdesk-central: "
                << QCoreApplication::translate("main",
                                               "cannot connect to %1: %2. Check that the database "
                                               "server runs and the URL is right.")
                       .arg(options.database->toRedactedUrl(), conn.errorText())
                << Qt::endl;
            return 1;
        }
        auto applied = shopdesk::MigrationRunner(conn.db()).run();
        if (!applied) {
            err << "shopdesk-central: " << applied.error().message << Qt::endl;
            return 1;
        }
    }

    if (options.issueTokenFor || options.revokeTokensOf) {
        shopdesk::ScopedConnection conn(*options.database, u"tokens"_s);
        shopdesk::TokenStore tokens(conn.db());
        if (options.issueTokenFor) {
            const QString code = *options.issueTokenFor;
            // A new code makes a new shop: said on stderr, so a typo is seen.
            const auto known = shopdesk::Sql::scalar(
                conn.db(), u"SELECT EXISTS (SELECT 1 FROM shops WHERE code = ?)"_s, {code});
            const bool newShop = !code.isEmpty() && known && !known.value().toBool();
            auto token = tokens.issue(code);
            if (!token) {
                err << "shopdesk-central: " << token.error().message << Qt::endl;
                return 1;
            }
            if (newShop)
                err << "shopdesk-central: "
                    << QCoreApplication::translate("main",
                                                   "There was no shop with the code %1: it is "
                                                   "created now. If you meant an existing shop, "
                                                   "revoke this token (--revoke-tokens %1) and "
                                                   "issue one with the right code.")
                           .arg(code)
                    << Qt::endl;
            // Only the token on stdout, so scripts can capture it.
            out << QString::fromLatin1(token.value()) << Qt::endl;
            return 0;
        }
        auto revoked = tokens.revokeAll(*options.revokeTokensOf);
        if (!revoked) {
            err << "shopdesk-central: " << revoked.error().message << Qt::endl;
            return 1;
        }
        out << QCoreApplication::translate("main", "Revoked %Ln token(s).", nullptr,
                                           int(revoked.value()))
            << Qt::endl;
        return 0;
    }

    qInstallMessageHandler(shopdesk::writeJsonLogLine);
    shopdesk::CentralServer server(options);
    QString error;
    const quint16 port = server.listen(&error);
    if (port == 0) {
        err << "shopdesk-central: " << error << Qt::endl;
        return 1;
    }
    // Tests and scripts read this line to learn the port chosen with --port 0.
    out << "shopdesk-central listening on http://" << options.listen.toString() << ":" << port
        << Qt::endl;

    shopdesk::SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &shopdesk::SignalWatcher::terminationRequested, &app,
                     [&](int) {
                         out << "shopdesk-central stopping" << Qt::endl;
                         server.finishRequests();
                         // The answers of the last requests are written by the
                         // event loop: let it run a moment before leaving.
                         QTimer::singleShot(200, &app, &QCoreApplication::quit);
                     });
    return app.exec();
}
