#include "core/detect/detector.h"

#include "core/detect/alarm.h"
#include "core/detect/hampel.h"
#include "core/detect/iqr.h"
#include "core/detect/mad.h"
#include "core/detect/period.h"
#include "core/detect/rolling.h"
#include "core/detect/zscore.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace od {

namespace {
    // Window 30 and k = 4: on NAB the best trade of windows found against false alarms (85% and
    // 8.7 per 1000 points, where zscore k = 2 finds 80% with 23).
    constexpr int kRollingWindow = 30;
    constexpr int kHampelHalfWidth = 7;
    constexpr double kRollingMadThreshold = 4; // as rolling's k: a scaled MAD estimates a std
    constexpr int kLargestMedianWindow = 100000; // the ordered window costs ~40 bytes a point
    // alarm: the memory of its level and season views; its mean and step views remember a
    // quarter and an eighth of it. 4000 points is two weeks of 5-minute data: long enough to
    // have seen a series' usual bursts, short enough to forget an old regime.
    constexpr int kAlarmMemory = 4000;
    constexpr int kLargestAlarmMemory = 1'000'000; // six sliding extremes at 16 bytes a slot
    // A season longer than this (data every few milliseconds) is not worth its ring buffer.
    constexpr int kLargestAlarmPeriod = 1'000'000;
} // namespace

