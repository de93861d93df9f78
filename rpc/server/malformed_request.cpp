#include "malformed_request.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/server_interceptor.h>

#include <string>

namespace od::rpc {
namespace {

    class MalformedRequestInterceptor final : public grpc::experimental::Interceptor
    {
    public:
        MalformedRequestInterceptor(grpc::experimental::ServerRpcInfo* info, const std::set<std::string>& known)
            : m_method(info->method() && known.count(info->method()) ? info->method() : "")
        { }

        void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override
        {
            // Our handlers never answer UNIMPLEMENTED without a message: for a method we serve,
            // this is grpc++'s parse failure.
            if (methods->QueryInterceptionHookPoint(grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
                const grpc::Status status = methods->GetSendStatus();
                if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED && status.error_message().empty()
                    && !m_method.empty()) {
                    methods->ModifySendStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "the request is not a valid message for " + m_method + " (it could not be parsed)"));
                }
            }
            methods->Proceed();
        }

    private:
        std::string m_method;
    };

    class Factory final : public grpc::experimental::ServerInterceptorFactoryInterface
    {
    public:
        explicit Factory(std::set<std::string> methods)
            : m_methods(std::move(methods))
        { }

        grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override
        {
            return new MalformedRequestInterceptor(info, m_methods);
        }

    private:
        std::set<std::string> m_methods;
    };

} // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> makeMalformedRequestInterceptorFactory(
    std::set<std::string> methods)
{
    return std::make_unique<Factory>(std::move(methods));
}

std::set<std::string> methodPaths(std::initializer_list<const char*> services)
{
    std::set<std::string> out;
    for (const char* name : services) {
        const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
        for (int i = 0; service && i < service->method_count(); ++i)
            out.insert("/" + service->full_name() + "/" + service->method(i)->name());
    }
    return out;
}

} // namespace od::rpc
