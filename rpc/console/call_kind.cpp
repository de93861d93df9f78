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
    // Appended rather than "/" + string: GCC 12 at -O2 and above warns (-Wrestrict) on the
    // latter, a known false report of its own (its bug 105651).
    std::string path = "/";
    path += methodName(method);
    return path;
}

} // namespace od::rpc
