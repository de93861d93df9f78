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

} // namespace od::rpc
