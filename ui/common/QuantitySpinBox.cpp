#include "QuantitySpinBox.h"

#include "models/core/Quantity.h"

#include <QLocale>
#include <QtMath>

namespace shopdesk {

QuantitySpinBox::QuantitySpinBox(QWidget *parent) : QDoubleSpinBox(parent)
{
    // Typing "1,5" in a comma locale and "1.5" in a point one both work:
    // QDoubleSpinBox reads the user's locale.
    setAccelerated(true);
    connect(this, &QDoubleSpinBox::valueChanged, this, [this] { emit unitsChanged(units()); });
    applyUnit();
}

void QuantitySpinBox::setSoldByWeight(bool soldByWeight)
{
    if (soldByWeight == m_soldByWeight)
        return;
    const qint64 kept = units();
    m_soldByWeight = soldByWeight;
    applyUnit();
    setUnits(kept);
}

void QuantitySpinBox::setUnitsRange(qint64 minimum, qint64 maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
    applyUnit();
}

qint64 QuantitySpinBox::units() const
{
    return m_soldByWeight ? qRound64(value() * Quantity::kGramsPerKg) : qRound64(value());
}

void QuantitySpinBox::setUnits(qint64 units)
{
    setValue(m_soldByWeight ? double(units) / Quantity::kGramsPerKg : double(units));
}

void QuantitySpinBox::applyUnit()
{
    const double scale = m_soldByWeight ? Quantity::kGramsPerKg : 1.0;
    // Decimals first: QDoubleSpinBox rounds its range and value to them.
    setDecimals(m_soldByWeight ? 3 : 0);
    setRange(m_minimum / scale, m_maximum / scale);
    setSingleStep(m_soldByWeight ? 0.1 : 1.0);
    setSuffix(m_soldByWeight ? tr(" kg") : tr(" pcs"));
    setToolTip(
        m_soldByWeight
            ? tr("Kilograms, to the gram (%1 is 1 kg 250 g).").arg(QLocale().toString(1.25, 'f', 3))
            : tr("Whole pieces."));
}

} // namespace shopdesk
