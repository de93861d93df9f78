#pragma once
// Names listed in a message to the user ("it has: a, b, c"), shared by the console's failures.

#include <string>
#include <vector>

namespace od::rpc {

// The names joined by ", ", or "none" when there are none, so a message never ends in "has: )".
inline std::string nameList(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& name : names)
        out += (out.empty() ? "" : ", ") + name;
    return out.empty() ? "none" : out;
}

} // namespace od::rpc
