// The translations: the Russian and English .qm compiled into the program, the
// language chosen at start-up, and translations/shopdesk_ru.ts itself (complete,
// placeholders and accelerators kept, and under the contexts the code asks for).

#include "Language.h"
#include "models/core/Role.h"
#include "models/stock/StockStore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace shopdesk;

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString type; // "" when finished; "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList translations; // one, or one per plural form
    QStringList locations; // source files, relative to the .ts
};

QList<TsMessage> readTs(const QString &path, QString *language, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == "TS"_L1) {
            *language = xml.attributes().value("language"_L1).toString();
        } else if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "message"_L1) {
            message = TsMessage {};
            message.context = context;
            message.numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
        } else if (name == "location"_L1) {
            message.locations << xml.attributes().value("filename"_L1).toString();
        } else if (name == "source"_L1) {
            message.source = xml.readElementText();
        } else if (name == "translation"_L1) {
            message.type = xml.attributes().value("type"_L1).toString();
            if (message.numerus) {
                while (xml.readNextStartElement())
                    message.translations << xml.readElementText();
            } else {
                message.translations << xml.readElementText();
            }
            messages << message;
        }
    }
    if (xml.hasError())
        *error = u"%1 at line %2"_s.arg(xml.errorString()).arg(xml.lineNumber());
    return messages;
}

// %1..%99, %L1, %n and %Ln, sorted: what .arg() and the plural code fill in.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(u"%L?(\\d{1,2}|n)"_s);
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(1);
    found.sort();
    found.removeDuplicates();
    return found;
}

QStringList htmlTags(const QString &text)
{
    static const QRegularExpression re(u"</?[a-zA-Z][^<>]*>"_s);
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    found.sort();
    return found;
}

// An accelerator: & before a letter or digit, not "&&" and not an entity.
bool hasAccelerator(const QString &text)
{
    static const QRegularExpression re(u"(?<!&)&(?!&|[a-zA-Z]+;|#\\d+;)\\w"_s,
                                       QRegularExpression::UseUnicodePropertiesOption);
    return re.match(text).hasMatch();
}

// Fails with every problem listed (a QVERIFY2 message would be cut short).
void report(const QStringList &problems)
{
    for (const QString &problem : problems)
        qWarning().noquote() << problem;
    QVERIFY2(problems.isEmpty(), qPrintable(u"%1 problems, listed above"_s.arg(problems.size())));
}

