#include "token_auth.h"

#include <fstream>

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

    std::string_view trim(std::string_view s)
    {
        const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
        while (!s.empty() && blank(s.front()))
            s.remove_prefix(1);
        while (!s.empty() && blank(s.back()))
            s.remove_suffix(1);
        return s;
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
        const std::string_view token = trim(value.substr(scheme.size()));
        bool match = false;
        for (const auto& t : m_tokens)
            match |= sameSecret(token, t); // no early exit: every token is compared
        if (match)
            return std::nullopt;
    }
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "the token in 'authorization' is not accepted");
}

std::vector<std::string> readTokenFile(const std::string& path, std::string& error)
{
    std::ifstream in(path);
    if (!in) {
        error = "cannot read the token file " + path;
        return {};
    }
    std::vector<std::string> tokens;
    std::string line;
    while (std::getline(in, line)) {
        const std::string_view t = trim(line);
        if (!t.empty() && t.front() != '#')
            tokens.emplace_back(t);
    }
    if (tokens.empty())
        error = "the token file " + path + " holds no token";
    return tokens;
}

} // namespace od::rpc
