#include "channel_release.h"

#include <grpcpp/channel.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace od::rpc {
namespace {

    // The queue and its lock are never freed: a call may end on a gRPC thread while the process
    // is already running its static destructors, and must still find them.
    struct Queue
    {
        std::mutex mutex;
        std::condition_variable wake;
        std::deque<std::shared_ptr<grpc::Channel>> pending;
        std::vector<std::shared_ptr<grpc::Channel>> keptToExit; // handed over after stopping
        bool stopping = false;
    };

    Queue& queue()
    {
        static auto* q = new Queue; // reachable until exit, so no leak checker counts it
        return *q;
    }

    // The thread that drops channels. A static object, so that at exit (after main returns,
    // before gRPC's own statics go) it drops what is left and is joined: no channel is being
    // destroyed behind the process's back while it exits.
    class ReleaseThread
    {
    public:
        ReleaseThread()
            : m_thread([] { run(); })
        { }

        ~ReleaseThread()
        {
            {
                std::lock_guard lock(queue().mutex);
                queue().stopping = true;
            }
            queue().wake.notify_one();
            m_thread.join();
        }

    private:
        static void run()
        {
            Queue& q = queue();
            std::unique_lock lock(q.mutex);
            for (;;) {
                q.wake.wait(lock, [&] { return q.stopping || !q.pending.empty(); });
                while (!q.pending.empty()) {
                    auto channel = std::move(q.pending.front());
                    q.pending.pop_front();
                    lock.unlock();
                    channel.reset(); // may destroy the channel: outside the lock, it can take a while
                    lock.lock();
                }
                if (q.stopping)
                    return;
            }
        }

        std::thread m_thread;
    };

} // namespace

void releaseOffCallbackThread(std::shared_ptr<grpc::Channel> channel)
{
    if (!channel)
        return;
    static ReleaseThread thread; // started on first use, stopped at exit
    Queue& q = queue();
    {
        std::lock_guard lock(q.mutex);
        if (q.stopping) {
            q.keptToExit.push_back(std::move(channel));
            return;
        }
        q.pending.push_back(std::move(channel));
    }
    q.wake.notify_one();
}

void releaseCall(std::shared_ptr<void> self, std::shared_ptr<grpc::Channel> channel)
{
    self.reset(); // the call's stub and context let go of the channel here; ours still holds it
    releaseOffCallbackThread(std::move(channel));
}

} // namespace od::rpc
