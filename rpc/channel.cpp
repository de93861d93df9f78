#include "channel.h"

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

    // Adds the bearer token to every call. An interceptor rather than call credentials:
    // grpc++ refuses call credentials on plaintext channels, and a token must work on loopback.
    class TokenInterceptor final : public grpc::experimental::Interceptor
    {
    public:
        explicit TokenInterceptor(const std::string* header)
            : m_header(header)
        { }

        void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override
        {
            if (methods->QueryInterceptionHookPoint(
                    grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
                methods->GetSendInitialMetadata()->insert({ "authorization", *m_header });
            }
            methods->Proceed();
        }

    private:
        const std::string* m_header;
    };

    class TokenInterceptorFactory final : public grpc::experimental::ClientInterceptorFactoryInterface
    {
    public:
        explicit TokenInterceptorFactory(const std::string& token)
            : m_header("Bearer " + token)
        { }

        grpc::experimental::Interceptor* CreateClientInterceptor(grpc::experimental::ClientRpcInfo*) override
        {
            return new TokenInterceptor(&m_header);
        }

    private:
        std::string m_header;
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
    // Detect requests through pb.Outliers carry whole series; the 4 MB default is too small.
    args.SetMaxReceiveMessageSize(256 * 1024 * 1024);
    args.SetMaxSendMessageSize(256 * 1024 * 1024);
    args.SetServiceConfigJSON(kServiceConfig);
    // A retried call must be buffered until it commits; the 256 KB default would leave calls of
    // more than about 8,000 metrics without retries.
    args.SetInt(GRPC_ARG_PER_RPC_RETRY_BUFFER_SIZE, 16 * 1024 * 1024);
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
    if (options.token.empty())
        return grpc::CreateCustomChannel(target, credentials, args);
    std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
    interceptors.push_back(std::make_unique<TokenInterceptorFactory>(options.token));
    return grpc::experimental::CreateCustomChannelWithInterceptors(target, credentials, args, std::move(interceptors));
}

} // namespace od::rpc
