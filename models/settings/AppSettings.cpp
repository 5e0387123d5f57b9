#include "AppSettings.h"

#include "models/core/TillName.h"
#include "models/db/PgPassFile.h"

#include <QDebug>
#include <QDir>
#include <QMutex>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
QMutex s_pathMutex;
QString s_filePath;
} // namespace

void AppSettings::setFilePath(const QString &path)
{
    QMutexLocker locker(&s_pathMutex);
    s_filePath = path;
}

QString AppSettings::filePath()
{
    QMutexLocker locker(&s_pathMutex);
    return s_filePath;
}

QString AppSettings::settingsFileIn(const QString &dataDir)
{
    return QDir(dataDir).absoluteFilePath(u"shopdesk.ini"_s);
}

QString AppSettings::passFileIn(const QString &dataDir)
{
    return QDir(dataDir).absoluteFilePath(u"pgpass"_s);
}

void AppSettings::useDataDir(const QString &dir)
{
    setFilePath(settingsFileIn(dir));
    PgPassFile::setDefaultPath(passFileIn(dir));
}

AppSettings::AppSettings()
{
    const QString path = filePath();
    if (path.isEmpty())
        m_settings = std::make_unique<QSettings>();
    else
        m_settings = std::make_unique<QSettings>(path, QSettings::IniFormat);
}

QVariant AppSettings::get(const QString &key, const QVariant &fallback) const
{
    return m_settings->value(key, fallback);
}

void AppSettings::set(const QString &key, const QVariant &value)
{
    m_settings->setValue(key, value);
}

LabelLayout AppSettings::labelLayout() const
{
    const LabelLayout defaults;
    LabelLayout layout;
    layout.kind = get(u"labels/kind"_s).toString() == u"roll"_s ? LabelLayout::Kind::Roll
                                                                : LabelLayout::Kind::Sheet;
    layout.columns = get(u"labels/columns"_s, defaults.columns).toInt();
    layout.rows = get(u"labels/rows"_s, defaults.rows).toInt();
    layout.marginMm = get(u"labels/marginMm"_s, defaults.marginMm).toDouble();
    layout.gapMm = get(u"labels/gapMm"_s, defaults.gapMm).toDouble();
    layout.labelWidthMm = get(u"labels/rollWidthMm"_s, defaults.labelWidthMm).toDouble();
    layout.labelHeightMm = get(u"labels/rollHeightMm"_s, defaults.labelHeightMm).toDouble();
    return layout;
}

void AppSettings::setLabelLayout(const LabelLayout &layout)
{
    set(u"labels/kind"_s, layout.kind == LabelLayout::Kind::Roll ? u"roll"_s : u"sheet"_s);
    set(u"labels/columns"_s, layout.columns);
    set(u"labels/rows"_s, layout.rows);
    set(u"labels/marginMm"_s, layout.marginMm);
    set(u"labels/gapMm"_s, layout.gapMm);
    set(u"labels/rollWidthMm"_s, layout.labelWidthMm);
    set(u"labels/rollHeightMm"_s, layout.labelHeightMm);
}

void AppSettings::sync()
{
    m_settings->sync();
}

QString AppSettings::databaseUrl() const
{
    return get(u"database/url"_s).toString();
}

void AppSettings::setDatabaseUrl(const QString &url)
{
    set(u"database/url"_s, url);
}

std::optional<DbConfig> AppSettings::configuredServer() const
{
    const QString url = databaseUrl();
    if (url.isEmpty())
        return std::nullopt;
    QString error;
    DbConfig config = DbConfig::fromUrl(url, &error);
    if (!config.isValid()) {
        qWarning().noquote() << "ignoring the saved database URL:" << error;
        return std::nullopt;
    }
    config.passFile = PgPassFile::defaultPath();
    return config;
}

qint64 AppSettings::shopId() const
{
    return get(u"shop/id"_s, 0).toLongLong();
}

void AppSettings::setShopId(qint64 id)
{
    set(u"shop/id"_s, id);
}

qint64 AppSettings::headOfficeShopId() const
{
    return get(u"headoffice/shopId"_s, 0).toLongLong();
}

