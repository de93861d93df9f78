#pragma once
// Lets a callback-API call end without the last reference to its channel going on the gRPC
// thread that runs the call's OnDone.
//
// A grpc::Channel's destructor releases the completion queue that runs callback-API reactions;
// when it is the last channel, that queue is destroyed, and doing so from one of the queue's own
// threads, inside OnDone, frees the queue twice (ASan: double free in grpc_cq_internal_unref) or
// aborts with "grpc_cq_internal_unref: prior > 0". A call object that owns itself until OnDone
// holds the channel through its stub and context, so the call must not be the channel's last
// holder when it goes: releaseCall() hands that reference to a thread of our own instead.

#include <memory>

namespace grpc {
class Channel;
}

namespace od::rpc {

// Called last in a reactor's OnDone, with the call's reference to itself and a copy of its
// channel: drops self here (the call object may be destroyed: touch nothing after), then lets
// the channel go on the release thread. Thread-safe.
void releaseCall(std::shared_ptr<void> self, std::shared_ptr<grpc::Channel> channel);

// Drops channel on the release thread, never on the caller's. Thread-safe. At process exit the
// thread drops what it still holds and stops; a channel handed over after that is kept until
// the process ends (closing it then would be the crash this avoids, and leaving it costs nothing).
void releaseOffCallbackThread(std::shared_ptr<grpc::Channel> channel);

} // namespace od::rpc
