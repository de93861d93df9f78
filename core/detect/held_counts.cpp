#include "core/detect/held_counts.h"

#include <cmath>

namespace od {

namespace {
    std::uint64_t countHeld(const double* values, std::size_t n)
    {
        std::uint64_t held = 0;
        for (std::size_t i = 0; i < n; ++i)
            held += values[i] == values[i] ? 1 : 0; // not NaN; a loop the compiler vectorizes
        return held;
    }
} // namespace

void HeldCounts::extend(std::span<const double> values)
{
    std::size_t at = (m_before.size() - 1) * kChunk;
    std::uint64_t held = m_before.back();
    for (; at + kChunk <= values.size(); at += kChunk) {
        held += countHeld(values.data() + at, kChunk);
        m_before.push_back(held);
    }
}

std::uint64_t HeldCounts::before(std::span<const double> values, std::size_t at) const
{
    const std::size_t chunk = at / kChunk;
    return m_before[chunk] + countHeld(values.data() + chunk * kChunk, at - chunk * kChunk);
}

std::size_t HeldCounts::back(std::span<const double> values, std::size_t at, std::uint64_t held)
{
    for (; held > 0 && at > 0; --at) {
        if (!std::isnan(values[at - 1]))
            --held;
    }
    return at;
}

} // namespace od
