#include "QuantitySpinBox.h"

#include "models/core/Quantity.h"

#include <QKeyEvent>
#include <QLineEdit>
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

bool QuantitySpinBox::holdsFraction(const QString &text) const
{
    if (m_soldByWeight)
        return false;
    QString number = text;
    number.remove(suffix());
    number.remove(prefix());
    return number.contains(u'.') || number.contains(u',') ||
        number.contains(locale().decimalPoint());
}

std::optional<QString> QuantitySpinBox::problem() const
{
    if (!holdsFraction(lineEdit()->text()))
        return std::nullopt;
    return tr("This product is counted in whole pieces: \"%1\" is not a number of pieces.")
        .arg(cleanText());
}

QValidator::State QuantitySpinBox::validate(QString &input, int &pos) const
{
    // Kept as typed, so it is neither dropped (1,5 → 15) nor rounded (→ 2).
    if (holdsFraction(input))
        return QValidator::Intermediate;
    return QDoubleSpinBox::validate(input, pos);
}

void QuantitySpinBox::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && problem()) {
        emit refused(*problem());
        event->accept();
        return;
    }
    QDoubleSpinBox::keyPressEvent(event);
}

void QuantitySpinBox::focusOutEvent(QFocusEvent *event)
{
    // The spin box would put its last value back; the dialog that saves
    // reads problem() instead and says what is wrong.
    if (problem()) {
        QWidget::focusOutEvent(event);
        return;
    }
    QDoubleSpinBox::focusOutEvent(event);
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
