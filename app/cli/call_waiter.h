#pragma once
// Lets a command-line tool wait on its main thread for a streaming call that reports from gRPC
// threads: finish() once, wait() until then.

#include "rpc/rpc_status.h"

#include <condition_variable>
#include <mutex>

namespace od::cli {

class CallWaiter
{
public:
    void finish(const rpc::RpcStatus& status)
    {
        std::lock_guard lock(m_mutex);
        m_status = status;
        m_done = true;
        m_cv.notify_all();
    }

    rpc::RpcStatus wait()
    {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [this] { return m_done; });
        return m_status;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
    rpc::RpcStatus m_status;
};

} // namespace od::cli
