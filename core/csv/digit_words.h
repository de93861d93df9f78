#pragma once
// Eight ASCII characters read as one 64-bit word, the first character in the lowest byte
// whatever the machine's byte order: testing and converting eight digits at once costs a few
// instructions instead of a step per digit. For the CSV reader's hot paths (times, values).

#include <bit>
#include <cstdint>
#include <cstring>

// For the few small functions the reader calls per cell, which the compiler may otherwise keep
// out of line: the call would cost as much as the work.
#if defined(__GNUC__)
#define OD_ALWAYS_INLINE __attribute__((always_inline))
#else
#define OD_ALWAYS_INLINE
#endif

namespace od::digits {

inline std::uint64_t loadEight(const char* p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big)
        v = __builtin_bswap64(v);
    return v;
}

// The top bit of each byte that is not an ASCII digit; exact for the lowest such byte (a byte
// under '0' borrows and one over '9' carries into its top bit, and the lowest bad byte does so
// before any borrow or carry from it can reach a higher one), so only the lowest set bit may be
// relied on.
inline std::uint64_t nonDigitBits(std::uint64_t v)
{
    return ((v + 0x4646464646464646ULL) | (v - 0x3030303030303030ULL)) & 0x8080808080808080ULL;
}

inline bool allDigits(std::uint64_t v)
{
    return nonDigitBits(v) == 0;
}

// How many of the eight characters lead as digits (0 to 8).
inline unsigned leadingDigits(std::uint64_t v)
{
    const std::uint64_t bad = nonDigitBits(v);
    return bad == 0 ? 8u : static_cast<unsigned>(std::countr_zero(bad)) / 8;
}

// Eight digits as a number, in three multiplications. A zero byte counts as the digit 0.
inline std::uint64_t eightDigitsValue(std::uint64_t v)
{
    v = (v & 0x0F0F0F0F0F0F0F0FULL) * 2561 >> 8;
    v = (v & 0x00FF00FF00FF00FFULL) * 6553601 >> 16;
    return (v & 0x0000FFFF0000FFFFULL) * 42949672960001ULL >> 32;
}

// The first n (1 to 8) characters, all digits, as a number: they are moved to the top of the
// word so that the bytes after them become leading zeros.
inline std::uint64_t leadingDigitsValue(std::uint64_t v, unsigned n)
{
    return eightDigitsValue(v << (8 * (8 - n)));
}

} // namespace od::digits
