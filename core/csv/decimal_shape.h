#pragma once
// The values of one CSV column nearly always share a shape: the same length, the point and the
// sign in the same places ("459.854", "461.002", ...). Remembered from the last value read, the
// next one of that shape is checked and converted with a few operations on one 8-byte word --
// no search for the point, no branch per digit -- where readPlainDecimal has to find its way
// through each value anew. The answer is readPlainDecimal's, bit for bit: the same digits as
// one integer w, divided once by the same power of ten. Anything else goes to readPlainDecimal,
// and a plain decimal of up to 8 bytes read there becomes the shape remembered. One per column
// and thread.

#include "core/csv/digit_words.h"
#include "core/csv/number_parse.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace od {

class DecimalShape
{
public:
    // readPlainDecimal(text, out, readableEnd), faster for text of the remembered shape.
    OD_ALWAYS_INLINE bool read(std::string_view text, double& out, const char* readableEnd)
    {
        const char* const p = text.data();
        if (text.size() == m_length && readableEnd != nullptr && readableEnd - p >= 8) {
            const std::uint64_t word = digits::loadEight(p);
            // The sign and the point where the shape has them, and a digit at every other byte
            // of the text (the filler makes the rest of the word read as digits).
            if ((word & m_fixedMask) == m_fixedBytes && digits::allDigits((word & m_digitMask) | m_filler)) {
                const std::uint64_t unsigned_ = word >> m_signShift;
                const std::uint64_t joined = (unsigned_ & m_beforePoint) | ((unsigned_ >> 8) & ~m_beforePoint);
                const auto value = static_cast<double>(digits::eightDigitsValue(joined << m_alignShift)) / m_scale;
                out = m_negative ? -value : value;
                return true;
            }
        }
        if (!readPlainDecimal(text, out, readableEnd))
            return false;
        learn(text);
        return true;
    }

private:
    // Remembers the shape of text, a plain decimal readPlainDecimal has read; one of over 8
    // bytes is not remembered (the shape is then one no text has).
    void learn(std::string_view text);

    std::size_t m_length = ~std::size_t(0);
    std::uint64_t m_fixedMask = 0; // the bytes of the sign and the point
    std::uint64_t m_fixedBytes = 0; // '-' and '.' there
    std::uint64_t m_digitMask = 0; // the bytes that must be digits
    std::uint64_t m_filler = 0; // '0' in every other byte
    unsigned m_signShift = 0; // 8 to drop a leading '-'
    std::uint64_t m_beforePoint = 0; // with the sign dropped, the digits before the point
    unsigned m_alignShift = 0; // moves the last digit to the word's top byte
    double m_scale = 1; // 10 to the number of digits after the point
    bool m_negative = false;
};

} // namespace od
