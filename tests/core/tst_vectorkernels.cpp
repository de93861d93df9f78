// The vector kernels against plain scalar loops written from their documentation: every length
// from 0 to a few groups (so every tail path runs), NaN anywhere, values on the threshold's
// edge, and outputs that do not fit their first buffer.

#include "core/detection.h"
#include "core/kernels/fast_select.h"
#include "core/kernels/flag_parallel.h"
#include "core/kernels/vector_kernels.h"
#include "core/kernels/vector_kernels_wide.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace od;

namespace {

double apply(double x, kernels::Transform t)
{
    const double y = x * t.scale - t.centre;
    return t.absolute ? std::fabs(y) : y;
}

// Normal values around 50, a share of them NaN, a few far out.
std::vector<double> sample(std::size_t n, unsigned seed, double nanShare)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(50, 5);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<double> v(n);
    for (double& x : v) {
        x = normal(rng);
        if (unit(rng) < nanShare)
            x = std::numeric_limits<double>::quiet_NaN();
        else if (unit(rng) < 0.01)
            x += 100;
    }
    return v;
}

const kernels::Transform kTransforms[] = {
    { 1, 0, false }, // the values themselves
    { 1, 50, true }, // |x - 50|
    { 0.5, 20, false }, // scaled and shifted
    { 0.25, 12.5, true }, // scaled deviation
};

// Runs body once per collecting path this CPU has: AVX-512, AVX2, the portable four lanes.
template <typename Body> void onEveryPath(Body body)
{
    using kernels::wide::Path;
    for (const Path path : { Path::Avx512, Path::Avx2, Path::Portable }) {
        kernels::wide::cap(path);
        if (kernels::wide::widest() != path) {
            qInfo("this CPU lacks the %s path: not checked here", path == Path::Avx512 ? "AVX-512" : "AVX2");
            continue;
        }
        body(path);
    }
    kernels::wide::cap(Path::Avx512);
}

const char* pathName(kernels::wide::Path path)
{
    using kernels::wide::Path;
    return path == Path::Avx512 ? "AVX-512 path" : path == Path::Avx2 ? "AVX2 path" : "four-lane path";
}

} // namespace

class TestVectorKernels : public QObject
{
    Q_OBJECT

private slots:
    void sumsAndRangeMatchScalarLoops()
    {
        for (const double nanShare : { 0.0, 0.05, 1.0 }) {
            for (std::size_t n = 0; n < 40; ++n) {
                const auto v = sample(n, static_cast<unsigned>(n), nanShare);
                for (const auto& t : kTransforms) {
                    double sum = 0, sumSq = 0, lo = INFINITY, hi = -INFINITY;
                    std::size_t count = 0;
                    for (const double x : v) {
                        if (std::isnan(x))
                            continue;
                        const double y = apply(x, t);
                        sum += y;
                        sumSq += y * y;
                        lo = std::min(lo, y);
                        hi = std::max(hi, y);
                        ++count;
                    }
                    const auto s = kernels::sums(v, t);
                    QCOMPARE(s.count, count);
                    QVERIFY(std::fabs(s.sum - sum) <= 1e-12 * (1 + std::fabs(sum)));
                    QVERIFY(std::fabs(s.sumSq - sumSq) <= 1e-12 * (1 + sumSq));
                    const auto r = kernels::range(v, t);
                    QCOMPARE(r.count, count);
                    if (count) {
                        QCOMPARE(r.lo, lo);
                        QCOMPARE(r.hi, hi);
                    }
                }
            }
        }
    }

