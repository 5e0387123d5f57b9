#pragma once

class QLabel;
class QString;
class QWidget;

namespace shopdesk {

// A label whose mnemonic (the &-letter) puts the keyboard in `buddy`.
QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent);

} // namespace shopdesk
