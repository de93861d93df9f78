#include "detector.h"

#include "zscore.h"

#include <cmath>

namespace od {

const std::vector<MethodInfo>& methods()
{
    static const std::vector<MethodInfo> list = {
        { "zscore", "distance from the mean in population standard deviations (the reference rule)", 2.0, 1e-9, 1e9 },
    };
    return list;
}

const MethodInfo* findMethod(const std::string& name)
{
    for (const auto& m : methods()) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

Result<Detection> detect(
    std::span<const double> values, std::span<const std::int64_t> /*times*/, const DetectorParams& params)
{
    const MethodInfo* info = findMethod(params.method);
    if (!info) {
        std::string known;
        for (const auto& m : methods())
            known += (known.empty() ? "" : ", ") + m.name;
        return Error { "unknown method '" + params.method + "' (known: " + known + ")" };
    }
    if (!std::isfinite(params.threshold) || params.threshold < info->minThreshold
        || params.threshold > info->maxThreshold) {
        return Error { "threshold for " + info->name + " must be a positive number, got "
            + std::to_string(params.threshold) };
    }
    if (params.window < 0)
        return Error { "window must not be negative, got " + std::to_string(params.window) };
    return zscore(values, params.threshold);
}

} // namespace od
