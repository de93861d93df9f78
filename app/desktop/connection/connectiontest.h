#pragma once
// Test Connection: SayHello to an endpoint off the GUI thread, timed. A new test supersedes one
// in flight, and cancel() stops the call itself (not only its outcome), so a server that never
// answers holds nothing up. The outcome comes back on the GUI thread, the newest test's only.

#include "desktop/threads/latestjob.h"

#include "rpc/rpc_status.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace grpc {
class Channel;
} // namespace grpc

// What a connection test brings back from its worker.
struct HelloOutcome
{
    od::rpc::RpcStatus status;
    std::string reply;
    double millis = 0;
};

struct HelloTest;

class ConnectionTest
{
public:
    // Outcomes reach context's thread (the GUI thread's object that owns this test).
    explicit ConnectionTest(QObject* context);
    // Cancels a test in flight and waits for its call to end.
    ~ConnectionTest();

    // done gets the outcome, or nothing when the test stopped without one (cancelled).
    void start(const std::shared_ptr<grpc::Channel>& channel, std::chrono::milliseconds deadline,
        std::function<void(const std::optional<HelloOutcome>&)> done);
    bool isBusy() const;
    void cancel();

private:
    std::unique_ptr<LatestJob<HelloOutcome, HelloTest>> m_job;
};
