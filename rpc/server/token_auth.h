#pragma once
// Bearer-token checks for outlierd --token-file. grpc++'s AuthMetadataProcessor only works with
// TLS credentials, and a token must also guard a plaintext loopback server, so each handler of
// our services asks the TokenCheck first. The health and reflection services stay open: load
// balancers and probes call them without credentials, and they reveal no data.

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace od::rpc {

class TokenCheck
{
public:
    // No tokens: every call is let through.
    explicit TokenCheck(std::vector<std::string> tokens = {});

    // Nothing when the call carries "authorization: Bearer <one of the tokens>"; otherwise the
    // UNAUTHENTICATED status to finish it with.
    std::optional<grpc::Status> deny(const grpc::CallbackServerContext* context) const;
    bool enabled() const { return !m_tokens.empty(); }

private:
    std::vector<std::string> m_tokens;
};

// A streaming reactor that finishes at once with a status, for refused calls.
template <typename Reactor> class RefusedStream final : public Reactor
{
public:
    explicit RefusedStream(const grpc::Status& status) { this->Finish(status); }
    void OnDone() override { delete this; }
};

// How every handler of our services opens. Null when the call may go on (tokens null, or the
// call carries an accepted token); otherwise a reactor that has already finished the call with
// UNAUTHENTICATED, for the handler to return. Reactor is the handler's reactor type; for
// grpc::ServerUnaryReactor it is the context's DefaultReactor, which may be taken only once, so
// a handler calls this before it takes its own.
template <typename Reactor>
Reactor* refuseUnauthenticated(const TokenCheck* tokens, grpc::CallbackServerContext* context)
{
    const auto denied = tokens ? tokens->deny(context) : std::nullopt;
    if (!denied)
        return nullptr;
    if constexpr (std::is_same_v<Reactor, grpc::ServerUnaryReactor>) {
        auto* reactor = context->DefaultReactor();
        reactor->Finish(*denied);
        return reactor;
    } else {
        return new RefusedStream<Reactor>(*denied);
    }
}

} // namespace od::rpc
