#pragma once
// A small command-line parser for outlierctl's subcommands: "--flag value", "--flag=value",
// boolean switches and positional arguments, with errors a user can act on.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace od::cli {

class Arguments
{
public:
    // valueFlags take a value ("--method zscore"); switches do not ("--strict").
    Arguments(std::set<std::string> valueFlags, std::set<std::string> switches);

    // Returns an error message, or nothing when argv parsed.
    std::optional<std::string> parse(const std::vector<std::string>& args);

    bool has(const std::string& flag) const { return m_values.count(flag) || m_switchesSeen.count(flag); }
    // The last value given for flag; values() has every one, in order, for repeatable flags.
    std::optional<std::string> value(const std::string& flag) const;
    std::vector<std::string> values(const std::string& flag) const;
    const std::vector<std::string>& positional() const { return m_positional; }

    // A numeric flag's value; an error message when present but not a number in [min, max].
    // `what` describes the range for that message ("a positive number").
    std::optional<std::string> number(
        const std::string& flag, double min, double max, const std::string& what, double& out) const;
    std::optional<std::string> integer(const std::string& flag, long long min, long long max, long long& out) const;

private:
    std::set<std::string> m_valueFlags;
    std::set<std::string> m_switches;
    std::map<std::string, std::vector<std::string>> m_values;
    std::set<std::string> m_switchesSeen;
    std::vector<std::string> m_positional;
};

} // namespace od::cli
