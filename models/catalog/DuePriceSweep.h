#pragma once

#include "models/core/PeriodicSweep.h"

namespace shopdesk {

// Copies the scheduled prices whose moment has come into the products, at
// start and every minute while the application runs. The till charges the
// right price without it (every charge reads price_at), but lists, CSV
// exports, the catalog feed and the prices other programs read show
// products.price. `swept` says how many products changed.
class DuePriceSweep : public PeriodicSweep
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 60'000;

    explicit DuePriceSweep(QObject *parent = nullptr);
    // Sweeps at once too: the prices that came due while the application
    // was closed.
    void start(int intervalMs = kIntervalMs);
};

} // namespace shopdesk
