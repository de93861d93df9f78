#pragma once
// greeter.Greeter/Chat with the reference semantics (outlierd's default, --chat echo): every
// message is answered by user "Server" with "Server received: " + message.

#include "greeter/greeter.grpc.pb.h"

namespace od::rpc {

class StreamRegistry;

// Starts one stream and returns its reactor; the reactor owns itself until OnDone. Reads and
// writes alternate, so a client that never reads holds one reply here, and its call is
// cancelled once that write has waited longer than the registry's stall limit.
grpc::ServerBidiReactor<greeter::ChatMessage, greeter::ChatMessage>* startEchoChat(
    grpc::CallbackServerContext* context, StreamRegistry& registry);

} // namespace od::rpc
