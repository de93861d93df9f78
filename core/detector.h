#pragma once
// One entry point for every detector, so the app, the server and the command line offer the
// same list with the same defaults and the same parameter checks.

#include "detection.h"
#include "result.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace od {

struct DetectorParams
{
    std::string method = "zscore";
    double threshold = 2.0; // in the method's own unit (zscore: standard deviations)
    int window = 0; // for windowed methods; 0 = the method's default
};

// What a user interface needs to offer a method: its name, a one-line description, and the
// default and valid range of its threshold.
struct MethodInfo
{
    std::string name;
    std::string description;
    double defaultThreshold;
    double minThreshold;
    double maxThreshold;
};

const std::vector<MethodInfo>& methods();
const MethodInfo* findMethod(const std::string& name);

// Runs the chosen detector. times may be empty for methods that do not need them. Bad
// parameters (unknown method, threshold out of range) are an Error, never a crash.
Result<Detection> detect(
    std::span<const double> values, std::span<const std::int64_t> times, const DetectorParams& params);

} // namespace od
