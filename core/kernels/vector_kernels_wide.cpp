#include "core/kernels/vector_kernels_wide.h"

#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define OD_HAVE_WIDE 1
#endif

namespace od::kernels::wide {

namespace {
    std::atomic<Path> g_cap { Path::Avx512 };
}

void cap(Path widestAllowed)
{
    g_cap.store(widestAllowed, std::memory_order_relaxed);
}

#if defined(OD_HAVE_WIDE)

namespace {
    constexpr std::size_t kBlock = 2048; // as the four-lane kernels: 16 KB, read again from cache
    constexpr std::size_t kAhead = 1024; // prefetch distance in values: the stream runs ahead of use

    Path supported()
    {
        if (__builtin_cpu_supports("avx512f"))
            return Path::Avx512;
        if (__builtin_cpu_supports("avx2"))
            return Path::Avx2;
        return Path::Portable;
    }

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

    // A block whose plain sum came out NaN: adds its sums without the NaN to out and says so;
    // otherwise leaves the block's vector sums (and count) to the caller.
    bool addedWithoutNaN(bool blockSumIsNaN, const double* block, double centre, Blocks& out)
    {
        if (!blockSumIsNaN)
            return false;
        out.sums += maskedBlockSums(block, centre);
        return true;
    }

    // For AVX2: for each mask of four lanes, the 32-bit lane permutation that moves the set
    // double lanes, in order, to the front.
    constexpr std::array<std::array<std::int32_t, 8>, 16> leftPackTable()
    {
        std::array<std::array<std::int32_t, 8>, 16> table {};
        for (int mask = 0; mask < 16; ++mask) {
            int to = 0;
            for (int from = 0; from < 4; ++from) {
                if (mask >> from & 1) {
                    table[mask][2 * to] = 2 * from;
                    table[mask][2 * to + 1] = 2 * from + 1;
                    ++to;
                }
            }
            for (; to < 4; ++to) {
                table[mask][2 * to] = 0;
                table[mask][2 * to + 1] = 1;
            }
        }
        return table;
    }
    alignas(32) constexpr auto kLeftPack = leftPackTable();

