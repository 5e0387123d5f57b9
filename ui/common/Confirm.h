#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace shopdesk::Confirm {

// Asks a yes/no question in a modal box. Tests pre-answer it with
// setAnswerForTests() so no box waits for a click.
bool ask(QWidget *parent, const QString &title, const QString &text);
void setAnswerForTests(std::optional<bool> answer);

} // namespace shopdesk::Confirm
