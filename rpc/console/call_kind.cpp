#include "call_kind.h"

#include <google/protobuf/descriptor.h>

namespace od::rpc {

CallKind callKind(const google::protobuf::MethodDescriptor& method)
{
    if (method.client_streaming())
        return method.server_streaming() ? CallKind::Bidi : CallKind::ClientStreaming;
    return method.server_streaming() ? CallKind::ServerStreaming : CallKind::Unary;
}

const char* callKindName(CallKind kind)
{
    switch (kind) {
    case CallKind::Unary:
        return "unary";
    case CallKind::ServerStreaming:
        return "server streaming";
    case CallKind::ClientStreaming:
        return "client streaming";
    case CallKind::Bidi:
        return "bidi streaming";
    }
    return "unary";
}

std::string methodName(const google::protobuf::MethodDescriptor& method)
{
    return method.service()->full_name() + "/" + method.name();
}

std::string methodPath(const google::protobuf::MethodDescriptor& method)
{
    return "/" + methodName(method);
}

} // namespace od::rpc
