#pragma once
// The detectors that judge a point as it arrives, against the points before it only, in
// O(log w) or better per point: what a live stream (the stock pane, outlierctl stock) can run.
// One type for all so that a caller picks the method at run time.

#include "core/detect/alarm_detector.h"
#include "core/detect/rolling_mad.h"
#include "core/detect/rolling_zscore.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace od {

enum class OnlineMethod {
    Alarm, // records broken by the value, its short mean, its step or its seasonal change: "alarm"
    RollingZScore, // mean and standard deviation of the window: "rolling"
    RollingMad, // median and 1.4826 * MAD of the window: "rolling-mad"
};

struct OnlineSettings
{
    // alarm, as the batch default: a live line and a file of the same values raise the same alarms.
    OnlineMethod method = OnlineMethod::Alarm;
    // Rolling methods only.
    std::size_t window = 30; // points before each one it is judged against, >= 2
    double threshold = 4.0; // in standard deviations, or in scaled MADs (which estimate them)
    // alarm only: its memory, ratio and period (0: no season view), as the batch method takes them.
    AlarmSettings alarm;

    bool operator==(const OnlineSettings&) const = default;
};

// "alarm", "rolling", "rolling-mad".
std::string_view onlineMethodName(OnlineMethod method);
std::optional<OnlineMethod> parseOnlineMethod(std::string_view name);
// Every method, in the order a user interface offers them (the default first).
const std::vector<OnlineMethod>& onlineMethods();

class OnlineDetector
{
public:
    struct Verdict
    {
        bool judged = false; // false in warm-up or until the window is full, for NaN, for a flat window
        bool outlier = false;
        // Rolling: mean or median, and standard deviation or 1.4826 * MAD. alarm: the middle
        // and half the width of what its level view allows (0 where that view did not judge).
        double centre = 0;
        double scale = 0;
        // Rolling: |value - centre| / scale when judged. alarm: times the previous record, when flagged.
        double score = 0;
    };

    explicit OnlineDetector(const OnlineSettings& settings);

    // Judges value against the window, then adds it. NaN is not judged and not added.
    Verdict push(double value);
    const OnlineSettings& settings() const { return m_settings; }

private:
    OnlineSettings m_settings;
    std::variant<AlarmDetector, RollingZScore, RollingMad> m_impl;
};

} // namespace od
