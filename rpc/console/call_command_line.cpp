#include "call_command_line.h"

namespace od::rpc {

std::string shellQuote(std::string_view text)
{
    const bool plain = !text.empty()
        && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "0123456789@%+=:,./_-")
            == std::string_view::npos;
    if (plain)
        return std::string(text);
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

namespace {

    // One message a line, as outlierctl reads several messages from -d.
    std::string oneLine(std::string_view json)
    {
        std::string out;
        bool inString = false;
        bool escaped = false;
        for (const char c : json) {
            if (inString) {
                out += c;
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
                continue;
            }
            if (c == '"')
                inString = true;
            if (c == '\n' || c == '\r' || c == '\t')
                continue;
            if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '{' || out.back() == '['))
                continue;
            out += c;
        }
        return out;
    }

} // namespace

std::string callCommandLine(const CallCommand& c)
{
    std::string out = shellQuote(c.program) + " call --remote " + shellQuote(c.target);
    auto flag = [&out](const char* name, const std::string& value) {
        if (!value.empty())
            out += std::string(" ") + name + " " + shellQuote(value);
    };
    if (c.tls && c.caFile.empty() && c.certFile.empty() && c.serverName.empty())
        out += " --tls";
    flag("--ca", c.caFile);
    flag("--cert", c.certFile);
    flag("--key", c.keyFile);
    flag("--server-name", c.serverName);
    for (const auto& [key, value] : c.metadata)
        flag("--header", key + ": " + value);
    if (c.deadlineMs > 0)
        flag("--deadline-ms", std::to_string(c.deadlineMs));
    if (c.maxMessageMb > 0)
        flag("--max-message-mb", std::to_string(c.maxMessageMb));
    for (const auto& file : c.protoFiles)
        flag("--proto", file);
    for (const auto& dir : c.importPaths)
        flag("-I", dir);
    out.append(" ").append(shellQuote(c.method)); // not " " + string: GCC 12 -Wrestrict (its bug 105651)
    if (!c.messages.empty()) {
        std::string data;
        for (const auto& message : c.messages)
            data.append(data.empty() ? "" : "\n").append(oneLine(message));
        flag("-d", data);
    }
    return out;
}

} // namespace od::rpc
