#pragma once
// The last pass of a global rule (zscore, mad): flags, on every core, the values over the
// threshold, straight into the Detection's arrays. The arrays are sized from a sample of the
// values first, so that ten million values with a few percent flagged cost no regrowth and no
// copy beyond closing the gaps between the chunks' slots.

#include "core/detection.h"
#include "core/kernels/vector_kernels.h"

#include <span>
#include <vector>

namespace od {

// Values spread evenly over the series (NaN included), a few thousand: enough to guess shares
// and bands, few enough that reading them (each one a cache miss) costs little.
std::vector<double> evenSample(std::span<const double> values);

// A generous upper estimate of a share of the series from `hits` of `sampled` sample values: the
// observed share plus four standard errors, plus a floor.
double generousShare(std::size_t hits, std::size_t sampled);

// Appends to d.indices / d.scores every value with y * th.factor > th.limit, y = t(value), in
// index order (d's arrays must be empty).
void flagParallel(std::span<const double> values, kernels::Transform t, kernels::Threshold th, Detection& d);

// A guess, made before the sums are known, of a raw band that no flagged value lies inside, and
// a generous share of the values expected outside it (it sizes the room).
struct GuessedBand
{
    double lo = 0;
    double hi = 0;
    double share = 1;
};

// The sums pass and the flagging pass of a rule that follows from sums of the values (zscore:
// mean and spread), made as one: the constructor sums t(x) over the values and meanwhile
// collects, into d's arrays, the values outside the guessed band; keep() then keeps those the
// rule flags.
class OnePassFlags
{
public:
    OnePassFlags(std::span<const double> values, kernels::Transform t, GuessedBand guess, Detection& d);

    const kernels::Sums& sums() const { return m_sums; }

    // Leaves in d, in index order with their scores, the collected values the rule flags:
    // exactly what flagParallel(values, t, th, d) writes. False, with d's arrays empty, when
    // the guess was not narrower than the rule's band or the room ran out: then the caller
    // makes the flagging pass itself.
    bool keep(kernels::Transform t, kernels::Threshold th, Detection& d);

    // Empties d's arrays: there is nothing to flag.
    void discard(Detection& d);

private:
    std::size_t m_valueCount = 0;
    std::vector<std::size_t> m_starts; // each chunk's slot in d's arrays
    std::vector<std::size_t> m_written; // entries in it
    bool m_complete = true; // every chunk collected all its values outside the band
    GuessedBand m_guess;
    kernels::Sums m_sums;
};

} // namespace od
