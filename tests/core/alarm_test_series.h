#pragma once
// Series that make alarm's memories awkward, for the tests that hold two ways of working out
// its verdicts or band against each other (tst_alarmpushall, tst_alarmband).

#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <vector>

namespace alarmtest {

using Values = std::vector<double>;
inline const double kNaN = std::numeric_limits<double>::quiet_NaN();
inline const double kInf = std::numeric_limits<double>::infinity();

enum class Shape { Noise, Zeros, Gaps, Infinities, LongGaps, ZerosAndLongGaps };

// A cycle with noise, ever bigger spikes, steps and flat stretches, plus what the shape adds:
// Zeros: mostly zeros of either sign (memories whose extremes tie on +0 and -0, and whose
// range is then -0: a band of -0 or +0 says which zero the extremes took); Gaps: NaN runs of 1
// to 80 points, some shorter than a run, some longer than the short mean; Infinities: rare
// +-inf, whose bands are infinite or NaN; LongGaps: the Gaps' runs and, now and then, one of
// 4096 to 6000 points (longer than a chunk of AlarmBandReplay's counts); ZerosAndLongGaps: both
// (where a replay fed from the wrong value shows, as a zero of the wrong sign).
inline Values series(Shape shape, unsigned seed, std::size_t n)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0, 2);
    std::uniform_real_distribution<double> unit(0, 1);
    Values v;
    while (v.size() < n) {
        const double t = static_cast<double>(v.size());
        const double r = unit(rng);
        double x = 100 + 20 * std::sin(t / 150) + normal(rng);
        if (r < 0.002)
            x += (unit(rng) < 0.5 ? -1 : 1) * 80 * (1 + t / 2000); // growing: records keep coming
        else if (r < 0.003)
            v.insert(v.end(), std::size_t(unit(rng) * 300), std::round(x));
        const bool zeros = shape == Shape::Zeros || shape == Shape::ZerosAndLongGaps;
        const bool longGaps = shape == Shape::LongGaps || shape == Shape::ZerosAndLongGaps;
        if (zeros)
            x = r < 0.001 ? 5 : r < 0.003 ? std::round(normal(rng)) : (unit(rng) < 0.5 ? 0.0 : -0.0);
        if ((shape == Shape::Gaps || longGaps) && r > 0.997) {
            const bool longGap = longGaps && r > 0.9997;
            v.insert(v.end(), longGap ? std::size_t(4096 + unit(rng) * 2000) : std::size_t(1 + unit(rng) * 80), kNaN);
        }
        if (shape == Shape::Infinities && r > 0.9995)
            x = unit(rng) < 0.5 ? -kInf : kInf;
        v.push_back(x);
    }
    v.resize(n);
    return v;
}

} // namespace alarmtest
