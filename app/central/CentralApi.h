#pragma once

#include "ApiSupport.h"

namespace shopdesk {

// The REST API of shopdesk-central: seed 000's endpoints plus /sync and
// /health. handle() runs on a worker thread with that thread's own database
// connection; it never throws and never answers 500 for bad input.
namespace CentralApi {

ApiResponse handle(const ApiRequest &request);
// The paths routed to handle(), for the server's router; a path parameter
// is written "<arg>" (one segment, any text but '/').
QStringList paths();

} // namespace CentralApi
} // namespace shopdesk
