#include "schema.h"

#include "json_template.h"
#include "name_list.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

namespace od::rpc {

Schema::Schema(std::shared_ptr<void> keepAlive, const google::protobuf::DescriptorPool* pool,
    std::vector<std::string> serviceNames, std::string source)
    : m_keepAlive(std::move(keepAlive))
    , m_pool(pool)
    , m_factory(std::make_unique<google::protobuf::DynamicMessageFactory>(pool))
    , m_serviceNames(std::move(serviceNames))
    , m_source(std::move(source))
{ }

// The factory (declared after m_keepAlive) goes first: its prototypes point into the pool.
Schema::~Schema() = default;

Schema::Schema(Schema&&) noexcept = default;
Schema& Schema::operator=(Schema&&) noexcept = default;

std::vector<const google::protobuf::ServiceDescriptor*> Schema::services() const
{
    std::vector<const google::protobuf::ServiceDescriptor*> out;
    for (const auto& name : m_serviceNames) {
        if (const auto* service = m_pool->FindServiceByName(name))
            out.push_back(service);
    }
    return out;
}

std::vector<std::string> Schema::unresolved() const
{
    std::vector<std::string> out;
    for (const auto& name : m_serviceNames) {
        if (!m_pool->FindServiceByName(name))
            out.push_back(name);
    }
    return out;
}

Result<const google::protobuf::MethodDescriptor*> Schema::findMethod(std::string_view name) const
{
    std::string text(name);
    if (!text.empty() && text.front() == '/')
        text.erase(0, 1);
    auto split = text.rfind('/');
    if (split == std::string::npos)
        split = text.rfind('.');
    if (split == std::string::npos || split == 0 || split + 1 == text.size())
        return Error(std::string("'").append(name) + "' is not a method name: write it as package.Service/Method (e.g. "
            + "greeter.Greeter/SayHello)");
    const std::string serviceName = text.substr(0, split);
    const std::string methodName = text.substr(split + 1);
    const auto* service = m_pool->FindServiceByName(serviceName);
    if (!service) {
        for (const auto& unresolvedName : unresolved()) {
            if (unresolvedName == serviceName)
                return Error("the server lists " + serviceName + " but sent no description of it through " + m_source
                    + "; give its .proto file with --proto");
        }
        return Error("unknown service " + serviceName + " (" + m_source + " has: " + nameList(m_serviceNames) + ")");
    }
    if (const auto* method = service->FindMethodByName(methodName))
        return method;
    std::vector<std::string> methods;
    for (int i = 0; i < service->method_count(); ++i)
        methods.push_back(service->method(i)->name());
    return Error(serviceName + " has no method " + methodName + " (it has: " + nameList(methods)
        + "; names are case-sensitive)");
}

Result<std::string> Schema::describe(std::string_view symbol) const
{
    std::string name(symbol);
    if (!name.empty() && name.front() == '.')
        name.erase(0, 1);
    if (const auto* service = m_pool->FindServiceByName(name))
        return service->DebugString();
    if (const auto* message = m_pool->FindMessageTypeByName(name))
        return message->DebugString() + "\ntemplate:\n" + jsonTemplate(prototype(*message)) + "\n";
    if (const auto* enumType = m_pool->FindEnumTypeByName(name))
        return enumType->DebugString();
    if (name.find('/') != std::string::npos || m_pool->FindMethodByName(name)) {
        auto method = findMethod(name);
        if (!method)
            return method.error();
        return (*method)->DebugString();
    }
    return Error("no service, method, message or enum named '" + std::string(symbol) + "' in " + m_source
        + " (services: " + nameList(m_serviceNames) + ")");
}

const google::protobuf::Message& Schema::prototype(const google::protobuf::Descriptor& type) const
{
    return *m_factory->GetPrototype(&type);
}

} // namespace od::rpc
