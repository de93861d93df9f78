#pragma once
// How many values of a series are not NaN before a point, kept per chunk of 4096 points: a
// detector that skips NaN counts its state in values held, not in points, and a replay of its
// band (alarm_band.h, rolling_band_replay.h) must find where in the points a count falls.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace od {

class HeldCounts
{
public:
    static constexpr std::size_t kChunk = 4096;

    // Counts the whole chunks of `values` not yet counted (the series as it stands now, whose
    // earlier values are those counted before).
    void extend(std::span<const double> values);
    // Values that are not NaN among points [0, at), for at within the chunks counted and the
    // one after them.
    std::uint64_t before(std::span<const double> values, std::size_t at) const;
    // The point from which `held` values that are not NaN lie before `at`: `at` walked back
    // over them (and the NaN between); 0 when fewer lie there.
    static std::size_t back(std::span<const double> values, std::size_t at, std::uint64_t held);

private:
    // m_before[k]: values that are not NaN among points [0, k * kChunk).
    std::vector<std::uint64_t> m_before { 0 };
};

} // namespace od
