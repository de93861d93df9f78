#include "chat_session.h"

#include "channel_release.h"

#include "greeter/greeter.grpc.pb.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <mutex>

namespace od::rpc {
namespace {

    class ChatCall final : public ChatSession,
                           public grpc::ClientBidiReactor<greeter::ChatMessage, greeter::ChatMessage>
    {
    public:
        explicit ChatCall(Callbacks callbacks)
            : m_callbacks(std::move(callbacks))
        { }

        void begin(std::shared_ptr<ChatCall> self, const std::shared_ptr<grpc::Channel>& channel)
        {
            m_self = std::move(self);
            m_channel = channel;
            m_stub = greeter::Greeter::NewStub(channel);
            m_stub->async()->Chat(&m_context, this);
            // Writes come from outside the reactions: the hold keeps the call open until the
            // user leaves or cancels, even when nothing is being written or read.
            AddHold();
            StartRead(&m_in);
            StartCall();
        }

        Sent send(const ChatLine& line) override
        {
            std::unique_lock lock(m_mutex);
            if (m_leaving || m_cancelled)
                return Sent::Closed;
            if (m_queue.full())
                return Sent::QueueFull;
            m_queue.push(line, line.user.size() + line.message.size());
            if (m_writing)
                return Sent::Queued;
            m_writing = true;
            takeNext();
            lock.unlock();
            StartWrite(&m_out);
            return Sent::Queued;
        }

        void waitForRoom() override
        {
            std::unique_lock lock(m_mutex);
            m_queue.waitForRoom(lock, [this] { return m_leaving || m_cancelled; });
        }

        void leave() override
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
            std::unique_lock lock(m_mutex);
            m_cancelled = true;
            m_queue.wake();
            if (m_closed)
                return;
            m_closed = true;
            lock.unlock();
            RemoveHold();
        }

        void OnWriteDone(bool ok) override
        {
            std::unique_lock lock(m_mutex);
            if (ok && !m_queue.empty() && !m_cancelled) {
                takeNext();
                lock.unlock();
                StartWrite(&m_out);
                return;
            }
            m_writing = false;
            m_queue.clear(); // nothing more goes out: what waits is let go, and so are its senders
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
                // The server ended its side, or the connection is gone: nothing more can be sent,
                // and OnDone must not wait for the user to leave (the hold would keep a chat
                // whose server died "open" until then).
                std::unique_lock lock(m_mutex);
                m_leaving = true;
                m_queue.wake();
                if (m_writing || m_closed)
                    return; // OnWriteDone releases the hold once the write in flight ends
                m_closed = true;
                lock.unlock();
                RemoveHold();
                return;
            }
            if (m_callbacks.received)
                m_callbacks.received(ChatLine { m_in.user(), m_in.message() });
            StartRead(&m_in);
        }

        void OnDone(const grpc::Status& status) override
        {
            if (m_callbacks.finished)
                m_callbacks.finished(RpcStatus::from(status));
            releaseCall(std::move(m_self), m_channel); // may destroy this object: touch nothing after
        }

    private:
        // Moves the queue's head into the write buffer; called with m_mutex held.
        void takeNext()
        {
            ChatLine line = m_queue.take();
            m_out.set_user(std::move(line.user));
            m_out.set_message(std::move(line.message));
        }

        Callbacks m_callbacks;
        std::unique_ptr<greeter::Greeter::Stub> m_stub;
        grpc::ClientContext m_context;
        greeter::ChatMessage m_in;
        greeter::ChatMessage m_out;
        std::mutex m_mutex;
        WriteQueue<ChatLine> m_queue;
        bool m_writing = false;
        bool m_leaving = false;
        bool m_cancelled = false;
        bool m_closed = false; // hold released (and writes done, unless cancelled)
        // Also held by the stub and the context; this copy lets OnDone hand the last one away.
        std::shared_ptr<grpc::Channel> m_channel;
        std::shared_ptr<ChatCall> m_self;
    };

} // namespace

std::shared_ptr<ChatSession> ChatSession::start(const std::shared_ptr<grpc::Channel>& channel, Callbacks callbacks)
{
    auto call = std::make_shared<ChatCall>(std::move(callbacks));
    call->begin(call, channel);
    return call;
}

} // namespace od::rpc
