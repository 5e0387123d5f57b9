#include "ScreenshotDriver.h"

#include "CentralSync.h"
#include "models/checkout/CartModel.h"
#include "models/customers/CustomerModel.h"
#include "models/db/Database.h"
#include "models/history/HistoryModel.h"
#include "models/settings/AppSettings.h"
#include "models/settings/AppStateStore.h"
#include "models/staff/StaffStore.h"
#include "models/stock/StockModel.h"
#include "models/sync/SyncMonitor.h"
#include "ui/MainWindow.h"
#include "ui/checkout/CardPaymentDialog.h"
#include "ui/checkout/CheckoutPage.h"
#include "ui/checkout/PaymentDialog.h"
#include "ui/customers/CustomersPage.h"
#include "ui/history/HistoryPage.h"
#include "ui/orders/OrdersPage.h"
#include "ui/reports/ReportsPage.h"
#include "ui/shifts/ShiftPanel.h"
#include "ui/staff/StaffPage.h"
#include "ui/stock/StockPage.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// The demo accounts (DemoDataGenerator::accounts()) each image signs in as.
struct Account
{
    QString login;
    QString password;
};
const Account kCashier {u"cashier"_s, u"cashier123"_s};
const Account kKeeper {u"keeper"_s, u"keeper123"_s};
const Account kManager {u"manager"_s, u"manager123"_s};
const Account kAdmin {u"admin"_s, u"admin123"_s};

// Windows are deleted, not closed: a locked one refuses to close, and the
// settings file keeps no window state between images.
using WindowPtr = std::unique_ptr<MainWindow>;

} // namespace

ScreenshotDriver::ScreenshotDriver(Options options) : m_options(std::move(options)) { }

QStringList ScreenshotDriver::imageNames()
{
    return {u"shift-closed"_s, u"card-payment"_s, u"split-payment"_s, u"checkout"_s,
            u"lock"_s,         u"orders"_s,       u"z-report"_s,      u"stock"_s,
            u"customers"_s,    u"main-window"_s,  u"history"_s,       u"reports"_s,
            u"sync"_s,         u"staff"_s,        u"settings"_s};
}

bool ScreenshotDriver::wanted(const QString &image) const
{
    return m_options.only.isEmpty() || m_options.only.contains(image);
}

int ScreenshotDriver::run()
{
    Database::setDefaultConfig(m_options.database);
    QString error;
    QSqlDatabase db = Database::threadConnection(&error);
    if (!db.isOpen()) {
        err() << "shopdesk-screenshots: " << error << Qt::endl;
        return 1;
    }
    auto shop = ShopStore(db).byIdOrFirst(AppSettings().shopId());
    if (!shop) {
        err() << "shopdesk-screenshots: " << shop.error().message << Qt::endl;
        return 1;
    }
    m_shop = shop.value();
    AppSettings().setShopId(m_shop.id);
    if (!setUpCentral())
        return 1;
    QDir().mkpath(m_options.outputDir);

    int failed = 0;
    const std::pair<QStringList, bool (ScreenshotDriver::*)()> steps[] = {
        {{u"shift-closed"_s, u"card-payment"_s, u"split-payment"_s, u"checkout"_s, u"lock"_s},
         &ScreenshotDriver::checkoutAndLock},
        {{u"orders"_s}, &ScreenshotDriver::orders},
        {{u"z-report"_s}, &ScreenshotDriver::closeShift},
        {{u"stock"_s}, &ScreenshotDriver::stock},
        {{u"customers"_s}, &ScreenshotDriver::customers},
        {{u"main-window"_s}, &ScreenshotDriver::mainWindow},
        {{u"history"_s}, &ScreenshotDriver::history},
        {{u"reports"_s}, &ScreenshotDriver::reports},
        {{u"sync"_s}, &ScreenshotDriver::sync},
        {{u"staff"_s}, &ScreenshotDriver::staff},
        {{u"settings"_s}, &ScreenshotDriver::settings},
    };
    for (const auto &[images, step] : steps) {
        if (std::none_of(images.begin(), images.end(),
                         [this](const QString &image) { return wanted(image); }))
            continue;
        if (!(this->*step)()) {
            err() << "shopdesk-screenshots: " << images.join(u", "_s) << " failed" << Qt::endl;
            ++failed;
        }
    }
    return failed;
}

