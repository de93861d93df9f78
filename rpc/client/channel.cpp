#include "channel.h"

#include <grpcpp/channel.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>
#include <grpcpp/support/client_interceptor.h>

namespace od::rpc {
namespace {

    // round_robin over every address the target resolves to; retries on UNAVAILABLE for the
    // calls that may safely run twice (detection and greetings are idempotent; streams are
    // not retried, as a half-delivered stream cannot be replayed).
    constexpr const char* kServiceConfig = R"({
  "loadBalancingConfig": [{"round_robin": {}}],
  "methodConfig": [{
    "name": [{"service": "pb.Outliers"}, {"service": "outlierdesk.v1.Detector", "method": "Detect"},
             {"service": "outlierdesk.v1.Detector", "method": "Capabilities"},
             {"service": "greeter.Greeter", "method": "SayHello"}],
    "retryPolicy": {
      "maxAttempts": 4,
      "initialBackoff": "0.05s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})";

    using Metadata = std::vector<std::pair<std::string, std::string>>;

    // Adds the channel's metadata (a bearer token, custom headers) to every call, whichever
    // client makes it. An interceptor rather than call credentials: grpc++ refuses call
    // credentials on plaintext channels, and a token must work on loopback.
    class MetadataInterceptor final : public grpc::experimental::Interceptor
    {
    public:
        explicit MetadataInterceptor(const Metadata* metadata)
            : m_metadata(metadata)
        { }

        void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override
        {
            if (methods->QueryInterceptionHookPoint(
                    grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
                auto* sent = methods->GetSendInitialMetadata();
                for (const auto& [key, value] : *m_metadata)
                    sent->insert({ key, value });
            }
            methods->Proceed();
        }

    private:
        const Metadata* m_metadata; // owned by the factory, which the channel keeps
    };

    class MetadataInterceptorFactory final : public grpc::experimental::ClientInterceptorFactoryInterface
    {
    public:
        explicit MetadataInterceptorFactory(Metadata metadata)
            : m_metadata(std::move(metadata))
        { }

        grpc::experimental::Interceptor* CreateClientInterceptor(grpc::experimental::ClientRpcInfo*) override
        {
            return new MetadataInterceptor(&m_metadata);
        }

    private:
        Metadata m_metadata;
    };

} // namespace

const char* serviceConfigJson()
{
    return kServiceConfig;
}

std::shared_ptr<grpc::Channel> makeChannel(const std::string& target)
{
    return makeChannel(target, ChannelOptions {});
}

std::shared_ptr<grpc::Channel> makeChannel(const std::string& target, const ChannelOptions& options)
{
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(options.maxMessageBytes);
    args.SetMaxSendMessageSize(options.maxMessageBytes);
    args.SetServiceConfigJSON(kServiceConfig);
    // A retried call must be buffered until it commits; the 256 KB default would leave calls of
    // more than about 8,000 metrics without retries.
    args.SetInt(GRPC_ARG_PER_RPC_RETRY_BUFFER_SIZE, 16 * 1024 * 1024);
    // Each channel its own connections: a fresh channel made to replace one in back-off (the
    // app does so when the user asks for a call) must try at once, not inherit the failing
    // connection and its back-off through gRPC's process-wide subchannel pool while anything
    // still holds the old channel.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    if (!options.serverNameOverride.empty())
        args.SetSslTargetNameOverride(options.serverNameOverride);

    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (options.useTls || !options.rootCa.empty() || !options.clientCert.empty()) {
        grpc::SslCredentialsOptions ssl;
        ssl.pem_root_certs = options.rootCa;
        ssl.pem_cert_chain = options.clientCert;
        ssl.pem_private_key = options.clientKey;
        credentials = grpc::SslCredentials(ssl);
    } else {
        credentials = grpc::InsecureChannelCredentials();
    }
    Metadata metadata = options.metadata;
    if (!options.token.empty())
        metadata.emplace_back("authorization", "Bearer " + options.token);
    if (metadata.empty())
        return grpc::CreateCustomChannel(target, credentials, args);
    std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
    interceptors.push_back(std::make_unique<MetadataInterceptorFactory>(std::move(metadata)));
    return grpc::experimental::CreateCustomChannelWithInterceptors(target, credentials, args, std::move(interceptors));
}

ChannelState channelState(grpc::Channel& channel, bool tryToConnect)
{
    switch (channel.GetState(tryToConnect)) {
    case GRPC_CHANNEL_IDLE:
        return ChannelState::Idle;
    case GRPC_CHANNEL_CONNECTING:
        return ChannelState::Connecting;
    case GRPC_CHANNEL_READY:
        return ChannelState::Ready;
    case GRPC_CHANNEL_TRANSIENT_FAILURE:
        return ChannelState::TransientFailure;
    case GRPC_CHANNEL_SHUTDOWN:
        break;
    }
    return ChannelState::Shutdown;
}

const char* channelStateName(ChannelState state)
{
    switch (state) {
    case ChannelState::Idle:
        return "idle";
    case ChannelState::Connecting:
        return "connecting";
    case ChannelState::Ready:
        return "ready";
    case ChannelState::TransientFailure:
        return "transient failure";
    case ChannelState::Shutdown:
        break;
    }
    return "shutdown";
}

} // namespace od::rpc
