#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace shopdesk {

// The languages ShopDesk speaks, as kept by AppSettings::language(): "en", "ru".
// Their translations are compiled into the program under :/i18n.
QStringList availableLanguages();

// The language to use: the saved choice when it is one of availableLanguages(),
// otherwise the first of the system's UI languages ShopDesk speaks, otherwise "en".
QString resolveLanguage(const QString &saved,
                        const QStringList &uiLanguages = QLocale::system().uiLanguages());

// The locale numbers, money and dates are written in for that language: the
// system's own when it speaks the language (en_GB keeps its dates; "C" counts
// as English), otherwise the language's main one (ru_RU, en_US).
QLocale localeForLanguage(const QString &language, const QLocale &system = QLocale::system());

// Installs on the application ShopDesk's translation (":/i18n/shopdesk_<lang>.qm")
// and Qt's own (qtbase_<lang>.qm, for the standard dialogs and buttons), and
// makes localeForLanguage() the default QLocale. Call once, after the
// application object exists and before any window. Returns the language used.
QString installTranslations(const QString &savedLanguage);

} // namespace shopdesk
