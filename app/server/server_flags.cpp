#include "server_flags.h"

#include "rpc/token_file.h"

#include "core/detect/detector.h"

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace od::server {
namespace {

    const char* kUsage = R"(usage: outlierd [--listen HOST:PORT] [options]

Serves pb.Outliers/Detect and greeter.Greeter (SayHello, GetStockPrice, RecordMetrics, Chat)
with the reference semantics, outlierdesk.v1.Detector (any detector, with explanations), gRPC
health checking and server reflection.

detection:
  --method NAME            detector behind pb.Outliers/Detect (default zscore, the reference rule)
  --threshold K            its threshold (default: the method's own, zscore 2)
  --window N               rolling: window length; hampel: half-width (default: the method's)
  --period N               esd: points per season (default: inferred)
  --max-anoms F            esd: the largest share of points it may flag (default 0.02)
  --direction D            esd: both (default), up or down

limits and streams:
  --max-message-mb N       largest request message accepted, in MiB (default 64); bigger ones
                           fail with RESOURCE_EXHAUSTED
  --stock-ticks N          prices per GetStockPrice stream, 0 = endless (default 5)
  --stock-interval-ms MS   pause between prices (default 500)
  --chat MODE              echo (default, the reference: each message answered by "Server")
                           or room (every message to every participant, with join/leave notices)
  --stall-timeout-ms MS    a stream whose client has not read one message for this long is
                           cancelled (default 30000)

security:
  --listen HOST:PORT       address to listen on (default 127.0.0.1:50051; port 0 picks a free one)
  --tls-cert FILE          PEM certificate chain: serve TLS
  --tls-key FILE           PEM private key of that certificate
  --tls-client-ca FILE     PEM CA: clients must present a certificate it signed (mutual TLS)
  --token-file FILE        calls must carry "authorization: Bearer <token>", a token from FILE
                           (one per line); others get UNAUTHENTICATED. Health and reflection
                           stay open.
  --insecure               allow plaintext on an address other than loopback

operation:
  --log-format F           one line per call on stderr: text (default), json, or none
  --grace-ms MS            on SIGINT/SIGTERM, how long calls in flight may finish (default 5000)
  --drain-delay-ms MS      on SIGINT/SIGTERM, how long to report NOT_SERVING while still serving,
                           before refusing calls (default 0; set it to the load balancer's
                           health-check period)
  -h, --help               this text

On SIGINT or SIGTERM it reports NOT_SERVING, ends open streams with UNAVAILABLE, stops
accepting calls, lets unary calls finish for up to --grace-ms, and exits 0. It prints
"listening on HOST:PORT" once ready.
)";

    bool parseInt(const std::string& text, long long min, long long max, long long& out)
    {
        char* end = nullptr;
        errno = 0;
        out = std::strtoll(text.c_str(), &end, 10);
        return errno == 0 && end && *end == '\0' && end != text.c_str() && out >= min && out <= max;
    }

    bool parseDouble(const std::string& text, double& out)
    {
        char* end = nullptr;
        errno = 0;
        out = std::strtod(text.c_str(), &end);
        return errno == 0 && end && *end == '\0' && end != text.c_str();
    }

    bool readFile(const std::string& path, std::string& out)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return false;
        std::ostringstream text;
        text << in.rdbuf();
        out = text.str();
        return true;
    }

} // namespace

const char* usageText()
{
    return kUsage;
}

bool isLoopbackListen(const std::string& listen)
{
    if (listen.rfind("unix:", 0) == 0 || listen.rfind("unix-abstract:", 0) == 0)
        return true;
    std::string host = listen.substr(0, listen.rfind(':'));
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::optional<Flags> parseFlags(const std::vector<std::string>& args, std::string& error)
{
    Flags flags;
    bool thresholdGiven = false;
    bool insecure = false;
    std::string tlsCert, tlsKey, tlsClientCa, tokenFile;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        std::string value;
        // Every flag but the switches takes the next argument (or "--flag=value").
        auto takeValue = [&](const char* what) {
            if (const auto eq = arg.find('='); eq != std::string::npos) {
                value = arg.substr(eq + 1);
                return true;
            }
            if (i + 1 >= args.size()) {
                error = arg + " needs " + what;
                return false;
            }
            value = args[++i];
            return true;
        };
        const std::string name = arg.substr(0, arg.find('='));
        long long n = 0;
        if (name == "-h" || name == "--help") {
            flags.help = true;
            return flags;
        } else if (name == "--insecure") {
            insecure = true;
        } else if (name == "--listen") {
            if (!takeValue("HOST:PORT"))
                return std::nullopt;
            flags.server.listen = value;
        } else if (name == "--method") {
            if (!takeValue("a name"))
                return std::nullopt;
            flags.server.detector.method = value;
        } else if (name == "--threshold") {
            if (!takeValue("a number") || !parseDouble(value, flags.server.detector.threshold)) {
                error = "--threshold needs a number";
                return std::nullopt;
            }
            thresholdGiven = true;
        } else if (name == "--window" || name == "--period") {
            if (!takeValue("a whole number") || !parseInt(value, 0, 100'000'000, n)) {
                error = name + " needs a whole number >= 0";
                return std::nullopt;
            }
            (name == "--window" ? flags.server.detector.window : flags.server.detector.period) = static_cast<int>(n);
        } else if (name == "--max-anoms") {
            if (!takeValue("a number") || !parseDouble(value, flags.server.detector.maxAnoms)) {
                error = "--max-anoms needs a number";
                return std::nullopt;
            }
        } else if (name == "--direction") {
            if (!takeValue("both, up or down"))
                return std::nullopt;
            if (value == "up")
                flags.server.detector.direction = Direction::Up;
            else if (value == "down")
                flags.server.detector.direction = Direction::Down;
            else if (value != "both") {
                error = "--direction must be both, up or down, got '" + value + "'";
                return std::nullopt;
            }
        } else if (name == "--max-message-mb") {
            if (!takeValue("a size in MiB") || !parseInt(value, 1, 2047, n)) {
                error = "--max-message-mb needs a whole number of MiB from 1 to 2047";
                return std::nullopt;
            }
            flags.server.maxMessageBytes = n * 1024 * 1024;
        } else if (name == "--stock-ticks") {
            if (!takeValue("a number") || !parseInt(value, 0, 1'000'000'000, n)) {
                error = "--stock-ticks needs a whole number >= 0";
                return std::nullopt;
            }
            flags.server.greeter.stockTicks = static_cast<int>(n);
        } else if (name == "--stock-interval-ms" || name == "--stall-timeout-ms" || name == "--grace-ms"
            || name == "--drain-delay-ms") {
            if (!takeValue("milliseconds") || !parseInt(value, 0, 3'600'000, n)) {
                error = name + " needs a whole number of milliseconds from 0 to 3600000";
                return std::nullopt;
            }
            const std::chrono::milliseconds ms(n);
            if (name == "--stock-interval-ms")
                flags.server.greeter.stockInterval = ms;
            else if (name == "--stall-timeout-ms")
                flags.server.stallLimit = ms;
            else if (name == "--grace-ms")
                flags.grace = ms;
            else
                flags.server.drainDelay = ms;
        } else if (name == "--chat") {
            if (!takeValue("echo or room"))
                return std::nullopt;
            if (value == "echo")
                flags.server.greeter.chat = rpc::ChatMode::Echo;
            else if (value == "room")
                flags.server.greeter.chat = rpc::ChatMode::Room;
            else {
                error = "--chat must be echo or room, got '" + value + "'";
                return std::nullopt;
            }
        } else if (name == "--log-format") {
            if (!takeValue("text, json or none"))
                return std::nullopt;
            if (value == "text")
                flags.logFormat = rpc::LogFormat::Text;
            else if (value == "json")
                flags.logFormat = rpc::LogFormat::Json;
            else if (value == "none")
                flags.logFormat.reset();
            else {
                error = "--log-format must be text, json or none, got '" + value + "'";
                return std::nullopt;
            }
        } else if (name == "--tls-cert" || name == "--tls-key" || name == "--tls-client-ca" || name == "--token-file") {
            if (!takeValue("a file"))
                return std::nullopt;
            (name == "--tls-cert"               ? tlsCert
                    : name == "--tls-key"       ? tlsKey
                    : name == "--tls-client-ca" ? tlsClientCa
                                                : tokenFile)
                = value;
        } else {
            error = "unknown argument '" + arg + "'";
            return std::nullopt;
        }
    }

    auto& detector = flags.server.detector;
    const MethodInfo* method = findMethod(detector.method);
    if (!method) {
        error = "unknown method '" + detector.method + "' (known: " + methodNames() + ")";
        return std::nullopt;
    }
    if (!thresholdGiven)
        detector.threshold = method->defaultThreshold;
    // Check the detector parameters once, up front, rather than failing every call.
    if (auto valid = validate(detector); !valid) {
        error = valid.error().message;
        return std::nullopt;
    }

    if (tlsCert.empty() != tlsKey.empty()) {
        error = "--tls-cert and --tls-key go together";
        return std::nullopt;
    }
    if (!tlsClientCa.empty() && tlsCert.empty()) {
        error = "--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS first)";
        return std::nullopt;
    }
    auto& tls = flags.server.tls;
    for (const auto& [path, out] : { std::pair { &tlsCert, &tls.certChain }, std::pair { &tlsKey, &tls.privateKey },
             std::pair { &tlsClientCa, &tls.clientCa } }) {
        if (!path->empty() && !readFile(*path, *out)) {
            error = "cannot read " + *path;
            return std::nullopt;
        }
    }
    if (!tokenFile.empty()) {
        flags.server.tokens = rpc::readTokenFile(tokenFile, error);
        if (flags.server.tokens.empty())
            return std::nullopt;
    }
    if (tls.certChain.empty() && !insecure && !isLoopbackListen(flags.server.listen)) {
        error = "listening on " + flags.server.listen
            + " without TLS would let any host on the network call in the clear; give --tls-cert and "
              "--tls-key, or --insecure if that is what you mean";
        return std::nullopt;
    }
    return flags;
}

} // namespace od::server
