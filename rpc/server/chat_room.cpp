#include "chat_room.h"

#include "rpc/server/stream_registry.h"
#include "rpc/server/tracked_reactor.h"

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace od::rpc {

// One participant's stream. Reads run one at a time; messages for it wait in a bounded queue and
// are written one at a time. Locking as in tracked_reactor.h.
class ChatParticipant final : public TrackedReactor<grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>>
{
public:
    ChatParticipant(grpc::CallbackServerContext* context, ChatRoom& room)
        : TrackedReactor(context)
        , m_room(room)
    { }

    // Queues a message for this participant; called by any participant's reactions.
    void deliver(const greeter::ChatMessage& message)
    {
        bool startWrite = false;
        {
            std::lock_guard lock(m_mutex);
            if (m_endStatus || done())
                return;
            const std::size_t bytes = message.ByteSizeLong();
            if (!m_queue.empty()
                && (m_queue.size() >= m_room.limits().maxQueuedMessages
                    || m_queuedBytes + bytes > m_room.limits().maxQueuedBytes)) {
                m_endStatus = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                    "this chat stream fell too far behind the room (" + std::to_string(m_queue.size()) + " messages, "
                        + std::to_string(m_queuedBytes) + " bytes unread); read faster");
                m_overflowed = true; // nothing more is written; the queue goes with the stream
            } else {
                m_queue.push_back(message);
                m_queuedBytes += bytes;
            }
            startWrite = !writing() && !m_queue.empty();
            if (startWrite)
                markWriting();
        }
        writeFrontOrFinish(startWrite);
    }

    void OnReadDone(bool ok) override
    {
        if (!ok) {
            // Half-closed or cancelled: leave the room, finish once the queue is written.
            {
                std::lock_guard lock(m_mutex);
                m_readsDone = true;
                if (!m_endStatus)
                    m_endStatus = grpc::Status::OK;
            }
            m_room.leave(this);
            maybeFinish();
            return;
        }
        if (!m_announced) {
            m_announced = true;
            {
                std::lock_guard lock(m_mutex);
                m_user = m_in.user().empty() ? "anonymous" : m_in.user();
            }
            m_room.broadcast(notice(user() + " joined"));
        }
        m_room.broadcast(m_in);
        StartRead(&m_in);
    }

    void OnWriteDone(bool ok) override
    {
        bool next = false;
        {
            std::lock_guard lock(m_mutex);
            markWritten();
            // A failed write means nothing more can be written: even a client that had
            // half-closed (end status OK, waiting for its queue) will never take the rest.
            if (!ok && (!m_endStatus || m_endStatus->ok()))
                m_endStatus = grpc::Status(grpc::StatusCode::CANCELLED, "chat cancelled");
            if (!m_queue.empty()) {
                m_queuedBytes -= m_queue.front().ByteSizeLong();
                m_queue.pop_front();
            }
            next = ok && !m_queue.empty() && !draining() && !m_overflowed;
            if (next)
                markWriting();
        }
        writeFrontOrFinish(next);
    }

    void OnCancel() override
    {
        {
            std::lock_guard lock(m_mutex);
            // Also after a half-close: the queue it was waiting to write has no reader now, and
            // a finish that waited for it would never come (the participant and its queue held
            // for the server's life).
            if (!m_endStatus || m_endStatus->ok())
                m_endStatus = grpc::Status(grpc::StatusCode::CANCELLED, "chat cancelled");
        }
        maybeFinish();
    }

    std::string user()
    {
        std::lock_guard lock(m_mutex);
        return m_user;
    }

private:
    void begin() override { StartRead(&m_in); }

    bool stopForDrain() override
    {
        m_endStatus = shuttingDown();
        return true;
    }

    void endForDrain() override { maybeFinish(); }

    void ended() override { m_room.leave(this); }

    static greeter::ChatMessage notice(const std::string& text)
    {
        greeter::ChatMessage m;
        m.set_user("Server");
        m.set_message(text);
        return m;
    }

    // After a write was marked (write true) or not: sends the queue's front, or sees whether the
    // stream can finish.
    void writeFrontOrFinish(bool write)
    {
        if (write)
            StartWrite(&m_queue.front());
        else
            maybeFinish();
    }

    // Finishes once there is an end status and no write in flight. A normal end (the client
    // half-closed) waits for the queue to be written first; any other end drops the queue.
    void maybeFinish()
    {
        grpc::Status status;
        {
            std::lock_guard lock(m_mutex);
            if (finished() || !m_endStatus || writing())
                return;
            if (m_endStatus->ok() && !m_queue.empty())
                return;
            claimFinish();
            status = *m_endStatus;
        }
        if (!status.ok())
            m_room.leave(this); // an overflowed or drained participant gets no more messages
        Finish(status);
    }

    ChatRoom& m_room;
    greeter::ChatMessage m_in;
    bool m_announced = false; // touched by read reactions only, which run one at a time
    std::string m_user; // empty until the first message
    std::deque<greeter::ChatMessage> m_queue;
    std::size_t m_queuedBytes = 0;
    std::optional<grpc::Status> m_endStatus;
    bool m_readsDone = false;
    bool m_overflowed = false;
};

ChatRoom::ChatRoom(ChatRoomLimits limits)
    : m_limits(limits)
{ }

grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* ChatRoom::join(
    grpc::CallbackServerContext* context, StreamRegistry& registry)
{
    auto participant = makeTrackedStream<ChatParticipant>(context, *this);
    {
        std::lock_guard lock(m_mutex);
        m_participants.insert(participant);
    }
    registry.add(participant);
    participant->start(participant);
    return participant.get();
}

void ChatRoom::broadcast(const greeter::ChatMessage& message)
{
    // Copies of the list, so a participant's reactions (which may leave the room) never run
    // under the room's lock.
    std::vector<std::shared_ptr<ChatParticipant>> everyone;
    {
        std::lock_guard lock(m_mutex);
        everyone.assign(m_participants.begin(), m_participants.end());
    }
    for (const auto& p : everyone)
        p->deliver(message);
}

void ChatRoom::leave(ChatParticipant* participant)
{
    std::shared_ptr<ChatParticipant> gone;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_participants.begin(); it != m_participants.end(); ++it) {
            if (it->get() == participant) {
                gone = *it;
                m_participants.erase(it);
                break;
            }
        }
    }
    // Announce only a participant that had said who they are, and only once.
    if (!gone)
        return;
    if (const std::string user = gone->user(); !user.empty()) {
        greeter::ChatMessage m;
        m.set_user("Server");
        m.set_message(user + " left");
        broadcast(m);
    }
}

std::size_t ChatRoom::size() const
{
    std::lock_guard lock(m_mutex);
    return m_participants.size();
}

} // namespace od::rpc
