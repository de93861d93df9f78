#include "vector_kernels_avx512.h"

#include <atomic>
#include <cmath>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define OD_HAVE_AVX512 1
#endif

namespace od::kernels::avx512 {

namespace {
    std::atomic<bool> g_allowed { true };
}

void allow(bool allowed)
{
    g_allowed.store(allowed, std::memory_order_relaxed);
}

#if defined(OD_HAVE_AVX512)

bool available()
{
    static const bool supported = __builtin_cpu_supports("avx512f");
    return supported && g_allowed.load(std::memory_order_relaxed);
}

namespace {
    constexpr std::size_t kBlock = 2048; // as the four-lane kernels: 16 KB, read again from cache
    constexpr std::size_t kAhead = 1024; // prefetch distance in values: the stream runs ahead of use

    // Sums of y = x - centre over one block, NaN left out (the slow way, for a block whose
    // plain sum came out NaN).
    Sums maskedBlockSums(const double* p, double centre)
    {
        Sums s;
        for (std::size_t i = 0; i < kBlock; ++i) {
            if (!std::isnan(p[i])) {
                const double y = p[i] - centre;
                s.sum += y;
                s.sumSq += y * y;
                ++s.count;
            }
        }
        return s;
    }
} // namespace

__attribute__((target("avx512f,popcnt"))) Blocks sumsCollectingBlocks(const double* p, std::size_t n, double centre,
    double lo, double hi, std::size_t offset, std::size_t* indices, double* raw, std::size_t capacity)
{
    const __m512d vc = _mm512_set1_pd(centre), vlo = _mm512_set1_pd(lo), vhi = _mm512_set1_pd(hi);
    const __m512i lanes = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
    __m512d s = _mm512_setzero_pd(), q = _mm512_setzero_pd();
    Blocks out;
    std::size_t w = 0, i = 0;
    // A group stores all eight lanes (its hits first), so the room must hold a block plus one
    // group beyond the last hit.
    for (; i + kBlock <= n && w + kBlock + 8 <= capacity; i += kBlock) {
        __m512d s0 = _mm512_setzero_pd(), s1 = s0, q0 = s0, q1 = s0;
        const double* b = p + i;
        for (std::size_t j = 0; j < kBlock; j += 16) {
            _mm_prefetch(reinterpret_cast<const char*>(b + j + kAhead), _MM_HINT_T0);
            _mm_prefetch(reinterpret_cast<const char*>(b + j + kAhead + 8), _MM_HINT_T0);
            const __m512d x0 = _mm512_loadu_pd(b + j), x1 = _mm512_loadu_pd(b + j + 8);
            const __m512d y0 = _mm512_sub_pd(x0, vc), y1 = _mm512_sub_pd(x1, vc);
            s0 = _mm512_add_pd(s0, y0);
            q0 = _mm512_add_pd(q0, _mm512_mul_pd(y0, y0));
            s1 = _mm512_add_pd(s1, y1);
            q1 = _mm512_add_pd(q1, _mm512_mul_pd(y1, y1));
            // NaN compares false (ordered predicates): never collected.
            const __mmask8 out0 = _mm512_cmp_pd_mask(x0, vlo, _CMP_LT_OQ) | _mm512_cmp_pd_mask(x0, vhi, _CMP_GT_OQ);
            const __mmask8 out1 = _mm512_cmp_pd_mask(x1, vlo, _CMP_LT_OQ) | _mm512_cmp_pd_mask(x1, vhi, _CMP_GT_OQ);
            const __m512i at0 = _mm512_add_epi64(_mm512_set1_epi64(static_cast<long long>(offset + i + j)), lanes);
            const __m512i at1 = _mm512_add_epi64(at0, _mm512_set1_epi64(8));
            _mm512_storeu_pd(raw + w, _mm512_maskz_compress_pd(out0, x0));
            _mm512_storeu_si512(indices + w, _mm512_maskz_compress_epi64(out0, at0));
            w += static_cast<std::size_t>(_mm_popcnt_u32(out0));
            _mm512_storeu_pd(raw + w, _mm512_maskz_compress_pd(out1, x1));
            _mm512_storeu_si512(indices + w, _mm512_maskz_compress_epi64(out1, at1));
            w += static_cast<std::size_t>(_mm_popcnt_u32(out1));
        }
        const __m512d blockSum = _mm512_add_pd(s0, s1);
        if (_mm512_cmp_pd_mask(blockSum, blockSum, _CMP_UNORD_Q)) {
            const Sums m = maskedBlockSums(b, centre);
            out.sums.sum += m.sum;
            out.sums.sumSq += m.sumSq;
            out.sums.count += m.count;
            continue;
        }
        s = _mm512_add_pd(s, blockSum);
        q = _mm512_add_pd(q, _mm512_add_pd(q0, q1));
        out.sums.count += kBlock;
    }
    // Lane by lane, not _mm512_reduce_add_pd: GCC 12 warns inside that one.
    alignas(64) double sumLanes[8], sqLanes[8];
    _mm512_store_pd(sumLanes, s);
    _mm512_store_pd(sqLanes, q);
    for (int k = 0; k < 8; ++k) {
        out.sums.sum += sumLanes[k];
        out.sums.sumSq += sqLanes[k];
    }
    out.done = i;
    out.written = w;
    return out;
}

#else

bool available()
{
    return false;
}

Blocks sumsCollectingBlocks(
    const double*, std::size_t, double, double, double, std::size_t, std::size_t*, double*, std::size_t)
{
    return {};
}

#endif

} // namespace od::kernels::avx512
