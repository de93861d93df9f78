#include "arguments.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace od::cli {

Arguments::Arguments(std::set<std::string> valueFlags, std::set<std::string> switches)
    : m_valueFlags(std::move(valueFlags))
    , m_switches(std::move(switches))
{ }

std::optional<std::string> Arguments::parse(const std::vector<std::string>& args)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg.size() < 2 || arg[0] != '-' || arg == "--") {
            if (arg == "--") {
                m_positional.insert(m_positional.end(), args.begin() + static_cast<long>(i) + 1, args.end());
                break;
            }
            m_positional.push_back(arg);
            continue;
        }
        std::string flag = arg;
        std::optional<std::string> inlineValue;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            flag = arg.substr(0, eq);
            inlineValue = arg.substr(eq + 1);
        }
        if (m_switches.count(flag)) {
            if (inlineValue)
                return flag + " takes no value";
            m_switchesSeen.insert(flag);
        } else if (m_valueFlags.count(flag)) {
            if (inlineValue) {
                m_values[flag].push_back(*inlineValue);
            } else if (i + 1 < args.size()) {
                m_values[flag].push_back(args[++i]);
            } else {
                return flag + " needs a value";
            }
        } else {
            return "unknown option '" + flag + "'";
        }
    }
    return std::nullopt;
}

std::optional<std::string> Arguments::value(const std::string& flag) const
{
    const auto it = m_values.find(flag);
    if (it == m_values.end())
        return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Arguments::values(const std::string& flag) const
{
    const auto it = m_values.find(flag);
    return it == m_values.end() ? std::vector<std::string> {} : it->second;
}

std::optional<std::string> Arguments::number(
    const std::string& flag, double min, double max, const std::string& what, double& out) const
{
    const auto v = value(flag);
    if (!v)
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || errno != 0 || !std::isfinite(d) || d < min || d > max)
        return flag + " must be " + what + ", got '" + *v + "'";
    out = d;
    return std::nullopt;
}

std::optional<std::string> Arguments::integer(
    const std::string& flag, long long min, long long max, long long& out) const
{
    const auto v = value(flag);
    if (!v)
        return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || errno != 0 || n < min || n > max)
        return flag + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got '"
            + *v + "'";
    out = n;
    return std::nullopt;
}

} // namespace od::cli
