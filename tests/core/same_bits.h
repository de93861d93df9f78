#pragma once
// Comparing doubles to the bit, for the tests that hold two ways of working a value out against
// each other: == would take +0 for -0, and a NaN for nothing at all.

#include <cmath>
#include <cstring>

namespace bitstest {

// The same bits: +0 and -0 differ, and so do NaNs of different payloads.
inline bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// The same bits, or both NaN: where a NaN stands for "none", whatever its payload.
inline bool sameBitsOrNaN(double a, double b)
{
    return sameBits(a, b) || (std::isnan(a) && std::isnan(b));
}

} // namespace bitstest
