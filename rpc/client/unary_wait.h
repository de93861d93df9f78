#pragma once
// Runs one callback-API unary call and waits for its outcome on the calling thread. For worker
// threads and command-line tools only: never call it on a GUI thread.

#include "rpc/client/call_canceller.h"
#include "rpc/rpc_status.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

namespace od::rpc {

// start(done) must start the call on context and arrange for done(status) to be called once.
template <typename Start>
RpcStatus waitForUnary(
    grpc::ClientContext& context, std::chrono::milliseconds deadline, CallCanceller* canceller, Start&& start)
{
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    if (canceller)
        canceller->attach(&context);
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
    grpc::Status status;
    start([&](grpc::Status s) {
        std::lock_guard lock(mutex); // notify under the lock: the waiter may destroy cv at once
        status = std::move(s);
        done = true;
        cv.notify_one();
    });
    {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return done; });
    }
    if (canceller)
        canceller->detach();
    return RpcStatus::from(status);
}

} // namespace od::rpc
