#pragma once
// The one kernel that the wider instruction sets change in kind, not just in width: collecting
// the values outside a band. AVX-512's compress instructions, or on AVX2 a permutation looked up
// by the group's mask ("left-packing"), write a group's hits with one store for the values and
// one for the indices, and no branch; the portable four-lane kernel needs a store per lane and a
// branch per group, which costs more than the pass it saves. Used by sumsCollectingOutside (see
// vector_kernels.cpp); chosen at run time.

#include "core/kernels/vector_kernels.h"

#include <cstddef>

namespace od::kernels::wide {

enum class Path {
    Portable, // the four-lane vector-extension kernels only
    Avx2, // left-packing through a permutation table
    Avx512, // compress instructions
};

// The widest path this CPU (and the system, for the registers' state) runs, within the cap.
Path widest();

// Caps the path (Avx512 by default), so that tests and benchmarks can run the narrower kernels
// on a CPU that has the wider ones.
void cap(Path widestAllowed);

// sumsCollectingOutside for the transform y = x - centre, over whole blocks of values from the
// start for as long as the room left holds a whole block; `done` says how many values that was
// (the caller takes the rest). Call only when widest() is not Portable.
struct Blocks
{
    Sums sums;
    std::size_t done = 0;
    std::size_t written = 0;
};
Blocks sumsCollectingBlocks(const double* p, std::size_t n, double centre, double lo, double hi, std::size_t offset,
    std::size_t* indices, double* raw, std::size_t capacity);

} // namespace od::kernels::wide
