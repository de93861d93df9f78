#include "outliers_wire.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace od::rpc {
namespace {

    class Reader
    {
    public:
        Reader(const char* begin, const char* end)
            : m_p(begin)
            , m_end(end)
        { }

        bool done() const { return m_p == m_end; }

        bool varint(std::uint64_t& out)
        {
            out = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (m_p == m_end)
                    return false;
                const auto byte = static_cast<unsigned char>(*m_p++);
                out |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
                if (!(byte & 0x80))
                    return true;
            }
            return false;
        }

        bool fixed64(std::uint64_t& out)
        {
            if (m_end - m_p < 8)
                return false;
            std::memcpy(&out, m_p, 8); // little-endian on every platform this builds for
            m_p += 8;
            return true;
        }

        // A length-delimited field's bytes.
        bool bytes(const char*& begin, const char*& end)
        {
            std::uint64_t length = 0;
            if (!varint(length) || length > static_cast<std::uint64_t>(m_end - m_p))
                return false;
            begin = m_p;
            end = m_p + length;
            m_p = end;
            return true;
        }

        // Skips one field's value, as protobuf skips an unknown field (groups included, which
        // proto3 does not write but its parsers still accept). tag is the whole field tag.
        bool skip(std::uint64_t tag, int depth = 0)
        {
            const auto wireType = static_cast<unsigned>(tag & 7);
            if (wireType == 3) {
                if (depth > 64)
                    return false;
                while (true) {
                    std::uint64_t inner = 0;
                    if (!varint(inner) || (inner >> 3) == 0)
                        return false;
                    if ((inner & 7) == 4)
                        return (inner >> 3) == (tag >> 3);
                    if (!skip(inner, depth + 1))
                        return false;
                }
            }
            std::uint64_t ignored = 0;
            const char* b = nullptr;
            const char* e = nullptr;
            switch (wireType) {
            case 0:
                return varint(ignored);
            case 1:
                return fixed64(ignored);
            case 2:
                return bytes(b, e);
            case 5:
                if (m_end - m_p < 4)
                    return false;
                m_p += 4;
                return true;
            default:
                return false; // an end group without its start; 6 and 7 do not exist
            }
        }

    private:
        const char* m_p;
        const char* m_end;
    };

    // google.protobuf.Timestamp: seconds = 1 (int64), nanos = 2 (int32). A field seen again
    // replaces the one before, and a Timestamp seen again is merged into the first, as protobuf
    // merges a repeated singular message: so the caller keeps seconds and nanos between calls.
    bool readTimestamp(const char* begin, const char* end, std::int64_t& seconds, std::int32_t& nanos)
    {
        Reader r(begin, end);
        while (!r.done()) {
            std::uint64_t tag = 0;
            std::uint64_t field = 0;
            if (!r.varint(tag) || (tag >> 3) == 0)
                return false;
            if (tag == ((1u << 3) | 0u)) {
                if (!r.varint(field))
                    return false;
                seconds = static_cast<std::int64_t>(field);
            } else if (tag == ((2u << 3) | 0u)) {
                if (!r.varint(field))
                    return false;
                nanos = static_cast<std::int32_t>(field); // int32 on the wire: the low 32 bits
            } else if (!r.skip(tag)) {
                return false;
            }
        }
        return true;
    }

    // In nanoseconds since the epoch, held at the ends of int64 beyond the years 1677 to 2262:
    // any seconds are a valid Timestamp to a parser, and the product must not overflow.
    std::int64_t toNanos(std::int64_t seconds, std::int32_t nanos)
    {
        constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
        constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
        std::int64_t whole = 0;
        if (__builtin_mul_overflow(seconds, std::int64_t { 1'000'000'000 }, &whole))
            return seconds < 0 ? kMin : kMax;
        std::int64_t sum = 0;
        if (__builtin_add_overflow(whole, std::int64_t { nanos }, &sum))
            return nanos < 0 ? kMin : kMax;
        return sum;
    }

    bool readMetric(const char* begin, const char* end, double& value, std::int64_t* time)
    {
        Reader r(begin, end);
        value = 0.0;
        std::int64_t seconds = 0;
        std::int32_t nanos = 0;
        while (!r.done()) {
            std::uint64_t tag = 0;
            if (!r.varint(tag) || (tag >> 3) == 0)
                return false;
            if (time && tag == ((1u << 3) | 2u)) { // time = 1, Timestamp
                const char* b = nullptr;
                const char* e = nullptr;
                if (!r.bytes(b, e) || !readTimestamp(b, e, seconds, nanos))
                    return false;
            } else if (tag == ((3u << 3) | 1u)) { // value = 3, double
                std::uint64_t bits = 0;
                if (!r.fixed64(bits))
                    return false;
                std::memcpy(&value, &bits, 8);
            } else if (!r.skip(tag)) {
                return false;
            }
        }
        if (time)
            *time = toNanos(seconds, nanos);
        return true;
    }

} // namespace

bool readOutlierValues(
    std::string_view bytes, std::vector<double>& values, std::vector<std::int64_t>* times, std::string& error)
{
    Reader r(bytes.data(), bytes.data() + bytes.size());
    while (!r.done()) {
        std::uint64_t tag = 0;
        if (!r.varint(tag) || (tag >> 3) == 0) {
            error = "the request is not a valid pb.OutliersRequest (bad field tag)";
            return false;
        }
        if ((tag >> 3) == 1) { // metrics = 1
            const char* begin = nullptr;
            const char* end = nullptr;
            double value = 0;
            std::int64_t time = 0;
            if ((tag & 7) != 2) {
                // Field 1 with another wire type is an unknown field to protobuf, so skipped.
                if (!r.skip(tag)) {
                    error = "the request is not a valid pb.OutliersRequest (truncated or bad wire type)";
                    return false;
                }
                continue;
            }
            if (!r.bytes(begin, end) || !readMetric(begin, end, value, times ? &time : nullptr)) {
                error = "the request is not a valid pb.OutliersRequest (metric " + std::to_string(values.size())
                    + " is malformed)";
                return false;
            }
            values.push_back(value);
            if (times)
                times->push_back(time);
        } else if (!r.skip(tag)) {
            error = "the request is not a valid pb.OutliersRequest (truncated or bad wire type)";
            return false;
        }
    }
    return true;
}

} // namespace od::rpc
