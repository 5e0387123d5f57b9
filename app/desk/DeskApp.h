#pragma once

#include "CommandLine.h"
#include "models/setup/DatabaseStartup.h"
#include "ui/Session.h"

#include <QCoreApplication>

#include <memory>
#include <optional>

namespace shopdesk {

class DuePriceSweep;
class OrderExpirySweep;
class SignalWatcher;

// The windowed application from start to exit: database start-up with a
// progress dialog (and a way out when it fails), sign-in, the main window,
// the sweep that gives unpaid orders' stock back (one per application,
// whatever windows are open), and shutting the built-in database down at
// the end: after Quit, and after SIGTERM, SIGINT or SIGHUP alike.
class DeskApp
{
    Q_DECLARE_TR_FUNCTIONS(DeskApp)
public:
    explicit DeskApp(DeskOptions options);
    ~DeskApp();

    // Returns the process exit code.
    int run();

private:
    std::optional<DatabaseStartup::Outcome> prepareDatabase();
    Result<DatabaseStartup::Outcome> startOnce(const std::optional<DbConfig> &server);
    std::optional<Session> signIn(const DbConfig &config);
    void shutDown();
    // SIGTERM, SIGINT or SIGHUP: leave as Quit does (a start under way is
    // cancelled and waited for; dialogs and windows close).
    void terminate(int signalNumber);

    DeskOptions m_options;
    std::unique_ptr<DatabaseStartup> m_startup;
    std::unique_ptr<OrderExpirySweep> m_expirySweep;
    std::unique_ptr<DuePriceSweep> m_duePrices;
    std::unique_ptr<SignalWatcher> m_signals;
    bool m_starting = false;
    bool m_terminating = false;
};

} // namespace shopdesk