bool ScreenshotDriver::setUpCentral()
{
    AppSettings settings;
    settings.setCentralUrl(m_options.centralUrl);
    settings.setCentralShopCode(m_options.centralUrl.isEmpty() ? QString() : m_shop.code);
    if (m_options.centralUrl.isEmpty())
        return true;
    const auto admin = signIn(kAdmin.login, kAdmin.password);
    if (!admin)
        return false;
    auto saved = AppStateStore(Database::threadConnection())
                     .setCentralToken(admin->actor, m_options.centralToken);
    if (!saved) {
        err() << "shopdesk-screenshots: the central token: " << saved.error().message << Qt::endl;
        return false;
    }
    return true;
}

std::optional<Session> ScreenshotDriver::signIn(const QString &login, const QString &password)
{
    auto actor = StaffStore(Database::threadConnection()).authenticate(login, password, m_shop.id);
    if (!actor) {
        err() << "shopdesk-screenshots: " << login << " cannot sign in: " << actor.error().message
              << Qt::endl;
        return std::nullopt;
    }
    Session session;
    session.actor = actor.value();
    session.shop = m_shop;
    session.database = m_options.database;
    AppSettings().setLastLogin(login);
    return session;
}

MainWindow *ScreenshotDriver::openWindow(const Session &session, const QString &page)
{
    auto *window = new MainWindow(session);
    if (!m_options.centralUrl.isEmpty())
        (new CentralSync(window))->reconfigure(); // owned by the window
    window->resize(m_options.windowSize);
    window->showPage(page);
    window->show();
    if (!QTest::qWaitForWindowExposed(window))
        err() << "shopdesk-screenshots: the window did not appear" << Qt::endl;
    window->activateWindow();
    return window;
}

bool ScreenshotDriver::waitFor(const std::function<bool()> &ready, const QString &what, int ms)
{
    if (QTest::qWaitFor(ready, ms))
        return true;
    err() << "shopdesk-screenshots: gave up waiting for " << what << Qt::endl;
    return false;
}

bool ScreenshotDriver::waitForSync(MainWindow *window)
{
    if (m_options.centralUrl.isEmpty())
        return true;
    return waitFor(
        [window] {
            const auto *monitor = window->findChild<SyncMonitor *>();
            return monitor && monitor->status().lastSync.isValid() && !monitor->status().running;
        },
        u"the first sync with central"_s);
}

bool ScreenshotDriver::save(QWidget *window, const QString &image)
{
    if (!wanted(image))
        return true;
    // Whatever was still to be painted (a chart, a scrolled table) is.
    QTest::qWait(400);
    const QString path = QDir(m_options.outputDir).filePath(image + u".png"_s);
    if (!window->grab().save(path)) {
        err() << "shopdesk-screenshots: cannot write " << path << Qt::endl;
        return false;
    }
    QTextStream(stdout) << path << Qt::endl;
    return true;
}

bool ScreenshotDriver::saveWithDialog(QWidget *window, QWidget *dialog, const QString &image)
{
    if (!wanted(image))
        return true;
    QTest::qWait(400);
    QPixmap picture = window->grab();
    const QPixmap front = dialog->grab();
    QPainter painter(&picture);
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 70));
    const QPoint at = dialog->mapToGlobal(QPoint(0, 0)) - window->mapToGlobal(QPoint(0, 0));
    const QRect inside = picture.rect().adjusted(0, 0, -front.width(), -front.height());
    painter.drawPixmap(
        QPoint(qBound(0, at.x(), inside.right()), qBound(0, at.y(), inside.bottom())), front);
    painter.end();
    const QString path = QDir(m_options.outputDir).filePath(image + u".png"_s);
    if (!picture.save(path)) {
        err() << "shopdesk-screenshots: cannot write " << path << Qt::endl;
        return false;
    }
    QTextStream(stdout) << path << Qt::endl;
    return true;
}

