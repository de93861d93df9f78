#include "connection_options.h"

#include "rpc/client/channel_config.h"
#include "rpc/token_file.h"

namespace od::cli {

const char* const kConnectionHelp = R"(connection options:
  --tls               use TLS, trusting the system's certificate authorities
  --ca FILE           trust the CA certificate in FILE (PEM) instead; implies --tls
  --cert FILE         client certificate (PEM), for servers that require one (with --key)
  --key FILE          the client certificate's private key (PEM)
  --server-name NAME  check the server's certificate against NAME instead of the host in
                      --remote (an address, or a name the certificate does not carry)
  --header 'K: V'     send this metadata with every call; repeatable
                      (e.g. --header 'authorization: Bearer TOKEN')
  --token-file FILE   send 'authorization: Bearer TOKEN' with the first token in FILE (one per
                      line, '#' comments; outlierd --token-file reads the same format)
)";

std::set<std::string> withConnectionFlags(std::set<std::string> valueFlags)
{
    valueFlags.insert({ "--ca", "--cert", "--key", "--server-name", "--header", "--token-file" });
    return valueFlags;
}

std::set<std::string> withConnectionSwitches(std::set<std::string> switches)
{
    switches.insert("--tls");
    return switches;
}

std::optional<std::string> connectionOptions(const Arguments& args, rpc::ChannelOptions& out)
{
    rpc::ChannelOptions options;
    if (args.has("--cert") != args.has("--key"))
        return std::string("--cert and --key go together: a client certificate needs its private key");
    const struct
    {
        const char* flag;
        const char* what;
        std::string* pem;
    } files[] = { { "--ca", "CA file", &options.rootCa }, { "--cert", "client certificate", &options.clientCert },
        { "--key", "client key", &options.clientKey } };
    for (const auto& f : files) {
        if (const auto path = args.value(f.flag)) {
            if (auto error = rpc::readPemFile(*path, f.what, *f.pem))
                return std::string(f.flag) + ": " + *error;
        }
    }
    options.serverNameOverride = args.value("--server-name").value_or("");
    options.useTls = args.has("--tls") || args.has("--ca") || args.has("--cert") || args.has("--server-name");
    for (const auto& line : args.values("--header")) {
        std::pair<std::string, std::string> header;
        if (auto error = rpc::parseHeader(line, header))
            return "--header: " + *error;
        options.metadata.push_back(std::move(header));
    }
    if (const auto path = args.value("--token-file")) {
        std::string error;
        const auto tokens = rpc::readTokenFile(*path, error);
        if (tokens.empty())
            return "--token-file: " + error;
        options.token = tokens.front();
    }
    out = std::move(options);
    return std::nullopt;
}

} // namespace od::cli
