#pragma once

#include "models/db/DbConfig.h"
#include "ui/Session.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace shopdesk {

class MainWindow;

// Brings the real main window, signed in as the right member of staff, into
// the state each README image shows (rows selected, three lines on the till,
// the lock screen …) and saves a PNG of the window per image. It drives the
// pages as a person would: keys into the scan field, F10 to pay, a row
// clicked; it only waits for what the window shows.
class ScreenshotDriver
{
public:
    struct Options
    {
        DbConfig database; // filled with demo data (shopdesk --setup-only --demo)
        QString outputDir;
        QString centralUrl; // empty: the shop does not sync
        QString centralToken;
        QStringList only; // image names to make; empty: all of them
        QSize windowSize {1600, 900};
    };

    explicit ScreenshotDriver(Options options);

    // Every image, in an order that builds on the one before (the till's
    // sales are the orders shown next). Returns how many failed.
    int run();

    // The images in the order run() makes them (their file names without .png).
    static QStringList imageNames();

private:
    bool checkoutAndLock();
    bool closeShift();
    bool orders();
    bool stock();
    bool customers();
    bool mainWindow();
    bool history();
    bool reports();
    bool sync();
    bool staff();
    bool settings();

    bool wanted(const QString &image) const;
    std::optional<Session> signIn(const QString &login, const QString &password);
    // A window for `session` on `page`, shown, at the README size, syncing
    // when central is set up.
    MainWindow *openWindow(const Session &session, const QString &page);
    // Waits for `ready` while the window works; says what it waited for when
    // it does not come.
    bool waitFor(const std::function<bool()> &ready, const QString &what, int ms = 60000);
    // The window's sync has finished once (when the shop syncs).
    bool waitForSync(MainWindow *window);
    bool save(QWidget *window, const QString &image);
    // The window with a dialog over it, dimmed behind, as the user sees it.
    bool saveWithDialog(QWidget *window, QWidget *dialog, const QString &image);
    // While `step` runs, the first modal dialog of type T that comes up is
    // handed to `drive` (which saves it and closes it).
    template<typename T>
    bool whileModal(const std::function<void()> &step, const std::function<void(T *)> &drive);
    bool setUpCentral();

    Options m_options;
    Shop m_shop;
};

} // namespace shopdesk
