#include "token_file.h"

#include <fstream>

namespace od::rpc {

std::string_view trimToken(std::string_view s)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string> readTokenFile(const std::string& path, std::string& error)
{
    std::ifstream in(path);
    if (!in) {
        error = "cannot read the token file " + path;
        return {};
    }
    std::vector<std::string> tokens;
    std::string line;
    while (std::getline(in, line)) {
        const std::string_view t = trimToken(line);
        if (!t.empty() && t.front() != '#')
            tokens.emplace_back(t);
    }
    if (tokens.empty())
        error = "the token file " + path + " holds no token";
    return tokens;
}

} // namespace od::rpc
