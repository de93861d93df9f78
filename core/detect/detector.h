#pragma once
// One entry point for every detector, so the app, the server and the command line offer the
// same list with the same defaults and the same parameter checks.

#include "core/detect/alarm_detector.h"
#include "core/detect/esd.h"
#include "core/detection.h"
#include "core/result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace od {

struct DetectorParams
{
    std::string method = "zscore";
    // The method's main knob, in its own unit: zscore and rolling k (standard deviations), mad
    // and hampel t, iqr c (IQRs), esd alpha (significance level), alarm the ratio a change must
    // reach to the largest one in memory.
    double threshold = 2.0;
    int window = 0; // rolling: window length; hampel: half-width; alarm: memory; 0 = the method's default
    int period = 0; // esd, alarm: points per season; 0 = infer from the timestamps
    double maxAnoms = 0.02; // esd: the largest share of points it may flag
    Direction direction = Direction::Both; // esd: which side of the expected value counts
};

// How a user interface offers one parameter: its default and valid range.
struct ParamInfo
{
    std::string key; // "window", "period", "max_anoms"
    std::string label;
    double defaultValue;
    double min;
    double max;
    bool integer;
};

struct MethodInfo
{
    std::string name;
    std::string description;
    std::string thresholdLabel; // what the threshold means for this method
    double defaultThreshold;
    double minThreshold;
    double maxThreshold;
    std::vector<ParamInfo> params; // the further parameters it takes, besides the threshold
    bool needsTimes = false; // uses timestamps (to infer a period)
};

// The method the app and outlierctl use when none is named, chosen on NAB's own score of each
// detector, printed by tests/bench/bench_nab_score.py (see the README). The server's
// pb.Outliers/Detect keeps the reference zscore unless told otherwise.
inline constexpr const char* kDefaultMethod = "alarm";

const std::vector<MethodInfo>& methods();
const MethodInfo* findMethod(const std::string& name);
// "zscore, mad, iqr, ..." for messages and --help.
std::string methodNames();

// Sets the parameter a ParamInfo names (key "window", "period", "max_anoms") from a number, as
// a user interface holds them; false for a key the core does not know.
bool setParam(DetectorParams& params, std::string_view key, double value);

// Checks params against the method's ranges; an Error says which parameter and why.
Result<bool> validate(const DetectorParams& params);

// Runs the chosen detector. times may be empty for methods that do not need them. Bad
// parameters (unknown method, threshold out of range) are an Error, never a crash. A rule with
// a band per point keeps it as `detail` says, with its blocks (Detection::bandBlocks) either way.
Result<Detection> detect(std::span<const double> values, std::span<const std::int64_t> times,
    const DetectorParams& params, BandDetail detail = BandDetail::PerPoint);

// What detect() runs for method "alarm" on a series of `points` values with these times (the
// period inferred from them when params.period is 0); params as validate() accepts them.
AlarmSettings alarmSettings(const DetectorParams& params, std::span<const std::int64_t> times, std::size_t points);

// The method's own default window when params.window is 0.
int effectiveWindow(const DetectorParams& params);

// Parameters for `method` with its own defaults (threshold, window, ...).
DetectorParams defaultParams(const std::string& method = kDefaultMethod);

} // namespace od
