#include "json_call.h"

#include "json_codec.h"

#include <google/protobuf/descriptor.h>

namespace od::rpc {

std::shared_ptr<JsonCall> JsonCall::start(const std::shared_ptr<grpc::Channel>& channel,
    std::shared_ptr<const Schema> schema, const google::protobuf::MethodDescriptor& method,
    const CallSettings& settings, Callbacks callbacks)
{
    std::shared_ptr<JsonCall> call(new JsonCall);
    call->m_kind = callKind(method);
    call->m_request = &schema->prototype(*method.input_type());
    const google::protobuf::Message* response = &schema->prototype(*method.output_type());
    GenericCall::Callbacks raw;
    raw.headers = std::move(callbacks.headers);
    raw.finished = std::move(callbacks.finished);
    // The schema outlives every callback: the lambda holds it.
    raw.received = [schema, response, received = std::move(callbacks.received)](std::string&& bytes) {
        if (received)
            received(bytesToJson(*response, bytes, false));
    };
    call->m_schema = std::move(schema);
    call->m_call = GenericCall::start(channel, methodPath(method), settings, std::move(raw));
    return call;
}

std::optional<Error> JsonCall::send(std::string_view json)
{
    if (!clientStreams(m_kind) && m_sentOne)
        return Error(std::string("a ") + callKindName(m_kind) + " call takes one request");
    auto bytes = jsonToBytes(*m_request, json);
    if (!bytes)
        return bytes.error();
    return sendBytes(std::move(*bytes));
}

std::optional<Error> JsonCall::sendBytes(std::string bytes)
{
    if (!clientStreams(m_kind) && m_sentOne)
        return Error(std::string("a ") + callKindName(m_kind) + " call takes one request");
    if (auto refused = m_call->send(std::move(bytes)))
        return Error(std::move(*refused));
    m_sentOne = true;
    return std::nullopt;
}

void JsonCall::waitForRoom() const
{
    m_call->waitForRoom();
}

void JsonCall::halfClose()
{
    m_call->halfClose();
}

void JsonCall::cancel()
{
    m_call->cancel();
}

void JsonCall::waitForRelease() const
{
    rpc::waitForRelease(m_call);
}

} // namespace od::rpc
