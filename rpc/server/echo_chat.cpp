#include "echo_chat.h"

#include "rpc/server/stream_registry.h"
#include "rpc/server/tracked_reactor.h"

#include <memory>
#include <mutex>

namespace od::rpc {
namespace {

    // Locking as in tracked_reactor.h. A drain ends the stream at once while it waits for the
    // client, or after the reply in flight.
    class EchoChat final : public TrackedReactor<grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>>
    {
    public:
        explicit EchoChat(grpc::CallbackServerContext* context)
            : TrackedReactor(context)
        { }

        void OnReadDone(bool ok) override
        {
            bool write = false;
            {
                std::lock_guard lock(m_mutex);
                if (ok && !draining()) {
                    write = true;
                    m_out.set_user("Server");
                    m_out.set_message("Server received: " + m_in.message());
                    markWriting();
                }
            }
            if (!ok)
                finishOnce(grpc::Status::OK);
            else if (write)
                StartWrite(&m_out);
            else
                finishOnce(shuttingDown());
        }

        void OnWriteDone(bool ok) override
        {
            bool stopping = false;
            {
                std::lock_guard lock(m_mutex);
                markWritten();
                stopping = draining();
            }
            if (!ok)
                finishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "chat cancelled"));
            else if (stopping)
                finishOnce(shuttingDown());
            else
                StartRead(&m_in);
        }

    private:
        void begin() override { StartRead(&m_in); }

        // Waiting for the client: end now; else OnWriteDone ends it.
        bool stopForDrain() override { return !writing(); }

        greeter::ChatMessage m_in;
        greeter::ChatMessage m_out;
    };

} // namespace

grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* startEchoChat(
    grpc::CallbackServerContext* context, StreamRegistry& registry)
{
    auto chat = makeTrackedStream<EchoChat>(context);
    registry.add(chat);
    chat->start(chat);
    return chat.get();
}

} // namespace od::rpc
