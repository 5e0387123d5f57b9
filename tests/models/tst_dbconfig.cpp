#include "models/db/DbConfig.h"

#include <QTest>

using namespace Qt::StringLiterals;
using shopdesk::DbConfig;

class TestDbConfig : public QObject
{
    Q_OBJECT
private slots:
    void parsesUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::newRow("full") << u"postgresql://shop:secret@db.example:6543/shopdesk"_s
                              << u"db.example"_s << 6543 << u"shopdesk"_s << u"shop"_s
                              << u"secret"_s;
        QTest::newRow("postgres scheme, default port")
            << u"postgres://u@localhost/d"_s << u"localhost"_s << 5432 << u"d"_s << u"u"_s
            << QString();
        QTest::newRow("encoded password") << u"postgresql://u:p%40ss%3Aw%2Frd@h:1/d"_s << u"h"_s
                                          << 1 << u"d"_s << u"u"_s << u"p@ss:w/rd"_s;
        QTest::newRow("spaces around")
            << u"  postgresql://h/d  "_s << u"h"_s << 5432 << u"d"_s << QString() << QString();
    }
    void parsesUrls()
    {
        QFETCH(QString, url);
        QString error;
        const DbConfig c = DbConfig::fromUrl(url, &error);
        QVERIFY2(c.isValid(), qPrintable(error));
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, database);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QCOMPARE(c.host, host);
        QCOMPARE(c.port, port);
        QCOMPARE(c.database, database);
        QCOMPARE(c.user, user);
        QCOMPARE(c.password, password);
    }

    void rejectsBadUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QString() << u"empty"_s;
        QTest::newRow("wrong scheme") << u"mysql://h/d"_s << u"mysql"_s;
        QTest::newRow("no database") << u"postgresql://h:5432"_s << u"no database"_s;
        QTest::newRow("bad port") << u"postgresql://h:99999/d"_s << u"port"_s;
        QTest::newRow("port not a number") << u"postgresql://h:abc/d"_s << u"port"_s;
    }
    void rejectsBadUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, mentions);
        QString error;
        const DbConfig c = DbConfig::fromUrl(url, &error);
        QVERIFY(!c.isValid());
        QVERIFY2(error.contains(mentions, Qt::CaseInsensitive), qPrintable(error));
    }

    void redactedUrlHidesPassword()
    {
        QString error;
        const DbConfig c = DbConfig::fromUrl(u"postgresql://shop:hunter2@h:5/d"_s, &error);
        QCOMPARE(c.toRedactedUrl(), u"postgresql://shop:***@h:5/d"_s);
        QVERIFY(!c.toRedactedUrl().contains(u"hunter2"_s));
        QVERIFY(!c.displayName().contains(u"hunter2"_s));
    }

    void urlRoundTrips()
    {
        DbConfig c;
        c.host = u"10.0.0.5"_s;
        c.port = 7000;
        c.database = u"central"_s;
        c.user = u"sync"_s;
        c.password = u"a@b:c/d%e"_s;
        QString error;
        const DbConfig back = DbConfig::fromUrl(c.toUrl(), &error);
        QVERIFY2(back.isValid(), qPrintable(error));
        QCOMPARE(back.password, c.password);
        QCOMPARE(back.user, c.user);
        QCOMPARE(back.port, 7000);
        QCOMPARE(back.database, u"central"_s);
    }
};

QTEST_GUILESS_MAIN(TestDbConfig)
#include "tst_dbconfig.moc"
