#pragma once
// A call to one method of a Schema with messages as JSON: GenericCall with the method's types.
// What outlierctl call and the app's console pane drive.

#include "call_kind.h"
#include "generic_call.h"
#include "schema.h"

#include "core/result.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace google::protobuf {
class MethodDescriptor;
}

namespace od::rpc {

class JsonCall
{
public:
    struct Callbacks
    {
        // As GenericCall's, on a gRPC thread, never blocking.
        std::function<void(const Metadata&)> headers;
        // Each response as one-line JSON, or an error when its bytes do not read as the type.
        std::function<void(Result<std::string>&&)> received;
        std::function<void(const CallEnd&)> finished;
    };

    // method must belong to schema, which the call keeps alive.
    static std::shared_ptr<JsonCall> start(const std::shared_ptr<grpc::Channel>& channel,
        std::shared_ptr<const Schema> schema, const google::protobuf::MethodDescriptor& method,
        const CallSettings& settings, Callbacks callbacks);

    CallKind kind() const { return m_kind; }
    // Parses one request and sends it. The error (with line and column) leaves the call as it
    // was. A unary or server-streaming method takes one request: a second one is refused.
    std::optional<Error> send(std::string_view json);
    // Sends one request already serialized (number_field.h), under the same rules.
    std::optional<Error> sendBytes(std::string bytes);
    // Blocks until the call's write queue has room again (GenericCall::waitForRoom): for a
    // sender that streams faster than the server takes, on a thread of its own.
    void waitForRoom() const;
    void halfClose();
    void cancel();
    // See rpc::waitForRelease(): after finished(), before a program ends.
    void waitForRelease() const;

private:
    JsonCall() = default;

    std::shared_ptr<const Schema> m_schema;
    const google::protobuf::Message* m_request = nullptr;
    CallKind m_kind = CallKind::Unary;
    std::shared_ptr<GenericCall> m_call;
    bool m_sentOne = false;
};

} // namespace od::rpc
