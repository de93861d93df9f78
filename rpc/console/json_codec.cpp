#include "json_codec.h"

#include "json_syntax.h"

#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>

#include <memory>

namespace od::rpc {
namespace {

    // protobuf says where a value is as a path before its words: "items[2].name: ...", or in
    // parentheses: "(name): invalid value 5 for type TYPE_STRING". The last field name of that
    // path is what to look for in the text.
    std::string lastFieldOfPath(const std::string& message)
    {
        const auto colon = message.find(": ");
        if (colon == std::string::npos)
            return {};
        std::string path = message.substr(0, colon);
        if (path.size() > 2 && path.front() == '(' && path.back() == ')')
            path = path.substr(1, path.size() - 2);
        if (path.empty() || path.find(' ') != std::string::npos)
            return {}; // words, not a path
        if (const auto dot = path.rfind('.'); dot != std::string::npos)
            path = path.substr(dot + 1);
        if (const auto bracket = path.find('['); bracket != std::string::npos)
            path = path.substr(0, bracket);
        return path;
    }

    std::string withoutCodePrefix(std::string message)
    {
        // util::Status::ToString() style "INVALID_ARGUMENT:..." is noise for a person.
        for (const char* prefix : { "INVALID_ARGUMENT:", "INVALID_ARGUMENT: " }) {
            if (message.rfind(prefix, 0) == 0)
                message = message.substr(std::string(prefix).size());
        }
        return message;
    }

} // namespace

bool findKey(std::string_view json, std::string_view name, int& line, int& column)
{
    if (name.empty())
        return false;
    const std::string quoted = std::string("\"").append(name).append("\""); // GCC 12 -Wrestrict, see call_kind.cpp
    size_t at = 0;
    while ((at = json.find(quoted, at)) != std::string_view::npos) {
        size_t after = at + quoted.size();
        while (after < json.size()
            && (json[after] == ' ' || json[after] == '\t' || json[after] == '\n' || json[after] == '\r'))
            ++after;
        if (after < json.size() && json[after] == ':') {
            lineAndColumn(json, at, line, column);
            return true;
        }
        at += quoted.size();
    }
    return false;
}

Result<std::string> jsonToBytes(const google::protobuf::Message& prototype, std::string_view json)
{
    if (auto syntax = checkJsonSyntax(json))
        return *syntax;
    std::unique_ptr<google::protobuf::Message> message(prototype.New());
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = false; // a misspelt field must not be dropped in silence
    const auto status = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(json.data(), json.size()), message.get(), options);
    if (!status.ok()) {
        const std::string words = withoutCodePrefix(std::string(status.message()));
        const std::string field = lastFieldOfPath(words);
        int line = 0;
        int column = 0;
        findKey(json, field, line, column);
        return Error(words + " (in a " + prototype.GetDescriptor()->full_name() + ")", {}, line, column);
    }
    std::string bytes;
    if (!message->SerializeToString(&bytes))
        return Error("cannot serialize the " + prototype.GetDescriptor()->full_name() + " message");
    return bytes;
}

Result<std::string> bytesToJson(const google::protobuf::Message& prototype, const std::string& bytes, bool multiline)
{
    std::unique_ptr<google::protobuf::Message> message(prototype.New());
    if (!message->ParseFromString(bytes))
        return Error("the server sent " + std::to_string(bytes.size()) + " bytes that are not a "
            + prototype.GetDescriptor()->full_name() + " (does the .proto match the server?)");
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = multiline;
    options.always_print_primitive_fields = true;
    std::string json;
    const auto status = google::protobuf::util::MessageToJsonString(*message, &json, options);
    if (!status.ok())
        return Error("cannot write the " + prototype.GetDescriptor()->full_name()
            + " message as JSON: " + std::string(status.message()));
    if (multiline && !json.empty() && json.back() == '\n')
        json.pop_back();
    return json;
}

} // namespace od::rpc
