#pragma once
// Makes present, ahead of the append, the pages of the series' reserved storage that the rows of
// the next block will be written to. A page first written costs a fault and the kernel's
// zeroing, which on a virtual machine is a large share of reading a big file; asked for in bulk
// (MADV_POPULATE_WRITE) it costs less, and split between the threads that parse it is no longer
// left to the one that appends. Contents never change: only page tables are filled in. Where
// the system cannot do this, nothing happens and the append faults the pages in as before.

#include "core/series.h"

#include <cstddef>
#include <vector>

namespace od {

class SeriesPrefault
{
public:
    // Plans the pages past each series' end, within its reserved capacity, that growing it by
    // `growth` times its present size would write.
    void plan(std::vector<Series>& series, double growth) { plan(series, 0.0, growth); }
    // The same for the rows after the next `skip` times each series' present size: pages for
    // an append that has not happened yet, planned before it starts.
    void plan(std::vector<Series>& series, double skip, double growth);
    // Makes present part `part` (0-based) of `parts` equal parts of the planned pages. Parts may
    // run at the same time on different threads.
    void populate(unsigned part, unsigned parts) const;
    void clear() { m_ranges.clear(); }

private:
    struct Range
    {
        char* begin;
        char* end;
    };
    template <typename T> void add(const std::vector<T>& v, std::size_t skip, std::size_t more);

    std::vector<Range> m_ranges;
};

} // namespace od
