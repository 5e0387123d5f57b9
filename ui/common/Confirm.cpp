#include "Confirm.h"

#include <QMessageBox>

namespace shopdesk::Confirm {

namespace {
std::optional<bool> s_answer;
}

bool ask(QWidget *parent, const QString &title, const QString &text)
{
    if (s_answer)
        return *s_answer;
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

void setAnswerForTests(std::optional<bool> answer)
{
    s_answer = answer;
}

} // namespace shopdesk::Confirm
