#pragma once

#include "CommandLine.h"

namespace shopdesk {

// `shopdesk --setup-only`: prepares the database (schema, demo data) and
// reports on the terminal. Returns the process exit code.
int runHeadlessSetup(const DeskOptions &options);

} // namespace shopdesk
