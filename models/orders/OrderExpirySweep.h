#pragma once

#include "models/core/PeriodicSweep.h"

namespace shopdesk {

// Unpaid orders whose payment time is up go back on the shelf: the
// application sweeps once a minute, whatever windows it has open. Several
// tills sweep at once without harm (each order is released once). `swept`
// says how many orders a sweep released.
class OrderExpirySweep : public PeriodicSweep
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 60'000;

    explicit OrderExpirySweep(QObject *parent = nullptr);
    void start(int intervalMs = kIntervalMs) { PeriodicSweep::start(intervalMs); }
};

} // namespace shopdesk
