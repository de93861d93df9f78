#include "call_logger.h"

#include <cstdio>
#include <memory>
#include <mutex>

namespace od::server {

rpc::CallSink stderrCallSink(rpc::LogFormat format)
{
    auto mutex = std::make_shared<std::mutex>();
    return [format, mutex](const rpc::CallRecord& record) {
        std::string line = rpc::formatCallRecord(record, format);
        line += '\n';
        std::lock_guard lock(*mutex);
        std::fwrite(line.data(), 1, line.size(), stderr);
    };
}

} // namespace od::server
