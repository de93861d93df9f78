#include "core/detect/online_detector.h"

namespace od {

std::string_view onlineMethodName(OnlineMethod method)
{
    return method == OnlineMethod::RollingMad ? "rolling-mad" : "rolling";
}

std::optional<OnlineMethod> parseOnlineMethod(std::string_view name)
{
    for (const OnlineMethod m : onlineMethods()) {
        if (onlineMethodName(m) == name)
            return m;
    }
    return std::nullopt;
}

const std::vector<OnlineMethod>& onlineMethods()
{
    static const std::vector<OnlineMethod> all { OnlineMethod::RollingZScore, OnlineMethod::RollingMad };
    return all;
}

namespace {
    std::variant<RollingZScore, RollingMad> makeImpl(const OnlineSettings& s)
    {
        if (s.method == OnlineMethod::RollingMad)
            return RollingMad(s.window, s.threshold);
        return RollingZScore(s.window, s.threshold);
    }
} // namespace

OnlineDetector::OnlineDetector(const OnlineSettings& settings)
    : m_settings(settings)
    , m_impl(makeImpl(settings))
{ }

OnlineDetector::Verdict OnlineDetector::push(double value)
{
    Verdict out;
    if (auto* z = std::get_if<RollingZScore>(&m_impl)) {
        const auto v = z->push(value);
        out = { v.judged, v.outlier, v.mean, v.sd, v.score };
    } else {
        const auto v = std::get<RollingMad>(m_impl).push(value);
        out = { v.judged, v.outlier, v.median, v.scale, v.score };
    }
    return out;
}

} // namespace od
