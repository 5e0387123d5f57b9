#pragma once

#include <QObject>
#include <QString>

namespace shopdesk {

// Where a card payment is charged: the seam a card terminal's driver plugs
// into. A terminal connected to the till charges the amount itself and
// answers approved() or declined(); a standalone terminal has the amount
// keyed in by the cashier, who then confirms its approval on the till.
// ShopDesk ships the standalone kind (StandaloneTerminal); a driver for a
// connected one implements this class and is handed to the checkout page.
class PaymentTerminal : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // True when the cashier confirms the terminal's approval by hand.
    virtual bool isStandalone() const = 0;
    // Starts charging `amount` (minor units) for the order `reference`.
    virtual void charge(qint64 amount, const QString &reference) = 0;
    // The cashier went back before the terminal answered.
    virtual void abort() = 0;

signals:
    void approved(const QString &authorization);
    void declined(const QString &reason);
};

// A card terminal not connected to the till: it asks nothing of the till;
// the cashier reads its screen and confirms.
class StandaloneTerminal : public PaymentTerminal
{
    Q_OBJECT
public:
    using PaymentTerminal::PaymentTerminal;

    bool isStandalone() const override { return true; }
    void charge(qint64, const QString &) override { }
    void abort() override { }
};

} // namespace shopdesk
