#include "Language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace shopdesk {

namespace {
Q_LOGGING_CATEGORY(lcI18n, "shopdesk.i18n")

// "ru-RU", "ru_RU" and "ru" all speak "ru".
QString languageOf(const QString &uiLanguage)
{
    return uiLanguage.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
}

// Loads one translation and installs it; the translator then lives as long as
// the application.
bool install(const QString &fileName, const QStringList &directories)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    for (const QString &dir : directories) {
        if (translator->load(fileName, dir)) {
            QCoreApplication::installTranslator(translator);
            qCDebug(lcI18n).noquote() << "installed" << translator->filePath();
            return true;
        }
    }
    delete translator;
    return false;
}
} // namespace

QStringList availableLanguages()
{
    return {u"en"_s, u"ru"_s};
}

QString resolveLanguage(const QString &saved, const QStringList &uiLanguages)
{
    const QStringList available = availableLanguages();
    const QString chosen = saved.trimmed().toLower();
    if (available.contains(chosen))
        return chosen;
    for (const QString &uiLanguage : uiLanguages) {
        const QString language = languageOf(uiLanguage);
        if (available.contains(language))
            return language;
    }
    return u"en"_s;
}

QLocale localeForLanguage(const QString &language, const QLocale &system)
{
    // "C" (a bare LANG=C) is English enough, and keeps its plain numbers.
    if (languageOf(system.name()) == language ||
        (language == u"en"_s && system.language() == QLocale::C))
        return system;
    return QLocale(language);
}

QString installTranslations(const QString &savedLanguage)
{
    const QString language = resolveLanguage(savedLanguage);
    QLocale::setDefault(localeForLanguage(language));

    if (!install(u"shopdesk_"_s + language, {u":/i18n"_s}))
        qCWarning(lcI18n).noquote() << "no ShopDesk translation for" << language;
    // Qt's own strings: the Qt installation's, or a translations folder beside
    // the program as windeployqt lays it out. English needs none.
    if (language != u"en"_s) {
        const QStringList qtDirs {
            QLibraryInfo::path(QLibraryInfo::TranslationsPath),
            QDir(QCoreApplication::applicationDirPath()).filePath(u"translations"_s)};
        if (!install(u"qtbase_"_s + language, qtDirs))
            qCWarning(lcI18n).noquote() << "no Qt translation for" << language << "in" << qtDirs;
    }
    return language;
}

} // namespace shopdesk
