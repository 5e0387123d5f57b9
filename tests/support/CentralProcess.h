#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

class QProcess;

namespace shopdesk::test {

// The real shopdesk-central executable, run by a test over a test database.
// Waiting keeps the event loop running (other sockets of the test go on).
class CentralProcess : public QObject
{
    Q_OBJECT
public:
    // `executable`: QStringLiteral(SHOPDESK_BIN_DIR "/shopdesk-central") in tests.
    CentralProcess(QString executable, QString databaseUrl, QObject *parent = nullptr);
    ~CentralProcess() override; // kills a server still running

    // Starts the server on `port` (0: a free one; port() after a stop() to
    // come back on the same one) and waits until it says it listens.
    // False, with errorText(), if it did not.
    bool start(quint16 port = 0, int timeoutMs = 60000);
    // SIGTERM, then waits for the end (SIGKILL after `timeoutMs`). True if it
    // stopped cleanly (exit code 0).
    bool stop(int timeoutMs = 30000);
    // SIGKILL, then waits for the end: a crash, nothing finished cleanly.
    void kill();

    bool isRunning() const;
    // The port it listens on, or listened on last.
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // http://127.0.0.1:port
    QString errorText() const { return m_error; }

    // Runs `shopdesk-central --db <url> --issue-token <shopCode>` and returns
    // the token it prints; empty and *error when it fails. Blocks (a short run).
    QByteArray issueToken(const QString &shopCode, QString *error) const;

private:
    QString urlWithoutPassword() const;
    void withoutPasswordInArguments(QProcess *process) const;

    QString m_executable;
    QString m_databaseUrl;
    QProcess *m_process = nullptr;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace shopdesk::test
