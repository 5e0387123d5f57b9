#include "models/catalog/Ean13.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace Ean13 = shopdesk::Ean13;

class TestEan13 : public QObject
{
    Q_OBJECT
private slots:
    void knownCodes_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("valid");
        // Printed on real packages.
        QTest::newRow("4006381333931") << u"4006381333931"_s << true;
        QTest::newRow("5901234123457") << u"5901234123457"_s << true;
        QTest::newRow("4607001771234-like valid") << Ean13::complete(u"460700177123"_s) << true;
        QTest::newRow("wrong check digit") << u"4006381333932"_s << false;
        QTest::newRow("letter") << u"40063813339a1"_s << false;
        QTest::newRow("12 digits") << u"400638133393"_s << false;
        QTest::newRow("14 digits") << u"40063813339310"_s << false;
        QTest::newRow("empty") << QString() << false;
    }
    void knownCodes()
    {
        QFETCH(QString, code);
        QFETCH(bool, valid);
        QCOMPARE(Ean13::isValid(code), valid);
    }

    void checkDigit()
    {
        QCOMPARE(Ean13::checkDigit(u"400638133393"_s), 1);
        QCOMPARE(Ean13::checkDigit(u"590123412345"_s), 7);
        QCOMPARE(Ean13::checkDigit(u"000000000000"_s), 0);
        QCOMPARE(Ean13::checkDigit(u"12345"_s), -1);
        QCOMPARE(Ean13::complete(u"400638133393"_s), u"4006381333931"_s);
        QVERIFY(Ean13::complete(u"x"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEan13)
#include "tst_ean13.moc"
