#include "MessageBanner.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace shopdesk {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(u"messageBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    m_label->setWordWrap(true);
    // Messages quote what people typed (names, codes): shown as text, never markup.
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(Icons::icon(Icon::Close));
    m_close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBanner::hideMessage);
    hide();
}

void MessageBanner::showMessage(const QString &text, Type type)
{
    QString colors;
    switch (type) {
    case Type::Error:
        colors = u"background: #fbe3e4; border: 1px solid #d9534f; color: #6b1d1b;"_s;
        break;
    case Type::Warning:
        colors = u"background: #fff4d6; border: 1px solid #e0a800; color: #5c4400;"_s;
        break;
    case Type::Information:
        colors = u"background: #e3effb; border: 1px solid #3c7fc1; color: #173a5e;"_s;
        break;
    case Type::Positive:
        colors = u"background: #e2f4e6; border: 1px solid #3c9a55; color: #1c4a28;"_s;
        break;
    }
    setStyleSheet(
        u"#messageBanner { %1 border-radius: 4px; } #messageBanner QLabel { border: none; "
        "background: transparent; }"_s.arg(colors));
    m_label->setText(text);
    show();
}

void MessageBanner::reserveSpace(int lines)
{
    QSizePolicy policy = sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    setSizePolicy(policy);
    const QMargins margins = layout()->contentsMargins();
    const int text = lines * m_label->fontMetrics().lineSpacing();
    setMinimumHeight(qMax(text, m_close->sizeHint().height()) + margins.top() + margins.bottom() +
                     2 * frameWidth());
}

void MessageBanner::hideMessage()
{
    m_label->clear();
    hide();
}

QString MessageBanner::text() const
{
    return m_label->text();
}

} // namespace shopdesk
