#pragma once
// A failed call's status in words, with what to do about it: the console meets servers of every
// kind, so it tells TLS mistakes apart (plaintext against TLS and the reverse, an untrusted CA,
// a name the certificate does not carry, a missing client certificate), an unknown method and
// the message-size limits. Flags in the hints are outlierctl's; the app's Connection dock has a
// field for each.

#include "rpc/rpc_status.h"

#include <string>

namespace od::rpc {

// What the client side knows of its own channel, which the status alone does not tell: a server
// that closes the socket at once refuses plaintext, or, when this side spoke TLS without a
// client certificate, wants one.
struct ChannelFacts
{
    bool tls = false;
    bool clientCertificate = false;
};

// "CODE: message (what to do)".
std::string describeFailure(const RpcStatus& status, const ChannelFacts& facts = {});

} // namespace od::rpc
