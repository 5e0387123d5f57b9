#pragma once

#include <QObject>

class QTimer;

namespace shopdesk {

// Unpaid orders whose payment time is up go back on the shelf: the
// application sweeps once a minute, whatever windows it has open. Several
// tills sweep at once without harm (each order is released once).
class OrderExpirySweep : public QObject
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 60'000;

    explicit OrderExpirySweep(QObject *parent = nullptr);

    void start(int intervalMs = kIntervalMs);
    void stop();

public slots:
    // One sweep now, off the GUI thread.
    void sweep();

signals:
    // A sweep finished: how many orders it released.
    void swept(int released);
    void failed(const QString &message);

private:
    QTimer *m_timer;
    bool m_sweeping = false; // one sweep at a time
};

} // namespace shopdesk
