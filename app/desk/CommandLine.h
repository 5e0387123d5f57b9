#pragma once

#include "models/db/DbConfig.h"
#include "models/demo/DemoOptions.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace shopdesk {

// What `shopdesk` was asked to do on its command line.
struct DeskOptions
{
    bool showHelp = false;
    bool showVersion = false;
    QString helpText;

    // --db URL, or $SHOPDESK_DB; none = settings, then the built-in database.
    std::optional<DbConfig> server;
    bool demo = false;
    DemoOptions demoOptions;
    // Prepare the database (schema, demo data) and exit without a window.
    bool setupOnly = false;
    QString dataDir;
    QString settingsFile;

    // Set when the command line is wrong: what is wrong, naming the option.
    QString error;
    // Things that work but should be done otherwise (a password on the command line).
    QStringList warnings;
};

// Parses the arguments (argv including the program name) and the environment.
DeskOptions parseCommandLine(const QStringList &arguments);

// True when the arguments ask for something that needs no window
// (--help, --version, --setup-only), so no display is required.
bool commandLineNeedsNoWindow(const QStringList &arguments);

} // namespace shopdesk
