#pragma once
// A series of numbers streamed into a client stream, one message per value: each message is the
// request the user wrote with one numeric field (a dotted path, "value" of greeter.Metric,
// "values" of outlierdesk.v1.DetectChunk) set to the next value. The field is resolved and the
// request parsed once; each value then costs one copy and one serialization.

#include "core/result.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace google::protobuf {
class Descriptor;
class FieldDescriptor;
class Message;
} // namespace google::protobuf

namespace od::rpc {

// The numeric fields of a message type as dotted paths, in field order, nested messages
// followed ("params.threshold"); a repeated number ("values") is listed too (it then holds the
// one value). Recursive types are followed a few levels deep only.
std::vector<std::string> numericFieldPaths(const google::protobuf::Descriptor& type);

class NumberFiller
{
public:
    // base: the request as JSON (json_codec.h's errors, with line and column, when it does not
    // read); path: a numeric field of its type, through singular or repeated messages (a
    // repeated message's first element, added if the request has none). The error names the
    // step that is wrong and lists the numeric fields there are.
    static Result<NumberFiller> make(
        const google::protobuf::Message& prototype, std::string_view base, std::string_view path);
    ~NumberFiller();
    NumberFiller(NumberFiller&&) noexcept;
    NumberFiller& operator=(NumberFiller&&) noexcept;

    // Why value cannot go into the field, or nothing: a missing value (NaN) or a fraction or a
    // number out of range for an integer field (an integer field is not rounded: the server
    // would receive something else than the series holds).
    std::optional<std::string> refuses(double value) const;
    // The request with value in the field, serialized. value must not be refused. Reuses one
    // message: one thread at a time.
    std::string bytesWith(double value);
    // "int32", "double", ...: the field's type as the .proto names it.
    std::string typeName() const;

private:
    NumberFiller() = default;

    std::unique_ptr<google::protobuf::Message> m_message; // the base request, the field set in turn
    google::protobuf::Message* m_holder = nullptr; // the (sub)message that holds the field
    const google::protobuf::FieldDescriptor* m_field = nullptr;
};

} // namespace od::rpc
