#pragma once
// A failed call's status in words, with what to do about it: the console meets servers of every
// kind, so it tells TLS mistakes apart (plaintext against TLS and the reverse, an untrusted CA,
// a name the certificate does not carry, a missing client certificate), an unknown method and
// the message-size limits. The hints name the setting to change where the caller has it:
// outlierctl's flags by default, the app's fields when the app asks in its own words.

#include "rpc/rpc_status.h"

#include <string>

namespace od::rpc {

// Where the caller changes each setting a hint asks for: "--ca FILE", or the app's field. Each
// reads after "with" ("give its CA with ..."), except where its comment says.
struct SettingNames
{
    std::string plaintext; // a whole phrase: how to connect without TLS
    std::string tls; // a whole phrase: how to try TLS
    std::string ca;
    std::string serverName;
    std::string clientCertificate;
    std::string maxMessage; // after "raise": this side's message-size limit
    std::string deadline; // after "raise"
    std::string credentials; // a whole phrase: how to send a token
    std::string methods; // after "check the name and its case": where the methods are listed
};

// outlierctl's flags.
const SettingNames& commandLineSettingNames();

// What the client side knows of its own channel, which the status alone does not tell: a server
// that closes the socket at once refuses plaintext, or, when this side spoke TLS without a
// client certificate, wants one.
struct ChannelFacts
{
    bool tls = false;
    bool clientCertificate = false;
    SettingNames names = commandLineSettingNames();
};

// "CODE: message (what to do)".
std::string describeFailure(const RpcStatus& status, const ChannelFacts& facts = {});

} // namespace od::rpc