QString tsPath(const QString &language)
{
    return QStringLiteral(SHOPDESK_SOURCE_DIR) + u"/translations/shopdesk_"_s + language + u".ts"_s;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(QFile::exists(u":/i18n/shopdesk_ru.qm"_s));
        QVERIFY(QFile::exists(u":/i18n/shopdesk_en.qm"_s));
        // What the desktop application does at start with "Русский" chosen.
        QCOMPARE(installTranslations(u"ru"_s), u"ru"_s);
    }

    void russianMessages()
    {
        QCOMPARE(QCoreApplication::translate("shopdesk::MainWindow", "Checkout"), u"Касса"_s);
        QCOMPARE(QCoreApplication::translate("shopdesk::MainWindow", "Stock"), u"Остатки"_s);
        QCOMPARE(
            QCoreApplication::translate("shopdesk::CheckoutPage", "Order %1 paid.").arg(u"1-42"_s),
            u"Заказ 1-42 оплачен."_s);
        // Code in the models library, through its own translate() context.
        QCOMPARE(roleDisplayName(Role::StockKeeper), u"Кладовщик"_s);
    }

    void russianPlurals_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("1") << 1 << u"1 товар"_s;
        QTest::newRow("3") << 3 << u"3 товара"_s;
        QTest::newRow("5") << 5 << u"5 товаров"_s;
        QTest::newRow("11") << 11 << u"11 товаров"_s;
        QTest::newRow("21") << 21 << u"21 товар"_s;
        QTest::newRow("24") << 24 << u"24 товара"_s;
        // %Ln: the count in the Russian way too (a no-break space groups digits).
        QTest::newRow("1001") << 1001 << u"1\u00A0001 товар"_s;
    }
    void russianPlurals()
    {
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(QCoreApplication::translate("shopdesk::CheckoutPage", "%Ln item(s)", nullptr, n),
                 expected);
    }

    // A store's message, made where the store is, must reach the till in Russian.
    void storeMessages()
    {
        Actor admin;
        admin.staffId = 1;
        admin.role = Role::Admin;
        const auto made = StockStore(QSqlDatabase()).create(admin, u"1001"_s, 1, -1, 0);
        QVERIFY(!made);
        QVERIFY2(made.error().message.startsWith(u"Количество на полке должно быть"_s),
                 qPrintable(made.error().message));
    }

    void qtOwnStringsAndLocale()
    {
        // qtbase_ru.qm from the Qt installation: the standard buttons and dialogs.
        QVERIFY2(
            QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + u"/qtbase_ru.qm"_s),
            "qtbase_ru.qm is missing: install qt6-translations-l10n");
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Отмена"_s);
        QCOMPARE(QLocale().language(), QLocale::Russian);
        QCOMPARE(QLocale().toString(1234567), u"1\u00a0234\u00a0567"_s);
    }

    void englishPlurals()
    {
        QTranslator english;
        QVERIFY(english.load(u":/i18n/shopdesk_en.qm"_s));
        QCOMPARE(english.translate("shopdesk::CheckoutPage", "%Ln item(s)", nullptr, 1),
                 u"%Ln item"_s);
        QCOMPARE(english.translate("shopdesk::CheckoutPage", "%Ln item(s)", nullptr, 2),
                 u"%Ln items"_s);
        // Everything else stays the English source.
        QVERIFY(english.translate("shopdesk::MainWindow", "Checkout").isEmpty());
    }

    void languageChoice()
    {
        QCOMPARE(availableLanguages(), (QStringList {u"en"_s, u"ru"_s}));
        QCOMPARE(resolveLanguage(u"ru"_s, {u"en-US"_s}), u"ru"_s);
        QCOMPARE(resolveLanguage(u"EN"_s, {u"ru-RU"_s}), u"en"_s);
        QCOMPARE(resolveLanguage(QString(), {u"ru-RU"_s, u"ru"_s}), u"ru"_s);
        QCOMPARE(resolveLanguage(QString(), {u"de-DE"_s, u"ru_RU"_s}), u"ru"_s);
        QCOMPARE(resolveLanguage(QString(), {u"de-DE"_s, u"fr"_s}), u"en"_s);
        QCOMPARE(resolveLanguage(u"klingon"_s, {u"ru"_s}), u"ru"_s);
        QCOMPARE(resolveLanguage(QString(), {}), u"en"_s);

        QCOMPARE(localeForLanguage(u"en"_s, QLocale(u"en_GB"_s)).name(), u"en_GB"_s);
        QCOMPARE(localeForLanguage(u"ru"_s, QLocale(u"en_GB"_s)).name(), u"ru_RU"_s);
        QCOMPARE(localeForLanguage(u"en"_s, QLocale(u"ru_RU"_s)).name(), u"en_US"_s);
        QCOMPARE(localeForLanguage(u"en"_s, QLocale::c()).language(), QLocale::C);
    }

    void russianTsComplete()
    {
        QString language, error;
        const QList<TsMessage> messages = readTs(tsPath(u"ru"_s), &language, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(language, u"ru_RU"_s);
        QVERIFY2(messages.size() > 500, "translations/shopdesk_ru.ts lost its messages");

        QStringList problems;
        int plurals = 0;
        for (const TsMessage &m : messages) {
            if (m.type == u"vanished"_s || m.type == u"obsolete"_s)
                continue;
            const QString where = m.context + u": \""_s + m.source + u"\": "_s;
            if (m.type == u"unfinished"_s)
                problems << where + u"unfinished"_s;
            if (m.numerus) {
                ++plurals;
                if (m.translations.size() != 3)
                    problems << where + u"needs the three Russian plural forms"_s;
            }
            for (const QString &t : m.translations) {
                if (t.trimmed().isEmpty()) {
                    problems << where + u"empty translation"_s;
                    continue;
                }
                if (placeholders(t) != placeholders(m.source))
                    problems << where + u"placeholders differ in \""_s + t + u'"';
                if (htmlTags(t) != htmlTags(m.source))
                    problems << where + u"HTML tags differ in \""_s + t + u'"';
                if (hasAccelerator(m.source) != hasAccelerator(t))
                    problems << where + u"accelerator (&) lost or added in \""_s + t + u'"';
            }
        }
        QVERIFY(plurals > 0);
        report(problems);
    }

    void englishTsHasPluralForms()
    {
        QString language, error;
        const QList<TsMessage> messages = readTs(tsPath(u"en"_s), &language, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(language.startsWith(u"en"_s));
        QVERIFY(!messages.isEmpty());
        for (const TsMessage &m : messages) {
            if (m.type == u"vanished"_s || m.type == u"obsolete"_s)
                continue;
            QVERIFY2(m.type.isEmpty(), qPrintable(m.source));
            QVERIFY2(m.numerus, qPrintable(m.source + u": only plural messages belong here"_s));
            QCOMPARE(m.translations.size(), 2);
            for (const QString &t : m.translations)
                QCOMPARE(placeholders(t), placeholders(m.source));
        }
    }

    // lupdate files a message under the context it sees: the class of the
    // function calling tr(). A file whose tr() is its own helper around
    // QCoreApplication::translate("Ctx", text) translates under "Ctx" at run
    // time, so its messages must be filed under "Ctx" too, or they are never
    // shown translated.
    void contextsMatchTheCode()
    {
        QString language, error;
        const QList<TsMessage> messages = readTs(tsPath(u"ru"_s), &language, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QHash<QString, QSet<QString>> contextsByFile; // "../models/x.cpp" → contexts
        for (const TsMessage &m : messages) {
            for (const QString &file : m.locations)
                contextsByFile[file].insert(m.context);
        }
        QVERIFY2(!contextsByFile.isEmpty(), "shopdesk_ru.ts must keep its <location>s");

        static const QRegularExpression helper(
            u"translate\\(\\s*\"([\\w:]+)\"\\s*,\\s*(?!\")[a-zA-Z_]"_s);
        static const QRegularExpression literal(
            u"(?:translate|QT_TRANSLATE_NOOP)\\(\\s*\"([\\w:]+)\"\\s*,\\s*\""_s);
        const QString root = QStringLiteral(SHOPDESK_SOURCE_DIR);
        QStringList problems;
        for (const QString &dir : {u"models"_s, u"ui"_s, u"app"_s}) {
            QDirIterator it(root + u'/' + dir, {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QString code = QString::fromUtf8(file.readAll());
                QSet<QString> runtime;
                for (auto m = helper.globalMatch(code); m.hasNext();)
                    runtime.insert(m.next().captured(1));
                if (runtime.isEmpty())
                    continue;
                QSet<QString> allowed = runtime;
                for (auto m = literal.globalMatch(code); m.hasNext();)
                    allowed.insert(m.next().captured(1));
                const QString relative = u"../"_s + path.mid(root.size() + 1);
                for (const QString &context : contextsByFile.value(relative)) {
                    if (!allowed.contains(context))
                        problems << u"%1: messages filed under \"%2\", translated at run time "
                                    u"under \"%3\""_s.arg(
                                        relative.mid(3), context,
                                        QStringList(runtime.values()).join(u", "_s));
                }
            }
        }
        problems.sort();
        report(problems);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
