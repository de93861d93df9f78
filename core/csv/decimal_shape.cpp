#include "core/csv/decimal_shape.h"

namespace od {

void DecimalShape::learn(std::string_view text)
{
    // Up to 8 bytes: at most 8 digits, so w stays far below 2^53 and one division by an exact
    // power of ten (readPlainDecimal's table) rounds it correctly, as readPlainDecimal's does.
    const std::size_t length = text.size();
    if (length > 8) {
        m_length = ~std::size_t(0);
        return;
    }
    const auto byteAt = [](std::size_t i, std::uint64_t byte) { return byte << (8 * i); };
    m_negative = text.front() == '-';
    const std::size_t sign = m_negative ? 1 : 0;
    const std::size_t point = text.find('.');
    const bool hasPoint = point != std::string_view::npos;
    m_fixedMask = m_negative ? byteAt(0, 0xFF) : 0;
    m_fixedBytes = m_negative ? byteAt(0, '-') : 0;
    if (hasPoint) {
        m_fixedMask |= byteAt(point, 0xFF);
        m_fixedBytes |= byteAt(point, '.');
    }
    const std::uint64_t textMask = length == 8 ? ~std::uint64_t(0) : byteAt(length, 1) - 1;
    m_digitMask = textMask & ~m_fixedMask;
    m_filler = 0x3030303030303030ULL & ~m_digitMask;
    m_signShift = m_negative ? 8 : 0;
    // readPlainDecimal reads a point only with digits before and after it.
    m_beforePoint = hasPoint ? byteAt(point - sign, 1) - 1 : ~std::uint64_t(0);
    const std::size_t digitCount = length - sign - (hasPoint ? 1 : 0);
    m_alignShift = static_cast<unsigned>(8 * (8 - digitCount));
    m_scale = kDecimalPowersOfTen[hasPoint ? length - 1 - point : 0];
    m_length = length;
}

} // namespace od
