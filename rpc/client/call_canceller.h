#pragma once
// Lets another thread cancel a call in flight: cancel() may come before the call starts,
// while it runs, or after it ended, from any thread.

#include <mutex>

namespace grpc {
class ClientContext;
}

namespace od::rpc {

class CallCanceller
{
public:
    void cancel();
    bool cancelled() const;

    // Used by the call itself: attach before starting, detach once finished.
    void attach(grpc::ClientContext* context);
    void detach();

private:
    mutable std::mutex m_mutex;
    grpc::ClientContext* m_context = nullptr;
    bool m_cancelled = false;
};

} // namespace od::rpc
