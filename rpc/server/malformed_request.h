#pragma once
// grpc++ 1.51's callback API answers a request it cannot parse as the method's message with
// UNIMPLEMENTED and no message, as if the method did not exist. This server interceptor turns
// that answer into INVALID_ARGUMENT with a message that says what happened.

#include <memory>
#include <set>
#include <string>

namespace grpc::experimental {
class ServerInterceptorFactoryInterface;
}

namespace od::rpc {

// methods: the full paths ("/pb.Outliers/Detect") of the methods served; an unknown method's
// UNIMPLEMENTED is left as it is.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> makeMalformedRequestInterceptorFactory(
    std::set<std::string> methods);

// The full paths of every method of the named protobuf services linked into this program.
std::set<std::string> methodPaths(std::initializer_list<const char*> services);

} // namespace od::rpc
