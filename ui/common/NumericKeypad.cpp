#include "NumericKeypad.h"

#include <QApplication>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace shopdesk {

NumericKeypad::NumericKeypad(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"numericKeypad"_s);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    const QList<QStringList> rows {
        {u"7"_s, u"8"_s, u"9"_s, u"⌫"_s},
        {u"4"_s, u"5"_s, u"6"_s, u"C"_s},
        {u"1"_s, u"2"_s, u"3"_s, u"×"_s},
        {u"0"_s, u"00"_s, u","_s, u"↵"_s},
    };
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < rows.at(r).size(); ++c) {
            const QString key = rows.at(r).at(c);
            auto *button = new QPushButton(key, this);
            button->setObjectName(u"key_"_s + key);
            button->setMinimumSize(56, 44); // a fingertip
            // The keypad never takes the focus from the field it types into.
            button->setFocusPolicy(Qt::NoFocus);
            button->setAutoDefault(false);
            connect(button, &QPushButton::clicked, this, [this, key] { press(key); });
            grid->addWidget(button, r, c);
        }
    }
}

void NumericKeypad::press(const QString &key)
{
    auto *edit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    if (key == u"↵"_s) {
        if (edit)
            emit edit->returnPressed();
        emit enterPressed();
        return;
    }
    if (!edit || edit->isReadOnly())
        return;
    if (key == u"⌫"_s)
        edit->backspace();
    else if (key == u"C"_s)
        edit->clear();
    else if (key == u"×"_s)
        edit->insert(u"*"_s);
    else
        edit->insert(key);
    // insert() does not emit textEdited; the fields react to that.
    emit edit->textEdited(edit->text());
}

} // namespace shopdesk
