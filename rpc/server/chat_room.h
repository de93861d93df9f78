#pragma once
// greeter.Greeter/Chat in room mode (outlierd --chat room): every message goes to every
// participant, sender included, as {user, message}; a participant's first message announces
// them ("NAME joined", from user "Server") and the end of their stream says "NAME left".

#include "greeter/greeter.grpc.pb.h"

#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_set>

namespace od::rpc {

class StreamRegistry;
class ChatParticipant;

struct ChatRoomLimits
{
    // Messages queued for one participant that has not read them yet. A participant whose queue
    // passes either bound is ended with RESOURCE_EXHAUSTED: one slow reader must not hold the
    // room's memory. One message is always accepted, however big (the message size limit
    // bounds it).
    std::size_t maxQueuedMessages = 1024;
    std::size_t maxQueuedBytes = 16 * 1024 * 1024;
};

class ChatRoom
{
public:
    explicit ChatRoom(ChatRoomLimits limits = {});

    grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* join(
        grpc::CallbackServerContext* context, StreamRegistry& registry);

    // Thread-safe; called by the participants.
    void broadcast(const greeter::ChatMessage& message);
    void leave(ChatParticipant* participant);
    const ChatRoomLimits& limits() const { return m_limits; }
    std::size_t size() const;

private:
    const ChatRoomLimits m_limits;
    mutable std::mutex m_mutex;
    std::unordered_set<std::shared_ptr<ChatParticipant>> m_participants;
};

} // namespace od::rpc