    // Large enough for the block path of sums(): a NaN in one block must not spoil the others.
    void sumsSkipNanInLargeBlocks()
    {
        std::vector<double> v(100'000, 2.0);
        v[4097] = std::numeric_limits<double>::quiet_NaN();
        v[99'999] = std::numeric_limits<double>::quiet_NaN();
        const auto s = kernels::sums(v, { 1, 0, false });
        QCOMPARE(s.count, std::size_t { 99'998 });
        QCOMPARE(s.sum, 2.0 * 99'998);
        QCOMPARE(s.sumSq, 4.0 * 99'998);
    }

    void histogramAndGatherMatchScalarBuckets()
    {
        for (std::size_t n : { 0, 1, 3, 4, 7, 8, 9, 33, 1000 }) {
            const auto v = sample(n, 7 + static_cast<unsigned>(n), 0.1);
            for (const auto& t : kTransforms) {
                const auto r = kernels::range(v, t);
                if (r.count == 0 || r.hi == r.lo)
                    continue;
                const kernels::Buckets b { r.lo, 16 / (r.hi - r.lo), 16 };
                std::vector<std::uint32_t> counts(4 * (b.count + 1), 0);
                kernels::histogram(v, t, b, counts.data());
                std::vector<std::uint32_t> expected(b.count + 1, 0);
                std::vector<double> inBuckets5to7;
                for (const double x : v) {
                    if (std::isnan(x)) {
                        ++expected[b.count];
                        continue;
                    }
                    const double y = apply(x, t);
                    const auto bucket = static_cast<std::uint32_t>(std::min((y - b.lo) * b.width, 15.0));
                    ++expected[bucket];
                    if (bucket >= 5 && bucket <= 7)
                        inBuckets5to7.push_back(y);
                }
                QCOMPARE(std::vector<std::uint32_t>(counts.begin(), counts.begin() + b.count + 1), expected);
                std::vector<double> gathered;
                kernels::gather(v, t, b, 5, 7, gathered);
                QCOMPARE(gathered, inBuckets5to7);
                // The top bucket takes y = hi, however the rounding of its position falls.
                gathered.clear();
                kernels::gather(v, t, b, 15, 15, gathered);
                QCOMPARE(static_cast<std::uint32_t>(gathered.size()), expected[15]);
                QVERIFY(std::find(gathered.begin(), gathered.end(), r.hi) != gathered.end());
            }
        }
    }

    void flagAboveMatchesScalarRule()
    {
        for (std::size_t n = 0; n < 70; ++n) {
            auto v = sample(n, 100 + static_cast<unsigned>(n), 0.05);
            // Values exactly on the edge of the band: |x - 50| == 10 is not over 10.
            if (n > 4) {
                v[1] = 60;
                v[3] = 40;
                v[4] = std::nextafter(60.0, 100.0);
            }
            const kernels::Transform t { 1, 50, true };
            const kernels::Threshold th { 1, 10, 0.1 };
            std::vector<std::size_t> expected;
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (apply(v[i], t) * th.factor > th.limit)
                    expected.push_back(i);
            }
            for (const std::size_t capacity : { v.size() + 8, std::size_t { 3 } }) {
                std::vector<std::size_t> indices(capacity + 8);
                std::vector<double> scores(capacity + 8);
                // Feed the kernel in as many calls as its capacity needs, as flagParallel does.
                std::vector<std::size_t> got;
                std::size_t judged = 0;
                do {
                    const auto r = kernels::flagAbove(std::span<const double>(v).subspan(judged), t, th, judged,
                        indices.data(), scores.data(), capacity);
                    QVERIFY(r.written <= capacity);
                    for (std::size_t k = 0; k < r.written; ++k) {
                        got.push_back(indices[k]);
                        QCOMPARE(scores[k], apply(v[indices[k]], t) * th.scoreFactor);
                    }
                    judged += r.judged;
                    QVERIFY(r.judged > 0 || judged == v.size());
                } while (judged < v.size());
                QCOMPARE(got, expected);
            }
        }
    }

    // Millions of values, half of them flagged: far more than the sample-based estimate when
    // the flagged ones are all at the end, so the spill path must keep them, in order.
    void flagParallelKeepsOrderWhenTheEstimateIsLow()
    {
        const std::size_t n = 3'000'000;
        std::vector<double> v(n, 0.0);
        for (std::size_t i = n - n / 50; i < n; ++i)
            v[i] = 10; // the last 2 %: a sample of 4096 sees only about 80 of them
        v[n / 3] = 10;
        Detection d;
        flagParallel(v, { 1, 0, true }, { 1, 5, 1 }, d);
        QCOMPARE(d.indices.size(), n / 50 + 1);
        QCOMPARE(d.indices.front(), n / 3);
        QVERIFY(std::is_sorted(d.indices.begin(), d.indices.end()));
        QCOMPARE(d.indices.back(), n - 1);
        QCOMPARE(d.scores.size(), d.indices.size());

        std::vector<double> dense(n);
        for (std::size_t i = 0; i < n; ++i)
            dense[i] = i < n / 2 ? 0 : 10; // none in the first half, all in the second
        Detection all;
        flagParallel(dense, { 1, 0, true }, { 1, 5, 1 }, all);
        QCOMPARE(all.indices.size(), n / 2);
        QCOMPARE(all.indices.front(), n / 2);
        QCOMPARE(all.indices.back(), n - 1);
    }

    // Sums as sums() gives them, and the values outside [lo, hi] (strictly) with their indices, as
    // a scalar loop finds them: every tail length, whole blocks and more, NaN alone and in a
    // whole block, values on the band's edges, every path, ample and short room. The buffers
    // are exactly `capacity` long, so a store past the room is caught by the sanitizer builds.
    void sumsCollectingOutsideMatchesScalarLoops()
    {
        std::vector<std::size_t> lengths;
        for (std::size_t n = 0; n < 70; ++n)
            lengths.push_back(n);
        for (const std::size_t n : { 2047, 2048, 2049, 4096 + 13, 3 * 2048 + 5, 20000 })
            lengths.push_back(n);
        onEveryPath([&](kernels::wide::Path path) {
            for (const std::size_t n : lengths) {
                auto v = sample(n, 300 + static_cast<unsigned>(n), n % 3 ? 0.05 : 0.0);
                if (n > 8) {
                    v[2] = 45; // on the edges: not outside
                    v[5] = 55;
                    v[7] = std::nextafter(55.0, 100.0);
                }
                if (n >= 3 * 2048 + 5)
                    std::fill(v.begin() + 2048, v.begin() + 4096, std::numeric_limits<double>::quiet_NaN());
                for (const kernels::Transform t : { kernels::Transform { 1, 50, false }, kTransforms[2] }) {
                    const kernels::Sums want = kernels::sums(v, t);
                    std::vector<std::size_t> expected;
                    for (std::size_t i = 0; i < n; ++i) {
                        if (v[i] < 45 || v[i] > 55)
                            expected.push_back(i);
                    }
                    for (const std::size_t capacity : { n + 64, expected.size() / 2, std::size_t { 3 } }) {
                        std::vector<std::size_t> indices(capacity);
                        std::vector<double> raw(capacity);
                        const auto r
                            = kernels::sumsCollectingOutside(v, t, 45, 55, 7, indices.data(), raw.data(), capacity);
                        QCOMPARE(r.sums.count, want.count);
                        QVERIFY2(std::fabs(r.sums.sum - want.sum) <= 1e-9 * (1 + std::fabs(want.sum)), pathName(path));
                        QVERIFY(std::fabs(r.sums.sumSq - want.sumSq) <= 1e-9 * (1 + want.sumSq));
                        QVERIFY(r.collected.written <= capacity);
                        QVERIFY(r.collected.judged <= n);
                        // What was collected is exactly the expected entries before `judged`.
                        const auto before = static_cast<std::size_t>(
                            std::lower_bound(expected.begin(), expected.end(), r.collected.judged) - expected.begin());
                        QCOMPARE(r.collected.written, before);
                        for (std::size_t k = 0; k < r.collected.written; ++k) {
                            QCOMPARE(indices[k], expected[k] + 7);
                            QCOMPARE(raw[k], v[expected[k]]);
                        }
                        if (capacity == n + 64)
                            QCOMPARE(r.collected.judged, n);
                    }
                }
            }
        });
    }

    // The one-pass sums-and-flags leaves exactly what the sums pass and flagParallel give, when
    // the guessed band is narrower than the rule's; says so, leaving nothing, when the guess was
    // too wide or the room too small. Millions of values: both chunks, both paths.
    void onePassFlagsEqualsTwoPasses()
    {
        const std::size_t n = 2'500'000;
        const auto v = sample(n, 77, 0.03);
        onEveryPath([&](kernels::wide::Path) {
            const kernels::Transform sumsForm { 1, 50, false };
            const kernels::Sums s = kernels::sums(v, sumsForm);
            const double mean = 50 + s.sum / static_cast<double>(s.count);
            const double sd = std::sqrt(s.sumSq / static_cast<double>(s.count) - (mean - 50) * (mean - 50));
            const kernels::Transform rule { 1, mean, true };
            const kernels::Threshold over { 1, 2 * sd, 1 / sd };
            Detection twoPasses;
            flagParallel(v, rule, over, twoPasses);
            QVERIFY(twoPasses.indices.size() > n / 200); // the spikes and the tails

            Detection d;
            OnePassFlags pass(v, sumsForm, { mean - 1.8 * sd, mean + 1.8 * sd, 0.1 }, d);
            QCOMPARE(pass.sums().count, s.count);
            QVERIFY(std::fabs(pass.sums().sum - s.sum) <= 1e-9 * (1 + std::fabs(s.sum)));
            QVERIFY(pass.keep(rule, over, d));
            QCOMPARE(d.indices, twoPasses.indices);
            QCOMPARE(d.scores, twoPasses.scores);

            Detection wide;
            OnePassFlags tooWide(v, sumsForm, { mean - 2.1 * sd, mean + 2.1 * sd, 0.1 }, wide);
            QVERIFY(!tooWide.keep(rule, over, wide));
            QVERIFY(wide.indices.empty() && wide.scores.empty());

            Detection cramped;
            OnePassFlags noRoom(v, sumsForm, { mean - 1.8 * sd, mean + 1.8 * sd, 0.001 }, cramped);
            QCOMPARE(noRoom.sums().count, s.count); // the sums cover every value all the same
            QVERIFY(!noRoom.keep(rule, over, cramped));
            QVERIFY(cramped.indices.empty() && cramped.scores.empty());
        });
    }

    void medianAndMadMatchSorting()
    {
        for (const std::size_t n : { 1, 2, 5, 1000, 1'200'001 }) {
            auto v = sample(n, 3, 0.02);
            std::vector<double> sorted;
            for (const double x : v) {
                if (!std::isnan(x))
                    sorted.push_back(x);
            }
            std::sort(sorted.begin(), sorted.end());
            auto medianOf = [](const std::vector<double>& s) {
                const std::size_t m = s.size();
                return m % 2 ? s[m / 2] : s[m / 2 - 1] + (s[m / 2] - s[m / 2 - 1]) / 2;
            };
            const double median = medianOf(sorted);
            std::vector<double> deviations;
            for (const double x : sorted)
                deviations.push_back(std::fabs(x - median));
            std::sort(deviations.begin(), deviations.end());
            const auto both = fastMedianAndMad(v);
            QCOMPARE(both.median, median);
            QCOMPARE(both.mad, medianOf(deviations));
            QCOMPARE(fastMedian(v), median);
            QCOMPARE(fastMedianAbsDeviation(v, median), both.mad);
        }
    }
};

QTEST_APPLESS_MAIN(TestVectorKernels)
#include "tst_vectorkernels.moc"
