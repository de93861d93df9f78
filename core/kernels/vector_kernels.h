#pragma once
// The inner loops of the global detectors (zscore, mad): read-only passes over tens of millions
// of values, written four doubles at a time so that they run at memory speed. Each kernel works
// on one chunk; callers split the series with parallelFor and combine the chunks' results.
//
// Every kernel judges y = |x * scale - centre| (or x * scale - centre without the absolute
// value), skips NaN values and never reports them. The build picks an AVX2 version at run
// time where the CPU has it and a baseline x86-64 version otherwise.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace od::kernels {

// What a pass measures of y: which form of y, around what.
struct Transform
{
    double scale = 1; // x is multiplied by this first
    double centre = 0; // then this is subtracted
    bool absolute = false; // then, if set, the sign is dropped
};

// Sum and sum of squares of y over the non-NaN values, and their count.
struct Sums
{
    double sum = 0;
    double sumSq = 0;
    std::size_t count = 0;

    // Adds the sums of other values (another chunk or block).
    Sums& operator+=(const Sums& other)
    {
        sum += other.sum;
        sumSq += other.sumSq;
        count += other.count;
        return *this;
    }
};
Sums sums(std::span<const double> values, Transform t);

// Smallest and largest y over the non-NaN values, and their count (lo > hi when count is 0).
struct Range
{
    double lo = 0;
    double hi = 0;
    std::size_t count = 0;
};
Range range(std::span<const double> values, Transform t);

// Buckets of equal width over [lo, lo + count / width): the bucket of y is
// min(floor((y - lo) * width), count - 1); every y must be at least lo. histogram() adds one
// per value to counts[bucket] and one per NaN to counts[count]; counts has 4 * (count + 1)
// entries, all zero, of which the last 3 * (count + 1) are scratch. gather() appends the y
// whose bucket lies in [first, last] to out, in order.
struct Buckets
{
    double lo = 0;
    double width = 1;
    std::uint32_t count = 1;
};
void histogram(std::span<const double> values, Transform t, Buckets b, std::uint32_t* counts);
void gather(std::span<const double> values, Transform t, Buckets b, std::uint32_t first, std::uint32_t last,
    std::vector<double>& out);

// Writes every index i (offset + position in values) with y * factor > limit to indices, and
// y * scoreFactor to scores, up to `capacity` entries; stops early, before a group of values
// whose hits might not fit. Returns how many entries it wrote and how many values it judged
// (values.size() unless the capacity ran out; at least one while capacity > 0). Flagged values are few, so the kernel
// tests eight at a time and looks at single values only where one of them is over.
struct Threshold
{
    double factor = 1;
    double limit = 0;
    double scoreFactor = 1;
};
struct FlagProgress
{
    std::size_t written = 0;
    std::size_t judged = 0;
};
FlagProgress flagAbove(std::span<const double> values, Transform t, Threshold th, std::size_t offset,
    std::size_t* indices, double* scores, std::size_t capacity);

// One pass for both halves of a global rule whose band is not known yet: the sums of y (as
// sums() gives them) and, while each block of values is still in cache, every value outside the
// raw band [lo, hi] (a guess narrower than the rule's band), written as its index (offset +
// position) and the value itself, up to `capacity` entries. `collected` says how many entries
// were written and how far collecting got (values.size() unless the capacity ran out; the sums
// always cover every value).
struct SumsAndOutside
{
    Sums sums;
    FlagProgress collected;
};
SumsAndOutside sumsCollectingOutside(std::span<const double> values, Transform t, double lo, double hi,
    std::size_t offset, std::size_t* indices, double* raw, std::size_t capacity);

// Whether every value that y * factor > limit flags lies outside the raw band [lo, hi], so that
// the values sumsCollectingOutside collected hold all of them. False when that cannot be shown.
bool ruleFlagsOnlyOutside(Transform t, Threshold th, double lo, double hi);

// Keeps, of `count` collected entries (index, raw value), those the rule flags, moved down in
// order, each raw value replaced by its score y * scoreFactor: exactly what flagAbove would have
// written for them. Returns how many it kept.
std::size_t keepFlagged(Transform t, Threshold th, std::size_t* indices, double* values, std::size_t count);

} // namespace od::kernels
