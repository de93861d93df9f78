#include "core/csv/series_prefault.h"

#include <algorithm>
#include <cstdint>

#include <sys/mman.h>
#include <unistd.h>

namespace od {
namespace {

    std::uintptr_t pageSize()
    {
        static const auto size = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
        return size;
    }

} // namespace

template <typename T> void SeriesPrefault::add(const std::vector<T>& v, std::size_t skip, std::size_t more)
{
    // Whole pages only: the page holding the present end is in use already.
    const std::uintptr_t page = pageSize();
    const std::size_t first = std::min(v.capacity(), v.size() + skip);
    const auto from = reinterpret_cast<std::uintptr_t>(v.data() + first);
    const auto to = reinterpret_cast<std::uintptr_t>(v.data() + std::min(v.capacity(), first + more));
    const std::uintptr_t begin = (from + page - 1) / page * page;
    const std::uintptr_t end = to / page * page;
    if (end > begin)
        m_ranges.push_back({ reinterpret_cast<char*>(begin), reinterpret_cast<char*>(end) });
}

void SeriesPrefault::plan(std::vector<Series>& series, double skip, double growth)
{
    m_ranges.clear();
    for (Series& s : series) {
        const auto size = static_cast<double>(s.size());
        const auto skipped = static_cast<std::size_t>(size * skip);
        const auto more = static_cast<std::size_t>(size * growth);
        add(s.times.vector(), skipped, more); // empty for all but the first series of a wide file
        add(s.values, skipped, more);
    }
}

void SeriesPrefault::populate([[maybe_unused]] unsigned part, [[maybe_unused]] unsigned parts) const
{
#ifdef MADV_POPULATE_WRITE
    const std::uintptr_t page = pageSize();
    for (const Range& r : m_ranges) {
        // Each range cut at page boundaries into `parts` pieces: every thread gets a share of
        // every series.
        const std::uintptr_t pages
            = (reinterpret_cast<std::uintptr_t>(r.end) - reinterpret_cast<std::uintptr_t>(r.begin)) / page;
        char* const begin = r.begin + pages * part / parts * page;
        char* const end = r.begin + pages * (part + 1) / parts * page;
        if (end > begin)
            ::madvise(begin, static_cast<std::size_t>(end - begin), MADV_POPULATE_WRITE); // a failure changes nothing
    }
#endif
}

} // namespace od
