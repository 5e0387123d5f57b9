#include "DuePriceSweep.h"

#include "PriceStore.h"
#include "models/core/DatabaseTask.h"
#include "models/core/TaskRunner.h"

#include <QTimer>

namespace shopdesk {

DuePriceSweep::DuePriceSweep(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &DuePriceSweep::sweep);
}

void DuePriceSweep::start(int intervalMs)
{
    m_timer->start(intervalMs);
    sweep(); // the prices that came due while the application was closed
}

void DuePriceSweep::stop()
{
    m_timer->stop();
}

void DuePriceSweep::sweep()
{
    if (m_sweeping)
        return; // the last one is still at it (a slow database): no pile-up
    m_sweeping = true;
    whenReady(this, onDatabase([](const QSqlDatabase &db) { return PriceStore(db).applyDue(); }),
              [this](const Result<int> &changed) {
                  m_sweeping = false;
                  if (!changed) {
                      qWarning("Applying due prices failed: %s",
                               qUtf8Printable(changed.error().message));
                      emit failed(changed.error().message);
                      return;
                  }
                  emit swept(changed.value());
              });
}

} // namespace shopdesk
