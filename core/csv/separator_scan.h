#pragma once
// Finds, in order, the bytes of a CSV text that end a field or need the full splitter: the
// delimiter, the line feed and the quote. Sixty-four bytes are classified at once into a bit
// mask (SSE2, which every x86-64 has; a plain loop elsewhere), so that a field costs a few
// instructions however long it is, instead of a search started per field.

#include <cstddef>
#include <cstdint>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace od {

class SeparatorScan
{
public:
    SeparatorScan(std::string_view text, char delimiter)
        : m_data(text.data())
        , m_size(text.size())
        , m_delimiter(delimiter)
    {
        seek(0);
    }

    // The next next() answers the first such byte at or after pos.
    void seek(std::size_t pos)
    {
        m_base = pos - pos % 64;
        m_bits = m_base < m_size ? mask(m_base) & (~std::uint64_t(0) << (pos - m_base)) : 0;
    }

    // The position of the next delimiter, '\n' or '"' after the last one answered; the text's
    // size when there is none.
    std::size_t next()
    {
        while (m_bits == 0) {
            m_base += 64;
            if (m_base >= m_size) {
                m_base = m_size - m_size % 64; // stays at the end, however often asked
                return m_size;
            }
            m_bits = mask(m_base);
        }
        const std::size_t at = m_base + static_cast<std::size_t>(__builtin_ctzll(m_bits));
        m_bits &= m_bits - 1;
        return at;
    }

private:
    // Bit i set when byte base + i is a delimiter, '\n' or '"' (bits past the end clear).
    std::uint64_t mask(std::size_t base) const
    {
        const char* p = m_data + base;
#ifdef __SSE2__
        if (m_size - base >= 64) {
            const __m128i delimiter = _mm_set1_epi8(m_delimiter);
            const __m128i lineFeed = _mm_set1_epi8('\n');
            const __m128i quote = _mm_set1_epi8('"');
            std::uint64_t bits = 0;
            for (int i = 0; i < 4; ++i) {
                const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
                const __m128i hits = _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(x, delimiter), _mm_cmpeq_epi8(x, lineFeed)), _mm_cmpeq_epi8(x, quote));
                bits |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hits))) << (16 * i);
            }
            return bits;
        }
#endif
        const std::size_t n = m_size - base < 64 ? m_size - base : 64;
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const char c = p[i];
            bits |= static_cast<std::uint64_t>(c == m_delimiter || c == '\n' || c == '"') << i;
        }
        return bits;
    }

    const char* m_data;
    std::size_t m_size;
    char m_delimiter;
    std::size_t m_base = 0; // offset of the 64 bytes m_bits describes
    std::uint64_t m_bits = 0; // their separators not yet answered
};

} // namespace od
