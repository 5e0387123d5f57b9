#pragma once

#include <QObject>

class QTimer;

namespace shopdesk {

// Copies the scheduled prices whose moment has come into the products, every
// minute while the application runs. The till charges the right price
// without it (every charge reads price_at), but lists, CSV exports, the
// catalog feed and the prices other programs read show products.price.
class DuePriceSweep : public QObject
{
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 60'000;

    explicit DuePriceSweep(QObject *parent = nullptr);
    void start(int intervalMs = kIntervalMs);
    void stop();

public slots:
    void sweep();

signals:
    void swept(int changedProducts);
    void failed(const QString &message);

private:
    QTimer *m_timer;
    bool m_sweeping = false;
};

} // namespace shopdesk
