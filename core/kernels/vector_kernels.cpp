#include "core/kernels/vector_kernels.h"

#include "core/kernels/vector_kernels_wide.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

// GCC's and Clang's vector extensions: portable four-double arithmetic that becomes one AVX2
// instruction in the AVX2 clone and two SSE2 instructions in the baseline one. The compilers
// do not vectorise these loops by themselves: a floating-point sum may not be reordered, and
// the NaN tests become branches.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define OD_THREAD_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define OD_THREAD_SANITIZER 1
#endif
// The clones are chosen by an ifunc resolver at load time, before ThreadSanitizer has set itself
// up, and its instrumented resolver crashes there: TSan builds use the baseline version only.
#if defined(__x86_64__) && !defined(OD_THREAD_SANITIZER)
#define OD_KERNEL __attribute__((target_clones("avx2", "default")))
#else
#define OD_KERNEL
#endif
#define OD_INLINE [[gnu::always_inline]] inline

namespace od::kernels {
namespace {

#pragma GCC diagnostic ignored "-Wpsabi" // the vector helpers are inlined: no ABI to change
    using V = double __attribute__((vector_size(32)));
    using M = std::int64_t __attribute__((vector_size(32)));
    using I = std::int32_t __attribute__((vector_size(16)));
    using U = std::uint32_t __attribute__((vector_size(16)));
    constexpr std::size_t kLanes = 4;

