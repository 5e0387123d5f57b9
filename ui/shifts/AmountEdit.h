#pragma once

#include <QLineEdit>

#include <optional>

namespace shopdesk {

// A line edit for an amount of money as people type it ("1000", "999,50",
// "1 000.00"): large, right-aligned, the number read with Money::parse.
class AmountEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit AmountEdit(QWidget *parent = nullptr);

    // The amount in minor units, or nullopt when the text is not an amount.
    std::optional<qint64> amount() const;
    void setAmount(qint64 minorUnits);
};

} // namespace shopdesk
