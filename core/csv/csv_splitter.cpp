#include "core/csv/csv_splitter.h"

#include "core/csv/csv_text.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace od {
namespace {

    const char* find(const char* from, const char* to, char c)
    {
        const void* hit = std::memchr(from, c, static_cast<std::size_t>(to - from));
        return hit ? static_cast<const char*>(hit) : to;
    }

    // The first a or b in [from, to), or to. Fields are short: one pass looking for both beats
    // two memchr calls, each with its own start-up cost.
    const char* findEither(const char* from, const char* to, char a, char b)
    {
#ifdef __SSE2__
        const __m128i va = _mm_set1_epi8(a);
        const __m128i vb = _mm_set1_epi8(b);
        while (to - from >= 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
            const int hits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(x, vb)));
            if (hits != 0)
                return from + __builtin_ctz(static_cast<unsigned>(hits));
            from += 16;
        }
#endif
        while (from < to && *from != a && *from != b)
            ++from;
        return from;
    }

} // namespace

bool CsvRow::blank() const
{
    if (fields.size() != 1 && delimiter != '\t')
        return false; // the line holds a delimiter that is no blank
    return std::all_of(
        fields.begin(), fields.end(), [](const CsvField& f) { return !f.quoted && isBlankLine(f.text); });
}

CsvSplitter::CsvSplitter(char delimiter)
    : m_delim(delimiter)
{ }

// Everything it calls inlined (GCC and Clang): left to itself the compiler kept the field push
// out of line, a call per field that cost a tenth of reading a file.
#if defined(__GNUC__)
__attribute__((flatten))
#endif
SplitStatus
CsvSplitter::next(std::string_view text, std::size_t& pos, bool atEnd, CsvRow& row)
{
    row.fields.clear();
    row.newlines = 0;
    row.delimiter = m_delim;
    m_scratch.clear();
    m_copied.clear();
    const char* const end = text.data() + text.size();
    const char* const rowStart = text.data() + pos;
    const char* p = rowStart;

    while (true) {
        const auto column = static_cast<std::uint32_t>(p - rowStart + 1);
        if (p < end && *p == '"') {
            const char* q = p + 1;
            const char* const content = q;
            const char* closing = nullptr;
            bool copying = false;
            std::size_t copyStart = 0;
            while (true) {
                const char* quote = find(q, end, '"');
                row.newlines += static_cast<std::uint32_t>(std::count(q, quote, '\n'));
                if (quote == end)
                    break;
                if (quote + 1 == end && !atEnd)
                    return SplitStatus::NeedMore; // the next byte decides whether it is an escape
                if (quote + 1 < end && quote[1] == '"') {
                    if (!copying) {
                        copying = true;
                        copyStart = m_scratch.size();
                    }
                    m_scratch.append(q, static_cast<std::size_t>(quote + 1 - q));
                    q = quote + 2;
                    continue;
                }
                closing = quote;
                break;
            }
            if (!closing) {
                if (!atEnd)
                    return SplitStatus::NeedMore;
                m_errorColumn = column;
                pos = text.size();
                return SplitStatus::Unterminated;
            }
            // Text between the closing quote and the delimiter is kept, as most tools do.
            const char* after = closing + 1;
            const char* junkEnd = findEither(after, end, m_delim, '\n');
            const char* keptEnd = junkEnd;
            if (keptEnd > after && keptEnd[-1] == '\r' && (keptEnd == end || *keptEnd == '\n'))
                --keptEnd;
            if (keptEnd > after && !copying) {
                copying = true;
                copyStart = m_scratch.size();
                m_scratch.append(content, static_cast<std::size_t>(closing - content));
            } else if (copying) {
                m_scratch.append(q, static_cast<std::size_t>(closing - q));
            }
            if (copying) {
                m_scratch.append(after, static_cast<std::size_t>(keptEnd - after));
                m_copied.push_back({ row.fields.size(), copyStart, m_scratch.size() - copyStart });
                row.fields.push_back({ {}, column, true });
            } else {
                row.fields.push_back(
                    { std::string_view(content, static_cast<std::size_t>(closing - content)), column, true });
            }
            p = junkEnd;
        } else {
            const char* f = findEither(p, end, m_delim, '\n');
            std::string_view field(p, static_cast<std::size_t>(f - p));
            if ((f == end || *f == '\n') && !field.empty() && field.back() == '\r')
                field.remove_suffix(1);
            row.fields.push_back({ field, column });
            p = f;
        }
        if (p < end && *p == m_delim) {
            ++p;
            continue;
        }
        if (p == end) {
            if (!atEnd)
                return SplitStatus::NeedMore;
        } else {
            ++p; // the '\n'
            ++row.newlines;
        }
        break;
    }
    for (const Copied& c : m_copied)
        row.fields[c.field].text = std::string_view(m_scratch).substr(c.offset, c.length);
    pos = static_cast<std::size_t>(p - text.data());
    return SplitStatus::Row;
}

} // namespace od
