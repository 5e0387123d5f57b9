#include "CentralProcess.h"

#include "models/db/DbConfig.h"

#include <QProcess>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace shopdesk::test {

CentralProcess::CentralProcess(QString executable, QString databaseUrl, QObject *parent)
    : QObject(parent), m_executable(std::move(executable)), m_databaseUrl(std::move(databaseUrl))
{
}

CentralProcess::~CentralProcess()
{
    if (isRunning())
        kill();
}

bool CentralProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QUrl CentralProcess::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

QString CentralProcess::urlWithoutPassword() const
{
    QString error;
    DbConfig config = DbConfig::fromUrl(m_databaseUrl, &error);
    config.password.clear();
    return config.toUrl();
}

void CentralProcess::withoutPasswordInArguments(QProcess *process) const
{
    // As the docs advise: the password in the environment, where other
    // accounts cannot read it, not in the process list.
    QString error;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSWORD"_s, DbConfig::fromUrl(m_databaseUrl, &error).password);
    process->setProcessEnvironment(env);
}

bool CentralProcess::start(quint16 port, int timeoutMs)
{
    m_error.clear();
    if (isRunning()) {
        m_error = u"shopdesk-central is already running"_s;
        return false;
    }
    delete m_process;
    m_process = new QProcess(this);
    // Its complaints belong in the test's output; stdout is where it says its port.
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    withoutPasswordInArguments(m_process);
    // The server dies with the test. A test that aborts (a sanitizer finding,
    // a crash) would otherwise leave it running, holding the output pipe that
    // ctest waits on until the test's timeout.
    m_process->setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->start(m_executable,
                     {u"--db"_s, urlWithoutPassword(), u"--port"_s, QString::number(port)});
    if (!m_process->waitForStarted(timeoutMs)) {
        m_error = u"cannot start %1: %2"_s.arg(m_executable, m_process->errorString());
        return false;
    }
    const bool answered = QTest::qWaitFor(
        [this] { return m_process->canReadLine() || m_process->state() == QProcess::NotRunning; },
        timeoutMs);
    if (!m_process->canReadLine()) {
        m_error = answered
            ? u"shopdesk-central exited with code %1 before listening"_s.arg(m_process->exitCode())
            : u"shopdesk-central did not say it listens within %1 ms"_s.arg(timeoutMs);
        kill();
        return false;
    }
    // "shopdesk-central listening on http://127.0.0.1:PORT"
    const QString line = QString::fromLocal8Bit(m_process->readLine()).trimmed();
    const int listening = QUrl(line.section(u' ', -1)).port();
    if (!line.contains(u"listening on http://"_s) || listening <= 0) {
        m_error = u"unexpected first line from shopdesk-central: %1"_s.arg(line);
        kill();
        return false;
    }
    m_port = quint16(listening);
    // Later lines ("stopping") are of no interest; do not let them pile up.
    connect(m_process, &QProcess::readyReadStandardOutput, m_process,
            [process = m_process] { process->readAllStandardOutput(); });
    return true;
}

bool CentralProcess::stop(int timeoutMs)
{
    m_error.clear();
    if (!isRunning()) {
        m_error = u"shopdesk-central is not running"_s;
        return false;
    }
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!QTest::qWaitFor([this] { return m_process->state() == QProcess::NotRunning; },
                         timeoutMs)) {
        m_error = u"shopdesk-central did not stop within %1 ms of SIGTERM"_s.arg(timeoutMs);
        kill();
        return false;
    }
    if (m_process->exitStatus() != QProcess::NormalExit) {
        m_error = u"shopdesk-central crashed on SIGTERM"_s;
        return false;
    }
    if (m_process->exitCode() != 0) {
        m_error = u"shopdesk-central exited with code %1 on SIGTERM"_s.arg(m_process->exitCode());
        return false;
    }
    return true;
}

void CentralProcess::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(30000);
}

QByteArray CentralProcess::issueToken(const QString &shopCode, QString *error) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    withoutPasswordInArguments(&process);
    process.start(m_executable, {u"--db"_s, urlWithoutPassword(), u"--issue-token"_s, shopCode});
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    if (!process.waitForFinished(60000))
        return fail(
            u"shopdesk-central --issue-token did not finish: %1"_s.arg(process.errorString()));
    const QByteArray out = process.readAllStandardOutput().trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(
            u"shopdesk-central --issue-token exited with code %1: %2"_s.arg(process.exitCode())
                .arg(QString::fromLocal8Bit(process.readAllStandardError().trimmed())));
    if (out.isEmpty() || out.contains('\n'))
        return fail(u"shopdesk-central --issue-token printed %1 lines, not one token"_s.arg(
            out.isEmpty() ? 0 : out.count('\n') + 1));
    return out;
}

} // namespace shopdesk::test
