#include "OrderExpirySweep.h"

#include "OrdersService.h"
#include "models/core/TaskRunner.h"

#include <QTimer>

namespace shopdesk {

OrderExpirySweep::OrderExpirySweep(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &OrderExpirySweep::sweep);
}

void OrderExpirySweep::start(int intervalMs)
{
    m_timer->start(intervalMs);
}

void OrderExpirySweep::stop()
{
    m_timer->stop();
}

void OrderExpirySweep::sweep()
{
    if (m_sweeping)
        return; // the last one is still at it (a slow database): no pile-up
    m_sweeping = true;
    whenReady(this, OrdersService::expireOverdue(), [this](const Result<int> &released) {
        m_sweeping = false;
        if (!released) {
            qWarning("Expiring unpaid orders failed: %s", qUtf8Printable(released.error().message));
            emit failed(released.error().message);
            return;
        }
        emit swept(released.value());
    });
}

} // namespace shopdesk
