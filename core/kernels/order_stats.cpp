#include "core/kernels/order_stats.h"

#include <algorithm>
#include <cmath>

namespace od {

std::size_t copyFinite(std::span<const double> values, std::vector<double>& scratch)
{
    scratch.resize(values.size());
    std::size_t n = 0;
    for (const double v : values) {
        scratch[n] = v;
        n += !std::isnan(v); // branch-free: NaN slots are overwritten by the next value
    }
    scratch.resize(n);
    return n;
}

double medianInPlace(std::span<double> data)
{
    const std::size_t n = data.size();
    const auto mid = data.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(data.begin(), mid, data.end());
    const double upper = *mid;
    if (n % 2 == 1)
        return upper;
    // After nth_element everything before mid is <= it: the lower middle is their maximum.
    const double lower = *std::max_element(data.begin(), mid);
    return lower + (upper - lower) / 2;
}

double quantileInPlace(std::span<double> data, double p)
{
    const std::size_t n = data.size();
    const double pos = p * static_cast<double>(n - 1);
    const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
    const double frac = pos - static_cast<double>(lo);
    const auto loIt = data.begin() + static_cast<std::ptrdiff_t>(lo);
    std::nth_element(data.begin(), loIt, data.end());
    const double a = *loIt;
    if (frac == 0 || lo + 1 >= n)
        return a;
    const double b = *std::min_element(loIt + 1, data.end());
    return a + (b - a) * frac;
}

} // namespace od
