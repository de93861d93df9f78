#pragma once
// What a server offers, as protobuf descriptors: its services, their methods and message types,
// from server reflection (reflection.h) or from .proto files (proto_files.h). Read-only once
// made, and safe to share between threads.

#include "core/result.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace google::protobuf {
class DescriptorPool;
class DynamicMessageFactory;
class Message;
class Descriptor;
class MethodDescriptor;
class ServiceDescriptor;
} // namespace google::protobuf

namespace od::rpc {

class Schema
{
public:
    // pool must stay valid while keepAlive lives. serviceNames: every service the source
    // names, in order, including any it has no descriptor for (see unresolved()).
    Schema(std::shared_ptr<void> keepAlive, const google::protobuf::DescriptorPool* pool,
        std::vector<std::string> serviceNames, std::string source);
    ~Schema();
    Schema(Schema&&) noexcept;
    Schema& operator=(Schema&&) noexcept;

    // "reflection (grpc.reflection.v1alpha)" or "api.proto": where the descriptors came from.
    const std::string& source() const { return m_source; }
    const std::vector<std::string>& serviceNames() const { return m_serviceNames; }
    // The services with descriptors, in the order of serviceNames().
    std::vector<const google::protobuf::ServiceDescriptor*> services() const;
    // Names the source listed without a descriptor (e.g. grpc.health.v1.Health from reflection).
    std::vector<std::string> unresolved() const;

    // "package.Service/Method" (or "package.Service.Method", or with a leading '/'). The error
    // says whether the service or the method is unknown and lists what there is.
    Result<const google::protobuf::MethodDescriptor*> findMethod(std::string_view name) const;

    // A service, method, message or enum in .proto syntax; a message also with its JSON
    // template. The error lists the services when nothing has that name.
    Result<std::string> describe(std::string_view symbol) const;

    // The default instance of a message type, to make messages of it (json_codec.h).
    const google::protobuf::Message& prototype(const google::protobuf::Descriptor& type) const;

    const google::protobuf::DescriptorPool& pool() const { return *m_pool; }

private:
    std::shared_ptr<void> m_keepAlive;
    const google::protobuf::DescriptorPool* m_pool = nullptr;
    std::unique_ptr<google::protobuf::DynamicMessageFactory> m_factory;
    std::vector<std::string> m_serviceNames;
    std::string m_source;
};

} // namespace od::rpc
