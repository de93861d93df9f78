#include "generic_call.h"

#include "rpc/client/call_canceller.h"
#include "rpc/client/channel_release.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace od::rpc {
namespace {

    Metadata copyMetadata(const std::multimap<grpc::string_ref, grpc::string_ref>& in)
    {
        Metadata out;
        out.reserve(in.size());
        for (const auto& [key, value] : in)
            out.emplace_back(std::string(key.data(), key.size()), std::string(value.data(), value.size()));
        return out;
    }

    std::string toBytes(const grpc::ByteBuffer& buffer)
    {
        std::vector<grpc::Slice> slices;
        std::string out;
        if (!buffer.Dump(&slices).ok())
            return out;
        out.reserve(buffer.Length());
        for (const auto& slice : slices)
            out.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
        return out;
    }

    grpc::ByteBuffer toBuffer(const std::string& bytes)
    {
        grpc::Slice slice(bytes);
        return grpc::ByteBuffer(&slice, 1);
    }

    class BidiCall final : public GenericCall, public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>
    {
    public:
        explicit BidiCall(Callbacks callbacks)
            : m_callbacks(std::move(callbacks))
        { }

        void begin(std::shared_ptr<BidiCall> self, const std::shared_ptr<grpc::Channel>& channel,
            const std::string& path, const CallSettings& settings)
        {
            m_self = std::move(self);
            if (settings.deadline.count() > 0)
                m_context.set_deadline(std::chrono::system_clock::now() + settings.deadline);
            for (const auto& [key, value] : settings.metadata)
                m_context.AddMetadata(key, value);
            m_channel = channel;
            m_stub = std::make_unique<grpc::GenericStub>(channel);
            m_stub->PrepareBidiStreamingCall(&m_context, path, grpc::StubOptions(), this);
            // Writes come from outside the reactions: the hold keeps the call open until this
            // side half-closes or cancels, or the server ends its side.
            AddHold();
            StartRead(&m_in);
            m_canceller = settings.canceller;
            if (m_canceller)
                m_canceller->attach(&m_context); // cancels at once if it already was
            StartCall();
        }

        std::optional<std::string> send(std::string bytes) override
        {
            std::unique_lock lock(m_mutex);
            if (m_leaving || m_closed)
                return "the call no longer takes messages (half-closed, cancelled or over)";
            if (m_queue.full())
                return std::to_string(m_queue.size()) + " messages (" + std::to_string(m_queue.bytes())
                    + " bytes) already wait to be written: the server or the connection takes them slower than "
                      "they are sent; send again once they have gone";
            const std::size_t size = bytes.size();
            m_queue.push(std::move(bytes), size);
            if (m_writing)
                return std::nullopt;
            m_writing = true;
            takeNext();
            lock.unlock();
            StartWrite(&m_out);
            return std::nullopt;
        }

        void waitForRoom() override
        {
            std::unique_lock lock(m_mutex);
            m_queue.waitForRoom(lock, [this] { return m_leaving || m_closed; });
        }

        void halfClose() override
        {
            std::unique_lock lock(m_mutex);
            m_leaving = true;
            m_queue.wake();
            if (m_writing || m_closed)
                return; // OnWriteDone half-closes once the queue is empty
            m_closed = true;
            lock.unlock();
            StartWritesDone();
            RemoveHold();
        }

        void cancel() override
        {
            m_context.TryCancel();
            releaseHold();
        }

        void OnReadInitialMetadataDone(bool ok) override
        {
            if (ok && m_callbacks.headers)
                m_callbacks.headers(copyMetadata(m_context.GetServerInitialMetadata()));
        }