    OD_INLINE V load(const double* p)
    {
        V v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    OD_INLINE V splat(double x)
    {
        return V { x, x, x, x };
    }
    // Lane by lane: m ? a : b, for masks of all-ones / all-zeros lanes.
    OD_INLINE V select(M m, V a, V b)
    {
        return reinterpret_cast<V>((reinterpret_cast<M>(a) & m) | (reinterpret_cast<M>(b) & ~m));
    }
    OD_INLINE bool any(M m)
    {
        return (m[0] | m[1] | m[2] | m[3]) != 0;
    }
    // Bit k set when lane k of m is.
    OD_INLINE unsigned bits(M m)
    {
        return static_cast<unsigned>((m[0] & 1) | (m[1] & 2) | (m[2] & 4) | (m[3] & 8));
    }

    // Asks for the cache line 8 KB ahead of p: on virtual machines like the one these loops were
    // measured on, the hardware prefetcher alone leaves a single core waiting on memory
    // (fused sums-and-collect: 12.6 -> 7.2 ms per 10M values with it).
    constexpr std::size_t kAhead = 1024;
    OD_INLINE void prefetchAhead(const double* p)
    {
        __builtin_prefetch(p + kAhead);
    }

    // The transform with only the operations it needs: on this class of machine every vector
    // instruction in these loops shows in the time, so the common cases (no scale; no absolute
    // value) skip theirs. Scaled/Absolute are fixed per loop by the dispatch below.
    template <bool Scaled, bool Absolute> struct Form
    {
        double scale, centre;
        V vscale, vcentre;
        explicit Form(Transform t)
            : scale(t.scale)
            , centre(t.centre)
            , vscale(splat(t.scale))
            , vcentre(splat(t.centre))
        { }
        OD_INLINE V operator()(V x) const
        {
            const V y = (Scaled ? x * vscale : x) - vcentre;
            if constexpr (Absolute)
                return reinterpret_cast<V>(reinterpret_cast<M>(y) & (M {} + std::numeric_limits<std::int64_t>::max()));
            else
                return y;
        }
        OD_INLINE double operator()(double x) const
        {
            const double y = (Scaled ? x * scale : x) - centre;
            return Absolute ? std::fabs(y) : y;
        }
    };

// Runs loop<Form<...>>(form, args...) with the form that fits t.
#define OD_DISPATCH(loop, t, ...)                                                                                      \
    ((t).scale == 1                                                                                                    \
            ? ((t).absolute ? loop(Form<false, true>(t), __VA_ARGS__) : loop(Form<false, false>(t), __VA_ARGS__))      \
            : ((t).absolute ? loop(Form<true, true>(t), __VA_ARGS__) : loop(Form<true, false>(t), __VA_ARGS__)))

    // Sums over p[0, n) with NaN values left out: per lane, a mask, and counting.
    template <typename F> OD_INLINE void addSumsMasked(F f, const double* p, std::size_t n, V& s, V& q, M& c)
    {
        for (std::size_t i = 0; i < n; i += kLanes) {
            const V x = load(p + i);
            const M present = x == x;
            const V y = reinterpret_cast<V>(reinterpret_cast<M>(f(x)) & present);
            s += y;
            q += y * y;
            c -= present;
        }
    }

    // Most series have no NaN at all: a block is first summed without the NaN mask (three fewer
    // instructions per four values) and, only if its sum came out NaN, again with it. Blocks are
    // small enough for the second pass to read from cache.
    constexpr std::size_t kSumBlock = 2048;

    // Adds the sums of y over the kSumBlock values at p to s, q, c.
    template <typename F> OD_INLINE void addBlockSums(F f, const double* p, V& s, V& q, M& c)
    {
        V s0 {}, s1 {}, q0 {}, q1 {}; // two chains: one addition need not wait for the other
        for (std::size_t j = 0; j < kSumBlock; j += 2 * kLanes) {
            prefetchAhead(p + j);
            const V ya = f(load(p + j)), yb = f(load(p + j + kLanes));
            s0 += ya;
            q0 += ya * ya;
            s1 += yb;
            q1 += yb * yb;
        }
        const V blockSum = s0 + s1;
        if (any(blockSum != blockSum)) {
            addSumsMasked(f, p, kSumBlock, s, q, c);
            return;
        }
        s += blockSum;
        q += q0 + q1;
        c += M {} + static_cast<std::int64_t>(kSumBlock / kLanes);
    }

    // The sums of y over p[i, n) (less than a block) added to the lanes' s, q, c, folded.
    template <typename F> OD_INLINE Sums finishSums(F f, const double* p, std::size_t i, std::size_t n, V s, V q, M c)
    {
        for (; i + kLanes <= n; i += kLanes)
            addSumsMasked(f, p + i, kLanes, s, q, c);
        Sums out;
        for (std::size_t k = 0; k < kLanes; ++k) {
            out.sum += s[k];
            out.sumSq += q[k];
            out.count += static_cast<std::size_t>(c[k]);
        }
        for (; i < n; ++i) {
            if (!std::isnan(p[i])) {
                const double y = f(p[i]);
                out.sum += y;
                out.sumSq += y * y;
                ++out.count;
            }
        }
        return out;
    }

    template <typename F> OD_INLINE Sums sumsLoop(F f, std::span<const double> values)
    {
        const double* p = values.data();
        const std::size_t n = values.size();
        V s {}, q {};
        M c {};
        std::size_t i = 0;
        for (; i + kSumBlock <= n; i += kSumBlock)
            addBlockSums(f, p + i, s, q, c);
        return finishSums(f, p, i, n, s, q, c);
    }

    // Writes the index (at + lane) and value of the lanes of a group of eight that are set in
    // outA / outB from entry w on; returns the next entry. Every lane is written and the hits
    // advance w: no branch per lane, which would mispredict when a few percent are outside.
    OD_INLINE std::size_t writeOutside(
        V a, V b, M outA, M outB, std::size_t at, std::size_t* indices, double* raw, std::size_t w)
    {
        for (std::size_t k = 0; k < kLanes; ++k) {
            indices[w] = at + k;
            raw[w] = a[k];
            w += static_cast<std::size_t>(outA[k] & 1);
        }
        for (std::size_t k = 0; k < kLanes; ++k) {
            indices[w] = at + kLanes + k;
            raw[w] = b[k];
            w += static_cast<std::size_t>(outB[k] & 1);
        }
        return w;
    }

    // Writes index (offset + position) and value of every value of p[0, n) outside [lo, hi], up
    // to capacity entries; groups of eight as flagLoop below, then single values.
    OD_INLINE FlagProgress collectOutside(const double* p, std::size_t n, double lo, double hi, std::size_t offset,
        std::size_t* indices, double* raw, std::size_t capacity)
    {
        const V vlo = splat(lo), vhi = splat(hi);
        std::size_t w = 0;
        std::size_t i = 0;
        for (; i + 2 * kLanes <= n && w + 2 * kLanes <= capacity; i += 2 * kLanes) {
            const V a = load(p + i), b = load(p + i + kLanes);
            const M outA = (a < vlo) | (a > vhi), outB = (b < vlo) | (b > vhi);
            if (any(outA | outB)) // NaN compares false: never collected
                w = writeOutside(a, b, outA, outB, offset + i, indices, raw, w);
        }
        for (; i < n && w < capacity; ++i) {
            if (p[i] < lo || p[i] > hi) {
                indices[w] = offset + i;
                raw[w] = p[i];
                ++w;
            }
        }
        return { w, i };
    }

    // addBlockSums and collectOutside over one block in one loop, for a block whose every value
    // would fit in the room left: the test of each group rides on the loads of the sums, so the
    // memory stream never waits for it. Returns how many entries it wrote.
    template <typename F>
    OD_INLINE std::size_t addBlockSumsCollecting(F f, const double* p, V& s, V& q, M& c, double lo, double hi,
        std::size_t offset, std::size_t* indices, double* raw)
    {
        const V vlo = splat(lo), vhi = splat(hi);
        V s0 {}, s1 {}, q0 {}, q1 {};
        std::size_t w = 0;
        for (std::size_t j = 0; j < kSumBlock; j += 2 * kLanes) {
            prefetchAhead(p + j);
            const V a = load(p + j), b = load(p + j + kLanes);
            const V ya = f(a), yb = f(b);
            s0 += ya;
            q0 += ya * ya;
            s1 += yb;
            q1 += yb * yb;
            const M outA = (a < vlo) | (a > vhi), outB = (b < vlo) | (b > vhi);
            if (any(outA | outB))
                w = writeOutside(a, b, outA, outB, offset + j, indices, raw, w);
        }
        const V blockSum = s0 + s1;
        if (any(blockSum != blockSum)) {
            addSumsMasked(f, p, kSumBlock, s, q, c);
            return w;
        }
        s += blockSum;
        q += q0 + q1;
        c += M {} + static_cast<std::int64_t>(kSumBlock / kLanes);
        return w;
    }

    template <typename F>
    OD_INLINE SumsAndOutside sumsCollectingLoop(F f, std::span<const double> values, double lo, double hi,
        std::size_t offset, std::size_t* indices, double* raw, std::size_t capacity)
    {
        const double* p = values.data();
        const std::size_t n = values.size();
        V s {}, q {};
        M c {};
        FlagProgress collected;
        bool collecting = true;
        std::size_t i = 0;
        for (; i + kSumBlock <= n; i += kSumBlock) {
            const std::size_t room = capacity - collected.written;
            if (collecting && room >= kSumBlock + 2 * kLanes) {
                collected.written += addBlockSumsCollecting(
                    f, p + i, s, q, c, lo, hi, offset + i, indices + collected.written, raw + collected.written);
                collected.judged = i + kSumBlock;
                continue;
            }
            addBlockSums(f, p + i, s, q, c);
            if (collecting) { // near the end of the room: the block, from cache, as far as it fits
                const auto r = collectOutside(
                    p + i, kSumBlock, lo, hi, offset + i, indices + collected.written, raw + collected.written, room);
                collected.written += r.written;
                collected.judged = i + r.judged;
                collecting = r.judged == kSumBlock;
            }
        }
        if (collecting) {
            const auto r = collectOutside(p + i, n - i, lo, hi, offset + i, indices + collected.written,
                raw + collected.written, capacity - collected.written);
            collected.written += r.written;
            collected.judged = i + r.judged;
        }
        return { finishSums(f, p, i, n, s, q, c), collected };
    }

    template <typename F> OD_INLINE Range rangeLoop(F f, std::span<const double> values)
    {
        const double* p = values.data();
        const std::size_t n = values.size();
        constexpr double inf = std::numeric_limits<double>::infinity();
        // min/max as "y < lo ? y : lo", which a NaN y leaves alone; two sets of accumulators
        // so that one comparison does not wait for the previous one.
        V lo0 = splat(inf), hi0 = splat(-inf), lo1 = lo0, hi1 = hi0;
        M c {};
        std::size_t i = 0;
        for (; i + 2 * kLanes <= n; i += 2 * kLanes) {
            prefetchAhead(p + i);
            const V a = load(p + i), b = load(p + i + kLanes);
            const V ya = f(a), yb = f(b);
            lo0 = select(ya < lo0, ya, lo0);
            hi0 = select(ya > hi0, ya, hi0);
            lo1 = select(yb < lo1, yb, lo1);
            hi1 = select(yb > hi1, yb, hi1);
            c -= (a == a) + (b == b);
        }
        Range out { inf, -inf, 0 };
        for (std::size_t k = 0; k < kLanes; ++k) {
            out.lo = std::min(out.lo, std::min(lo0[k], lo1[k]));
            out.hi = std::max(out.hi, std::max(hi0[k], hi1[k]));
            out.count += static_cast<std::size_t>(c[k]);
        }
        for (; i < n; ++i) {
            if (!std::isnan(p[i])) {
                const double y = f(p[i]);
                out.lo = std::min(out.lo, y);
                out.hi = std::max(out.hi, y);
                ++out.count;
            }
        }
        return out;
    }

    // The bucket of y as an unsigned index; NaN (and only NaN) gives b.count.
    OD_INLINE std::uint32_t bucketOf(double y, Buckets b)
    {
        if (std::isnan(y))
            return b.count;
        const double top = static_cast<double>(b.count - 1);
        double x = (y - b.lo) * b.width;
        x = x > top ? top : x;
        return static_cast<std::uint32_t>(x);
    }

    template <typename F>
    OD_INLINE void histogramLoop(F f, std::span<const double> values, Buckets b, std::uint32_t* counts)
    {
        const double* p = values.data();
        const std::size_t n = values.size();
        const V lo = splat(b.lo), width = splat(b.width), top = splat(static_cast<double>(b.count - 1));
        const U nan = U {} + b.count;
        // Lane k counts into its own copy of the histogram: equal neighbours (the common case
        // in metrics) then do not wait for each other's increments.
        const std::size_t stride = b.count + 1;
        std::uint32_t* c1 = counts + stride;
        std::uint32_t* c2 = counts + 2 * stride;
        std::uint32_t* c3 = counts + 3 * stride;
        std::size_t i = 0;
        for (; i + kLanes <= n; i += kLanes) {
            prefetchAhead(p + i);
            V at = (f(load(p + i)) - lo) * width;
            at = select(at > top, top, at);
            // NaN converts to 0x80000000, which the unsigned min turns into the NaN slot.
            U ix = reinterpret_cast<U>(__builtin_convertvector(at, I));
            ix = ix < nan ? ix : nan;
            ++counts[ix[0]];
            ++c1[ix[1]];
            ++c2[ix[2]];
            ++c3[ix[3]];
        }
        for (; i < n; ++i)
            ++counts[bucketOf(f(p[i]), b)];
        for (std::uint32_t j = 0; j <= b.count; ++j)
            counts[j] += c1[j] + c2[j] + c3[j];
    }

    template <typename F>
    OD_INLINE void gatherLoop(F f, std::span<const double> values, Buckets b, std::uint32_t first, std::uint32_t last,
        std::vector<double>& out)
    {
        const double* p = values.data();
        const std::size_t n = values.size();
        // Every y lies in [lo, hi], so its position (y - lo) * width is at least 0, and the
        // bucket is in [first, last] exactly when the position is in [first, last + 1) (or
        // beyond, for the top bucket, which takes the rounding overshoot at hi). No
        // conversion, no clamping: two comparisons per four values.
        const V lo = splat(b.lo), width = splat(b.width), from = splat(first);
        const V to = splat(last + 1 >= b.count ? std::numeric_limits<double>::infinity() : last + 1.0);
        std::size_t i = 0;
        for (; i + kLanes <= n; i += kLanes) {
            prefetchAhead(p + i);
            const V y = f(load(p + i));
            const V at = (y - lo) * width;
            unsigned hit = bits((at >= from) & (at < to)); // NaN compares false: never gathered
            while (hit) {
                out.push_back(y[__builtin_ctz(hit)]);
                hit &= hit - 1;
            }
        }
        for (; i < n; ++i) {
            const std::uint32_t ix = bucketOf(f(p[i]), b);
            if (ix >= first && ix <= last && ix < b.count)
                out.push_back(f(p[i]));
        }
    }

    // Bounds in x itself that every flagged value lies beyond: the band of the rule, narrowed
    // by far more than the rounding in y, so that a raw comparison can rule out most values
    // before the transform is computed. Values near the edge are judged exactly. Without
    // usable bounds (a non-positive scale or factor, infinities) every value is judged.
    struct RawBand
    {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -std::numeric_limits<double>::infinity();
    };
    RawBand rawBand(Transform t, Threshold th)
    {
        const double reach = th.limit / th.factor; // flagged: |x * scale - centre| > reach
        if (!(t.scale > 0) || !(th.factor > 0) || !std::isfinite(reach) || !std::isfinite(t.centre))
            return {};
        if (reach < 0)
            return {}; // everything is over: no shortcut
        double lo = (t.centre - reach) / t.scale, hi = (t.centre + reach) / t.scale;
        const double slack = 1e-9 * (std::fabs(lo) + std::fabs(hi)) + std::numeric_limits<double>::min();
        lo += slack;
        hi -= slack;
        if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi)
            return {};
        if (!t.absolute)
            lo = -std::numeric_limits<double>::infinity(); // only values above the band count
        return { lo, hi };
    }

