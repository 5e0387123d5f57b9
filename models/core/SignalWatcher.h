#pragma once

#include <QObject>

class QSocketNotifier;

namespace shopdesk {

// Turns SIGTERM, SIGINT and SIGHUP into a Qt signal delivered on the event
// loop (a signal handler may do almost nothing itself; it writes to a pipe),
// so that a program asked to stop (by kill, Ctrl+C, or its terminal closing)
// stops as cleanly as when it is told to quit. One per process: the signals'
// default handling comes back when it is destroyed.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace shopdesk
