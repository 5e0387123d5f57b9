#pragma once

#include "models/db/DbConfig.h"
#include "models/export/CsvFormat.h"
#include "models/labels/LabelLayout.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>

namespace shopdesk {

// Every setting ShopDesk keeps, with its key and default, in one place.
// Backed by QSettings; tests and --settings point it at a file of their own.
class AppSettings
{
public:
    AppSettings();

    // Use this settings file instead of the user's (an .ini path); empty = default.
    static void setFilePath(const QString &path);
    static QString filePath();
    // `--data-dir DIR` keeps a whole instance in DIR: besides the built-in
    // database (DIR/cluster), the settings (DIR/shopdesk.ini, unless
    // setFilePath names another file afterwards) and the password file
    // (DIR/pgpass). Two data folders never share them.
    static void useDataDir(const QString &dir);
    static QString settingsFileIn(const QString &dataDir);
    static QString passFileIn(const QString &dataDir);

    // The configured server without its password ("" = the built-in database).
    // Passwords never go into the settings file; see PgPassFile.
    QString databaseUrl() const;
    void setDatabaseUrl(const QString &url);
    // databaseUrl() as a config whose password comes from the PgPassFile;
    // nothing when no server is configured (or the saved URL is unusable).
    std::optional<DbConfig> configuredServer() const;

    // The shop this till sells for (the Settings page's choice).
    qint64 shopId() const;
    void setShopId(qint64 id);
    // The shop head-office mode shows, as last chosen in its toolbar (0: none
    // yet). Apart from shopId(): a choice at the head office never moves a
    // till on the same computer to another shop.
    qint64 headOfficeShopId() const;
    void setHeadOfficeShopId(qint64 id);

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);
    QString lastPage() const;
    void setLastPage(const QString &page);

    // Shelf quantities below this are highlighted in the stock list (0: off).
    int lowStockThreshold() const;
    void setLowStockThreshold(int threshold);
    // This till's name in order numbers ("1" unless set) and how long an
    // unpaid order holds its stock.
    QString tillName() const;
    void setTillName(const QString &name);
    int paymentTimeoutMinutes() const;
    void setPaymentTimeoutMinutes(int minutes);
    // The network receipt printer ("host" or "host:port", ESC/POS on raw
    // TCP, port 9100 by default); empty: none.
    QString receiptPrinter() const;
    void setReceiptPrinter(const QString &address);
    // The float the last shift at this till opened with (the next one's
    // suggestion), in minor units.
    qint64 lastFloat() const;
    void setLastFloat(qint64 amount);

    // shopdesk-central: its base URL ("" = this shop does not sync) and the
    // code of the shop this database syncs as. The token is a secret and is
    // kept in the shop's database (AppStateStore::kCentralToken), never here.
    QString centralUrl() const;
    void setCentralUrl(const QString &url);
    QString centralShopCode() const;
    void setCentralShopCode(const QString &code);
    int syncIntervalSeconds() const; // between background syncs, default 30
    void setSyncIntervalSeconds(int seconds);

    // The till locks itself after this many idle minutes (0: never).
    int lockAfterMinutes() const;
    void setLockAfterMinutes(int minutes);

    // The language the user chose in Settings: "en", "ru", or "" to follow
    // the system. Used at the next start (see translations/Language.h).
    QString language() const;
    void setLanguage(const QString &language);

    QString lastLogin() const;
    void setLastLogin(const QString &login);

    // How CSV exports are written, as last chosen in the export dialog
    // (for a spreadsheet in the user's language unless plain was chosen).
    CsvFormat::Style csvStyle() const;
    void setCsvStyle(CsvFormat::Style style);

    // How shelf labels are laid out, as last chosen in the print dialog
    // (an A4 grid of 3 × 7 unless changed). Read back as it was saved, even
    // when invalid: the dialog validates it.
    LabelLayout labelLayout() const;
    void setLabelLayout(const LabelLayout &layout);

    void sync();

private:
    QVariant get(const QString &key, const QVariant &fallback = {}) const;
    void set(const QString &key, const QVariant &value);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace shopdesk
