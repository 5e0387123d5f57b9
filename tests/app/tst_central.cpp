#include "TestDatabase.h"
#include "app/sync/CentralClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// The real shopdesk-central process, on a free port, over a real database.
class TestCentral : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_tdb;
    QProcess m_server;
    QUrl m_base;

private slots:
    void initTestCase()
    {
        m_tdb = std::make_unique<test::TestDatabase>(u"central"_s);
        QVERIFY2(m_tdb->isReady(), qPrintable(m_tdb->errorText()));
        m_server.start(QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk-central"),
                       {u"--port"_s, u"0"_s, u"--db"_s, m_tdb->config().toUrl()});
        QVERIFY(m_server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.canReadLine(), 60000);
        const QString line = QString::fromLocal8Bit(m_server.readLine()).trimmed();
        QVERIFY2(line.contains(u"listening on http://"_s), qPrintable(line));
        m_base = QUrl(line.section(u' ', -1));
        QVERIFY(m_base.port() > 0);
    }

    void cleanupTestCase()
    {
        if (m_server.state() == QProcess::Running) {
            m_server.kill();
            m_server.waitForFinished();
        }
        m_tdb.reset();
    }

    void healthThroughTheClient()
    {
        CentralClient client(m_base);
        QSignalSpy spy(&client, &CentralClient::healthChecked);
        client.checkHealth();
        QVERIFY(spy.wait(15000));
        QCOMPARE(spy.first().at(0).toBool(), true);
    }

    void migratedTheCentralDatabase()
    {
        QSqlQuery q(m_tdb->db());
        QVERIFY(q.exec(u"SELECT count(*) FROM schema_migrations"_s) && q.next());
        QVERIFY(q.value(0).toInt() >= 1);
    }

    void unknownPathIsAJsonError()
    {
        QNetworkAccessManager network;
        QUrl url = m_base;
        url.setPath(u"/no/such/thing"_s);
        QNetworkReply *reply = network.get(QNetworkRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(15000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        const QJsonObject error =
            QJsonDocument::fromJson(reply->readAll()).object().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"not_found"_s);
        QVERIFY(error.value(u"message"_s).toString().contains(u"/no/such/thing"_s));
        reply->deleteLater();
    }

    void unreachableCentralIsReported()
    {
        CentralClient client(QUrl(u"http://127.0.0.1:1"_s));
        QSignalSpy spy(&client, &CentralClient::healthChecked);
        client.checkHealth();
        QVERIFY(spy.wait(15000));
        QCOMPARE(spy.first().at(0).toBool(), false);
        QVERIFY(!spy.first().at(1).toString().isEmpty());
    }

    void badOptionsAreExplained_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port out of range")
            << QStringList {u"--port"_s, u"70000"_s, u"--db"_s, u"postgresql://h/d"_s} << u"port"_s;
        QTest::newRow("bad address")
            << QStringList {u"--listen"_s, u"over-there"_s, u"--db"_s, u"postgresql://h/d"_s}
            << u"over-there"_s;
        QTest::newRow("no database") << QStringList {u"--port"_s, u"0"_s} << u"database"_s;
        QTest::newRow("missing config file")
            << QStringList {u"--config"_s, u"/nonexistent.ini"_s} << u"/nonexistent.ini"_s;
    }
    void badOptionsAreExplained()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"SHOPDESK_CENTRAL_DB"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk-central"), args);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(err.contains(mentions), qPrintable(err));
    }

    // Last: stops the server.
    void stopsCleanlyOnSigterm()
    {
        QCOMPARE(::kill(pid_t(m_server.processId()), SIGTERM), 0);
        QVERIFY(m_server.waitForFinished(30000));
        QCOMPARE(m_server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_server.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCentral)
#include "tst_central.moc"
