#include "models/core/Money.h"
#include "models/core/Quantity.h"

#include <QLocale>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// Amounts and weights as people read them, worked out in whole numbers: the
// last kopeck and the last gram are exact at any size.
class TestMoney : public QObject
{
    Q_OBJECT
private slots:
    void init() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void cleanupTestCase() { QLocale::setDefault(QLocale::system()); }

    void formatsInTheUsersLocale_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<QString>("plain");
        const QString nbsp = QString(QChar(0x00A0));
        QTest::newRow("zero") << u"en_US"_s << qint64(0) << u"0.00"_s << u"0.00"_s;
        QTest::newRow("one kopeck") << u"en_US"_s << qint64(1) << u"0.01"_s << u"0.01"_s;
        QTest::newRow("grouped") << u"en_US"_s << qint64(123450) << u"1,234.50"_s << u"1234.50"_s;
        QTest::newRow("negative under one") << u"en_US"_s << qint64(-5) << u"-0.05"_s << u"-0.05"_s;
        QTest::newRow("russian") << u"ru_RU"_s << qint64(123450) << u"1"_s + nbsp + u"234,50"_s
                                 << u"1234.50"_s;
        // A double would print ...808.00 or round the kopecks away here.
        QTest::newRow("largest") << u"en_US"_s << std::numeric_limits<qint64>::max()
                                 << u"92,233,720,368,547,758.07"_s << u"92233720368547758.07"_s;
        QTest::newRow("smallest") << u"en_US"_s << std::numeric_limits<qint64>::min()
                                  << u"-92,233,720,368,547,758.08"_s << u"-92233720368547758.08"_s;
    }
    void formatsInTheUsersLocale()
    {
        QFETCH(QString, locale);
        QFETCH(qint64, minor);
        QFETCH(QString, shown);
        QFETCH(QString, plain);
        QLocale::setDefault(QLocale(locale));
        QCOMPARE(Money::format(minor), shown);
        // Files and other programs get the same digits whatever the locale.
        QCOMPARE(Money::plain(minor), plain);
    }

    void aFieldReadsBackWhatItShows()
    {
        for (const char *name : {"en_US", "ru_RU", "de_DE"}) {
            QLocale::setDefault(QLocale(QString::fromLatin1(name)));
            for (qint64 minor : {qint64(0), qint64(7), qint64(1999), qint64(123456789)})
                QCOMPARE(Money::parse(Money::formatPlain(minor)), std::optional<qint64>(minor));
        }
    }

    void weighedGoodsReadInKilograms()
    {
        QCOMPARE(Quantity::format(1250, true), u"1.250 kg"_s);
        QCOMPARE(Quantity::format(5, true), u"0.005 kg"_s);
        QCOMPARE(Quantity::format(1250, false), u"1,250"_s);
        QCOMPARE(Quantity::plain(1234567, true), u"1234.567 kg"_s);
        QLocale::setDefault(QLocale(u"ru_RU"_s));
        QCOMPARE(Quantity::format(9300, true), u"9,300 kg"_s);
    }

    void typedQuantitiesReadBackInPiecesOrGrams()
    {
        QCOMPARE(Quantity::parse(u"12"_s, false), std::optional<qint64>(12));
        QCOMPARE(Quantity::parse(u" 1 200 "_s, false), std::optional<qint64>(1200));
        QCOMPARE(Quantity::parse(u"1.5"_s, false), std::nullopt); // pieces are whole
        QCOMPARE(Quantity::parse(u"-3"_s, false), std::nullopt);
        QCOMPARE(Quantity::parse(u""_s, false), std::nullopt);
        QCOMPARE(Quantity::parse(u"1,25"_s, true), std::optional<qint64>(1250));
        QCOMPARE(Quantity::parse(u"0.4"_s, true), std::optional<qint64>(400));
        QCOMPARE(Quantity::parse(u"2 kg"_s, true), std::optional<qint64>(2000));
        QCOMPARE(Quantity::parse(u"0,005 кг"_s, true), std::optional<qint64>(5));
        QCOMPARE(Quantity::parse(u"1.2345"_s, true), std::nullopt); // under a gram
        QCOMPARE(Quantity::parse(u"kg"_s, true), std::nullopt);
        // What format() shows reads back.
        QCOMPARE(Quantity::parse(Quantity::format(9300, true), true), std::optional<qint64>(9300));
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
