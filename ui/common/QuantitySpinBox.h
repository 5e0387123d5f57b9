#pragma once

#include <QDoubleSpinBox>

#include <optional>

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
    // What is wrong with the typed text, if anything: a fraction of a piece.
    // The text is kept as typed (not rounded behind the user's back), so a
    // dialog reads this before it saves.
    std::optional<QString> problem() const;

    QValidator::State validate(QString &input, int &pos) const override;

signals:
    void unitsChanged(qint64 units);
    // Enter was pressed on a text that is not a quantity.
    void refused(const QString &message);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    bool holdsFraction(const QString &text) const;
    void applyUnit();

    bool m_soldByWeight = false;
    qint64 m_minimum = 0;
    qint64 m_maximum = 99;
};

} // namespace shopdesk
