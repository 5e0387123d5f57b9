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
    void hideMessage();
    QString text() const;

private:
    QLabel *m_label;
    QToolButton *m_close;
};

} // namespace shopdesk
