#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace shopdesk {

// An inline message above a form or page: errors and notices that need no
// decision go here instead of a modal box.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    enum class Type { Error, Warning, Information, Positive };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(const QString &text, Type type = Type::Error);
    // Keeps room for a message of up to `lines` lines even while none is
    // shown, so that a message appearing never changes the size of the
    // dialog around it (a dialog that grew past its screen would have its
    // title bar pushed off it by the window manager).
    void reserveSpace(int lines);
    void hideMessage();
    QString text() const;

private:
    QLabel *m_label;
    QToolButton *m_close;
};

} // namespace shopdesk