        void OnWriteDone(bool ok) override
        {
            std::unique_lock lock(m_mutex);
            if (ok && !m_queue.empty() && !m_closed) {
                takeNext();
                lock.unlock();
                StartWrite(&m_out);
                return;
            }
            m_writing = false;
            m_queue.clear(); // lets waiting senders go too
            const bool closeNow = (!ok || m_leaving) && !m_closed;
            if (closeNow)
                m_closed = true;
            lock.unlock();
            if (closeNow) {
                if (ok)
                    StartWritesDone();
                RemoveHold(); // a failed write means the call is over: let OnDone come
            }
        }

        void OnReadDone(bool ok) override
        {
            if (!ok) {
                // The server ended its side: nothing more can be sent, and the final status
                // must not wait for this side to half-close.
                std::unique_lock lock(m_mutex);
                m_leaving = true;
                m_queue.wake();
                if (m_writing)
                    return; // OnWriteDone releases the hold
                lock.unlock();
                releaseHold();
                return;
            }
            if (m_callbacks.received)
                m_callbacks.received(toBytes(m_in));
            StartRead(&m_in);
        }

        void OnDone(const grpc::Status& status) override
        {
            if (m_canceller)
                m_canceller->detach(); // before the context goes with this object
            if (m_callbacks.finished)
                m_callbacks.finished(
                    CallEnd { RpcStatus::from(status), copyMetadata(m_context.GetServerTrailingMetadata()) });
            releaseCall(std::move(m_self), m_channel); // may destroy this object: touch nothing after
        }

    private:
        void releaseHold()
        {
            std::unique_lock lock(m_mutex);
            if (m_closed)
                return;
            m_closed = true;
            m_queue.wake();
            lock.unlock();
            RemoveHold();
        }

        // Moves the queue's head into the write buffer and tells a waiting sender there is room;
        // called with m_mutex held.
        void takeNext() { m_out = toBuffer(m_queue.take()); }

        Callbacks m_callbacks;
        std::unique_ptr<grpc::GenericStub> m_stub;
        grpc::ClientContext m_context;
        grpc::ByteBuffer m_in;
        grpc::ByteBuffer m_out;
        std::mutex m_mutex;
        WriteQueue<std::string> m_queue;
        bool m_writing = false;
        bool m_leaving = false;
        bool m_closed = false; // hold released (and writes done, unless cancelled or failed)
        // Also held by the stub and the context; this copy lets OnDone hand the last one away.
        std::shared_ptr<grpc::Channel> m_channel;
        std::shared_ptr<BidiCall> m_self;
        CallCanceller* m_canceller = nullptr;
    };

} // namespace

std::shared_ptr<GenericCall> GenericCall::start(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
    const CallSettings& settings, Callbacks callbacks)
{
    auto call = std::make_shared<BidiCall>(std::move(callbacks));
    call->begin(call, channel, path, settings);
    return call;
}

Exchange exchange(const std::shared_ptr<grpc::Channel>& channel, const std::string& path, const CallSettings& settings,
    const std::vector<std::string>& requests)
{
    Exchange result;
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
    GenericCall::Callbacks callbacks;
    callbacks.headers = [&](const Metadata& headers) {
        std::lock_guard lock(mutex);
        result.headers = headers;
    };
    callbacks.received = [&](std::string&& bytes) {
        std::lock_guard lock(mutex);
        result.responses.push_back(std::move(bytes));
    };
    callbacks.finished = [&](const CallEnd& end) {
        std::lock_guard lock(mutex); // notify under the lock: the waiter may return at once
        result.end = end;
        done = true;
        cv.notify_one();
    };
    auto call = GenericCall::start(channel, path, settings, std::move(callbacks));
    for (const auto& request : requests) {
        call->waitForRoom();
        if (call->send(request))
            break; // the call is over: its status says why
    }
    call->halfClose();
    {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return done; });
    }
    waitForRelease(call);
    return result;
}

void waitForRelease(const std::shared_ptr<GenericCall>& call)
{
    // OnDone drops the call's own reference right after finished() returns: a short wait.
    while (call.use_count() > 1)
        std::this_thread::yield();
}

} // namespace od::rpc
