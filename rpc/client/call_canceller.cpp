#include "call_canceller.h"

#include <grpcpp/client_context.h>

namespace od::rpc {

void CallCanceller::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    if (m_context)
        m_context->TryCancel(); // safe from any thread, and a no-op once the call has ended
}

bool CallCanceller::cancelled() const
{
    std::lock_guard lock(m_mutex);
    return m_cancelled;
}

void CallCanceller::attach(grpc::ClientContext* context)
{
    std::lock_guard lock(m_mutex);
    m_context = context;
    if (m_cancelled)
        m_context->TryCancel();
}

void CallCanceller::detach()
{
    std::lock_guard lock(m_mutex);
    m_context = nullptr;
}

} // namespace od::rpc
