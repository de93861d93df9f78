#include "core/detect/online_detector.h"

#include "core/detection.h"

namespace od {

std::string_view onlineMethodName(OnlineMethod method)
{
    switch (method) {
    case OnlineMethod::Alarm:
        return "alarm";
    case OnlineMethod::RollingMad:
        return "rolling-mad";
    case OnlineMethod::RollingZScore:
        break;
    }
    return "rolling";
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
    static const std::vector<OnlineMethod> all { OnlineMethod::Alarm, OnlineMethod::RollingZScore,
        OnlineMethod::RollingMad };
    return all;
}

namespace {
    std::variant<AlarmDetector, RollingZScore, RollingMad> makeImpl(const OnlineSettings& s)
    {
        switch (s.method) {
        case OnlineMethod::Alarm:
            return AlarmDetector(s.alarm);
        case OnlineMethod::RollingMad:
            return RollingMad(s.window, s.threshold);
        case OnlineMethod::RollingZScore:
            break;
        }
        return RollingZScore(s.window, s.threshold);
    }
} // namespace

OnlineDetector::OnlineDetector(const OnlineSettings& settings)
    : m_settings(settings)
    , m_impl(makeImpl(settings))
{ }

OnlineDetector::Verdict OnlineDetector::push(double value)
{
    if (auto* a = std::get_if<AlarmDetector>(&m_impl)) {
        const auto v = a->push(value);
        Verdict out { v.judged, v.alarm, 0, 0, v.score };
        if (v.banded) {
            out.centre = Detection::middleOf(v.bandLow, v.bandHigh);
            out.scale = (v.bandHigh - v.bandLow) / 2;
        }
        return out;
    }
    if (auto* z = std::get_if<RollingZScore>(&m_impl)) {
        const auto v = z->push(value);
        return { v.judged, v.outlier, v.mean, v.sd, v.score };
    }
    const auto v = std::get<RollingMad>(m_impl).push(value);
    return { v.judged, v.outlier, v.median, v.scale, v.score };
}

} // namespace od
