#include "DuePriceSweep.h"

#include "PriceStore.h"
#include "models/core/DatabaseTask.h"

using namespace Qt::StringLiterals;

namespace shopdesk {

DuePriceSweep::DuePriceSweep(QObject *parent)
    : PeriodicSweep(
          u"Applying due prices"_s,
          [] {
              return onDatabase([](const QSqlDatabase &db) { return PriceStore(db).applyDue(); });
          },
          parent)
{
}

void DuePriceSweep::start(int intervalMs)
{
    PeriodicSweep::start(intervalMs);
    sweep();
}

} // namespace shopdesk
