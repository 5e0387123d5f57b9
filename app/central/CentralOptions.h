#pragma once

#include "models/db/DbConfig.h"

#include <QHostAddress>
#include <QString>

#include <optional>

namespace shopdesk {

// How shopdesk-central was asked to run: command line over ini file over defaults.
struct CentralOptions
{
    QHostAddress listen = QHostAddress::LocalHost;
    quint16 port = 8080;
    std::optional<DbConfig> database;
    int workerThreads = 8;

    // One-off token commands: print or revoke, then exit. An empty shop code
    // stands for the head office.
    std::optional<QString> issueTokenFor;
    std::optional<QString> revokeTokensOf;

    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
    QString error; // what is wrong with the command line or the ini file
    QStringList warnings; // what works but should be done otherwise
};

CentralOptions parseCentralOptions(const QStringList &arguments);

} // namespace shopdesk
