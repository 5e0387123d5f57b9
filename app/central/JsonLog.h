#pragma once

#include <QtGlobal>

namespace shopdesk {

// A Qt message handler writing one JSON object per line to stderr (time,
// level, category, message), so log collectors can parse central's logs.
// Request lines (category shopdesk.central.request) are JSON already and are
// merged into the line as fields.
void writeJsonLogLine(QtMsgType type, const QMessageLogContext &context, const QString &message);

} // namespace shopdesk