    template <typename F>
    OD_INLINE FlagProgress flagLoop(F f, std::span<const double> values, Threshold th, std::size_t offset,
        std::size_t* indices, double* scores, std::size_t capacity, RawBand band)
    {
        const double* p = values.data();
        const std::size_t n = values.size();
        const V factor = splat(th.factor), limit = splat(th.limit);
        const V bandLo = splat(band.lo), bandHi = splat(band.hi);
        std::size_t w = 0;
        std::size_t i = 0;
        for (; i + 2 * kLanes <= n && w + 2 * kLanes <= capacity; i += 2 * kLanes) {
            prefetchAhead(p + i);
            const V a = load(p + i), b = load(p + i + kLanes);
            if (!any((a < bandLo) | (a > bandHi) | (b < bandLo) | (b > bandHi)))
                continue; // NaN compares false: skipped here, never flagged below either
            // A group with a candidate writes all its lanes and advances by the number of hits:
            // no branch per lane, which mispredicts when a few percent of values are over.
            const V ya = f(a), yb = f(b);
            const M overA = ya * factor > limit, overB = yb * factor > limit;
            for (std::size_t k = 0; k < kLanes; ++k) {
                indices[w] = offset + i + k;
                scores[w] = ya[k] * th.scoreFactor;
                w += static_cast<std::size_t>(overA[k] & 1);
            }
            for (std::size_t k = 0; k < kLanes; ++k) {
                indices[w] = offset + i + kLanes + k;
                scores[w] = yb[k] * th.scoreFactor;
                w += static_cast<std::size_t>(overB[k] & 1);
            }
        }
        // The tail, or, when the room left is under a group, single values until it is full.
        for (; i < n && w < capacity; ++i) {
            const double y = f(p[i]);
            if (y * th.factor > th.limit) {
                indices[w] = offset + i;
                scores[w] = y * th.scoreFactor;
                ++w;
            }
        }
        return { w, i };
    }

