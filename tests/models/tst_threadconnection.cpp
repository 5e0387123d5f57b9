#include "TestDatabase.h"
#include "models/core/Sql.h"
#include "models/db/Database.h"

#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <optional>

using namespace Qt::StringLiterals;
using namespace shopdesk;

// A pool thread's own connection (Database::threadConnection) when the
// server drops it under the thread: after a restart, or when the tests drop
// the database it was on. The thread's next call says so, the one after
// works on a new connection, and a connection replaced because the default
// changed is let go without talking to the server that dropped it.
class TestThreadConnection : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabase> m_first;
    std::unique_ptr<test::TestDatabase> m_second;
    // One thread, as a pool thread: every call below runs on its connection.
    QThread m_thread;
    QObject *m_worker = nullptr;

    template<typename Call>
    auto onThread(Call call) -> decltype(call())
    {
        std::optional<decltype(call())> out;
        QMetaObject::invokeMethod(
            m_worker, [&] { out.emplace(call()); }, Qt::BlockingQueuedConnection);
        return *out;
    }

    // `SELECT ? + 1` on the thread's connection, a prepared statement
    // the thread keeps; and that connection's server process.
    Result<QVariant> addOne(int value)
    {
        return onThread([value] {
            QString error;
            const QSqlDatabase db = Database::threadConnection(&error);
            if (!db.isOpen())
                return Result<QVariant>(StoreError::database(error));
            return Sql::scalar(db, u"SELECT ?::int + 1"_s, {value});
        });
    }
    qint64 backendPid()
    {
        return onThread([] {
            const QSqlDatabase db = Database::threadConnection();
            auto pid = Sql::scalar(db, u"SELECT pg_backend_pid() + ?::int"_s, {0});
            return pid ? pid.value().toLongLong() : qint64(0);
        });
    }
    // Ends that server process, as a restart or DROP DATABASE … WITH (FORCE) does.
    bool terminate(qint64 pid)
    {
        if (!Sql::scalar(m_second->db(), u"SELECT pg_terminate_backend(?::int)"_s, {pid}))
            return false;
        for (int tries = 0; tries < 200; ++tries) {
            auto alive =
                Sql::scalar(m_second->db(),
                            u"SELECT count(*) FROM pg_stat_activity WHERE pid = ?::int"_s, {pid});
            if (alive && alive.value().toInt() == 0)
                return true;
            QTest::qWait(25);
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        m_worker = new QObject;
        m_worker->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread.start();
        m_first = std::make_unique<test::TestDatabase>(u"threadconn_a"_s);
        m_second = std::make_unique<test::TestDatabase>(u"threadconn_b"_s);
        QVERIFY2(m_first->isReady(), qPrintable(m_first->errorText()));
        QVERIFY2(m_second->isReady(), qPrintable(m_second->errorText()));
    }
    void cleanupTestCase()
    {
        onThread([] {
            Database::closeThreadConnection();
            return true;
        });
        m_thread.quit();
        m_thread.wait();
    }

    void aDroppedConnectionIsReplacedOnTheNextCall()
    {
        Database::setDefaultConfig(m_first->config());
        QCOMPARE(addOne(1).value().toInt(), 2);
        const qint64 pid = backendPid();
        QVERIFY(pid > 0);
        QVERIFY(terminate(pid));

        const auto failed = addOne(2);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, StoreError::Code::Database);
        QCOMPARE(addOne(3).value().toInt(), 4);
        QVERIFY(backendPid() != pid);
    }

    void aReplacedConnectionIsNotSpokenToAgain()
    {
        Database::setDefaultConfig(m_first->config());
        QCOMPARE(addOne(1).value().toInt(), 2);
        QVERIFY(terminate(backendPid()));
        // The kept statements of the dropped connection are not deallocated
        // over it: that fails ("Unable to free statement") once per statement.
        QTest::failOnWarning(QRegularExpression(u"Unable to free statement"_s));
        Database::setDefaultConfig(m_second->config());
        QCOMPARE(addOne(5).value().toInt(), 6);
        QCOMPARE(onThread([] {
                     return Sql::scalar(Database::threadConnection(),
                                        u"SELECT current_database()"_s)
                         .value()
                         .toString();
                 }),
                 m_second->config().database);
    }
};

QTEST_GUILESS_MAIN(TestThreadConnection)
#include "tst_threadconnection.moc"
