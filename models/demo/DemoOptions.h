#pragma once

#include <QtGlobal>

namespace shopdesk {

// How much demo data to make. Limits are enforced by DemoDataGenerator.
struct DemoOptions
{
    static constexpr qint64 kMaxCustomers = 1'000'000;
    static constexpr qint64 kMaxHistory = 10'000'000;
    static constexpr int kMaxProducts = 3000;

    qint64 customers = 100'000;
    qint64 history = 100'000;
    int products = 2000;
    // Replace whatever the database holds.
    bool force = false;
    // Same seed, same data (for tests and benchmarks).
    quint32 seed = 20261123;
};

} // namespace shopdesk