    __attribute__((target("avx2,popcnt"))) Blocks blocksAvx2(const double* p, std::size_t n, double centre, double lo,
        double hi, std::size_t offset, std::size_t* indices, double* raw, std::size_t capacity)
    {
        const __m256d vc = _mm256_set1_pd(centre), vlo = _mm256_set1_pd(lo), vhi = _mm256_set1_pd(hi);
        const __m256i four = _mm256_set1_epi64x(4);
        __m256d s = _mm256_setzero_pd(), q = _mm256_setzero_pd();
        Blocks out;
        std::size_t w = 0, i = 0;
        // Each store writes four lanes (its hits first): room for a block plus one group.
        for (; i + kBlock <= n && w + kBlock + 8 <= capacity; i += kBlock) {
            __m256d s0 = _mm256_setzero_pd(), s1 = s0, q0 = s0, q1 = s0;
            const double* b = p + i;
            const auto first = static_cast<long long>(offset + i);
            __m256i at = _mm256_set_epi64x(first + 3, first + 2, first + 1, first);
            for (std::size_t j = 0; j < kBlock; j += 8) {
                _mm_prefetch(reinterpret_cast<const char*>(b + j + kAhead), _MM_HINT_T0);
                const __m256d x0 = _mm256_loadu_pd(b + j), x1 = _mm256_loadu_pd(b + j + 4);
                const __m256d y0 = _mm256_sub_pd(x0, vc), y1 = _mm256_sub_pd(x1, vc);
                s0 = _mm256_add_pd(s0, y0);
                q0 = _mm256_add_pd(q0, _mm256_mul_pd(y0, y0));
                s1 = _mm256_add_pd(s1, y1);
                q1 = _mm256_add_pd(q1, _mm256_mul_pd(y1, y1));
                // NaN compares false (ordered predicates): never collected.
                const int out0 = _mm256_movemask_pd(
                    _mm256_or_pd(_mm256_cmp_pd(x0, vlo, _CMP_LT_OQ), _mm256_cmp_pd(x0, vhi, _CMP_GT_OQ)));
                const int out1 = _mm256_movemask_pd(
                    _mm256_or_pd(_mm256_cmp_pd(x1, vlo, _CMP_LT_OQ), _mm256_cmp_pd(x1, vhi, _CMP_GT_OQ)));
                const __m256i pack0 = _mm256_load_si256(reinterpret_cast<const __m256i*>(kLeftPack[out0].data()));
                _mm256_storeu_si256(
                    reinterpret_cast<__m256i*>(raw + w), _mm256_permutevar8x32_epi32(_mm256_castpd_si256(x0), pack0));
                _mm256_storeu_si256(reinterpret_cast<__m256i*>(indices + w), _mm256_permutevar8x32_epi32(at, pack0));
                w += static_cast<std::size_t>(_mm_popcnt_u32(static_cast<unsigned>(out0)));
                at = _mm256_add_epi64(at, four);
                const __m256i pack1 = _mm256_load_si256(reinterpret_cast<const __m256i*>(kLeftPack[out1].data()));
                _mm256_storeu_si256(
                    reinterpret_cast<__m256i*>(raw + w), _mm256_permutevar8x32_epi32(_mm256_castpd_si256(x1), pack1));
                _mm256_storeu_si256(reinterpret_cast<__m256i*>(indices + w), _mm256_permutevar8x32_epi32(at, pack1));
                w += static_cast<std::size_t>(_mm_popcnt_u32(static_cast<unsigned>(out1)));
                at = _mm256_add_epi64(at, four);
            }
            const __m256d blockSum = _mm256_add_pd(s0, s1);
            if (!addedWithoutNaN(
                    _mm256_movemask_pd(_mm256_cmp_pd(blockSum, blockSum, _CMP_UNORD_Q)) != 0, b, centre, out)) {
                s = _mm256_add_pd(s, blockSum);
                q = _mm256_add_pd(q, _mm256_add_pd(q0, q1));
                out.sums.count += kBlock;
            }
        }
        alignas(32) double sumLanes[4], sqLanes[4];
        _mm256_store_pd(sumLanes, s);
        _mm256_store_pd(sqLanes, q);
        for (int k = 0; k < 4; ++k) {
            out.sums.sum += sumLanes[k];
            out.sums.sumSq += sqLanes[k];
        }
        out.done = i;
        out.written = w;
        return out;
    }

    __attribute__((target("avx512f,popcnt"))) Blocks blocksAvx512(const double* p, std::size_t n, double centre,
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
            if (!addedWithoutNaN(_mm512_cmp_pd_mask(blockSum, blockSum, _CMP_UNORD_Q) != 0, b, centre, out)) {
                s = _mm512_add_pd(s, blockSum);
                q = _mm512_add_pd(q, _mm512_add_pd(q0, q1));
                out.sums.count += kBlock;
            }
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
} // namespace

Path widest()
{
    static const Path cpu = supported();
    return std::min(cpu, g_cap.load(std::memory_order_relaxed));
}

Blocks sumsCollectingBlocks(const double* p, std::size_t n, double centre, double lo, double hi, std::size_t offset,
    std::size_t* indices, double* raw, std::size_t capacity)
{
    switch (widest()) {
    case Path::Avx512:
        return blocksAvx512(p, n, centre, lo, hi, offset, indices, raw, capacity);
    case Path::Avx2:
        return blocksAvx2(p, n, centre, lo, hi, offset, indices, raw, capacity);
    case Path::Portable:
        break;
    }
    return {};
}

#else

Path widest()
{
    return Path::Portable;
}

Blocks sumsCollectingBlocks(
    const double*, std::size_t, double, double, double, std::size_t, std::size_t*, double*, std::size_t)
{
    return {};
}

#endif

} // namespace od::kernels::wide
