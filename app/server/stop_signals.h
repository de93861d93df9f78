#pragma once
// SIGINT and SIGTERM for outlierd: blocked in every thread, then waited for by one thread, so no
// handler ever runs inside grpc's threads.

#include <functional>
#include <thread>

namespace od::server {

class StopSignals
{
public:
    // Blocks SIGINT and SIGTERM in the calling thread and in every thread it starts later: call it
    // first thing in main, before any thread exists.
    StopSignals();
    ~StopSignals();

    // Starts a thread that waits for the first of the signals, then calls onStop(name) on it.
    void watch(std::function<void(const char* signalName)> onStop);
    // Waits for the watching thread to return from onStop. Call it once the server's wait()
    // returns: the server's Wait() can return while onStop is still inside shutdown(), and the
    // server must outlive that call.
    void join();

private:
    std::thread m_waiter;
};

} // namespace od::server
