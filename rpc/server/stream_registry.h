#pragma once
// The server's long-lived streams, so that it can end them from outside their own reactions:
// a stream whose client stopped reading (a write pending for longer than the stall limit) is
// cancelled, and when the server drains every open stream is told to finish with a status.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace od::rpc {

class TrackedStream
{
public:
    virtual ~TrackedStream() = default;
    // Cancels the call if a write has been pending since before `since`. Called on the
    // registry's own thread; must not block.
    virtual void cancelIfStalledSince(std::chrono::steady_clock::time_point since) = 0;
    // Ends the stream soon with UNAVAILABLE, whatever it is doing. Must not block.
    virtual void drain() = 0;
};

class StreamRegistry
{
public:
    // stallLimit: how long one write may wait for the client to read before the stream is
    // cancelled. Starts a thread that checks about four times per stallLimit.
    explicit StreamRegistry(std::chrono::milliseconds stallLimit);
    ~StreamRegistry();
    StreamRegistry(const StreamRegistry&) = delete;
    StreamRegistry& operator=(const StreamRegistry&) = delete;

    // Holds only a weak reference: a stream that has ended drops out by itself. A stream added
    // after drainAll() is drained at once.
    void add(const std::shared_ptr<TrackedStream>& stream);
    void drainAll();
    bool draining() const;

private:
    std::vector<std::shared_ptr<TrackedStream>> live();
    void watch();

    const std::chrono::milliseconds m_stallLimit;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<std::weak_ptr<TrackedStream>> m_streams;
    bool m_draining = false;
    bool m_stop = false;
    std::thread m_watcher;
};

} // namespace od::rpc
