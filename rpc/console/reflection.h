#pragma once
// A Schema from the server itself, through gRPC server reflection: grpc.reflection.v1 first,
// then v1alpha (what Debian's grpc 1.51 serves). The channel's metadata and TLS, and the
// settings' own metadata and deadline, apply to the reflection calls too, so a server that
// wants a token for every call answers them.

#include "call_failure.h"
#include "generic_call.h"
#include "schema.h"

#include "core/result.h"

#include <memory>

namespace grpc {
class Channel;
}

namespace od::rpc {

// Blocks until the server has answered (settings.deadline, or 10 s when zero): for worker
// threads and command-line tools only. A server with no reflection gives an error that says to
// use .proto files; a failed call gives its status in words (describeFailure()).
// settings.canceller->cancel() from another thread ends it at once with an error that says so.
Result<Schema> discoverByReflection(
    const std::shared_ptr<grpc::Channel>& channel, CallSettings settings, const ChannelFacts& facts = {});

} // namespace od::rpc
