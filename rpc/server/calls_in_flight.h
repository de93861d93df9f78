#pragma once
// How many calls have reached a handler and not yet ended, counted by a server interceptor, so
// that a shutdown can tell when only grpc's own leftovers remain.
//
// Why: a client that cancels a call right after sending its headers can leave the call inside
// grpc, matched to no handler, waiting for a request that will never come. grpc++ 1.51's
// Server::Shutdown(deadline) waits for such calls until the deadline, so outlierd took its whole
// grace (5 s) to stop after, say, a stock pane closed as it opened. Once no call of ours is
// left, the server cancels what remains instead (see Server::shutdown).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace od::rpc {

class CallsInFlight
{
public:
    void began();
    void ended();

    // Blocks until no call has been in flight, and none has begun, for `settle`; or until
    // `deadline`, or stop(). True when it went idle. The settle time covers a call that grpc
    // hands to a handler just as the count reaches zero.
    bool waitIdle(std::chrono::milliseconds settle, std::chrono::steady_clock::time_point deadline);
    // Wakes waitIdle(), which then returns false.
    void stop();
    // Calls in a handler now.
    long long inFlight() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    long long m_inFlight = 0;
    std::uint64_t m_begun = 0;
    bool m_stopped = false;
};

// The interceptor that counts: one per call, created as the call reaches its handler and
// destroyed with the call.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> makeCallsInFlightInterceptorFactory(
    CallsInFlight& calls);

} // namespace od::rpc
