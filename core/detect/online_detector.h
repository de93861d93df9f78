#pragma once
// The detectors that judge a point as it arrives, against the points before it only, in
// O(log w) or better per point: what a live stream (the stock pane, outlierctl stock) can run.
// One type for both so that a caller picks the method at run time.

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
    RollingZScore, // mean and standard deviation of the window: "rolling"
    RollingMad, // median and 1.4826 * MAD of the window: "rolling-mad"
};

struct OnlineSettings
{
    OnlineMethod method = OnlineMethod::RollingZScore;
    std::size_t window = 30; // points before each one it is judged against, >= 2
    double threshold = 4.0; // in standard deviations, or in scaled MADs (which estimate them)

    bool operator==(const OnlineSettings&) const = default;
};

// "rolling", "rolling-mad".
std::string_view onlineMethodName(OnlineMethod method);
std::optional<OnlineMethod> parseOnlineMethod(std::string_view name);
// Every method, in the order a user interface offers them.
const std::vector<OnlineMethod>& onlineMethods();

class OnlineDetector
{
public:
    struct Verdict
    {
        bool judged = false; // false until the window is full, for NaN, and for a flat window
        bool outlier = false;
        double centre = 0; // mean or median
        double scale = 0; // standard deviation or 1.4826 * MAD
        double score = 0; // |value - centre| / scale when judged
    };

    explicit OnlineDetector(const OnlineSettings& settings);

    // Judges value against the window, then adds it. NaN is not judged and not added.
    Verdict push(double value);
    const OnlineSettings& settings() const { return m_settings; }

private:
    OnlineSettings m_settings;
    std::variant<RollingZScore, RollingMad> m_impl;
};

} // namespace od
