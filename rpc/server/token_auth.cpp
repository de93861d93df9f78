#include "token_auth.h"

#include "rpc/token_file.h"

namespace od::rpc {
namespace {

    // Compares in time that depends on the lengths only, not on where the first difference is.
    bool sameSecret(std::string_view a, std::string_view b)
    {
        if (a.size() != b.size())
            return false;
        unsigned char diff = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            diff |= static_cast<unsigned char>(a[i] ^ b[i]);
        return diff == 0;
    }

} // namespace

TokenCheck::TokenCheck(std::vector<std::string> tokens)
    : m_tokens(std::move(tokens))
{ }

std::optional<grpc::Status> TokenCheck::deny(const grpc::CallbackServerContext* context) const
{
    if (m_tokens.empty())
        return std::nullopt;
    const auto& metadata = context->client_metadata();
    const auto it = metadata.find("authorization");
    if (it == metadata.end()) {
        return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
            "this server needs a token: send the metadata 'authorization: Bearer <token>'");
    }
    const std::string_view value(it->second.data(), it->second.size());
    constexpr std::string_view scheme = "Bearer ";
    if (value.size() > scheme.size() && value.substr(0, scheme.size()) == scheme) {
        const std::string_view token = trimToken(value.substr(scheme.size()));
        bool match = false;
        for (const auto& t : m_tokens)
            match |= sameSecret(token, t); // no early exit: every token is compared
        if (match)
            return std::nullopt;
    }
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "the token in 'authorization' is not accepted");
}

} // namespace od::rpc