const std::vector<MethodInfo>& methods()
{
    static const std::vector<MethodInfo> list = {
        { "alarm",
            "one alarm per episode: a value, 10-point mean, step or same-time-last-period change beyond anything in "
            "the series' memory",
            "ratio (times the largest change in memory)", AlarmSettings {}.ratio, 1e-9, 1e9,
            // Short labels: the app's detector bar shows them in one row beside the method's box.
            { { "window", "memory", kAlarmMemory, 8, kLargestAlarmMemory, true },
                { "period", "period", 0, 0, kLargestAlarmPeriod, true } },
            true },
        { "zscore", "distance from the mean in population standard deviations (the reference rule)",
            "k (standard deviations)", 2.0, 1e-9, 1e9, {} },
        { "mad", "modified z-score: distance from the median in MADs (Iglewicz-Hoaglin)", "t (modified z)", 3.5, 1e-9,
            1e9, {} },
        { "iqr", "Tukey's fences: beyond the quartiles by more than c interquartile ranges", "c (IQRs)", 1.5, 0.0, 1e9,
            {} },
        { "rolling", "causal rolling z-score against the window of points before each one", "k (standard deviations)",
            4.0, 1e-9, 1e9, { { "window", "window (points)", kRollingWindow, 2, 1e7, true } } },
        { "rolling-mad",
            "causal rolling median: distance from the median of the window before each point, in scaled MADs",
            "t (scaled MADs)", kRollingMadThreshold, 1e-9, 1e9,
            { { "window", "window (points)", kRollingWindow, 2, kLargestMedianWindow, true } } },
        { "hampel", "Hampel filter: distance from the median of the points around, in scaled MADs", "t (scaled MADs)",
            3.0, 1e-9, 1e9, { { "window", "half-width (points each side)", kHampelHalfWidth, 1, 1e5, true } } },
        { "esd", "seasonal hybrid ESD: seasonal decomposition, then a generalized ESD test on the residual",
            "alpha (significance)", 0.05, 1e-12, 0.5,
            { { "period", "period (points, 0 = infer)", 0, 0, 1e7, true },
                { "max_anoms", "max share of anomalies", 0.02, 1e-6, 0.49, false } },
            true },
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

std::string methodNames()
{
    std::string names;
    for (const auto& m : methods())
        names += (names.empty() ? "" : ", ") + m.name;
    return names;
}

int effectiveWindow(const DetectorParams& params)
{
    if (params.window > 0)
        return params.window;
    if (params.method == "alarm")
        return kAlarmMemory;
    return params.method == "hampel" ? kHampelHalfWidth : kRollingWindow;
}

DetectorParams defaultParams(const std::string& method)
{
    DetectorParams p;
    p.method = method;
    if (const MethodInfo* info = findMethod(method))
        p.threshold = info->defaultThreshold;
    return p;
}

bool setParam(DetectorParams& params, std::string_view key, double value)
{
    if (key == "window")
        params.window = static_cast<int>(value);
    else if (key == "period")
        params.period = static_cast<int>(value);
    else if (key == "max_anoms")
        params.maxAnoms = value;
    else
        return false;
    return true;
}

Result<bool> validate(const DetectorParams& params)
{
    const MethodInfo* info = findMethod(params.method);
    if (!info)
        return Error { "unknown method '" + params.method + "' (known: " + methodNames() + ")" };
    auto outOfRange = [](const std::string& what, double value, double min, double max) {
        std::ostringstream out;
        out << what << " must be from " << min << " to " << max << ", got " << value;
        return Error { out.str() };
    };
    if (!std::isfinite(params.threshold) || params.threshold < info->minThreshold
        || params.threshold > info->maxThreshold)
        return outOfRange(info->name + " threshold " + info->thresholdLabel, params.threshold, info->minThreshold,
            info->maxThreshold);
    if (params.window < 0)
        return Error { "window must not be negative, got " + std::to_string(params.window) };
    if (params.period < 0)
        return Error { "period must not be negative, got " + std::to_string(params.period) };
    for (const auto& p : info->params) {
        if (p.key == "window" && params.window != 0 && (params.window < p.min || params.window > p.max))
            return outOfRange(p.label, params.window, p.min, p.max);
        if (p.key == "period" && (params.period < p.min || params.period > p.max || params.period == 1))
            return outOfRange(p.label + " (and not 1)", params.period, 2, p.max);
        if (p.key == "max_anoms" && !(params.maxAnoms >= p.min && params.maxAnoms <= p.max))
            return outOfRange(p.label, params.maxAnoms, p.min, p.max);
    }
    return true;
}

AlarmSettings alarmSettings(const DetectorParams& params, std::span<const std::int64_t> times, std::size_t points)
{
    std::size_t period = static_cast<std::size_t>(std::max(0, params.period));
    if (period == 0 && times.size() == points)
        period = inferPeriod(times);
    if (period > static_cast<std::size_t>(kLargestAlarmPeriod))
        period = 0;
    return { static_cast<std::size_t>(effectiveWindow(params)), params.threshold, period };
}

namespace {

    Result<Detection> detectWith(std::span<const double> values, std::span<const std::int64_t> times,
        const DetectorParams& params, BandDetail detail)
    {
        if (auto ok = validate(params); !ok)
            return ok.error();
        const std::string& m = params.method;
        const double t = params.threshold;
        if (m == "mad")
            return mad(values, t);
        if (m == "iqr")
            return iqr(values, t);
        if (m == "rolling")
            return rolling(values, static_cast<std::size_t>(effectiveWindow(params)), t, detail);
        if (m == "rolling-mad")
            return rollingMad(values, static_cast<std::size_t>(effectiveWindow(params)), t, detail);
        if (m == "hampel")
            return hampel(values, static_cast<std::size_t>(effectiveWindow(params)), t, detail);
        if (m == "alarm")
            return alarm(values, alarmSettings(params, times, values.size()), detail);
        if (m == "esd") {
            if (times.size() != values.size() && params.period == 0)
                times = {}; // no usable times: plain hybrid ESD unless a period is given
            EsdParams esdParams { t, params.maxAnoms, params.direction, static_cast<std::size_t>(params.period) };
            return esd(values, times, esdParams, detail);
        }
        return zscore(values, t);
    }

    // Whether every flagged point has a score: then nothing reads the per-point centre
    // (incidents rank a point by its centre only where its score is NaN).
    bool everyFlagScored(const Detection& d)
    {
        return d.scores.size() == d.indices.size()
            && std::none_of(d.scores.begin(), d.scores.end(), [](double s) { return std::isnan(s); });
    }

    // The per-point band's blocks, and the per-point band dropped where only the blocks were
    // asked for and nothing else needs it.
    void keepBand(Detection& d, BandDetail detail)
    {
        if (d.bandBlocks.empty() && !d.bandLower.empty())
            d.bandBlocks = bandBlocksOf(d.bandLower, d.bandUpper);
        if (detail == BandDetail::Blocks && everyFlagScored(d)) {
            d.bandCentre = {};
            d.bandLower = {};
            d.bandUpper = {};
        }
    }

} // namespace

Result<Detection> detect(std::span<const double> values, std::span<const std::int64_t> times,
    const DetectorParams& params, BandDetail detail)
{
    auto d = detectWith(values, times, params, detail);
    if (d)
        keepBand(*d, detail);
    return d;
}

} // namespace od
