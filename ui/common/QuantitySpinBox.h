#pragma once

#include <QDoubleSpinBox>

namespace shopdesk {

// A quantity as people say it: whole pieces, or kilograms to the gram for
// goods sold by weight, with the unit shown. Its value is in the units the
// database keeps (pieces or grams), so a weighed 1.250 kg is 1250.
class QuantitySpinBox : public QDoubleSpinBox
{
    Q_OBJECT
public:
    explicit QuantitySpinBox(QWidget *parent = nullptr);

    // Switches between pieces and kilograms, keeping the range in units.
    void setSoldByWeight(bool soldByWeight);
    bool soldByWeight() const { return m_soldByWeight; }
    void setUnitsRange(qint64 minimum, qint64 maximum);

    qint64 units() const;
    void setUnits(qint64 units);

signals:
    void unitsChanged(qint64 units);

private:
    void applyUnit();

    bool m_soldByWeight = false;
    qint64 m_minimum = 0;
    qint64 m_maximum = 99;
};

} // namespace shopdesk
