#pragma once

#include <QObject>

class QSocketNotifier;

namespace shopdesk {

// Turns SIGTERM and SIGINT into a Qt signal delivered on the event loop (a
// signal handler may do almost nothing itself; it writes to a pipe).
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