    template <typename F>
    OD_INLINE std::size_t keepLoop(F f, Threshold th, std::size_t* indices, double* values, std::size_t count)
    {
        std::size_t w = 0;
        for (std::size_t i = 0; i < count; ++i) {
            // y as flagLoop computes it, lane or tail alike; always written, kept by advancing
            // (about a third of the entries go: a branch would mispredict).
            const double y = f(values[i]);
            indices[w] = indices[i];
            values[w] = y * th.scoreFactor;
            w += y * th.factor > th.limit;
        }
        return w;
    }

} // namespace

OD_KERNEL Sums sums(std::span<const double> values, Transform t)
{
    return OD_DISPATCH(sumsLoop, t, values);
}

OD_KERNEL Range range(std::span<const double> values, Transform t)
{
    return OD_DISPATCH(rangeLoop, t, values);
}

OD_KERNEL void histogram(std::span<const double> values, Transform t, Buckets b, std::uint32_t* counts)
{
    OD_DISPATCH(histogramLoop, t, values, b, counts);
}

OD_KERNEL void gather(std::span<const double> values, Transform t, Buckets b, std::uint32_t first, std::uint32_t last,
    std::vector<double>& out)
{
    OD_DISPATCH(gatherLoop, t, values, b, first, last, out);
}

OD_KERNEL FlagProgress flagAbove(std::span<const double> values, Transform t, Threshold th, std::size_t offset,
    std::size_t* indices, double* scores, std::size_t capacity)
{
    return OD_DISPATCH(flagLoop, t, values, th, offset, indices, scores, capacity, rawBand(t, th));
}

OD_KERNEL SumsAndOutside sumsCollectingOutside(std::span<const double> values, Transform t, double lo, double hi,
    std::size_t offset, std::size_t* indices, double* raw, std::size_t capacity)
{
    if (t.scale != 1 || t.absolute || wide::widest() == wide::Path::Portable)
        return OD_DISPATCH(sumsCollectingLoop, t, values, lo, hi, offset, indices, raw, capacity);
    // AVX-512 or AVX2 takes the whole blocks while the room lasts, the four-lane loop the rest.
    const auto blocks
        = wide::sumsCollectingBlocks(values.data(), values.size(), t.centre, lo, hi, offset, indices, raw, capacity);
    auto rest = OD_DISPATCH(sumsCollectingLoop, t, values.subspan(blocks.done), lo, hi, offset + blocks.done,
        indices + blocks.written, raw + blocks.written, capacity - blocks.written);
    rest.sums += blocks.sums;
    rest.collected.written += blocks.written;
    rest.collected.judged += blocks.done;
    return rest;
}

bool ruleFlagsOnlyOutside(Transform t, Threshold th, double lo, double hi)
{
    // rawBand's band holds no flagged value; [lo, hi] inside it holds none either.
    const RawBand band = rawBand(t, th);
    return band.lo <= band.hi && lo >= band.lo && hi <= band.hi;
}

std::size_t keepFlagged(Transform t, Threshold th, std::size_t* indices, double* values, std::size_t count)
{
    return OD_DISPATCH(keepLoop, t, th, indices, values, count);
}

} // namespace od::kernels
