#pragma once
// What every long-lived server stream (stock ticker, echo chat, chat room participant) keeps so
// that the StreamRegistry can end it from outside its own reactions: the reactor owns itself
// until grpc is done with it, it knows since when its write has been pending (a client that
// stopped reading gets its call cancelled after the stall limit), whether it is draining, and
// that Finish goes out once.
//
// The locking rule, for this class and the streams built on it: every state change is under
// m_mutex; StartRead, StartWrite and Finish are called outside it, because grpc may run the
// resulting reaction at once on the same thread. The mutex is recursive for the registry's
// calls, whose TryCancel may run OnCancel on the calling thread.

#include "rpc/server/stream_registry.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <utility>

namespace od::rpc {

// Reactor: the grpc reactor the stream is, e.g. grpc::ServerWriteReactor<Reply>.
// A new stream of type Stream (a TrackedReactor) as the shared_ptr that start() and the registry
// take. Deliberately not std::make_shared: that puts the reactor in the same allocation as the
// control block, so the reactor's memory would stay until the registry forgets its weak
// reference and be freed then, on the registry's thread. gRPC's own header code reads the
// reactor (ServerWriteReactor::writer_ in StartWrite and Finish) on gRPC's threads, and the
// ordering from those reads to OnDone is made inside the uninstrumented libgrpc; a free on a
// thread of ours is then a race to ThreadSanitizer. Allocated on its own, the reactor goes with
// its last strong reference, which is OnDone's (or another reaction's), on gRPC's thread; the
// registry's weak reference only keeps the control block, which only our code touches.
template <typename Stream, typename... Args> std::shared_ptr<Stream> makeTrackedStream(Args&&... args)
{
    return std::shared_ptr<Stream>(new Stream(std::forward<Args>(args)...));
}

template <typename Reactor> class TrackedReactor : public Reactor, public TrackedStream
{
public:
    // self is this stream, already added to the registry: the stream owns itself from here until
    // OnDone, then makes its first move.
    void start(std::shared_ptr<TrackedStream> self)
    {
        m_self = std::move(self);
        begin();
    }

    void OnDone() final
    {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        ended();
        auto self = std::move(m_self); // may delete this on return
    }

    void cancelIfStalledSince(std::chrono::steady_clock::time_point since) final
    {
        std::lock_guard lock(m_mutex);
        if (!m_done && m_writing && m_writeStarted < since)
            m_context->TryCancel();
    }

    void drain() final
    {
        bool endNow = false;
        {
            std::lock_guard lock(m_mutex);
            if (m_done || m_draining)
                return;
            m_draining = true;
            endNow = stopForDrain();
        }
        if (endNow)
            endForDrain();
    }

protected:
    explicit TrackedReactor(grpc::CallbackServerContext* context)
        : m_context(context)
    { }

    static grpc::Status shuttingDown()
    {
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, "outlierd is shutting down");
    }

    // The stream's first read or write; called once, by start().
    virtual void begin() = 0;
    // Under the lock, once, as the stream starts draining: stops what waits (a timer) and says
    // whether to end the stream now. False leaves the end to the reaction in flight, which sees
    // draining().
    virtual bool stopForDrain() = 0;
    // Ends the stream when stopForDrain() said now; outside the lock.
    virtual void endForDrain() { finishOnce(shuttingDown()); }
    // The stream's last words in OnDone, once done() is true and before it lets go of itself.
    virtual void ended() { }

    // Called with m_mutex held.
    void markWriting()
    {
        m_writing = true;
        m_writeStarted = std::chrono::steady_clock::now();
    }
    void markWritten() { m_writing = false; }
    bool writing() const { return m_writing; }
    bool draining() const { return m_draining; }
    bool done() const { return m_done; }
    bool finished() const { return m_finished; }
    // True once: for the caller that is to call Finish, after letting go of the lock.
    bool claimFinish()
    {
        if (m_finished)
            return false;
        m_finished = true;
        return true;
    }

    // Outside the lock: Finish(status), unless the stream has finished already.
    void finishOnce(const grpc::Status& status)
    {
        {
            std::lock_guard lock(m_mutex);
            if (!claimFinish())
                return;
        }
        this->Finish(status);
    }

    std::recursive_mutex m_mutex; // guards the state here and the stream's own

private:
    grpc::CallbackServerContext* const m_context;
    std::shared_ptr<TrackedStream> m_self;
    std::chrono::steady_clock::time_point m_writeStarted;
    bool m_writing = false;
    bool m_draining = false;
    bool m_finished = false;
    bool m_done = false;
};

} // namespace od::rpc
