#pragma once
// The one kernel that AVX-512 changes in kind, not just in width: collecting the values outside
// a band. Its compress instructions write a group's hits as one store each for values and
// indices, with no branch; the four-lane kernels need a store per lane. Used by
// sumsCollectingOutside where the CPU has AVX-512 (see vector_kernels.cpp).

#include "vector_kernels.h"

#include <cstddef>

namespace od::kernels::avx512 {

// Whether this CPU (and the system, for the wide registers' state) runs AVX-512F, and the wide
// path is allowed.
bool available();

// Turns the wide path off (or back on), so that tests and benchmarks can run the four-lane
// kernels on a CPU that has AVX-512. On by default.
void allow(bool allowed);

// sumsCollectingOutside for the transform y = x - centre, over whole blocks of values from the
// start for as long as the room left holds a whole block; `done` says how many values that was
// (the caller takes the rest). Call only where available().
struct Blocks
{
    Sums sums;
    std::size_t done = 0;
    std::size_t written = 0;
};
Blocks sumsCollectingBlocks(const double* p, std::size_t n, double centre, double lo, double hi, std::size_t offset,
    std::size_t* indices, double* raw, std::size_t capacity);

} // namespace od::kernels::avx512