template<typename T>
bool ScreenshotDriver::whileModal(const std::function<void()> &step,
                                  const std::function<void(T *)> &drive)
{
    bool seen = false;
    QTimer timer;
    timer.setInterval(50);
    QObject::connect(&timer, &QTimer::timeout, &timer, [&] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer.stop();
            seen = true;
            drive(dialog);
        }
    });
    timer.start();
    step();
    return waitFor([&] { return seen; }, u"the dialog"_s);
}

// The till: no shift yet (the banner), the shift opened with its float, a
// sale by card (the terminal's confirmation), one split between card and
// cash (they are the orders shown next), three lines rung up, then locked.
bool ScreenshotDriver::checkoutAndLock()
{
    const auto cashier = signIn(kCashier.login, kCashier.password);
    if (!cashier)
        return false;
    WindowPtr window(openWindow(*cashier, u"checkout"_s));
    auto *till = window->findChild<CheckoutPage *>();
    ShiftPanel *shift = till->shiftPanel();
    auto *shiftBanner = till->findChild<QWidget *>(u"shiftBanner"_s);
    if (!waitFor([&] { return shift->isOpen() || shiftBanner->isVisible(); },
                 u"the till's shift"_s))
        return false;
    bool ok = true;
    if (!shift->isOpen()) {
        ok = save(window.get(), u"shift-closed"_s);
        shift->open(5000'00);
        if (!waitFor([&] { return shift->isOpen(); }, u"the shift to open"_s))
            return false;
    }

    int paid = 0;
    QObject::connect(till, &CheckoutPage::orderPaid, window.get(), [&paid] { ++paid; });
    auto ringUp = [&](const QStringList &codes) {
        for (const QString &code : codes) {
            const int lines = till->cart()->rowCount();
            QTest::keyClicks(till->scanField(), code);
            QTest::keyClick(till->scanField(), Qt::Key_Return);
            if (!waitFor([&] { return till->cart()->rowCount() > lines; },
                         u"%1 on the till"_s.arg(code)))
                return false;
        }
        return true;
    };
    // By card: the till waits for the cashier to confirm the terminal's approval.
    if (!ringUp({u"2*10007"_s, u"10042"_s}))
        return false;
    int before = paid;
    ok = whileModal<CardPaymentDialog>(
             [&] { QTest::keyClick(till->scanField(), Qt::Key_F10); },
             [&](CardPaymentDialog *dialog) {
                 ok = saveWithDialog(window.get(), dialog, u"card-payment"_s) && ok;
                 QTest::keyClick(dialog, Qt::Key_Return);
             }) &&
        ok;
    if (!waitFor([&] { return paid > before && !till->isBusy(); }, u"a card payment"_s))
        return false;
    // Card and cash: the card part typed, Tab to the cash (the rest, selected).
    if (!ringUp({u"10011"_s, u"3*10019"_s, u"10042"_s}))
        return false;
    before = paid;
    ok = whileModal<PaymentDialog>(
             [&] { QTest::keyClick(till->scanField(), Qt::Key_F11); },
             [&](PaymentDialog *dialog) {
                 auto *card = dialog->findChild<QLineEdit *>(u"cardPart"_s);
                 QTest::keyClicks(card, u"300"_s);
                 QTest::keyClick(card, Qt::Key_Tab);
                 ok = saveWithDialog(window.get(), dialog, u"split-payment"_s) && ok;
                 QTest::keyClick(dialog->findChild<QLineEdit *>(u"cashTendered"_s), Qt::Key_Return);
             }) &&
        ok;
    if (!waitFor([&] { return paid > before && !till->isBusy(); }, u"a split payment"_s))
        return false;

    if (!ringUp({u"3*10007"_s, u"10011"_s, u"2*10042"_s}))
        return false;
    ok = waitForSync(window.get()) && save(window.get(), u"checkout"_s) && ok;

    // Locked with the sale on it: the lock covers the window, the sale waits.
    QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
    ok = waitFor([&] { return window->isLocked(); }, u"the lock screen"_s) && ok;
    return save(window.get(), u"lock"_s) && ok;
}

// The end of the day: the Z report after the cashier counted the drawer.
bool ScreenshotDriver::closeShift()
{
    const auto cashier = signIn(kCashier.login, kCashier.password);
    if (!cashier)
        return false;
    WindowPtr window(openWindow(*cashier, u"checkout"_s));
    ShiftPanel *shift = window->findChild<CheckoutPage *>()->shiftPanel();
    if (!waitFor([&] { return shift->isOpen(); }, u"the open shift"_s))
        return false;
    const qint64 expected = shift->openShift()->expectedCash();
    shift->close(CashCount::ofTotal(expected - 50'00)); // 50.00 short
    return waitFor([&] { return shift->reportText().contains(u'Z') && !shift->isOpen(); },
                   u"the Z report"_s) &&
        save(window.get(), u"z-report"_s);
}

// A manager's view of the till's orders, the newest one selected, with the
// shift's X report below.
bool ScreenshotDriver::orders()
{
    const auto manager = signIn(kManager.login, kManager.password);
    if (!manager)
        return false;
    WindowPtr window(openWindow(*manager, u"orders"_s));
    auto *page = window->findChild<OrdersPage *>();
    if (!waitFor([page] { return page->table()->rowCount() >= 2; }, u"two orders"_s))
        return false;
    page->table()->setCurrentCell(0, 0);
    page->shiftPanel()->showXReport();
    auto *detail = page->findChild<QPlainTextEdit *>(u"orderDetail"_s);
    const QString number = page->table()->item(0, 0)->text();
    return waitFor([&] { return detail->toPlainText().contains(number); },
                   u"the order's lines"_s) &&
        waitFor([page] { return !page->shiftPanel()->reportText().isEmpty(); },
                u"the X report"_s) &&
        waitForSync(window.get()) && save(window.get(), u"orders"_s);
}

// The stock keeper's list of this shop's stock, counted, a row selected.
bool ScreenshotDriver::stock()
{
    const auto keeper = signIn(kKeeper.login, kKeeper.password);
    if (!keeper)
        return false;
    WindowPtr window(openWindow(*keeper, u"stock"_s));
    auto *page = window->findChild<StockPage *>();
    StockModel *model = page->model();
    if (!waitFor([model] { return model->totalCount() > 0 && !model->isLoading(); },
                 u"the stock list"_s))
        return false;
    page->table()->selectRow(2);
    return waitFor([model] { return !model->isLoading(); }, u"the selected row"_s) &&
        waitForSync(window.get()) && save(window.get(), u"stock"_s);
}

// The customer grid searched by a name, a customer selected.
bool ScreenshotDriver::customers()
{
    const auto manager = signIn(kManager.login, kManager.password);
    if (!manager)
        return false;
    WindowPtr window(openWindow(*manager, u"customers"_s));
    auto *page = window->findChild<CustomersPage *>();
    CustomerModel *model = page->model();
    if (!waitFor([model] { return model->totalCount() > 0 && !model->isLoading(); },
                 u"the customers"_s))
        return false;
    const qint64 everyone = model->totalCount();
    auto *search = page->findChild<QLineEdit *>(u"customerSearch"_s);
    search->setFocus();
    QTest::keyClicks(search, u"anna"_s);
    if (!waitFor(
            [&] {
                return model->totalCount() != everyone && !model->isCounting() &&
                    !model->isLoading();
            },
            u"the search's matches"_s))
        return false;
    page->table()->selectRow(1);
    return waitFor([model] { return !model->isLoading(); }, u"the selected customer"_s) &&
        waitForSync(window.get()) && save(window.get(), u"customers"_s);
}

// What an administrator sees on signing in: the whole customer base.
bool ScreenshotDriver::mainWindow()
{
    const auto admin = signIn(kAdmin.login, kAdmin.password);
    if (!admin)
        return false;
    WindowPtr window(openWindow(*admin, u"customers"_s));
    CustomerModel *model = window->findChild<CustomersPage *>()->model();
    return waitFor(
               [model] {
                   return model->totalCount() > 0 && !model->isCounting() && !model->isLoading();
               },
               u"the customers to be counted"_s) &&
        waitForSync(window.get()) && save(window.get(), u"main-window"_s);
}

// The history of every shop, newest first, one row's detail beside it.
bool ScreenshotDriver::history()
{
    const auto manager = signIn(kManager.login, kManager.password);
    if (!manager)
        return false;
    WindowPtr window(openWindow(*manager, u"history"_s));
    auto *page = window->findChild<HistoryPage *>();
    HistoryModel *model = page->model();
    if (!waitFor(
            [model] { return model->rowCount() > 0 && model->totalKnown() && !model->isLoading(); },
            u"the history"_s))
        return false;
    page->table()->selectRow(1);
    return waitForSync(window.get()) && save(window.get(), u"history"_s);
}

// The reports over the last 30 days: stock in and out per day.
bool ScreenshotDriver::reports()
{
    const auto manager = signIn(kManager.login, kManager.password);
    if (!manager)
        return false;
    WindowPtr window(openWindow(*manager, u"reports"_s));
    auto *page = window->findChild<ReportsPage *>();
    bool ready = false;
    QObject::connect(page, &ReportsPage::reportsReady, window.get(), [&ready] { ready = true; });
    return waitFor([&] { return ready; }, u"the reports"_s) && waitForSync(window.get()) &&
        save(window.get(), u"reports"_s);
}

// The Sync page after a sync with central: online, nothing waiting.
bool ScreenshotDriver::sync()
{
    const auto admin = signIn(kAdmin.login, kAdmin.password);
    if (!admin)
        return false;
    WindowPtr window(openWindow(*admin, u"sync"_s));
    if (!m_options.centralUrl.isEmpty()) {
        if (!waitFor(
                [&] {
                    const auto *monitor = window->findChild<SyncMonitor *>();
                    if (!monitor)
                        return false;
                    const SyncStatus s = monitor->status();
                    return s.online && !s.running && s.unsent == 0 && s.lastSync.isValid();
                },
                u"central to have every event"_s, 120000))
            return false;
    }
    return save(window.get(), u"sync"_s);
}

// The staff accounts, a cashier's selected.
bool ScreenshotDriver::staff()
{
    const auto admin = signIn(kAdmin.login, kAdmin.password);
    if (!admin)
        return false;
    WindowPtr window(openWindow(*admin, u"staff"_s));
    auto *page = window->findChild<StaffPage *>();
    return waitFor([page] { return page->select(kCashier.login); }, u"the staff list"_s) &&
        waitForSync(window.get()) && save(window.get(), u"staff"_s);
}

bool ScreenshotDriver::settings()
{
    const auto admin = signIn(kAdmin.login, kAdmin.password);
    if (!admin)
        return false;
    WindowPtr window(openWindow(*admin, u"settings"_s));
    auto *shops = window->findChild<QComboBox *>(u"shopCombo"_s);
    return waitFor([shops] { return shops && shops->count() > 1; }, u"the shops"_s) &&
        waitForSync(window.get()) && save(window.get(), u"settings"_s);
}

} // namespace shopdesk
