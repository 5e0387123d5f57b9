#include "AmountEdit.h"

#include "models/core/Money.h"

namespace shopdesk {

AmountEdit::AmountEdit(QWidget *parent) : QLineEdit(parent)
{
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    setFont(big);
    setMinimumHeight(44);
    setAlignment(Qt::AlignRight);
}

std::optional<qint64> AmountEdit::amount() const
{
    return Money::parse(text());
}

void AmountEdit::setAmount(qint64 minorUnits)
{
    setText(Money::formatPlain(minorUnits));
}

} // namespace shopdesk
