#include "channel_config.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace od::rpc {
namespace {

    std::string trim(const std::string& text)
    {
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first == std::string::npos)
            return {};
        const auto last = text.find_last_not_of(" \t\r\n");
        return text.substr(first, last - first + 1);
    }

    bool endsWith(const std::string& text, const std::string& suffix)
    {
        return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
    }

    constexpr std::streamoff kMaxPemBytes = 1024 * 1024;

} // namespace

std::optional<std::string> parseHeader(const std::string& line, std::pair<std::string, std::string>& out)
{
    const auto colon = line.find(':');
    if (colon == std::string::npos)
        return "'" + line + "' is not a header: write it as 'key: value'";
    std::string key = trim(line.substr(0, colon));
    const std::string value = trim(line.substr(colon + 1));
    if (key.empty())
        return "'" + line + "' has no key before the colon";
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!allowed)
            return "the header key '" + key + "' may hold only letters, digits, '-', '_' and '.'";
    }
    if (key.rfind("grpc-", 0) == 0)
        return "the header key '" + key + "' is reserved by gRPC";
    if (endsWith(key, "-bin"))
        return "binary headers ('" + key + "') are not supported; use a text header";
    if (value.empty())
        return "the header '" + key + "' has no value after the colon";
    for (const char c : value) {
        if (c < 0x20 || c > 0x7e)
            return "the value of the header '" + key + "' may hold only printable ASCII characters";
    }
    out = { std::move(key), value };
    return std::nullopt;
}

std::optional<std::string> readPemFile(const std::string& path, const std::string& what, std::string& out)
{
    if (path.empty())
        return "no " + what + " given";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "cannot read the " + what + " " + path + ": " + std::strerror(errno);
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size > kMaxPemBytes)
        return "the " + what + " " + path + " is larger than 1 MB; is it really a PEM file?";
    in.seekg(0);
    std::ostringstream text;
    text << in.rdbuf();
    std::string pem = text.str();
    if (pem.empty())
        return "the " + what + " " + path + " is empty";
    if (pem.find("-----BEGIN") == std::string::npos)
        return "the " + what + " " + path + " is not a PEM file (no '-----BEGIN' line)";
    out = std::move(pem);
    return std::nullopt;
}

} // namespace od::rpc
