#pragma once
// Writes outlierd's per-call records to standard error, one whole line per write, so lines from
// many threads never interleave.

#include "rpc/server/call_log.h"

namespace od::server {

rpc::CallSink stderrCallSink(rpc::LogFormat format);

} // namespace od::server
