#pragma once
// The four kinds of gRPC call, as a method's descriptor declares them, and their names in words.

#include <string>

namespace google::protobuf {
class MethodDescriptor;
}

namespace od::rpc {

enum class CallKind { Unary, ServerStreaming, ClientStreaming, Bidi };

CallKind callKind(const google::protobuf::MethodDescriptor& method);
// "unary", "server streaming", "client streaming", "bidi streaming".
const char* callKindName(CallKind kind);
// True when the client may send more than one message.
inline bool clientStreams(CallKind kind)
{
    return kind == CallKind::ClientStreaming || kind == CallKind::Bidi;
}
inline bool serverStreams(CallKind kind)
{
    return kind == CallKind::ServerStreaming || kind == CallKind::Bidi;
}

// "/package.Service/Method", the path that goes on the wire.
std::string methodPath(const google::protobuf::MethodDescriptor& method);
// "package.Service/Method", how people and outlierctl name it.
std::string methodName(const google::protobuf::MethodDescriptor& method);

} // namespace od::rpc