void AppSettings::setHeadOfficeShopId(qint64 id)
{
    set(u"headoffice/shopId"_s, id);
}

QByteArray AppSettings::mainWindowGeometry() const
{
    return get(u"mainwindow/geometry"_s).toByteArray();
}

void AppSettings::setMainWindowGeometry(const QByteArray &geometry)
{
    set(u"mainwindow/geometry"_s, geometry);
}

QByteArray AppSettings::mainWindowState() const
{
    return get(u"mainwindow/state"_s).toByteArray();
}

void AppSettings::setMainWindowState(const QByteArray &state)
{
    set(u"mainwindow/state"_s, state);
}

QString AppSettings::lastPage() const
{
    return get(u"mainwindow/page"_s).toString();
}

void AppSettings::setLastPage(const QString &page)
{
    set(u"mainwindow/page"_s, page);
}

int AppSettings::lowStockThreshold() const
{
    return qBound(0, get(u"stock/lowThreshold"_s, 5).toInt(), 1'000'000);
}

void AppSettings::setLowStockThreshold(int threshold)
{
    set(u"stock/lowThreshold"_s, threshold);
}

QString AppSettings::tillName() const
{
    // A hand-edited file must not put an unusable name into order numbers.
    const QString name = get(u"till/name"_s, u"1"_s).toString();
    return TillName::isValid(name) ? name : u"1"_s;
}

void AppSettings::setTillName(const QString &name)
{
    set(u"till/name"_s, name);
}

int AppSettings::paymentTimeoutMinutes() const
{
    return qBound(1, get(u"till/paymentTimeoutMinutes"_s, 15).toInt(), 24 * 60);
}

void AppSettings::setPaymentTimeoutMinutes(int minutes)
{
    set(u"till/paymentTimeoutMinutes"_s, minutes);
}

QString AppSettings::receiptPrinter() const
{
    return get(u"till/receiptPrinter"_s).toString().trimmed();
}

void AppSettings::setReceiptPrinter(const QString &address)
{
    set(u"till/receiptPrinter"_s, address.trimmed());
}

qint64 AppSettings::lastFloat() const
{
    return get(u"shift/lastFloat"_s, 0).toLongLong();
}

void AppSettings::setLastFloat(qint64 amount)
{
    set(u"shift/lastFloat"_s, amount);
}

QString AppSettings::centralUrl() const
{
    return get(u"central/url"_s).toString().trimmed();
}

void AppSettings::setCentralUrl(const QString &url)
{
    set(u"central/url"_s, url.trimmed());
}

QString AppSettings::centralShopCode() const
{
    return get(u"central/shopCode"_s).toString().trimmed();
}

void AppSettings::setCentralShopCode(const QString &code)
{
    set(u"central/shopCode"_s, code.trimmed());
}

int AppSettings::syncIntervalSeconds() const
{
    return qBound(5, get(u"central/syncIntervalSeconds"_s, 30).toInt(), 24 * 3600);
}

void AppSettings::setSyncIntervalSeconds(int seconds)
{
    set(u"central/syncIntervalSeconds"_s, seconds);
}

int AppSettings::lockAfterMinutes() const
{
    return qBound(0, get(u"till/lockAfterMinutes"_s, 10).toInt(), 24 * 60);
}

void AppSettings::setLockAfterMinutes(int minutes)
{
    set(u"till/lockAfterMinutes"_s, qBound(0, minutes, 24 * 60));
}

QString AppSettings::language() const
{
    return get(u"ui/language"_s).toString().trimmed().toLower();
}

void AppSettings::setLanguage(const QString &language)
{
    set(u"ui/language"_s, language.trimmed().toLower());
}

QString AppSettings::lastLogin() const
{
    return get(u"login/last"_s).toString();
}

void AppSettings::setLastLogin(const QString &login)
{
    set(u"login/last"_s, login);
}

CsvFormat::Style AppSettings::csvStyle() const
{
    return CsvFormat::styleFromKey(get(u"export/csvStyle"_s).toString());
}

void AppSettings::setCsvStyle(CsvFormat::Style style)
{
    set(u"export/csvStyle"_s, CsvFormat::styleKey(style));
}

} // namespace shopdesk
