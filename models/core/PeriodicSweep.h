#pragma once

#include "Result.h"

#include <QFuture>
#include <QObject>

#include <functional>

class QTimer;

namespace shopdesk {

// Database housekeeping the application runs on a timer, whatever windows it
// has open (unpaid orders released, due prices applied): each sweep runs
// `job` off the GUI thread, one at a time, and says how many rows it changed.
class PeriodicSweep : public QObject
{
    Q_OBJECT
public:
    using Job = std::function<QFuture<Result<int>>()>;

    // `what` names the job in the log when it fails ("Expiring unpaid orders").
    PeriodicSweep(QString what, Job job, QObject *parent = nullptr);

    void start(int intervalMs);
    void stop();

public slots:
    // One sweep now; none while the last one is still at it (a slow
    // database), so they never pile up.
    void sweep();

signals:
    void swept(int changed);
    void failed(const QString &message);

private:
    QString m_what;
    Job m_job;
    QTimer *m_timer;
    bool m_sweeping = false;
};

} // namespace shopdesk
