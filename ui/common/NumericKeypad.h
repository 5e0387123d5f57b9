#pragma once

#include <QWidget>

namespace shopdesk {

// An on-screen keypad for touch tills: digits, 00, the decimal comma, ×,
// backspace, clear and Enter, each at least 44 px. It types into whichever
// line edit has (or last had) the focus, as a keyboard would.
class NumericKeypad : public QWidget
{
    Q_OBJECT
public:
    explicit NumericKeypad(QWidget *parent = nullptr);

signals:
    void enterPressed();

private:
    void press(const QString &key);
};

} // namespace shopdesk
