#include "PeriodicSweep.h"

#include "TaskRunner.h"

#include <QTimer>

namespace shopdesk {

PeriodicSweep::PeriodicSweep(QString what, Job job, QObject *parent)
    : QObject(parent), m_what(std::move(what)), m_job(std::move(job)), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &PeriodicSweep::sweep);
}

void PeriodicSweep::start(int intervalMs)
{
    m_timer->start(intervalMs);
}

void PeriodicSweep::stop()
{
    m_timer->stop();
}

void PeriodicSweep::sweep()
{
    if (m_sweeping)
        return;
    m_sweeping = true;
    whenReady(this, m_job(), [this](const Result<int> &changed) {
        m_sweeping = false;
        if (!changed) {
            qWarning("%s failed: %s", qUtf8Printable(m_what),
                     qUtf8Printable(changed.error().message));
            emit failed(changed.error().message);
            return;
        }
        emit swept(changed.value());
    });
}

} // namespace shopdesk
